//! The dialogue manager: a plain state machine that turns a classified message
//! (or a UI [`Action`]) plus the conversation [`Session`] into a [`Reply`],
//! reading and changing the shop through a [`Store`].
//!
//! Each turn:
//! 1. the classifier gives the intent, language and script; the entity
//!    extractor gives quantities, sizes, colours, order numbers…;
//! 2. if the assistant asked something last turn ([`Pending`]), a fitting short
//!    answer ("M", "2", "the second one", an email, "yes"/"算了") answers it,
//!    whatever the classifier thinks of such a fragment;
//! 3. otherwise the intent picks the flow (search, cart, orders, returns,
//!    policies…), with "it"/"这件"/"the second one" resolved against the products
//!    last shown;
//! 4. the reply is written in the shopper's language (and Traditional script
//!    when they wrote Traditional), prices in the shop currency.
//!
//! Rules the flows keep: the cart never holds more than the stock; emptying the
//! cart, cancelling an order and submitting a return wait for a yes; order data
//! is shown only after the order number and the email on the order match;
//! negated requests ("don't add the mug") do nothing.

mod cart;
mod catalog;
mod info;
mod orders;
mod s2t;
mod types;

pub use s2t::to_traditional;
pub use types::*;

use crate::entities::{self, ActionVerb, Entities, Filter};
use crate::intent::{Classification, Intent, IntentClassifier};
use crate::store::{format_money, Date, Product, Store};
use crate::text::{self, Lang, Script};
use std::future::Future;
use std::task::{Context as TaskContext, Poll, Waker};

/// Current [`Session::version`].
pub const SESSION_VERSION: u32 = 1;
/// At most this many cart lines and units per line are kept.
const MAX_CART_LINES: usize = 50;
const MAX_LINE_QUANTITY: u32 = 999;
/// Order look-ups that may fail before the assistant refers the shopper to a person.
const MAX_FAILED_LOOKUPS: u32 = 5;
const TRANSCRIPT_TURNS: usize = 20;
const TRANSCRIPT_CHARS: usize = 280;

/// The shopping assistant: one conversation with one shopper.
///
/// The same value drives the browser widget and `shopkeep chat`. Every method
/// is total: any input string or action gives a reply, never a panic.
pub struct Assistant<S: Store> {
    classifier: Box<dyn IntentClassifier>,
    store: S,
    today: Date,
    session: Session,
    cart_view: crate::dialogue::CartView,
    /// Language and script of the current turn.
    lang: Lang,
    script: Script,
    /// Stale-session repairs still to do (network stores) or to tell.
    needs_repair: bool,
    notes: Vec<String>,
}

impl<S: Store> std::fmt::Debug for Assistant<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assistant")
            .field("today", &self.today)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

/// Polls a future once: stores that answer immediately (like
/// [`crate::store::StaticStore`]) resolve; others report `None`.
fn now_or_never<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = TaskContext::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

/// A reply under construction.
#[derive(Debug, Clone)]
pub(crate) struct Out {
    text: String,
    intent: Intent,
    cards: Vec<ProductCard>,
    suggestions: Vec<String>,
    handoff: Option<Handoff>,
    checkout_url: Option<String>,
}

impl Out {
    fn new(intent: Intent, text: impl Into<String>) -> Out {
        Out {
            text: text.into(),
            intent,
            cards: Vec::new(),
            suggestions: Vec::new(),
            handoff: None,
            checkout_url: None,
        }
    }

    fn cards(mut self, cards: Vec<ProductCard>) -> Out {
        self.cards = cards;
        self
    }

    fn suggest<I, T>(mut self, suggestions: I) -> Out
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        for s in suggestions {
            let s = s.into();
            if !s.is_empty() && !self.suggestions.contains(&s) && self.suggestions.len() < 8 {
                self.suggestions.push(s);
            }
        }
        self
    }
}

