//! Cart flows: view, remove, change quantity or option, empty, checkout; the
//! cart view; confirmed actions; session repair.

use super::catalog::{content_words, preselect};
use super::{
    Assistant, CartItemView, CartLine, CartView, Confirmable, Goal, LineGoal, Out, Pending,
};
use crate::entities::{Entities, Filter};
use crate::intent::Intent;
use crate::store::{format_money, Product, Store, Variant};

impl<S: Store> Assistant<S> {
    /// The cart with titles and prices from the store.
    pub(crate) async fn compute_cart_view(&self) -> CartView {
        let currency = self.store.settings().currency.clone();
        let mut items = Vec::new();
        let mut total: i64 = 0;
        let mut count: u32 = 0;
        for line in &self.session.cart {
            let Some(p) = self.product(&line.product_id).await else {
                continue;
            };
            let Some(v) = p.variant(&line.variant_id) else {
                continue;
            };
            let line_total = v.price.saturating_mul(i64::from(line.quantity));
            total = total.saturating_add(line_total);
            count = count.saturating_add(line.quantity);
            items.push(CartItemView {
                product_id: p.id.clone(),
                variant_id: v.id.clone(),
                quantity: line.quantity,
                title: self.title(&p),
                options: p.variant_label(v, self.lang),
                unit_price: v.price,
                line_total,
                unit_price_text: format_money(v.price, &currency, self.lang),
                line_total_text: format_money(line_total, &currency, self.lang),
                image: p.image.clone(),
            });
        }
        CartView {
            items,
            total,
            total_text: format_money(total, &currency, self.lang),
            currency,
            count,
        }
    }

    /// Drops cart lines whose product or variant vanished, cuts quantities to
    /// the stock, forgets context about vanished products; notes what changed.
    pub(crate) async fn repair(&mut self) {
        let mut kept: Vec<CartLine> = Vec::new();
        let mut notes = Vec::new();
        for line in std::mem::take(&mut self.session.cart) {
            let product = self.product(&line.product_id).await;
            let variant = product.as_ref().and_then(|p| p.variant(&line.variant_id));
            match (&product, variant) {
                (Some(p), Some(v)) => {
                    let name = self.line_name(p, v);
                    let available = v.available();
                    if available == 0 {
                        notes.push(self.t(
                            format!("Note: the {name} sold out and was removed from your cart."),
                            format!("提示：{name}已售罄，已从购物车移除。"),
                        ));
                    } else if line.quantity > available {
                        notes.push(self.t(
                            format!("Note: only {available} of the {name} are left, so I changed your cart to {available}."),
                            format!("提示：{name}只剩{available}件，已将购物车数量改为{available}。"),
                        ));
                        kept.push(CartLine {
                            quantity: available,
                            ..line
                        });
                    } else {
                        kept.push(line);
                    }
                }
                _ => notes.push(self.t(
                    "Note: an item in your saved cart is no longer available and was removed.",
                    "提示：购物车中有一件商品已下架，已为您移除。",
                )),
            }
        }
        self.session.cart = kept;
        let ctx = self.session.context.clone();
        if let Some(f) = &ctx.focus {
            match self.product(f).await {
                None => {
                    self.session.context.focus = None;
                    self.session.context.focus_variant = None;
                }
                Some(p) => {
                    if ctx
                        .focus_variant
                        .as_deref()
                        .is_some_and(|v| p.variant(v).is_none())
                    {
                        self.session.context.focus_variant = None;
                    }
                }
            }
        }
        let mut shown = Vec::new();
        for id in &ctx.shown {
            if self.product(id).await.is_some() {
                shown.push(id.clone());
            }
        }
        self.session.context.shown = shown;
        if let Some(l) = &ctx.last_line {
            if !self.session.cart.iter().any(|c| &c.variant_id == l) {
                self.session.context.last_line = None;
            }
        }
        let pending_ok = match &ctx.pending {
            Some(Pending::Variant { product_id, .. }) => self.product(product_id).await.is_some(),
            Some(Pending::Product { candidates, .. }) => {
                let mut ok = true;
                for c in candidates {
                    ok &= self.product(c).await.is_some();
                }
                ok
            }
            Some(Pending::CartLine { candidates, .. }) => candidates
                .iter()
                .all(|c| self.session.cart.iter().any(|l| &l.variant_id == c)),
            _ => true,
        };
        if !pending_ok {
            self.session.context.pending = None;
        }
        self.cart_view = self.compute_cart_view().await;
        self.notes.extend(notes);
        self.needs_repair = false;
    }

