//! Order flows: status and tracking, cancellation, returns and return status —
//! all behind verification with the order number and the email on the order.

use super::catalog::content_words;
use super::{
    goal_intent, Assistant, Confirmable, OrderGoal, Out, Pending, VerifiedOrder, MAX_FAILED_LOOKUPS,
};
use crate::entities::{Entities, Filter};
use crate::intent::Intent;
use crate::store::rules::{check_cancel, check_return, returnable_quantity};
use crate::store::{
    CancelRefusal, NewReturn, Order, OrderStatus, Product, Return, ReturnLine, ReturnRefusal,
    ReturnStatus, Store, StoreError,
};

impl<S: Store> Assistant<S> {
    fn contact_line(&self) -> String {
        let s = &self.store.settings().support;
        let mut parts = Vec::new();
        if let Some(e) = &s.email {
            parts.push(e.clone());
        }
        if let Some(p) = &s.phone {
            parts.push(p.clone());
        }
        if parts.is_empty() {
            if let Some(u) = &s.url {
                parts.push(u.clone());
            }
        }
        self.join(&parts)
    }

    /// Runs an order goal: asks for what is missing (number, then email),
    /// verifies, then performs the goal. Nothing about an order — not even
    /// whether it exists — is said before the number and the email match.
    pub(crate) async fn order_flow(
        &mut self,
        goal: OrderGoal,
        number: Option<String>,
        email: Option<String>,
    ) -> Out {
        let intent = goal_intent(&goal);
        let verified = self.session.verified.clone();
        let number = number.or_else(|| verified.as_ref().map(|v| v.order_id.clone()));
        let Some(number) = number else {
            self.session.context.pending = Some(Pending::OrderNumber { goal });
            let (en, zh) = match intent {
                Intent::OrderCancel => ("Sure — which order would you like to cancel? Please give me the order number.", "好的，请问要取消哪个订单？请提供订单号。"),
                Intent::ReturnRequest => ("I can help with a return. What's the order number?", "可以帮您办理退货。请问订单号是多少？"),
                Intent::ReturnStatus => ("I can check your return. What's the order number?", "可以帮您查询退货进度。请问订单号是多少？"),
                _ => ("I can check that for you. What's your order number? It's in your confirmation email.", "可以帮您查询。请问订单号是多少？订单号在您的确认邮件里。"),
            };
            return Out::new(intent, self.t(en, zh));
        };
        if self.session.failed_lookups >= MAX_FAILED_LOOKUPS {
            return Out::new(
                intent,
                self.t(
                    format!("For your security I can't look up more orders in this chat. Please contact us at {} and we'll help you right away.", self.contact_line()),
                    format!("为了您的账户安全，本次对话无法继续查询订单。请通过 {} 联系我们，我们会尽快为您处理。", self.contact_line()),
                ),
            );
        }
        let email = email.or_else(|| verified.as_ref().map(|v| v.email.clone()));
        let Some(email) = email else {
            let text = self.t(
                format!("Thanks. To protect your privacy, please also tell me the email address you used for order #{number}."),
                format!("谢谢。为保护您的隐私，请再提供订单 #{number} 下单时使用的邮箱地址。"),
            );
            return self.ask_email(intent, &number, goal, text);
        };
        let found = match self.store.find_order(&number, &email).await {
            Ok(found) => found,
            Err(e) => return self.store_trouble(intent, &e),
        };
        let Some(order) = found else {
            self.session.failed_lookups = self.session.failed_lookups.saturating_add(1);
            if verified
                .as_ref()
                .is_some_and(|v| v.email == email && v.order_id != number)
            {
                // tried the email we know with a new number: ask instead of guessing
                let text = self.t(
                    format!(
                        "To look up order #{number}, please tell me the email address used for it."
                    ),
                    format!("要查询订单 #{number}，请提供该订单下单时使用的邮箱地址。"),
                );
                return self.ask_email(intent, &number, goal, text);
            }
            self.session.context.pending = Some(Pending::OrderNumber { goal });
            return Out::new(
                intent,
                self.t(
                    "I couldn't find an order with that number and email address. Please check both and try again — the order number is in your confirmation email.",
                    "没有找到与该订单号和邮箱匹配的订单。请核对后重试——订单号在您的确认邮件里。",
                ),
            );
        };
        self.session.verified = Some(VerifiedOrder {
            order_id: order.id.clone(),
            email: email.clone(),
        });
        match goal {
            OrderGoal::Status => self.describe_order(&order).await,
            OrderGoal::Cancel => self.ask_cancel(&order),
            OrderGoal::Return { hint } => self.start_return(order, &email, &hint).await,
            OrderGoal::ReturnStatus => self.return_status(&order, &email).await,
        }
    }