/// Number of "words" in a message: Latin words plus CJK characters / 2.
fn message_size(normalized: &str) -> usize {
    let latin = normalized
        .split(|c: char| !c.is_alphanumeric() || text::is_cjk(c))
        .filter(|w| !w.is_empty())
        .count();
    let cjk = normalized.chars().filter(|&c| text::is_cjk(c)).count();
    latin + cjk.div_ceil(2)
}

/// The action verb an intent performs.
fn intent_verb(intent: Intent) -> Option<ActionVerb> {
    Some(match intent {
        Intent::CartAdd => ActionVerb::Add,
        Intent::CartRemove => ActionVerb::Remove,
        Intent::CartUpdate => ActionVerb::Change,
        Intent::OrderCancel => ActionVerb::Cancel,
        Intent::ReturnRequest => ActionVerb::Return,
        Intent::Checkout => ActionVerb::Checkout,
        _ => return None,
    })
}

impl<S: Store> Assistant<S> {
    /// A new conversation. `today` is the date used for return windows and
    /// promotions (the library never reads the clock).
    pub fn new(classifier: Box<dyn IntentClassifier>, store: S, today: Date) -> Self {
        let currency = store.settings().currency.clone();
        let lang = store
            .settings()
            .locales
            .first()
            .copied()
            .unwrap_or_default();
        Assistant {
            classifier,
            store,
            today,
            session: Session {
                version: SESSION_VERSION,
                ..Session::default()
            },
            cart_view: CartView {
                currency: currency.clone(),
                total_text: format_money(0, &currency, lang),
                ..CartView::default()
            },
            lang,
            script: Script::Simplified,
            needs_repair: false,
            notes: Vec::new(),
        }
    }

    /// The store (e.g. to inspect it in tests).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The date the assistant treats as today.
    pub fn today(&self) -> Date {
        self.today
    }

    /// Changes the date (a long-lived widget crossing midnight).
    pub fn set_today(&mut self, today: Date) {
        self.today = today;
    }

    /// Answers one shopper message. Total: any string (empty, huge, binary
    /// garbage, emoji) gets a reply.
    pub async fn respond(&mut self, message: &str) -> Reply {
        let message = text::truncate_chars(message, 4 * text::MAX_INPUT_CHARS);
        if self.needs_repair {
            self.repair().await;
        }
        let cls = self.classifier.classify(message);
        let ents = entities::extract(message);
        self.update_lang(&cls, &ents);
        self.record(true, message);
        let out = if ents.normalized.trim().is_empty() {
            Out::new(
                Intent::OutOfScope,
                self.t(
                    "I didn't catch that — what can I help you with?",
                    "我没看明白，请问有什么可以帮您？",
                ),
            )
            .suggest(self.starter_suggestions())
        } else {
            self.turn(&cls, &ents).await
        };
        if !matches!(
            out.intent,
            Intent::Affirm | Intent::Deny | Intent::OutOfScope | Intent::Greet | Intent::ThanksBye
        ) {
            self.session.context.topic = Some(out.intent);
        }
        self.finish(out).await
    }