    fn line_name(&self, p: &Product, v: &Variant) -> String {
        self.with_detail(&self.title(p), &p.variant_label(v, self.lang))
    }

    fn empty_cart(&self, intent: Intent) -> Out {
        Out::new(intent, self.t("Your cart is empty.", "您的购物车是空的。"))
            .suggest([self.t("Show me bestsellers", "看看热销商品")])
    }

    /// `cart_view`.
    pub(crate) async fn view_cart(&mut self) -> Out {
        let view = self.compute_cart_view().await;
        if view.items.is_empty() {
            return self.empty_cart(Intent::CartView);
        }
        let lines: Vec<String> = view
            .items
            .iter()
            .map(|i| {
                format!(
                    "• {} × {} — {}",
                    i.quantity,
                    self.with_detail(&i.title, &i.options),
                    i.line_total_text
                )
            })
            .collect();
        let mut text = format!(
            "{}\n{}\n{}",
            self.t("Here's your cart:", "您的购物车："),
            lines.join("\n"),
            self.t(
                format!("Total: {}", view.total_text),
                format!("合计：{}", view.total_text)
            )
        );
        text.push_str(&self.free_shipping_note(view.total).await);
        Out::new(Intent::CartView, text).suggest([
            self.t("Checkout", "去结算"),
            self.t("Show me bestsellers", "看看热销商品"),
        ])
    }

    async fn free_shipping_note(&self, subtotal: i64) -> String {
        let Some(threshold) = self
            .store
            .policies()
            .await
            .ok()
            .and_then(|p| p.shipping.free_shipping_threshold)
        else {
            return String::new();
        };
        if subtotal >= threshold {
            self.t(
                " — you get free standard shipping.",
                "——已享受免费标准配送。",
            )
        } else {
            let gap = self.money(threshold - subtotal);
            self.t(
                format!(" — add {gap} more for free standard shipping."),
                format!("——再买{gap}即可享受免费标准配送。"),
            )
        }
    }

    /// Cart lines the message points at.
    async fn lines_meant(&self, ents: &Entities) -> Vec<CartLine> {
        let cart = &self.session.cart;
        if let Some(ord) = ents.ordinal {
            if let Some(line) = ord.index(cart.len()).and_then(|i| cart.get(i)) {
                return vec![line.clone()];
            }
        }
        let mut lines: Vec<CartLine> = Vec::new();
        if content_words(&ents.residual) > 0 {
            let hits = self
                .search_hits(&ents.residual, Filter::default(), 50)
                .await;
            let top = hits
                .iter()
                .filter(|h| h.score > 0.0 && cart.iter().any(|l| l.product_id == h.product.id))
                .map(|h| h.score)
                .fold(0.0f32, f32::max);
            for h in hits
                .iter()
                .filter(|h| h.score > 0.0 && h.score >= top * 0.6)
            {
                lines.extend(
                    cart.iter()
                        .filter(|l| l.product_id == h.product.id)
                        .cloned(),
                );
            }
            if lines.is_empty() {
                return Vec::new();
            }
        }
        if lines.is_empty() && (!ents.colors.is_empty() || !ents.sizes.is_empty()) {
            lines = cart.clone();
        }
        if lines.is_empty() {
            let ctx = &self.session.context;
            if let Some(l) = ctx
                .last_line
                .as_ref()
                .and_then(|id| cart.iter().find(|l| &l.variant_id == id))
            {
                if ents.refers_back || cart.len() > 1 {
                    return vec![l.clone()];
                }
            }
            return cart.clone();
        }
        // narrow by named colour/size
        if (!ents.colors.is_empty() || !ents.sizes.is_empty()) && lines.len() > 1 {
            let mut narrowed = Vec::new();
            for l in &lines {
                if let Some(p) = self.product(&l.product_id).await {
                    let sel = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
                    let fits = p.variant(&l.variant_id).is_some_and(|v| {
                        sel.iter()
                            .zip(&v.options)
                            .all(|(s, o)| s.as_ref().is_none_or(|s| s == o))
                            && sel.iter().any(Option::is_some)
                    });
                    if fits {
                        narrowed.push(l.clone());
                    }
                }
            }
            if !narrowed.is_empty() {
                lines = narrowed;
            }
        }
        lines
    }