    /// The verification of `order_id` in this conversation, if any.
    fn verified_for(&self, order_id: &str) -> Option<VerifiedOrder> {
        self.session
            .verified
            .clone()
            .filter(|v| v.order_id == order_id)
    }

    /// Waits for the email on order `number` before anything about it is said.
    fn ask_email(&mut self, intent: Intent, number: &str, goal: OrderGoal, text: String) -> Out {
        self.session.context.pending = Some(Pending::Email {
            order_id: number.to_string(),
            goal,
        });
        Out::new(intent, text)
    }

    fn store_trouble(&self, intent: Intent, e: &StoreError) -> Out {
        let _ = e;
        Out::new(
            intent,
            self.t(
                format!("Sorry, I can't reach the order system right now. Please try again in a moment, or contact us at {}.", self.contact_line()),
                format!("抱歉，暂时无法连接订单系统。请稍后再试，或通过 {} 联系我们。", self.contact_line()),
            ),
        )
    }

    async fn line_names(&self, order: &Order) -> Vec<String> {
        let mut names = Vec::new();
        for line in &order.lines {
            names.push(
                self.order_line_name(&line.product_id, &line.variant_id, line.quantity)
                    .await,
            );
        }
        names
    }

    async fn order_line_name(&self, product_id: &str, variant_id: &str, quantity: u32) -> String {
        let name = match self.product(product_id).await {
            Some(p) => match p.variant(variant_id) {
                Some(v) if !p.options.is_empty() => {
                    self.with_detail(&self.title(&p), &p.variant_label(v, self.lang))
                }
                _ => self.title(&p),
            },
            None => variant_id.to_string(),
        };
        format!("{quantity} × {name}")
    }

    async fn describe_order(&mut self, order: &Order) -> Out {
        let items = self.line_names(order).await;
        let id = &order.id;
        let placed = self.date(order.placed);
        let mut text = match order.status {
            OrderStatus::Processing => self.t(
                format!("Order #{id} (placed {placed}) is being prepared and hasn't shipped yet."),
                format!("订单 #{id}（{placed}下单）正在备货，尚未发货。"),
            ),
            OrderStatus::Shipped => {
                let shipped = order.shipped.map(|d| self.date(d)).unwrap_or_default();
                let carrier = order
                    .carrier
                    .clone()
                    .unwrap_or_else(|| self.t("the carrier", "快递公司"));
                self.t(
                    format!("Order #{id} shipped on {shipped} with {carrier}."),
                    format!("订单 #{id} 已于{shipped}通过{carrier}发货。"),
                )
            }
            OrderStatus::Delivered => {
                let delivered = order.delivered.map(|d| self.date(d)).unwrap_or_default();
                self.t(
                    format!("Order #{id} was delivered on {delivered}."),
                    format!("订单 #{id} 已于{delivered}送达。"),
                )
            }
            OrderStatus::Cancelled => {
                let cancelled = order.cancelled.map(|d| self.date(d)).unwrap_or_default();
                self.t(
                    format!("Order #{id} was cancelled on {cancelled}."),
                    format!("订单 #{id} 已于{cancelled}取消。"),
                )
            }
        };
        if matches!(order.status, OrderStatus::Processing | OrderStatus::Shipped) {
            if let Some(eta) = order.estimated_delivery {
                text.push_str(&self.t(
                    format!(" Estimated delivery: {}.", self.date(eta)),
                    format!("预计送达：{}。", self.date(eta)),
                ));
            }
        }
        if matches!(order.status, OrderStatus::Shipped | OrderStatus::Delivered) {
            if let Some(n) = &order.tracking_number {
                text.push_str(&self.t(format!("\nTracking number: {n}"), format!("\n运单号：{n}")));
                if let Some(u) = &order.tracking_url {
                    text.push_str(
                        &self.t(format!(" — track it here: {u}"), format!("，查询物流：{u}")),
                    );
                }
            }
        }
        text.push_str(&self.t(
            format!(
                "\nItems: {}. Total paid: {}.",
                self.join(&items),
                self.money(order.total())
            ),
            format!(
                "\n商品：{}。实付：{}。",
                self.join(&items),
                self.money(order.total())
            ),
        ));
        let suggestions = match order.status {
            OrderStatus::Processing => vec![self.t("Cancel this order", "取消这个订单")],
            OrderStatus::Delivered => vec![
                self.t("Return an item", "我要退货"),
                self.t("Return policy", "退货政策"),
            ],
            _ => vec![self.t("Talk to a person", "转人工")],
        };
        Out::new(Intent::OrderStatus, text).suggest(suggestions)
    }