    /// Performs a UI action (button press).
    pub async fn act(&mut self, action: Action) -> Reply {
        if self.needs_repair {
            self.repair().await;
        }
        self.lang = self.session.lang.unwrap_or(self.lang);
        self.script = self.session.script;
        let out = match action {
            Action::AddToCart {
                product_id,
                variant_id,
                quantity,
            } => {
                self.act_add(&product_id, variant_id.as_deref(), quantity)
                    .await
            }
            Action::RemoveFromCart { variant_id } => self.remove_line(&variant_id, None).await,
            Action::SetQuantity {
                variant_id,
                quantity,
            } => self.set_line_quantity(&variant_id, quantity).await,
            Action::ShowProduct { product_id } => match self.product(&product_id).await {
                Some(p) => self.product_info(&p, None),
                None => Out::new(
                    Intent::ProductInfo,
                    self.t(
                        "Sorry, that product is no longer available.",
                        "抱歉，该商品已下架。",
                    ),
                ),
            },
            Action::ViewCart => self.view_cart().await,
            Action::ClearCart => self.ask_clear_cart(),
            Action::Checkout => self.checkout().await,
            Action::Confirm | Action::Decline => {
                let yes = action == Action::Confirm;
                match self.session.context.pending.take() {
                    Some(Pending::Confirm { action }) if yes => self.execute(action).await,
                    Some(Pending::Confirm { action }) => self.decline(&action),
                    other => {
                        self.session.context.pending = other;
                        Out::new(
                            if yes { Intent::Affirm } else { Intent::Deny },
                            self.t(
                                "There's nothing waiting for a yes or no right now.",
                                "目前没有需要确认的操作。",
                            ),
                        )
                    }
                }
            }
        };
        self.finish(out).await
    }

    /// The conversation state to persist (cart and context).
    pub fn session(&self) -> Session {
        self.session.clone()
    }

    /// Restores a persisted session. Stale data is repaired: unknown products or
    /// variants leave the cart, quantities are cut to the stock, duplicate lines
    /// merge, questions about vanished products are dropped; the next reply says
    /// what changed. With a store that answers immediately the repair happens
    /// here; otherwise on the next [`Assistant::respond`] or [`Assistant::act`].
    pub fn restore(&mut self, session: Session) {
        let mut session = session;
        session.version = SESSION_VERSION;
        let mut merged: Vec<CartLine> = Vec::new();
        for line in session.cart.drain(..) {
            if line.quantity == 0 || line.variant_id.is_empty() {
                continue;
            }
            if let Some(l) = merged.iter_mut().find(|l| l.variant_id == line.variant_id) {
                l.quantity = l
                    .quantity
                    .saturating_add(line.quantity)
                    .min(MAX_LINE_QUANTITY);
            } else if merged.len() < MAX_CART_LINES {
                merged.push(CartLine {
                    quantity: line.quantity.min(MAX_LINE_QUANTITY),
                    ..line
                });
            }
        }
        session.cart = merged;
        session.transcript.truncate(TRANSCRIPT_TURNS);
        for turn in &mut session.transcript {
            turn.text = text::truncate_chars(&turn.text, TRANSCRIPT_CHARS).to_string();
        }
        session.context.shown.truncate(10);
        self.session = session;
        if let Some(lang) = self.session.lang {
            self.lang = lang;
        }
        self.script = self.session.script;
        self.needs_repair = true;
        let repaired = {
            let fut = self.repair();
            now_or_never(fut).is_some()
        };
        if repaired {
            self.needs_repair = false;
        }
    }

    /// The first message the widget shows, in `lang`.
    pub fn greeting(&self, lang: Lang) -> Reply {
        let name = self.store.settings().name.get(lang).to_string();
        let text = match lang {
            Lang::En => format!(
                "Hi! I'm the {name} shopping assistant. I can help you find products, check sizes and stock, manage your cart, track an order, or start a return. What are you looking for today?"
            ),
            Lang::Zh => format!("您好！我是{name}的购物助手，可以帮您找商品、查尺码和库存、管理购物车、查询订单或办理退货。今天想看点什么？"),
        };
        let mut cart = self.cart_view.clone();
        cart.total_text = format_money(cart.total, &cart.currency, lang);
        Reply {
            text,
            intent: Intent::Greet,
            lang,
            script: Script::Simplified,
            cards: Vec::new(),
            suggestions: Self::starters(lang),
            cart,
            handoff: None,
            checkout_url: None,
        }
    }

    // ------------------------------------------------------------------ plumbing

    fn starters(lang: Lang) -> Vec<String> {
        let s: &[&str] = match lang {
            Lang::En => &[
                "Show me bestsellers",
                "Track my order",
                "Return policy",
                "Shipping costs",
            ],
            Lang::Zh => &["看看热销商品", "查询订单", "退货政策", "运费多少"],
        };
        s.iter().map(|x| x.to_string()).collect()
    }

