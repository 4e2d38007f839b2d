//! The data the dialogue hands to the widget and the CLI ([`Reply`], [`CartView`],
//! [`ProductCard`]), takes from them ([`Action`]) and persists ([`Session`]).

use crate::intent::Intent;
use crate::text::{Lang, Script};
use serde::{Deserialize, Serialize};

/// What the assistant says back, with everything a UI needs to render it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    /// The message, plain text (may contain line breaks), in the shopper's
    /// language and script.
    pub text: String,
    /// The intent the assistant acted on (after context: a bare "M" answering
    /// "which size?" is `cart_add`).
    pub intent: Intent,
    pub lang: Lang,
    pub script: Script,
    /// Products to show.
    pub cards: Vec<ProductCard>,
    /// Quick replies; sending one back as a message does what it says.
    pub suggestions: Vec<String>,
    /// The cart after this turn.
    pub cart: CartView,
    /// Set when the assistant hands the shopper over to a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff: Option<Handoff>,
    /// Set on checkout: where to continue paying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_url: Option<String>,
}

/// A product (or one variant of it) as a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductCard {
    pub product_id: String,
    /// Set when the card is about one variant.
    pub variant_id: Option<String>,
    pub title: String,
    /// "M / Black" for a variant card, empty otherwise.
    pub variant_title: String,
    /// Formatted price ("$59.00", "from $25.00").
    pub price: String,
    /// Formatted "was" price, when discounted.
    pub compare_at: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    /// "In stock", "Only 2 left", "Sold out"…
    pub stock: String,
    /// Something (this variant, or any variant) can be bought.
    pub available: bool,
}

/// The cart as shown to the shopper.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CartView {
    pub items: Vec<CartItemView>,
    /// Sum of line totals, minor units.
    pub total: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Formatted total.
    pub total_text: String,
    /// Number of units.
    pub count: u32,
}

/// One cart line as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CartItemView {
    pub product_id: String,
    pub variant_id: String,
    pub quantity: u32,
    pub title: String,
    /// "M / Black" (empty for single-variant products).
    pub options: String,
    /// Minor units.
    pub unit_price: i64,
    pub line_total: i64,
    pub unit_price_text: String,
    pub line_total_text: String,
    pub image: Option<String>,
}

/// How to reach a person, and a summary the shopper can paste.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handoff {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub hours: String,
    pub summary: String,
}

/// A UI button press.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// Put a product in the cart; without `variant_id` the assistant asks for the
    /// missing options.
    AddToCart {
        product_id: String,
        #[serde(default)]
        variant_id: Option<String>,
        #[serde(default = "one")]
        quantity: u32,
    },
    /// Remove a cart line.
    RemoveFromCart {
        variant_id: String,
    },
    /// Set a cart line's quantity (0 removes it); limited by stock.
    SetQuantity {
        variant_id: String,
        quantity: u32,
    },
    /// Show a product's details.
    ShowProduct {
        product_id: String,
    },
    ViewCart,
    /// Empty the cart (asks for confirmation first).
    ClearCart,
    Checkout,
    /// Answer "yes" to the pending question.
    Confirm,
    /// Answer "no" to the pending question.
    Decline,
}

fn one() -> u32 {
    1
}

/// The persisted state of a conversation: cart and context. Stale data is
/// repaired on [`crate::Assistant::restore`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub cart: Vec<CartLine>,
    /// The shopper's language so far (short answers keep it).
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub script: Script,
    #[serde(default)]
    pub context: Context,
    /// The order the shopper proved with its number and email.
    #[serde(default)]
    pub verified: Option<VerifiedOrder>,
    /// Failed order look-ups (too many stop further attempts).
    #[serde(default)]
    pub failed_lookups: u32,
    /// Recent turns, for the hand-off summary.
    #[serde(default)]
    pub transcript: Vec<Turn>,
}

/// One cart line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: String,
    pub variant_id: String,
    pub quantity: u32,
}

/// A verified order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedOrder {
    pub order_id: String,
    pub email: String,
}

/// One message of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// `true` for the shopper, `false` for the assistant.
    pub shopper: bool,
    pub text: String,
}

/// What the conversation is about right now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The product last shown or discussed ("it", "这件").
    #[serde(default)]
    pub focus: Option<String>,
    /// Its variant, when one was chosen.
    #[serde(default)]
    pub focus_variant: Option<String>,
    /// Option values the shopper named for it without choosing a variant
    /// ("is the M in stock?"), one entry per product option.
    #[serde(default)]
    pub focus_options: Vec<Option<String>>,
    /// Products last listed, in order ("the second one").
    #[serde(default)]
    pub shown: Vec<String>,
    /// The cart line last added or changed ("make it 3").
    #[serde(default)]
    pub last_line: Option<String>,
    /// The question the assistant is waiting on.
    #[serde(default)]
    pub pending: Option<Pending>,
    /// The last topic, for the hand-off summary.
    #[serde(default)]
    pub topic: Option<Intent>,
}

/// What a product flow wants once a product and variant are known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "goal", rename_all = "snake_case")]
pub enum Goal {
    Add {
        quantity: u32,
    },
    Stock,
    Info,
    /// Change a cart line to another variant of the same product.
    Change {
        from_variant: String,
    },
}

/// What an order flow wants once the order is verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "goal", rename_all = "snake_case")]
pub enum OrderGoal {
    Status,
    Cancel,
    Return {
        #[serde(default)]
        hint: String,
    },
    ReturnStatus,
}

/// What to do with a cart line once it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "goal", rename_all = "snake_case")]
pub enum LineGoal {
    Remove { quantity: Option<u32> },
    SetQuantity { quantity: u32 },
}

/// An action that waits for a yes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Confirmable {
    ClearCart,
    CancelOrder {
        order_id: String,
    },
    SubmitReturn {
        order_id: String,
        variant_id: String,
        quantity: u32,
    },
    /// Add what stock allows instead of what was asked.
    AddAvailable {
        product_id: String,
        variant_id: String,
        quantity: u32,
    },
}

/// The question the assistant asked and is waiting on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// Which option value (size, colour…)?
    Variant {
        product_id: String,
        /// One entry per product option.
        selected: Vec<Option<String>>,
        goal: Goal,
    },
    /// Which of these products?
    Product {
        candidates: Vec<String>,
        goal: Goal,
        #[serde(default)]
        sizes: Vec<String>,
        #[serde(default)]
        colors: Vec<String>,
    },
    /// Which cart line?
    CartLine {
        candidates: Vec<String>,
        goal: LineGoal,
    },
    /// What is the order number?
    OrderNumber { goal: OrderGoal },
    /// What is the email on the order?
    Email { order_id: String, goal: OrderGoal },
    /// Which item of the order to return?
    ReturnItem {
        order_id: String,
        candidates: Vec<String>,
    },
    /// Yes or no?
    Confirm { action: Confirmable },
}