    async fn ask_line(&mut self, lines: Vec<CartLine>, goal: LineGoal, intent: Intent) -> Out {
        let mut names = Vec::new();
        for l in &lines {
            if let Some(p) = self.product(&l.product_id).await {
                if let Some(v) = p.variant(&l.variant_id) {
                    names.push(self.line_name(&p, v));
                }
            }
        }
        let list = Self::numbered(&names);
        self.session.context.pending = Some(Pending::CartLine {
            candidates: lines.iter().map(|l| l.variant_id.clone()).collect(),
            goal,
        });
        Out::new(
            intent,
            format!(
                "{}\n{list}",
                self.t("Which item do you mean?", "请问是哪一件？")
            ),
        )
        .suggest(names)
    }

    /// `cart_remove`.
    pub(crate) async fn remove(&mut self, ents: &Entities) -> Out {
        if self.session.cart.is_empty() {
            return self.empty_cart(Intent::CartRemove);
        }
        if ents.clear_all {
            return self.ask_clear_cart();
        }
        let lines = self.lines_meant(ents).await;
        match lines.len() {
            0 => {
                let what = ents.residual.trim();
                Out::new(
                    Intent::CartRemove,
                    self.t(
                        format!("There's no \"{what}\" in your cart."),
                        format!("购物车里没有「{what}」。"),
                    ),
                )
                .suggest([self.t("View cart", "查看购物车")])
            }
            1 => {
                let id = lines
                    .first()
                    .map(|l| l.variant_id.clone())
                    .unwrap_or_default();
                self.remove_line(&id, ents.quantity).await
            }
            _ => {
                self.ask_line(
                    lines,
                    LineGoal::Remove {
                        quantity: ents.quantity,
                    },
                    Intent::CartRemove,
                )
                .await
            }
        }
    }

    pub(crate) fn ask_clear_cart(&mut self) -> Out {
        if self.session.cart.is_empty() {
            return self.empty_cart(Intent::CartRemove);
        }
        let count: u32 = self.session.cart.iter().map(|l| l.quantity).sum();
        self.session.context.pending = Some(Pending::Confirm {
            action: Confirmable::ClearCart,
        });
        Out::new(
            Intent::CartRemove,
            self.t(
                format!(
                    "Remove all {count} item{} from your cart?",
                    if count == 1 { "" } else { "s" }
                ),
                format!("确定要清空购物车（共{count}件商品）吗？"),
            ),
        )
        .suggest([
            self.t("Yes, empty it", "确定清空"),
            self.t("No, keep them", "不用了"),
        ])
    }

