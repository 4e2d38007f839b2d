//! Answers from the shop's data: greetings, return policy, shipping, payment,
//! promotions, hand-off to a person, and what the assistant cannot do.

use super::catalog::Resolved;
use super::{Assistant, Handoff, OrderGoal, Out};
use crate::entities::{lexicon, Entities};
use crate::intent::Intent;
use crate::store::{Localized, Store};
use crate::text::{normalize, Lang};

/// True when the normalised message names one of `names` (any language).
fn names_any<'a>(normalized: &str, names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|n| {
        let n = normalize(n);
        if n.is_empty() {
            false
        } else if n.is_ascii() {
            lexicon::contains_word(normalized, &n)
        } else {
            normalized.contains(&n)
        }
    })
}

fn localized_names(l: &Localized) -> impl Iterator<Item = &str> {
    l.texts()
}

impl<S: Store> Assistant<S> {
    pub(crate) fn greet(&mut self) -> Out {
        let name = self.store.settings().name.get(self.lang).to_string();
        Out::new(
            Intent::Greet,
            self.t(
                format!("Hi there! Welcome to {name}. I can help you find products, check stock, manage your cart, track orders and handle returns. What are you looking for?"),
                format!("您好！欢迎光临{name}。我可以帮您找商品、查库存、管理购物车、查询订单和办理退货。想找点什么？"),
            ),
        )
        .suggest(self.starter_suggestions())
    }

    pub(crate) fn thanks_bye(&mut self) -> Out {
        let cart = if self.session.cart.is_empty() {
            String::new()
        } else {
            self.t(
                " Your cart is saved for when you come back.",
                "您的购物车已为您保存。",
            )
        };
        Out::new(
            Intent::ThanksBye,
            self.t(
                format!("You're welcome — happy to help!{cart} Have a great day."),
                format!("不客气，很高兴为您服务！{cart}祝您愉快。"),
            ),
        )
    }

    /// `return_policy`.
    pub(crate) async fn return_policy(&mut self) -> Out {
        let Ok(policies) = self.store.policies().await else {
            return self.unavailable(Intent::ReturnPolicy);
        };
        let r = &policies.returns;
        let mut text = self.t(
            format!(
                "You can return items within {} days of delivery.",
                r.window_days
            ),
            format!("商品送达后{}天内可以退货。", r.window_days),
        );
        let conditions: Vec<String> = r
            .conditions
            .iter()
            .map(|c| format!("• {}", c.get(self.lang)))
            .collect();
        if !conditions.is_empty() {
            text.push('\n');
            text.push_str(&conditions.join("\n"));
        }
        if !r.non_returnable_tags.is_empty() {
            text.push_str(&self.t(
                "\n• Final-sale items can't be returned.",
                "\n• 清仓（final sale）商品不支持退货。",
            ));
        }
        text.push('\n');
        text.push_str(r.refund.get(self.lang));
        if let Some(x) = &r.exchanges {
            text.push('\n');
            text.push_str(x.get(self.lang));
        }
        Out::new(Intent::ReturnPolicy, text).suggest([
            self.t("Return an item", "我要退货"),
            self.t("Check my return status", "查询退货进度"),
        ])
    }