    fn starter_suggestions(&self) -> Vec<String> {
        Self::starters(self.lang)
    }

    /// English or Chinese text for the current turn.
    fn t(&self, en: impl Into<String>, zh: impl Into<String>) -> String {
        match self.lang {
            Lang::En => en.into(),
            Lang::Zh => zh.into(),
        }
    }

    fn money(&self, minor: i64) -> String {
        format_money(minor, &self.store.settings().currency, self.lang)
    }

    fn date(&self, d: Date) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (y, m, day) = d.ymd();
        let this_year = self.today.ymd().0 == y;
        match self.lang {
            Lang::En => {
                let month = MONTHS
                    .get(m.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or("");
                if this_year {
                    format!("{month} {day}")
                } else {
                    format!("{month} {day}, {y}")
                }
            }
            Lang::Zh => {
                if this_year {
                    format!("{m}月{day}日")
                } else {
                    format!("{y}年{m}月{day}日")
                }
            }
        }
    }

    fn join(&self, items: &[String]) -> String {
        match self.lang {
            Lang::En => items.join(", "),
            Lang::Zh => items.join("、"),
        }
    }

    /// " Available: S, M." — nothing when `others` is empty.
    fn available_note(&self, others: &[String]) -> String {
        if others.is_empty() {
            return String::new();
        }
        self.t(
            format!(" Available: {}.", self.join(others)),
            format!("有货的款式：{}。", self.join(others)),
        )
    }

    /// Up to six variants of `p` that are in stock, labelled for the shopper.
    fn in_stock_labels(&self, p: &Product) -> Vec<String> {
        p.variants
            .iter()
            .filter(|o| o.available() > 0)
            .map(|o| p.variant_label(o, self.lang))
            .take(6)
            .collect()
    }

    /// "1. first\n2. second" — choices the shopper can answer with a number.
    fn numbered(names: &[String]) -> String {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn title(&self, p: &Product) -> String {
        p.title.get(self.lang).to_string()
    }

    /// "Cloud Fleece Hoodie (M / Black)", "云朵抓绒卫衣（M / 黑色）".
    fn with_detail(&self, name: &str, detail: &str) -> String {
        match (detail.is_empty(), self.lang) {
            (true, _) => name.to_string(),
            (false, Lang::En) => format!("{name} ({detail})"),
            (false, Lang::Zh) => format!("{name}（{detail}）"),
        }
    }

    async fn product(&self, id: &str) -> Option<Product> {
        self.store.product(id).await.ok().flatten()
    }

    /// Picks the reply language: the message's own when it says enough (Chinese
    /// characters, or a real English word outside the entities), else the
    /// conversation's so far — so "M" or "2" or "👍" keep the language.
    fn update_lang(&mut self, cls: &Classification, ents: &Entities) {
        let residual = &ents.residual;
        let has_cjk = ents.normalized.chars().any(text::is_cjk);
        let has_word = residual
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3 || matches!(w, "hi" | "no"));
        let lang = if has_cjk {
            Some(cls.lang)
        } else if has_word {
            Some(Lang::En)
        } else {
            None
        };
        let lang = lang.or(self.session.lang).unwrap_or(cls.lang);
        // the script changes only on evidence: Traditional-only characters, or
        // Simplified-only ones ("黑色" is both and keeps the script)
        if cls.script == Script::Traditional {
            self.session.script = Script::Traditional;
        } else if has_cjk && to_traditional(&ents.normalized) != ents.normalized {
            self.session.script = Script::Simplified;
        }
        self.lang = lang;
        self.script = if lang == Lang::Zh {
            self.session.script
        } else {
            Script::Simplified
        };
        self.session.lang = Some(lang);
    }

