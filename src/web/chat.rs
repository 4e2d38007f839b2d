//! The widget's state and every decision the UI makes, in plain Rust (tested
//! natively). The Leptos components only render a [`ChatState`] and forward
//! clicks and keys to its methods.

use super::view::{BotMessage, CartSummary};
use crate::intent::Intent;
use crate::text::{self, Lang};
use crate::Action;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The conversation kept (on screen and in storage); older entries are dropped.
pub const MAX_ENTRIES: usize = 60;

/// One line of the conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum Entry {
    /// What the shopper typed (or tapped: a quick reply).
    User { id: u64, text: String },
    /// What the assistant answered.
    Bot { id: u64, msg: BotMessage },
}

impl Entry {
    pub fn id(&self) -> u64 {
        match self {
            Entry::User { id, .. } | Entry::Bot { id, .. } => *id,
        }
    }
}

/// Work for the assistant, done one at a time in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// The first message of a new conversation.
    Greeting,
    /// A shopper message (already trimmed and bounded).
    Text(String),
    /// A button: "add to cart" on a card, "remove" on a cart line.
    Act(Action),
}

/// Why the widget cannot serve the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadFailure {
    /// The model could not be downloaded or read.
    Model,
    /// The catalog, orders or policies could not be downloaded or read.
    Catalog,
}

impl LoadFailure {
    pub fn as_str(self) -> &'static str {
        match self {
            LoadFailure::Model => "model",
            LoadFailure::Catalog => "catalog",
        }
    }
}

/// Where the widget is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Downloading the model and the shop data, building the classifier.
    #[default]
    Loading,
    Ready,
    Failed(LoadFailure),
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChatState {
    /// Language of the widget's own words; follows the shopper's messages.
    pub lang: Lang,
    pub phase: Phase,
    pub entries: Vec<Entry>,
    pub cart: CartSummary,
    /// The cart lines are expanded.
    pub cart_open: bool,
    /// What the polite live region says (the latest reply).
    pub announcement: String,
    queue: VecDeque<Job>,
    busy: bool,
    next_id: u64,
}

/// What changed after a reply, for the shell to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    pub cart_changed: bool,
    pub lang_changed: bool,
}

impl ChatState {
    pub fn new(lang: Lang) -> Self {
        ChatState {
            lang,
            ..ChatState::default()
        }
    }

    /// A state restored from storage; the greeting is skipped when there is a
    /// conversation to continue.
    pub fn restored(lang: Lang, saved: SavedChat) -> Self {
        let mut entries = saved.entries;
        if entries.len() > MAX_ENTRIES {
            entries.drain(..entries.len() - MAX_ENTRIES);
        }
        let next_id = entries.iter().map(Entry::id).max().map_or(0, |m| m + 1);
        ChatState {
            lang: saved.lang.unwrap_or(lang),
            entries,
            cart: saved.cart,
            next_id,
            ..ChatState::default()
        }
    }

    fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The model and data are loaded. A new conversation starts with a greeting.
    pub fn ready(&mut self) {
        self.phase = Phase::Ready;
        if self.entries.is_empty() && !self.queue.contains(&Job::Greeting) {
            self.queue.push_front(Job::Greeting);
        }
    }

    /// Loading failed; queued work is dropped (it can never be answered).
    pub fn fail(&mut self, why: LoadFailure) {
        self.phase = Phase::Failed(why);
        self.queue.clear();
        self.busy = false;
    }

    /// Back to loading (the "try again" button).
    pub fn retry(&mut self) {
        if matches!(self.phase, Phase::Failed(_)) {
            self.phase = Phase::Loading;
        }
    }

    /// The shopper sent `raw`. Returns false (and changes nothing) when there is
    /// nothing to send or the widget cannot answer.
    pub fn submit(&mut self, raw: &str) -> bool {
        if matches!(self.phase, Phase::Failed(_)) {
            return false;
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return false;
        }
        let text = text::truncate_chars(trimmed, text::MAX_INPUT_CHARS).to_string();
        let id = self.id();
        self.entries.push(Entry::User {
            id,
            text: text.clone(),
        });
        self.queue.push_back(Job::Text(text));
        self.trim();
        true
    }

    /// The shopper pressed "add to cart" on a card.
    pub fn add_to_cart(&mut self, product_id: &str, variant_id: Option<&str>) -> bool {
        self.act(Action::AddToCart {
            product_id: product_id.to_string(),
            variant_id: variant_id.map(str::to_string),
            quantity: 1,
        })
    }