    fn ask_cancel(&mut self, order: &Order) -> Out {
        let id = &order.id;
        match check_cancel(order) {
            Ok(()) => {
                self.session.context.pending = Some(Pending::Confirm {
                    action: Confirmable::CancelOrder {
                        order_id: id.clone(),
                    },
                });
                let count = order.item_count();
                Out::new(
                    Intent::OrderCancel,
                    self.t(
                        format!(
                            "Order #{id} hasn't shipped yet, so it can be cancelled ({count} item{}, {}). Cancel it? This can't be undone.",
                            if count == 1 { "" } else { "s" },
                            self.money(order.total())
                        ),
                        format!("订单 #{id} 尚未发货，可以取消（共{count}件，{}）。确定要取消吗？取消后无法恢复。", self.money(order.total())),
                    ),
                )
                .suggest([self.t("Yes, cancel it", "确定取消"), self.t("No, keep it", "不取消了")])
            }
            Err(refusal) => Out::new(Intent::OrderCancel, self.cancel_refusal_text(id, &refusal))
                .suggest([self.t("Return policy", "退货政策")]),
        }
    }

    fn cancel_refusal_text(&self, id: &str, refusal: &CancelRefusal) -> String {
        match refusal {
            CancelRefusal::Shipped { shipped } => {
                let when = shipped.map(|d| self.date(d)).unwrap_or_default();
                self.t(
                    format!("Order #{id} already shipped on {when}, so it can no longer be cancelled. Once it arrives you can return it for a refund."),
                    format!("订单 #{id} 已于{when}发货，无法再取消。收到货后可以申请退货退款。"),
                )
            }
            CancelRefusal::Delivered { delivered } => {
                let when = delivered.map(|d| self.date(d)).unwrap_or_default();
                self.t(
                    format!("Order #{id} was already delivered on {when}, so it can't be cancelled — but you can return it."),
                    format!("订单 #{id} 已于{when}送达，无法取消，但可以申请退货。"),
                )
            }
            CancelRefusal::AlreadyCancelled { cancelled } => {
                let when = cancelled.map(|d| self.date(d)).unwrap_or_default();
                self.t(
                    format!("Order #{id} was already cancelled on {when}."),
                    format!("订单 #{id} 已于{when}取消。"),
                )
            }
        }
    }

    /// The shopper confirmed cancelling `order_id`.
    pub(crate) async fn confirm_cancel(&mut self, order_id: &str) -> Out {
        let Some(v) = self.verified_for(order_id) else {
            return self
                .order_flow(OrderGoal::Cancel, Some(order_id.to_string()), None)
                .await;
        };
        match self.store.cancel_order(order_id, &v.email, self.today).await {
            Ok(order) => Out::new(
                Intent::OrderCancel,
                self.t(
                    format!("Done — order #{} is cancelled. Your refund of {} goes back to your original payment method within 5–7 business days.", order.id, self.money(order.total())),
                    format!("已取消订单 #{}。{}将在5–7个工作日内原路退回。", order.id, self.money(order.total())),
                ),
            ),
            Err(StoreError::CannotCancel(r)) => Out::new(Intent::OrderCancel, self.cancel_refusal_text(order_id, &r)),
            Err(e) => self.store_trouble(Intent::OrderCancel, &e),
        }
    }