    fn record(&mut self, shopper: bool, message: &str) {
        let text = text::truncate_chars(message.trim(), TRANSCRIPT_CHARS).to_string();
        if text.is_empty() {
            return;
        }
        self.session.transcript.push(Turn { shopper, text });
        let excess = self
            .session
            .transcript
            .len()
            .saturating_sub(TRANSCRIPT_TURNS);
        if excess > 0 {
            self.session.transcript.drain(..excess);
        }
    }

    /// Turns an [`Out`] into the final [`Reply`]: cart view, notes, script.
    async fn finish(&mut self, out: Out) -> Reply {
        self.cart_view = self.compute_cart_view().await;
        let mut text = out.text;
        if !self.notes.is_empty() {
            let notes = std::mem::take(&mut self.notes).join("\n");
            text = format!("{notes}\n{text}");
        }
        self.record(false, &text);
        let mut reply = Reply {
            text,
            intent: out.intent,
            lang: self.lang,
            script: self.script,
            cards: out.cards,
            suggestions: out.suggestions,
            cart: self.cart_view.clone(),
            handoff: out.handoff,
            checkout_url: out.checkout_url,
        };
        if self.lang == Lang::Zh && self.script == Script::Traditional {
            let t = |s: &mut String| *s = to_traditional(s);
            t(&mut reply.text);
            reply.suggestions.iter_mut().for_each(t);
            for c in &mut reply.cards {
                t(&mut c.title);
                t(&mut c.variant_title);
                t(&mut c.stock);
            }
            for i in &mut reply.cart.items {
                t(&mut i.title);
                t(&mut i.options);
            }
            if let Some(h) = &mut reply.handoff {
                t(&mut h.hours);
                t(&mut h.summary);
            }
        }
        reply
    }

    // ------------------------------------------------------------------ turns

    async fn turn(&mut self, cls: &Classification, ents: &Entities) -> Out {
        if let Some(pending) = self.session.context.pending.take() {
            if let Some(out) = self.answer_pending(pending, cls, ents).await {
                return out;
            }
        }
        self.route(cls.intent, ents).await
    }