    /// The shopper pressed "remove" on a cart line.
    pub fn remove_line(&mut self, variant_id: &str) -> bool {
        self.act(Action::RemoveFromCart {
            variant_id: variant_id.to_string(),
        })
    }

    fn act(&mut self, action: Action) -> bool {
        if self.phase != Phase::Ready {
            return false;
        }
        self.queue.push_back(Job::Act(action));
        true
    }

    /// The next job to run, if the assistant is free; marks it busy.
    pub fn take_job(&mut self) -> Option<Job> {
        if self.phase != Phase::Ready || self.busy {
            return None;
        }
        let job = self.queue.pop_front()?;
        self.busy = true;
        Some(job)
    }

    /// Records the assistant's answer to the job taken last.
    pub fn apply_reply(&mut self, msg: BotMessage, cart: CartSummary) -> Applied {
        self.busy = false;
        let applied = Applied {
            cart_changed: cart != self.cart,
            lang_changed: msg.lang != self.lang,
        };
        self.lang = msg.lang;
        self.cart_open = match msg.intent {
            Intent::CartView | Intent::Checkout => !cart.lines.is_empty(),
            _ => self.cart_open && !cart.lines.is_empty(),
        };
        self.cart = cart;
        self.announcement = announcement(&msg);
        let id = self.id();
        self.entries.push(Entry::Bot { id, msg });
        self.trim();
        applied
    }

    fn trim(&mut self) {
        if self.entries.len() > MAX_ENTRIES {
            self.entries.drain(..self.entries.len() - MAX_ENTRIES);
        }
    }

    /// The assistant is working on (or about to work on) a message.
    pub fn is_waiting(&self) -> bool {
        self.busy || (!self.queue.is_empty() && !matches!(self.phase, Phase::Failed(_)))
    }

    /// Quick replies: those of the latest answer, while nothing newer is pending.
    pub fn suggestions(&self) -> &[String] {
        if self.is_waiting() {
            return &[];
        }
        match self.entries.last() {
            Some(Entry::Bot { msg, .. }) => &msg.suggestions,
            _ => &[],
        }
    }

    /// Buttons that act (add to cart, remove) can be used.
    pub fn can_act(&self) -> bool {
        self.phase == Phase::Ready
    }

    pub fn toggle_cart(&mut self) {
        self.cart_open = !self.cart_open && !self.cart.lines.is_empty();
    }

    /// What is kept across reloads.
    pub fn saved(&self, session: Option<serde_json::Value>) -> SavedChat {
        SavedChat {
            v: SavedChat::VERSION,
            lang: Some(self.lang),
            entries: self.entries.clone(),
            cart: self.cart.clone(),
            session,
        }
    }
}

/// The live-region text for a reply: its words, then how many products it shows.
pub fn announcement(msg: &BotMessage) -> String {
    let cards = super::i18n::cards_announcement(msg.lang, msg.cards.len());
    if cards.is_empty() {
        msg.text.clone()
    } else {
        format!("{} {}", msg.text, cards)
    }
}

/// The persisted widget state (one JSON value in `localStorage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedChat {
    pub v: u32,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub cart: CartSummary,
    /// The assistant's [`Session`](crate::Session) (cart, pending questions).
    #[serde(default)]
    pub session: Option<serde_json::Value>,
}

impl SavedChat {
    pub const VERSION: u32 = 1;