    /// Removes a line, or `quantity` units of it.
    pub(crate) async fn remove_line(&mut self, variant_id: &str, quantity: Option<u32>) -> Out {
        let Some(pos) = self
            .session
            .cart
            .iter()
            .position(|l| l.variant_id == variant_id)
        else {
            return Out::new(
                Intent::CartRemove,
                self.t("That item isn't in your cart.", "购物车里没有这件商品。"),
            );
        };
        let Some(line) = self.session.cart.get(pos).cloned() else {
            return Out::new(
                Intent::CartRemove,
                self.t("That item isn't in your cart.", "购物车里没有这件商品。"),
            );
        };
        let name = match self.product(&line.product_id).await {
            Some(p) => match p.variant(&line.variant_id) {
                Some(v) => self.line_name(&p, v),
                None => self.title(&p),
            },
            None => line.product_id.clone(),
        };
        let text = match quantity.filter(|q| *q < line.quantity && *q > 0) {
            Some(q) => {
                if let Some(l) = self.session.cart.get_mut(pos) {
                    l.quantity -= q;
                }
                self.session.context.last_line = Some(line.variant_id.clone());
                self.t(
                    format!(
                        "Removed {q} × {name}; {} left in your cart.",
                        line.quantity - q
                    ),
                    format!("已移除{q}件{name}，购物车里还剩{}件。", line.quantity - q),
                )
            }
            None => {
                self.session.cart.remove(pos);
                if self.session.context.last_line.as_deref() == Some(variant_id) {
                    self.session.context.last_line = None;
                }
                self.t(
                    format!("Removed {name} from your cart."),
                    format!("已将{name}从购物车移除。"),
                )
            }
        };
        let view = self.compute_cart_view().await;
        let tail = if view.items.is_empty() {
            self.t(" Your cart is now empty.", "购物车现在是空的。")
        } else {
            self.t(
                format!(" Cart total: {}.", view.total_text),
                format!("购物车合计：{}。", view.total_text),
            )
        };
        Out::new(Intent::CartRemove, format!("{text}{tail}"))
            .suggest([self.t("View cart", "查看购物车")])
    }

    /// `cart_update`: change quantity, or size/colour, of a line.
    pub(crate) async fn update(&mut self, ents: &Entities) -> Out {
        if self.session.cart.is_empty() {
            return self.empty_cart(Intent::CartUpdate);
        }
        let lines = self.lines_meant(ents).await;
        let line = match lines.len() {
            0 => {
                let what = ents.residual.trim();
                return Out::new(
                    Intent::CartUpdate,
                    self.t(
                        format!("There's no \"{what}\" in your cart."),
                        format!("购物车里没有「{what}」。"),
                    ),
                );
            }
            1 => lines.into_iter().next(),
            _ => {
                // several lines: the one named by option values, or ask
                if let Some(q) = ents.quantity {
                    return self
                        .ask_line(
                            lines,
                            LineGoal::SetQuantity { quantity: q },
                            Intent::CartUpdate,
                        )
                        .await;
                }
                self.session
                    .context
                    .last_line
                    .clone()
                    .and_then(|id| lines.into_iter().find(|l| l.variant_id == id))
            }
        };
        let Some(line) = line else {
            return self
                .ask_line(
                    self.session.cart.clone(),
                    LineGoal::SetQuantity {
                        quantity: ents.quantity.unwrap_or(1),
                    },
                    Intent::CartUpdate,
                )
                .await;
        };
        let Some(p) = self.product(&line.product_id).await else {
            return self.remove_line(&line.variant_id, None).await;
        };
        let Some(v) = p.variant(&line.variant_id).cloned() else {
            return self.remove_line(&line.variant_id, None).await;
        };
        // an option change: "change the hoodie to size L"
        let named = preselect(&p, &ents.sizes, &ents.colors, &ents.normalized);
        let changes = named
            .iter()
            .zip(&v.options)
            .any(|(n, o)| n.as_ref().is_some_and(|n| n != o));
        if changes {
            let sel: Vec<Option<String>> = named
                .into_iter()
                .zip(&v.options)
                .map(|(n, o)| n.or_else(|| Some(o.clone())))
                .collect();
            self.session.context.last_line = Some(line.variant_id.clone());
            let mut out = self.complete_or_ask(
                p,
                sel,
                Goal::Change {
                    from_variant: line.variant_id.clone(),
                },
            );
            out.intent = Intent::CartUpdate;
            return out;
        }
        if (!ents.sizes.is_empty() || !ents.colors.is_empty()) && ents.quantity.is_none() {
            let asked = ents.named_options();
            let already = named.iter().any(Option::is_some);
            let text = if already {
                self.t(
                    format!("That item is already {}.", self.join(&asked)),
                    format!("这件已经是{}了。", self.join(&asked)),
                )
            } else {
                self.t(
                    format!(
                        "The {} doesn't come in {}.",
                        self.title(&p),
                        self.join(&asked)
                    ),
                    format!("{}没有{}。", self.title(&p), self.join(&asked)),
                )
            };
            return Out::new(Intent::CartUpdate, text);
        }
        match ents.quantity.or_else(|| ents.numbers.first().and_then(|n| u32::try_from(*n).ok())) {
            Some(q) => self.set_line_quantity(&line.variant_id, q).await,
            None => Out::new(
                Intent::CartUpdate,
                self.t(
                    format!("What would you like to change about the {} — the quantity, or the size/colour?", self.line_name(&p, &v)),
                    format!("{}想怎么改——数量，还是尺码/颜色？", self.line_name(&p, &v)),
                ),
            )
            .suggest([self.t("Make it 2", "改成2件")]),
        }
    }