    /// Tries to read the message as the answer to the pending question. `None`
    /// when it is not an answer (the question is dropped and the message is
    /// handled on its own).
    async fn answer_pending(
        &mut self,
        pending: Pending,
        cls: &Classification,
        ents: &Entities,
    ) -> Option<Out> {
        let intent = cls.intent;
        let short = message_size(&ents.normalized) <= 4;
        let no = ents.yes_no == Some(false)
            || (ents.yes_no.is_none() && intent == Intent::Deny && short);
        match pending {
            Pending::Confirm { action } => {
                let own_intent = match &action {
                    Confirmable::ClearCart => Intent::CartRemove,
                    Confirmable::CancelOrder { .. } => Intent::OrderCancel,
                    Confirmable::SubmitReturn { .. } => Intent::ReturnRequest,
                    Confirmable::AddAvailable { .. } => Intent::CartAdd,
                };
                let yes = ents.yes_no == Some(true)
                    || (ents.yes_no.is_none()
                        && ents.negated.is_none()
                        && (intent == Intent::Affirm || (intent == own_intent && short)));
                if yes && !no {
                    Some(self.execute(action).await)
                } else if no {
                    Some(self.decline(&action))
                } else {
                    None
                }
            }
            Pending::Variant {
                product_id,
                selected,
                goal,
            } => {
                let relevant = short
                    || matches!(
                        intent,
                        Intent::CartAdd
                            | Intent::StockCheck
                            | Intent::ProductInfo
                            | Intent::CartUpdate
                    );
                if !relevant {
                    return None;
                }
                if no {
                    return Some(self.never_mind());
                }
                let product = self.product(&product_id).await?;
                self.fill_variant(product, selected, goal, ents, short)
                    .await
            }
            Pending::Product {
                candidates,
                goal,
                sizes,
                colors,
            } => {
                if no && short {
                    return Some(self.never_mind());
                }
                self.choose_product(candidates, goal, sizes, colors, ents, short)
                    .await
            }
            Pending::CartLine { candidates, goal } => {
                if no && short {
                    return Some(self.never_mind());
                }
                self.choose_line(candidates, goal, ents, short).await
            }
            Pending::OrderNumber { goal } => {
                if no && short {
                    return Some(self.never_mind());
                }
                let number = ents.order_number.clone().or_else(|| {
                    ents.numbers
                        .iter()
                        .find(|n| **n >= 100)
                        .map(|n| n.to_string())
                });
                match number {
                    Some(n) => Some(self.order_flow(goal, Some(n), ents.email.clone()).await),
                    None if short && ents.email.is_none() => {
                        self.session.context.pending =
                            Some(Pending::OrderNumber { goal: goal.clone() });
                        Some(Out::new(
                            goal_intent(&goal),
                            self.t(
                                "I need the order number to look it up — it's in your confirmation email (e.g. 10482).",
                                "需要订单号才能查询——订单号在您的确认邮件里（例如 10482）。",
                            ),
                        ))
                    }
                    None => None,
                }
            }
            Pending::Email { order_id, goal } => {
                if no && short {
                    return Some(self.never_mind());
                }
                match &ents.email {
                    Some(email) => {
                        let id = ents.order_number.clone().unwrap_or(order_id);
                        Some(self.order_flow(goal, Some(id), Some(email.clone())).await)
                    }
                    None if short && ents.order_number.is_none() => {
                        self.session.context.pending = Some(Pending::Email {
                            order_id,
                            goal: goal.clone(),
                        });
                        Some(Out::new(
                            goal_intent(&goal),
                            self.t(
                                "That doesn't look like an email address. Please type the email you used for the order, e.g. name@example.com.",
                                "这看起来不像邮箱地址。请输入下单时使用的邮箱，例如 name@example.com。",
                            ),
                        ))
                    }
                    None => None,
                }
            }
            Pending::ReturnItem {
                order_id,
                candidates,
            } => {
                if no && short {
                    return Some(self.never_mind());
                }
                // "is the hoodie in M in stock?" names an order line too, but asks
                // something else: only a short reply, an ordinal or a return
                // message picks the item
                let relevant = short
                    || ents.ordinal.is_some()
                    || matches!(intent, Intent::ReturnRequest | Intent::Affirm);
                if !relevant {
                    return None;
                }
                self.choose_return_item(order_id, candidates, ents, short)
                    .await
            }
        }
    }

    /// "我要买云朵抓绒卫衣", "I want to buy the Cloud Fleece Hoodie": a short
    /// message whose only action is buying, naming one product by its whole
    /// title, is a purchase even when the classifier heard browsing
    /// (search, recommend, cart view). Generic words ("想买个卫衣") name no
    /// whole title and stay a search; questions ("…有货吗") are other intents.
    async fn is_plain_purchase(&self, intent: Intent, ents: &Entities) -> bool {
        if !matches!(
            intent,
            Intent::ProductSearch | Intent::Recommend | Intent::CartView
        ) || ents.verbs != [ActionVerb::Add]
            || ents.negated.is_some()
            || message_size(&ents.normalized) > 8
        {
            return false;
        }
        let hits = self.search_hits(&ents.residual, Filter::default(), 2).await;
        matches!(hits.as_slice(), [top, ..] if top.exact && hits.get(1).is_none_or(|h| !h.exact))
    }

    fn never_mind(&mut self) -> Out {
        Out::new(
            Intent::Deny,
            self.t(
                "OK, no problem. Anything else I can help with?",
                "好的，没问题。还有什么可以帮您？",
            ),
        )
        .suggest(self.starter_suggestions())
    }