    /// Reads a saved state; `None` for anything unreadable or from another
    /// version (the widget then starts fresh, it never fails on stored data).
    pub fn parse(json: &str) -> Option<SavedChat> {
        let saved: SavedChat = serde_json::from_str(json).ok()?;
        (saved.v == Self::VERSION).then_some(saved)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A link the shopper can follow to reach the shop, from the embed's
/// `data-contact` or else the catalog's support details. Only `http(s):`,
/// `mailto:` and `tel:` links are used (never `javascript:`).
pub fn contact_href(
    configured: Option<&str>,
    support_url: Option<&str>,
    support_email: Option<&str>,
    support_phone: Option<&str>,
) -> Option<String> {
    let safe = |s: &str| {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        let ok = ["https://", "http://", "mailto:", "tel:", "/"]
            .iter()
            .any(|p| lower.starts_with(p))
            && !lower.starts_with("//")
            && !s.chars().any(|c| c.is_control() || c == ' ');
        ok.then(|| s.to_string())
    };
    configured
        .and_then(safe)
        .or_else(|| support_url.and_then(safe))
        .or_else(|| {
            support_email
                .map(str::trim)
                .filter(|e| e.contains('@') && !e.contains(['?', '&', ' ', '<', '>']))
                .map(|e| format!("mailto:{e}"))
        })
        .or_else(|| {
            support_phone
                .map(|p| {
                    p.chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect::<String>()
                })
                .filter(|p| p.len() >= 3)
                .map(|p| format!("tel:{p}"))
        })
}

/// Keys the panel handles itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Close,
    /// Tab past the last focusable element: wrap to the first.
    WrapToFirst,
    /// Shift+Tab before the first focusable element: wrap to the last.
    WrapToLast,
    None,
}

/// Escape closes the dialog; Tab stays inside it (it is modal).
pub fn key_action(key: &str, shift: bool, on_first: bool, on_last: bool) -> KeyAction {
    match key {
        "Escape" | "Esc" => KeyAction::Close,
        "Tab" if shift && on_first => KeyAction::WrapToLast,
        "Tab" if !shift && on_last => KeyAction::WrapToFirst,
        _ => KeyAction::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::view::{CardView, CartLineView, StockLevel};

    fn bot(text: &str, intent: Intent, lang: Lang) -> BotMessage {
        BotMessage {
            text: text.into(),
            intent,
            lang,
            cards: vec![],
            suggestions: vec!["Show hoodies".into()],
            checkout_url: None,
        }
    }

    fn cart(n: u32) -> CartSummary {
        CartSummary {
            lines: (0..n)
                .map(|i| CartLineView {
                    product_id: format!("p{i}"),
                    variant_id: format!("v{i}"),
                    title: format!("Item {i}"),
                    variant: String::new(),
                    quantity: 1,
                    line_total: "$1.00".into(),
                })
                .collect(),
            item_count: n,
            total: format!("${n}.00"),
            checkout_url: None,
        }
    }

    #[test]
    fn shopper_speaking_first_skips_the_greeting_and_keeps_order() {
        let mut s = ChatState::new(Lang::En);
        assert!(s.submit("  hi  "));
        assert!(!s.submit("   "));
        assert_eq!(
            s.take_job(),
            None,
            "nothing runs before the model is loaded"
        );
        assert!(s.is_waiting());
        s.ready();
        assert_eq!(s.take_job(), Some(Job::Text("hi".into())));
        assert_eq!(s.take_job(), None, "one job at a time");
        assert_eq!(s.suggestions().len(), 0, "no chips while waiting");
        s.apply_reply(bot("Hi again", Intent::Greet, Lang::En), cart(0));
        assert_eq!(s.suggestions(), ["Show hoodies".to_string()]);
        assert!(!s.is_waiting());
        assert_eq!(s.entries.len(), 2);
    }

    #[test]
    fn new_conversation_starts_with_a_greeting() {
        let mut s = ChatState::new(Lang::En);
        s.ready();
        assert_eq!(s.take_job(), Some(Job::Greeting));
        assert_eq!(s.take_job(), None, "one job at a time");
    }

    #[test]
    fn follows_reply_language_and_announces() {
        let mut s = ChatState::new(Lang::En);
        s.ready();
        s.take_job();
        let mut m = bot("您好", Intent::Greet, Lang::Zh);
        m.cards.push(CardView {
            product_id: "p1".into(),
            title: "卫衣".into(),
            variant_title: String::new(),
            price: "¥99".into(),
            compare_at: None,
            image: None,
            url: None,
            stock: "有货".into(),
            level: StockLevel::In,
            variants: vec![],
            variant_id: None,
        });
        let applied = s.apply_reply(m, cart(0));
        assert!(applied.lang_changed);
        assert_eq!(s.lang, Lang::Zh);
        assert_eq!(s.announcement, "您好 显示 1 件商品。");
    }

    #[test]
    fn buttons_queue_actions() {
        let mut s = ChatState::new(Lang::En);
        assert!(!s.add_to_cart("p1", Some("v1")), "not before ready");
        s.ready();
        s.take_job();
        s.apply_reply(bot("Hi", Intent::Greet, Lang::En), cart(0));
        assert!(s.add_to_cart("p1", Some("v1")));
        assert_eq!(
            s.take_job(),
            Some(Job::Act(Action::AddToCart {
                product_id: "p1".into(),
                variant_id: Some("v1".into()),
                quantity: 1
            }))
        );
        s.apply_reply(bot("Added", Intent::CartAdd, Lang::En), cart(1));
        assert!(s.remove_line("v0"));
        assert!(matches!(
            s.take_job(),
            Some(Job::Act(Action::RemoveFromCart { .. }))
        ));
    }

    #[test]
    fn cart_expands_on_cart_view_and_reports_changes() {
        let mut s = ChatState::new(Lang::En);
        s.ready();
        s.take_job();
        let a = s.apply_reply(bot("Added", Intent::CartAdd, Lang::En), cart(1));
        assert!(a.cart_changed);
        assert!(!s.cart_open);
        s.submit("what's in my cart");
        s.take_job();
        let a = s.apply_reply(bot("Your cart", Intent::CartView, Lang::En), cart(1));
        assert!(!a.cart_changed);
        assert!(s.cart_open);
        s.toggle_cart();
        assert!(!s.cart_open);
    }

    #[test]
    fn failure_drops_queue_and_blocks_input() {
        let mut s = ChatState::new(Lang::En);
        s.submit("hello");
        s.fail(LoadFailure::Model);
        assert!(!s.is_waiting());
        assert!(!s.submit("anyone?"));
        assert!(!s.add_to_cart("p1", None));
        assert!(!s.remove_line("v1"));
        s.retry();
        assert_eq!(s.phase, Phase::Loading);
    }

    #[test]
    fn long_input_is_bounded_and_history_is_capped() {
        let mut s = ChatState::new(Lang::En);
        let long = "a".repeat(10_000);
        s.submit(&long);
        match &s.entries[0] {
            Entry::User { text, .. } => assert_eq!(text.chars().count(), text::MAX_INPUT_CHARS),
            other => panic!("{other:?}"),
        }
        for i in 0..200 {
            s.submit(&format!("m{i}"));
        }
        assert_eq!(s.entries.len(), MAX_ENTRIES);
    }

    #[test]
    fn saved_state_round_trips_and_rejects_garbage() {
        let mut s = ChatState::new(Lang::Zh);
        s.submit("你好");
        s.ready();
        s.take_job();
        s.apply_reply(bot("您好", Intent::Greet, Lang::Zh), cart(2));
        let json = s.saved(Some(serde_json::json!({"cart": []}))).to_json();
        let back = SavedChat::parse(&json).expect("round trip");
        let r = ChatState::restored(Lang::En, back);
        assert_eq!(r.entries, s.entries);
        assert_eq!(r.cart, s.cart);
        assert_eq!(r.lang, Lang::Zh);
        let mut r = r;
        r.ready();
        assert_eq!(r.take_job(), None, "no second greeting");
        r.submit("再见");
        assert!(r.entries.windows(2).all(|w| w[0].id() < w[1].id()));

        for bad in [
            "",
            "null",
            "{",
            "[]",
            "{\"v\":99}",
            "{\"v\":1,\"entries\":3}",
            "\u{0}",
        ] {
            assert!(SavedChat::parse(bad).is_none(), "{bad:?}");
        }
        assert!(SavedChat::parse("{\"v\":1}").is_some());
    }

    #[test]
    fn contact_links_are_safe() {
        assert_eq!(
            contact_href(
                Some("javascript:alert(1)"),
                None,
                Some("help@shop.example"),
                None
            ),
            Some("mailto:help@shop.example".into())
        );
        assert_eq!(
            contact_href(Some(" https://shop.example/contact "), None, None, None),
            Some("https://shop.example/contact".into())
        );
        assert_eq!(contact_href(Some("//evil.example"), None, None, None), None);
        assert_eq!(
            contact_href(None, None, None, Some("+1 (555) 010-2030")),
            Some("tel:+15550102030".into())
        );
        assert_eq!(
            contact_href(None, Some("data:text/html,x"), Some("nope"), None),
            None
        );
    }

    #[test]
    fn keys() {
        assert_eq!(key_action("Escape", false, false, false), KeyAction::Close);
        assert_eq!(
            key_action("Tab", false, false, true),
            KeyAction::WrapToFirst
        );
        assert_eq!(key_action("Tab", true, true, false), KeyAction::WrapToLast);
        assert_eq!(key_action("Tab", false, true, false), KeyAction::None);
        assert_eq!(key_action("a", false, true, true), KeyAction::None);
    }
}