    /// `shipping_info`: the options for the region named, or all of them.
    pub(crate) async fn shipping(&mut self, ents: &Entities) -> Out {
        let Ok(policies) = self.store.policies().await else {
            return self.unavailable(Intent::ShippingInfo);
        };
        let s = &policies.shipping;
        let region = s.regions.iter().find(|r| {
            names_any(
                &ents.normalized,
                localized_names(&r.name).chain(r.aliases.iter().map(String::as_str)),
            )
        });
        let options: Vec<_> = s
            .options
            .iter()
            .filter(|o| region.is_none_or(|r| o.regions.contains(&r.code)))
            .collect();
        let option_line = |o: &crate::store::ShippingOption| {
            let free = match (o.free_over_threshold, s.free_shipping_threshold) {
                (true, Some(t)) => self.t(
                    format!(", free over {}", self.money(t)),
                    format!("，满{}包邮", self.money(t)),
                ),
                _ => String::new(),
            };
            self.t(
                format!(
                    "• {} — {}{free}, {}–{} business days",
                    o.name.get(Lang::En),
                    self.money(o.cost),
                    o.min_days,
                    o.max_days
                ),
                format!(
                    "• {}：{}{free}，{}–{}个工作日送达",
                    o.name.get(Lang::Zh),
                    self.money(o.cost),
                    o.min_days,
                    o.max_days
                ),
            )
        };
        let mut text = match region {
            Some(r) => self.t(
                format!("Yes, we ship to {}:", r.name.get(Lang::En)),
                format!("可以寄到{}：", r.name.get(Lang::Zh)),
            ),
            None => {
                let names: Vec<String> = s
                    .regions
                    .iter()
                    .map(|r| r.name.get(self.lang).to_string())
                    .collect();
                let mut t = self.t(
                    format!("We ship to {}.", self.join(&names)),
                    format!("我们配送至{}。", self.join(&names)),
                );
                if let Some(th) = s.free_shipping_threshold {
                    t.push_str(&self.t(
                        format!(
                            " Standard shipping is free on orders over {}.",
                            self.money(th)
                        ),
                        format!("订单满{}免标准运费。", self.money(th)),
                    ));
                }
                t.push_str(&self.t(" Options:", "配送方式："));
                t
            }
        };
        for o in options {
            text.push('\n');
            text.push_str(&option_line(o));
        }
        for n in &s.notes {
            text.push('\n');
            text.push_str(n.get(self.lang));
        }
        if let Some(th) = s.free_shipping_threshold {
            let subtotal = self.cart_view.total;
            if subtotal > 0 && subtotal < th {
                text.push_str(&self.t(
                    format!(
                        "\nYour cart is {} away from free shipping.",
                        self.money(th - subtotal)
                    ),
                    format!("\n您的购物车再买{}即可包邮。", self.money(th - subtotal)),
                ));
            }
        }
        Out::new(Intent::ShippingInfo, text).suggest([
            self.t("Return policy", "退货政策"),
            self.t("Payment methods", "支持哪些支付方式"),
        ])
    }

    /// `payment_info`: whether a named method is accepted, help with declined
    /// payments and security, or the list of methods.
    pub(crate) async fn payment(&mut self, ents: &Entities) -> Out {
        let Ok(policies) = self.store.policies().await else {
            return self.unavailable(Intent::PaymentInfo);
        };
        let p = &policies.payment;
        let accepted: Vec<String> = p
            .methods
            .iter()
            .filter(|m| m.accepted)
            .map(|m| m.name.get(self.lang).to_string())
            .collect();
        let named = p.methods.iter().find(|m| {
            names_any(
                &ents.normalized,
                localized_names(&m.name).chain(m.aliases.iter().map(String::as_str)),
            )
        });
        let trouble = names_any(
            &ents.normalized,
            [
                "declined",
                "decline",
                "failed",
                "fail",
                "error",
                "rejected",
                "didnt go through",
                "not working",
                "被拒",
                "失败",
                "扣款",
                "付不了",
                "支付不了",
                "付款失败",
            ],
        );
        let safety = names_any(
            &ents.normalized,
            [
                "safe", "secure", "security", "fraud", "安全", "靠谱", "泄露",
            ],
        );
        let mut text = match named {
            Some(m) if m.accepted => self.t(
                format!("Yes, we accept {}.", m.name.get(Lang::En)),
                format!("支持，我们接受{}。", m.name.get(Lang::Zh)),
            ),
            Some(m) => self.t(
                format!(
                    "Sorry, we don't accept {}. You can pay with: {}.",
                    m.name.get(Lang::En),
                    self.join(&accepted)
                ),
                format!(
                    "抱歉，暂不支持{}。可以使用：{}。",
                    m.name.get(Lang::Zh),
                    self.join(&accepted)
                ),
            ),
            None => self.t(
                format!("We accept: {}.", self.join(&accepted)),
                format!("我们支持以下支付方式：{}。", self.join(&accepted)),
            ),
        };
        if let Some(note) = named.and_then(|m| m.note.as_ref()) {
            text.push(' ');
            text.push_str(note.get(self.lang));
        }
        if trouble || safety {
            for n in &p.notes {
                text.push('\n');
                text.push_str(n.get(self.lang));
            }
        } else if let Some(n) = p.notes.first() {
            text.push('\n');
            text.push_str(n.get(self.lang));
        }
        Out::new(Intent::PaymentInfo, text).suggest([
            self.t("Any discount codes?", "有优惠码吗？"),
            self.t("Checkout", "去结算"),
        ])
    }