    /// Dispatches on the intent.
    async fn route(&mut self, intent: Intent, ents: &Entities) -> Out {
        let intent = if self.is_plain_purchase(intent, ents).await {
            Intent::CartAdd
        } else {
            intent
        };
        if let Some(verb) = intent_verb(intent) {
            let negated_here = ents.negated == Some(verb);
            let negated_unclear = ents.negated.is_some() && !ents.verbs.contains(&verb);
            if negated_here || negated_unclear {
                return self.negated_reply(intent, ents.negated.unwrap_or(verb));
            }
        }
        match intent {
            Intent::Greet => self.greet(),
            Intent::ThanksBye => self.thanks_bye(),
            Intent::ProductSearch => self.search(ents).await,
            Intent::ProductInfo => self.info(ents).await,
            Intent::StockCheck => self.stock(ents).await,
            Intent::Recommend => self.recommend(ents).await,
            Intent::CartAdd => self.add(ents).await,
            Intent::CartRemove => self.remove(ents).await,
            Intent::CartUpdate => self.update(ents).await,
            Intent::CartView => self.view_cart().await,
            Intent::Checkout => self.checkout().await,
            Intent::OrderStatus => {
                self.order_flow(
                    OrderGoal::Status,
                    ents.order_number.clone(),
                    ents.email.clone(),
                )
                .await
            }
            Intent::OrderCancel => {
                self.order_flow(
                    OrderGoal::Cancel,
                    ents.order_number.clone(),
                    ents.email.clone(),
                )
                .await
            }
            Intent::ReturnRequest => {
                let goal = OrderGoal::Return {
                    hint: ents.residual.clone(),
                };
                self.order_flow(goal, ents.order_number.clone(), ents.email.clone())
                    .await
            }
            Intent::ReturnStatus => {
                self.order_flow(
                    OrderGoal::ReturnStatus,
                    ents.order_number.clone(),
                    ents.email.clone(),
                )
                .await
            }
            Intent::ReturnPolicy => self.return_policy().await,
            Intent::ShippingInfo => self.shipping(ents).await,
            Intent::PaymentInfo => self.payment(ents).await,
            Intent::Promotions => self.promotions().await,
            Intent::HumanHandoff => self.handoff(),
            Intent::Affirm => Out::new(
                Intent::Affirm,
                self.t(
                    "Great! What would you like to do next?",
                    "好的！接下来想做什么？",
                ),
            )
            .suggest(self.starter_suggestions()),
            Intent::Deny => self.never_mind(),
            Intent::OutOfScope => self.out_of_scope(ents).await,
        }
    }

    fn negated_reply(&mut self, intent: Intent, verb: ActionVerb) -> Out {
        let (en, zh) = match verb {
            ActionVerb::Add => ("OK, I won't add it.", "好的，不加。"),
            ActionVerb::Remove => (
                "OK, I'll leave your cart as it is.",
                "好的，购物车保持不变。",
            ),
            ActionVerb::Change => ("OK, I won't change anything.", "好的，不做修改。"),
            ActionVerb::Cancel => ("OK, I won't cancel anything.", "好的，不会取消。"),
            ActionVerb::Return => ("OK, no return then.", "好的，那就不退货。"),
            ActionVerb::Checkout => (
                "OK, no rush — your cart stays saved.",
                "好的，不着急，购物车会为您保留。",
            ),
        };
        let more = self.t(" Anything else?", "还需要什么吗？");
        Out::new(intent, format!("{}{more}", self.t(en, zh)))
    }
}

/// The intent an order goal answers.
fn goal_intent(goal: &OrderGoal) -> Intent {
    match goal {
        OrderGoal::Status => Intent::OrderStatus,
        OrderGoal::Cancel => Intent::OrderCancel,
        OrderGoal::Return { .. } => Intent::ReturnRequest,
        OrderGoal::ReturnStatus => Intent::ReturnStatus,
    }
}

#[cfg(test)]
mod tests;