    /// Sets a line's quantity within stock (0 removes the line).
    pub(crate) async fn set_line_quantity(&mut self, variant_id: &str, quantity: u32) -> Out {
        let Some(line) = self
            .session
            .cart
            .iter()
            .find(|l| l.variant_id == variant_id)
            .cloned()
        else {
            return Out::new(
                Intent::CartUpdate,
                self.t("That item isn't in your cart.", "购物车里没有这件商品。"),
            );
        };
        if quantity == 0 {
            let mut out = self.remove_line(variant_id, None).await;
            out.intent = Intent::CartUpdate;
            return out;
        }
        let Some(p) = self.product(&line.product_id).await else {
            return self.remove_line(variant_id, None).await;
        };
        let Some(v) = p.variant(variant_id).cloned() else {
            return self.remove_line(variant_id, None).await;
        };
        let name = self.line_name(&p, &v);
        let available = v.available();
        self.session.context.last_line = Some(variant_id.to_string());
        self.focus_on_variant(&p, &v);
        if quantity > available {
            return Out::new(
                Intent::CartUpdate,
                self.t(
                    format!("Sorry, we only have {available} of the {name} in stock — your cart still has {}. Want me to make it {available}?", line.quantity),
                    format!("抱歉，{name}只剩{available}件，购物车里仍是{}件。要改成{available}件吗？", line.quantity),
                ),
            )
            .suggest([self.t(format!("Make it {available}"), format!("改成{available}件"))]);
        }
        if let Some(l) = self
            .session
            .cart
            .iter_mut()
            .find(|l| l.variant_id == variant_id)
        {
            l.quantity = quantity.min(super::MAX_LINE_QUANTITY);
        }
        let view = self.compute_cart_view().await;
        Out::new(
            Intent::CartUpdate,
            self.t(
                format!(
                    "Done — {quantity} × {name} in your cart. Cart total: {}.",
                    view.total_text
                ),
                format!(
                    "好的，{name}已改为{quantity}件。购物车合计：{}。",
                    view.total_text
                ),
            ),
        )
        .suggest([
            self.t("View cart", "查看购物车"),
            self.t("Checkout", "去结算"),
        ])
    }

    fn focus_on_variant(&mut self, p: &Product, v: &Variant) {
        self.session.context.focus = Some(p.id.clone());
        self.session.context.focus_variant = Some(v.id.clone());
    }