    /// `promotions`: the promotions running today.
    pub(crate) async fn promotions(&mut self) -> Out {
        let Ok(policies) = self.store.policies().await else {
            return self.unavailable(Intent::Promotions);
        };
        let active: Vec<_> = policies
            .promotions
            .iter()
            .filter(|p| p.is_active(self.today))
            .collect();
        if active.is_empty() {
            return Out::new(
                Intent::Promotions,
                self.t("There are no promotions running right now — but standard shipping is free over the threshold shown at checkout.", "目前没有进行中的优惠活动。"),
            );
        }
        let lines: Vec<String> = active
            .iter()
            .map(|p| {
                let until = self.date(p.ends);
                let desc = p.description.get(self.lang);
                match &p.code {
                    Some(code) => self.t(
                        format!("• Code {code}: {desc} (until {until})"),
                        format!("• 优惠码 {code}：{desc}（截至{until}）"),
                    ),
                    None => self.t(
                        format!("• {desc} (until {until}, no code needed)"),
                        format!("• {desc}（截至{until}，无需优惠码）"),
                    ),
                }
            })
            .collect();
        let text = format!(
            "{}\n{}\n{}",
            self.t("Current promotions:", "当前优惠活动："),
            lines.join("\n"),
            self.t("Enter the code at checkout.", "结算时输入优惠码即可。")
        );
        Out::new(Intent::Promotions, text).suggest([
            self.t("Show me bestsellers", "看看热销商品"),
            self.t("Checkout", "去结算"),
        ])
    }

    fn unavailable(&self, intent: Intent) -> Out {
        Out::new(intent, self.t("Sorry, I can't load the shop's information right now — please try again in a moment.", "抱歉，暂时无法读取店铺信息，请稍后再试。"))
    }

    fn summary(&self) -> String {
        let mut lines = Vec::new();
        let topic = self.session.context.topic.map(|t| self.topic_name(t));
        if let Some(t) = topic {
            lines.push(self.t(format!("Topic: {t}"), format!("主题：{t}")));
        }
        if let Some(v) = &self.session.verified {
            lines.push(self.t(
                format!("Order: #{} (verified with {})", v.order_id, v.email),
                format!("订单：#{}（已用 {} 验证）", v.order_id, v.email),
            ));
        }
        if !self.cart_view.items.is_empty() {
            let items: Vec<String> = self
                .cart_view
                .items
                .iter()
                .map(|i| format!("{} × {}", i.quantity, i.title))
                .collect();
            lines.push(self.t(
                format!(
                    "Cart: {} ({})",
                    self.join(&items),
                    self.cart_view.total_text
                ),
                format!(
                    "购物车：{}（{}）",
                    self.join(&items),
                    self.cart_view.total_text
                ),
            ));
        }
        let said: Vec<String> = self
            .session
            .transcript
            .iter()
            .filter(|t| t.shopper)
            .rev()
            .skip(1)
            .take(3)
            .map(|t| format!("\"{}\"", t.text))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !said.is_empty() {
            lines.push(self.t(
                format!("I asked: {}", said.join(" / ")),
                format!("我的问题：{}", said.join(" / ")),
            ));
        }
        if lines.is_empty() {
            lines.push(self.t("I'd like help from a person.", "我需要人工帮助。"));
        }
        lines.join("\n")
    }