    async fn start_return(&mut self, order: Order, email: &str, hint: &str) -> Out {
        let id = order.id.clone();
        let policy = match self.store.policies().await {
            Ok(p) => p.returns,
            Err(e) => return self.store_trouble(Intent::ReturnRequest, &e),
        };
        match order.status {
            OrderStatus::Processing => {
                return Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        format!("Order #{id} hasn't shipped yet, so there's nothing to return — I can cancel it instead if you like."),
                        format!("订单 #{id} 尚未发货，无需退货——如有需要，我可以帮您直接取消订单。"),
                    ),
                )
                .suggest([self.t("Cancel this order", "取消这个订单")]);
            }
            OrderStatus::Shipped => {
                return Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        format!("Order #{id} is still on its way. Once it's delivered you can return it within {} days.", policy.window_days),
                        format!("订单 #{id} 还在运输途中。送达后{}天内可以申请退货。", policy.window_days),
                    ),
                );
            }
            OrderStatus::Cancelled => {
                return Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        format!("Order #{id} was cancelled, so there's nothing to return."),
                        format!("订单 #{id} 已取消，无需退货。"),
                    ),
                );
            }
            OrderStatus::Delivered => {}
        }
        let existing = self
            .store
            .returns_for_order(&id, email)
            .await
            .unwrap_or_default();
        // which line? named in the message, or the only one
        let mut candidates: Vec<String> =
            order.lines.iter().map(|l| l.variant_id.clone()).collect();
        candidates.dedup();
        let named = self.order_lines_named(&order, hint).await;
        let chosen = match (named.as_slice(), candidates.as_slice()) {
            ([one], _) => Some(one.clone()),
            (_, [only]) => Some(only.clone()),
            _ => None,
        };
        match chosen {
            Some(variant_id) => {
                self.check_and_confirm_return(&order, &variant_id, &existing, &policy)
                    .await
            }
            None => {
                // the window and "delivered" rules apply to every line: explain those first
                if let Some(first) = candidates.first() {
                    if let Err(r @ ReturnRefusal::WindowClosed { .. }) =
                        check_return(&order, first, 1, None, &policy, &existing, self.today)
                    {
                        return Out::new(
                            Intent::ReturnRequest,
                            self.return_refusal_text(&id, "", &r),
                        )
                        .suggest([self.t("Talk to a person", "转人工")]);
                    }
                }
                let mut names = Vec::new();
                for v in &candidates {
                    let line = order.lines.iter().find(|l| &l.variant_id == v);
                    if let Some(l) = line {
                        names.push(
                            self.order_line_name(&l.product_id, &l.variant_id, l.quantity)
                                .await,
                        );
                    }
                }
                let list = Self::numbered(&names);
                self.session.context.pending = Some(Pending::ReturnItem {
                    order_id: id.clone(),
                    candidates: candidates.clone(),
                });
                Out::new(
                    Intent::ReturnRequest,
                    format!(
                        "{}\n{list}",
                        self.t(
                            format!("Which item from order #{id} would you like to return?"),
                            format!("订单 #{id} 中您想退哪件商品？")
                        )
                    ),
                )
                .suggest(names)
            }
        }
    }

    /// Order lines whose product the text names.
    async fn order_lines_named(&self, order: &Order, text: &str) -> Vec<String> {
        if content_words(text) == 0 {
            return Vec::new();
        }
        let hits = self.search_hits(text, Filter::default(), 50).await;
        let in_order: Vec<_> = hits
            .iter()
            .filter(|h| h.score > 0.0 && order.lines.iter().any(|l| l.product_id == h.product.id))
            .collect();
        let Some(top) = in_order.first().map(|h| h.score) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for h in in_order.iter().filter(|h| h.score >= top * 0.8) {
            for l in order.lines.iter().filter(|l| l.product_id == h.product.id) {
                if !out.contains(&l.variant_id) {
                    out.push(l.variant_id.clone());
                }
            }
        }
        out
    }

    async fn check_and_confirm_return(
        &mut self,
        order: &Order,
        variant_id: &str,
        existing: &[Return],
        policy: &crate::store::ReturnPolicy,
    ) -> Out {
        let line = order.lines.iter().find(|l| l.variant_id == variant_id);
        let product: Option<Product> = match line {
            Some(l) => self.product(&l.product_id).await,
            None => None,
        };
        let quantity = returnable_quantity(order, variant_id, existing).max(1);
        let name = match line {
            Some(l) => {
                self.order_line_name(&l.product_id, &l.variant_id, quantity)
                    .await
            }
            None => variant_id.to_string(),
        };
        match check_return(
            order,
            variant_id,
            quantity,
            product.as_ref(),
            policy,
            existing,
            self.today,
        ) {
            Ok(()) => {
                let unit = line.map_or(0, |l| l.unit_price);
                let refund = self.money(unit.saturating_mul(i64::from(quantity)));
                let last_day = order
                    .delivered
                    .map(|d| self.date(crate::store::rules::last_return_day(d, policy)))
                    .unwrap_or_default();
                self.session.context.pending = Some(Pending::Confirm {
                    action: Confirmable::SubmitReturn {
                        order_id: order.id.clone(),
                        variant_id: variant_id.to_string(),
                        quantity,
                    },
                });
                Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        format!("{name} from order #{} can be returned (the return window is open until {last_day}). Refund: {refund}. Shall I submit the return request?", order.id),
                        format!("订单 #{} 中的{name}可以退货（退货期限至{last_day}），退款金额{refund}。要提交退货申请吗？", order.id),
                    ),
                )
                .suggest([self.t("Yes, submit it", "确认提交"), self.t("No", "不用了")])
            }
            Err(r) => Out::new(
                Intent::ReturnRequest,
                self.return_refusal_text(&order.id, &name, &r),
            )
            .suggest([
                self.t("Return policy", "退货政策"),
                self.t("Talk to a person", "转人工"),
            ]),
        }
    }

    fn return_refusal_text(&self, id: &str, name: &str, refusal: &ReturnRefusal) -> String {
        match refusal {
            ReturnRefusal::WindowClosed { delivered, window_days, days_since, .. } => self.t(
                format!(
                    "Sorry, order #{id} can't be returned: it was delivered on {} — {days_since} days ago — and our return window is {window_days} days from delivery.",
                    self.date(*delivered)
                ),
                format!("抱歉，订单 #{id} 无法退货：该订单于{}送达，已过去{days_since}天，超过了送达后{window_days}天的退货期限。", self.date(*delivered)),
            ),
            ReturnRefusal::NonReturnable { .. } => self.t(
                format!("Sorry, {name} is a final-sale item and can't be returned."),
                format!("抱歉，{name}属于清仓商品，不支持退货。"),
            ),
            ReturnRefusal::AlreadyReturned { return_id } => self.t(
                format!("{name} already has a return ({return_id}). Ask me about its status any time."),
                format!("{name}已经有退货申请（{return_id}），可以随时问我进度。"),
            ),
            ReturnRefusal::NotDelivered { .. } => self.t(
                format!("Order #{id} hasn't been delivered yet, so it can't be returned yet."),
                format!("订单 #{id} 尚未送达，暂时无法退货。"),
            ),
            ReturnRefusal::NotInOrder => self.t(format!("That item isn't part of order #{id}."), format!("该商品不在订单 #{id} 中。")),
            ReturnRefusal::TooMany { max } => self.t(format!("At most {max} can be returned."), format!("最多可退{max}件。")),
            ReturnRefusal::Empty => self.t("A return needs at least one item.", "退货至少需要一件商品。"),
        }
    }

    /// Reads an answer to "which item would you like to return?".
    pub(crate) async fn choose_return_item(
        &mut self,
        order_id: String,
        candidates: Vec<String>,
        ents: &Entities,
        short: bool,
    ) -> Option<Out> {
        let v = self.verified_for(&order_id)?;
        let order = self
            .store
            .find_order(&order_id, &v.email)
            .await
            .ok()
            .flatten()?;
        let mut chosen = ents
            .ordinal
            .and_then(|o| o.index(candidates.len()))
            .and_then(|i| candidates.get(i).cloned());
        if chosen.is_none() {
            let named: Vec<String> = self
                .order_lines_named(&order, &ents.residual)
                .await
                .into_iter()
                .filter(|n| candidates.contains(n))
                .collect();
            if let [one] = named.as_slice() {
                chosen = Some(one.clone());
            }
        }
        match chosen {
            Some(variant_id) => {
                let existing = self
                    .store
                    .returns_for_order(&order_id, &v.email)
                    .await
                    .unwrap_or_default();
                let policy = self.store.policies().await.ok()?.returns;
                Some(
                    self.check_and_confirm_return(&order, &variant_id, &existing, &policy)
                        .await,
                )
            }
            None if short => {
                self.session.context.pending = Some(Pending::ReturnItem {
                    order_id,
                    candidates,
                });
                Some(Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        "Which item? You can say \"the first one\" or name it.",
                        "请问是哪件？可以说「第一个」或直接说商品名。",
                    ),
                ))
            }
            None => None,
        }
    }

    /// The shopper confirmed submitting a return.
    pub(crate) async fn confirm_return(
        &mut self,
        order_id: &str,
        variant_id: &str,
        quantity: u32,
    ) -> Out {
        let Some(v) = self.verified_for(order_id) else {
            return self
                .order_flow(
                    OrderGoal::Return {
                        hint: String::new(),
                    },
                    Some(order_id.to_string()),
                    None,
                )
                .await;
        };
        let request = NewReturn {
            order_id: order_id.to_string(),
            email: v.email.clone(),
            lines: vec![ReturnLine {
                variant_id: variant_id.to_string(),
                quantity,
            }],
            reason: None,
        };
        match self.store.create_return(request, self.today).await {
            Ok(ret) => {
                let refund = ret.refund_amount.map(|a| self.money(a)).unwrap_or_default();
                let how = self
                    .store
                    .policies()
                    .await
                    .map(|p| p.returns.refund.get(self.lang).to_string())
                    .unwrap_or_default();
                Out::new(
                    Intent::ReturnRequest,
                    self.t(
                        format!("Done — return {} is requested for order #{order_id}. We'll email you a prepaid return label. Refund: {refund}. {how}", ret.id),
                        format!("已提交退货申请 {}（订单 #{order_id}）。我们会通过邮件发送预付退货面单。退款金额：{refund}。{how}", ret.id),
                    ),
                )
                .suggest([self.t("Check my return status", "查询退货进度")])
            }
            Err(StoreError::ReturnRefused(r)) => Out::new(
                Intent::ReturnRequest,
                self.return_refusal_text(order_id, "", &r),
            ),
            Err(e) => self.store_trouble(Intent::ReturnRequest, &e),
        }
    }

    async fn return_status(&mut self, order: &Order, email: &str) -> Out {
        let returns = match self.store.returns_for_order(&order.id, email).await {
            Ok(r) => r,
            Err(e) => return self.store_trouble(Intent::ReturnStatus, &e),
        };
        if returns.is_empty() {
            return Out::new(
                Intent::ReturnStatus,
                self.t(
                    format!("There are no returns for order #{}.", order.id),
                    format!("订单 #{} 没有退货记录。", order.id),
                ),
            )
            .suggest([self.t("Return an item", "我要退货")]);
        }
        let mut lines = Vec::new();
        for r in &returns {
            let mut items = Vec::new();
            for l in &r.lines {
                let pid = order
                    .lines
                    .iter()
                    .find(|x| x.variant_id == l.variant_id)
                    .map(|x| x.product_id.clone())
                    .unwrap_or_default();
                items.push(self.order_line_name(&pid, &l.variant_id, l.quantity).await);
            }
            let items = self.join(&items);
            let amount = r.refund_amount.map(|a| self.money(a)).unwrap_or_default();
            let requested = self.date(r.requested);
            let line = match r.status {
                ReturnStatus::Requested => self.t(
                    format!("Return {} ({items}): requested on {requested}; we're waiting for the item to be sent back.", r.id),
                    format!("退货 {}（{items}）：已于{requested}申请，等待您寄回商品。", r.id),
                ),
                ReturnStatus::Approved => self.t(
                    format!("Return {} ({items}): approved — please send the item back with the prepaid label.", r.id),
                    format!("退货 {}（{items}）：已批准，请使用预付面单寄回商品。", r.id),
                ),
                ReturnStatus::Received => self.t(
                    format!("Return {} ({items}): we've received the item; your refund of {amount} is being processed.", r.id),
                    format!("退货 {}（{items}）：我们已收到商品，{amount}退款正在处理中。", r.id),
                ),
                ReturnStatus::Refunded => {
                    let when = r.refunded.map(|d| self.date(d)).unwrap_or_default();
                    self.t(
                        format!("Return {} ({items}): refunded {amount} on {when} to your original payment method.", r.id),
                        format!("退货 {}（{items}）：已于{when}原路退款{amount}。", r.id),
                    )
                }
                ReturnStatus::Rejected => {
                    let why = r.note.as_ref().map(|n| n.get(self.lang).to_string()).unwrap_or_default();
                    self.t(
                        format!("Return {} ({items}): not accepted. {why}", r.id),
                        format!("退货 {}（{items}）：未通过。{why}", r.id),
                    )
                }
            };
            lines.push(line.trim_end().to_string());
        }
        Out::new(Intent::ReturnStatus, lines.join("\n"))
            .suggest([self.t("Talk to a person", "转人工")])
    }
}