    /// Replaces line `from` by variant `to` of the same product, keeping the quantity.
    pub(crate) fn change_line(&mut self, from: &str, p: &Product, to: &Variant) -> Out {
        let Some(line) = self
            .session
            .cart
            .iter()
            .find(|l| l.variant_id == from)
            .cloned()
        else {
            return self.add_variant(p, to, 1);
        };
        let name = self.line_name(p, to);
        if line.variant_id == to.id {
            return Out::new(
                Intent::CartUpdate,
                self.t(
                    format!("Your cart already has the {name}."),
                    format!("购物车里已经是{name}了。"),
                ),
            );
        }
        let already = self
            .session
            .cart
            .iter()
            .find(|l| l.variant_id == to.id)
            .map_or(0, |l| l.quantity);
        let want = line.quantity.saturating_add(already);
        let available = to.available();
        if available == 0 || want > available {
            let others: Vec<String> = p
                .variants
                .iter()
                .filter(|o| o.available() >= line.quantity)
                .map(|o| p.variant_label(o, self.lang))
                .take(6)
                .collect();
            let mut text = if available == 0 {
                self.t(
                    format!("Sorry, the {name} is sold out, so I left your cart as it was."),
                    format!("抱歉，{name}已售罄，购物车保持不变。"),
                )
            } else {
                self.t(
                    format!("Sorry, only {available} of the {name} are in stock, so I left your cart as it was."),
                    format!("抱歉，{name}只剩{available}件，购物车保持不变。"),
                )
            };
            text.push_str(&self.available_note(&others));
            return Out::new(Intent::CartUpdate, text).suggest(others);
        }
        self.session.cart.retain(|l| l.variant_id != to.id);
        if let Some(l) = self.session.cart.iter_mut().find(|l| l.variant_id == from) {
            l.variant_id = to.id.clone();
            l.quantity = want;
        }
        self.session.context.last_line = Some(to.id.clone());
        self.focus_on_variant(p, to);
        let card = self.card(p, Some(to));
        Out::new(
            Intent::CartUpdate,
            self.t(
                format!("Done — changed it to {want} × {name}."),
                format!("好的，已改为{want}件{name}。"),
            ),
        )
        .cards(vec![card])
        .suggest([
            self.t("View cart", "查看购物车"),
            self.t("Checkout", "去结算"),
        ])
    }

    /// Reads an answer to "which item do you mean?" about the cart.
    pub(crate) async fn choose_line(
        &mut self,
        candidates: Vec<String>,
        goal: LineGoal,
        ents: &Entities,
        short: bool,
    ) -> Option<Out> {
        let lines: Vec<CartLine> = self
            .session
            .cart
            .iter()
            .filter(|l| candidates.contains(&l.variant_id))
            .cloned()
            .collect();
        let mut chosen: Option<CartLine> = ents
            .ordinal
            .and_then(|o| o.index(lines.len()))
            .and_then(|i| lines.get(i).cloned());
        if chosen.is_none() {
            let meant = self.lines_meant(ents).await;
            let inter: Vec<&CartLine> = meant
                .iter()
                .filter(|l| candidates.contains(&l.variant_id))
                .collect();
            if inter.len() == 1
                && (content_words(&ents.residual) > 0
                    || !ents.colors.is_empty()
                    || !ents.sizes.is_empty())
            {
                chosen = inter.first().map(|l| (*l).clone());
            }
        }
        match chosen {
            Some(line) => Some(match goal {
                LineGoal::Remove { quantity } => self.remove_line(&line.variant_id, quantity).await,
                LineGoal::SetQuantity { quantity } => {
                    self.set_line_quantity(&line.variant_id, quantity).await
                }
            }),
            None if short => {
                let intent = match goal {
                    LineGoal::Remove { .. } => Intent::CartRemove,
                    LineGoal::SetQuantity { .. } => Intent::CartUpdate,
                };
                Some(self.ask_line(lines, goal, intent).await)
            }
            None => None,
        }
    }