    fn topic_name(&self, intent: Intent) -> String {
        let (en, zh) = match intent {
            Intent::ProductSearch | Intent::Recommend => ("finding a product", "找商品"),
            Intent::ProductInfo => ("product details", "商品详情"),
            Intent::StockCheck => ("stock and sizes", "库存和尺码"),
            Intent::CartAdd | Intent::CartRemove | Intent::CartUpdate | Intent::CartView => {
                ("my cart", "购物车")
            }
            Intent::Checkout => ("checkout", "结算"),
            Intent::OrderStatus => ("order status", "订单状态"),
            Intent::OrderCancel => ("cancelling an order", "取消订单"),
            Intent::ReturnPolicy => ("return policy", "退货政策"),
            Intent::ReturnRequest => ("a return", "退货"),
            Intent::ReturnStatus => ("return/refund status", "退货退款进度"),
            Intent::ShippingInfo => ("shipping", "配送"),
            Intent::PaymentInfo => ("payment", "支付"),
            Intent::Promotions => ("promotions", "优惠活动"),
            _ => ("other", "其他"),
        };
        self.t(en, zh)
    }

    /// `human_handoff`: contact routes and a summary to paste.
    pub(crate) fn handoff(&mut self) -> Out {
        let s = self.store.settings().support.clone();
        let mut routes = Vec::new();
        if let Some(e) = &s.email {
            routes.push(self.t(format!("email {e}"), format!("邮箱 {e}")));
        }
        if let Some(p) = &s.phone {
            routes.push(self.t(format!("phone {p}"), format!("电话 {p}")));
        }
        if let Some(u) = &s.url {
            routes.push(self.t(format!("the help page {u}"), format!("帮助页面 {u}")));
        }
        let hours = s.hours.get(self.lang).to_string();
        let hours_text = if hours.is_empty() {
            String::new()
        } else {
            self.t(format!(" ({hours})"), format!("（{hours}）"))
        };
        let summary = self.summary();
        let text = self.t(
            format!(
                "I'll get you to a person. Our team is reachable by {}{hours_text}. Here's a summary you can copy into your message:\n{summary}",
                self.join(&routes)
            ),
            format!("为您转接人工客服。联系方式：{}{hours_text}。以下是对话摘要，可复制发送给客服：\n{summary}", self.join(&routes)),
        );
        let mut out = Out::new(Intent::HumanHandoff, text);
        out.handoff = Some(Handoff {
            email: s.email,
            phone: s.phone,
            url: s.url,
            hours,
            summary,
        });
        out
    }

    /// `out_of_scope`: rescue clear requests the classifier was unsure about
    /// (an order number with an email; a product named outright), else say
    /// honestly what the assistant can do.
    pub(crate) async fn out_of_scope(&mut self, ents: &Entities) -> Out {
        if ents.order_number.is_some() && ents.email.is_some() {
            return self
                .order_flow(
                    OrderGoal::Status,
                    ents.order_number.clone(),
                    ents.email.clone(),
                )
                .await;
        }
        let words = ents.normalized.split_whitespace().count();
        if words <= 6 && super::catalog::content_words(&ents.residual) > 0 {
            let hits = self
                .search_hits(&ents.residual, crate::entities::Filter::default(), 3)
                .await;
            if let Some(top) = hits.first().filter(|h| h.exact || h.coverage >= 0.99) {
                let p = top.product.clone();
                return self.product_info(&p, None);
            }
            if let Resolved::One(p) = self.resolve(ents).await {
                if hits
                    .first()
                    .is_some_and(|h| h.product.id == p.id && h.coverage >= 0.66)
                {
                    return self.product_info(&p, None);
                }
            }
        }
        let contact = {
            let s = &self.store.settings().support;
            s.email
                .clone()
                .or(s.phone.clone())
                .or(s.url.clone())
                .unwrap_or_default()
        };
        let text = self.t(
            format!(
                "Sorry, I can't help with that here. I can help you find products, check sizes and stock, manage your cart, track or cancel an order, start a return, and answer questions about shipping, payment and promotions. For anything else, please contact our team at {contact}."
            ),
            format!("抱歉，这个问题我帮不上忙。我可以帮您找商品、查尺码和库存、管理购物车、查询或取消订单、办理退货，以及解答配送、支付和优惠方面的问题。其他问题请联系客服：{contact}。"),
        );
        Out::new(Intent::OutOfScope, text).suggest(self.starter_suggestions())
    }
}