    /// `checkout`: summary and the hand-off link.
    pub(crate) async fn checkout(&mut self) -> Out {
        // never send more than the stock to checkout
        let mut fixed = Vec::new();
        for line in self.session.cart.clone() {
            if let Some(p) = self.product(&line.product_id).await {
                if let Some(v) = p.variant(&line.variant_id) {
                    if v.available() < line.quantity {
                        fixed.push(self.line_name(&p, v));
                        let available = v.available();
                        if available == 0 {
                            self.session
                                .cart
                                .retain(|l| l.variant_id != line.variant_id);
                        } else if let Some(l) = self
                            .session
                            .cart
                            .iter_mut()
                            .find(|l| l.variant_id == line.variant_id)
                        {
                            l.quantity = available;
                        }
                    }
                }
            }
        }
        let view = self.compute_cart_view().await;
        if view.items.is_empty() {
            return self.empty_cart(Intent::Checkout);
        }
        let items: String = view
            .items
            .iter()
            .map(|i| format!("{}:{}", i.variant_id, i.quantity))
            .collect::<Vec<_>>()
            .join(",");
        let url = self
            .store
            .settings()
            .checkout_url
            .clone()
            .or_else(|| {
                self.store
                    .settings()
                    .url
                    .clone()
                    .map(|u| format!("{}/cart", u.trim_end_matches('/')))
            })
            .map(|u| u.replace("{items}", &items));
        let mut text = self.t(
            format!(
                "Ready to check out: {} item{} — {}.",
                view.count,
                if view.count == 1 { "" } else { "s" },
                view.total_text
            ),
            format!(
                "准备结算：共{}件商品，合计{}。",
                view.count, view.total_text
            ),
        );
        text.push_str(&self.free_shipping_note(view.total).await);
        if !fixed.is_empty() {
            text.push_str(&self.t(
                format!("\nI adjusted {} to the stock we have.", self.join(&fixed)),
                format!("\n已按库存调整：{}。", self.join(&fixed)),
            ));
        }
        match &url {
            Some(u) => text.push_str(&self.t(
                format!("\nContinue to secure checkout: {u}"),
                format!("\n点击进入安全结算页面：{u}"),
            )),
            None => text.push_str(&self.t(
                "\nUse the shop's checkout button to pay.",
                "\n请点击网店的结算按钮完成支付。",
            )),
        }
        let mut out = Out::new(Intent::Checkout, text).suggest([
            self.t("View cart", "查看购物车"),
            self.t("Any discount codes?", "有优惠码吗？"),
        ]);
        out.checkout_url = url;
        out
    }

    /// Carries out a confirmed action.
    pub(crate) async fn execute(&mut self, action: Confirmable) -> Out {
        match action {
            Confirmable::ClearCart => {
                self.session.cart.clear();
                self.session.context.last_line = None;
                Out::new(
                    Intent::CartRemove,
                    self.t("Done — your cart is now empty.", "好的，购物车已清空。"),
                )
                .suggest([self.t("Show me bestsellers", "看看热销商品")])
            }
            Confirmable::AddAvailable {
                product_id,
                variant_id,
                quantity,
            } => match self.product(&product_id).await {
                Some(p) => match p.variant(&variant_id).cloned() {
                    Some(v) => self.add_variant(&p, &v, quantity),
                    None => Out::new(
                        Intent::CartAdd,
                        self.t(
                            "Sorry, that item is no longer available.",
                            "抱歉，该商品已无货。",
                        ),
                    ),
                },
                None => Out::new(
                    Intent::CartAdd,
                    self.t(
                        "Sorry, that item is no longer available.",
                        "抱歉，该商品已无货。",
                    ),
                ),
            },
            Confirmable::CancelOrder { order_id } => self.confirm_cancel(&order_id).await,
            Confirmable::SubmitReturn {
                order_id,
                variant_id,
                quantity,
            } => self.confirm_return(&order_id, &variant_id, quantity).await,
        }
    }

    /// The shopper said no to a confirmation.
    pub(crate) fn decline(&mut self, action: &Confirmable) -> Out {
        let (intent, en, zh) = match action {
            Confirmable::ClearCart => (
                Intent::CartRemove,
                "OK, I've left your cart as it is.".to_string(),
                "好的，购物车保持不变。".to_string(),
            ),
            Confirmable::AddAvailable { .. } => (
                Intent::CartAdd,
                "OK, I didn't add anything.".to_string(),
                "好的，没有添加。".to_string(),
            ),
            Confirmable::CancelOrder { order_id } => (
                Intent::OrderCancel,
                format!("OK, order #{order_id} stays as it is — nothing was cancelled."),
                format!("好的，订单 #{order_id} 保持不变，没有取消。"),
            ),
            Confirmable::SubmitReturn { .. } => (
                Intent::ReturnRequest,
                "OK, I haven't submitted a return.".to_string(),
                "好的，没有提交退货申请。".to_string(),
            ),
        };
        Out::new(
            intent,
            format!(
                "{}{}",
                self.t(en, zh),
                self.t(" Anything else?", "还需要什么吗？")
            ),
        )
    }
}
