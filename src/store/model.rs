//! The shop's data: catalog, orders, returns and policies, exactly as the static
//! JSON files spell them (see `docs/store.md` and `www/schema/*.json`).
//!
//! Every struct rejects unknown fields, so a misspelt key is reported with its
//! JSON path instead of being silently ignored. Amounts are integers in the shop
//! currency's minor unit (cents, fen).

use super::date::Date;
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in English and/or Chinese (Simplified). Either may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Localized {
    /// An English and Chinese text.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Localized {
            en: Some(en.into()),
            zh: Some(zh.into()),
        }
    }

    /// The text in `lang`, falling back to the other language, then to `""`.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.zh),
            Lang::Zh => (&self.zh, &self.en),
        };
        first
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(second.as_deref().filter(|s| !s.trim().is_empty()))
            .unwrap_or("")
    }

    /// True when neither language has a non-blank text.
    pub fn is_empty(&self) -> bool {
        self.get(Lang::En).is_empty()
    }

    /// Both texts (those present).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.en.iter().chain(self.zh.iter()).map(String::as_str)
    }
}

// ---------------------------------------------------------------- catalog.json

/// `www/catalog.json`: shop settings, categories and products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub shop: ShopSettings,
    pub categories: Vec<Category>,
    pub products: Vec<Product>,
}

/// Shop-wide settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopSettings {
    pub name: Localized,
    /// ISO 4217 code of every price in the shop, e.g. `"USD"`.
    pub currency: String,
    /// Languages the shop serves, e.g. `["en", "zh"]`.
    pub locales: Vec<Lang>,
    /// The shop's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Checkout hand-off link. `{items}` is replaced by `variant_id:quantity` pairs
    /// joined with commas (the Shopify cart-permalink form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkout_url: Option<String>,
    /// A variant with this many or fewer units left is "low stock" (default 3).
    #[serde(default = "default_low_stock")]
    pub low_stock_threshold: u32,
    pub support: Support,
}

fn default_low_stock() -> u32 {
    3
}

/// How shoppers reach a person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Opening hours, e.g. "Mon–Fri 9:00–18:00 (ET)".
    #[serde(default)]
    pub hours: Localized,
}

/// A product category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: Localized,
    /// Other words shoppers use for it, any language ("sneakers", "鞋子").
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// A product and its variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    /// URL-safe name, unique in the shop.
    pub handle: String,
    pub title: Localized,
    #[serde(default)]
    pub description: Localized,
    /// A [`Category::id`].
    pub category: String,
    /// Search keywords, any language ("waterproof", "防水", "bestseller").
    #[serde(default)]
    pub tags: Vec<String>,
    /// Up to three options (Size, Color…); empty for a single-variant product.
    #[serde(default)]
    pub options: Vec<ProductOption>,
    /// At least one.
    pub variants: Vec<Variant>,
    /// Image URL: a relative path, an absolute URL or a `data:` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The product page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What an option is about; lets the assistant understand "M码" or "红色".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    Size,
    Color,
    #[default]
    Other,
}

/// A product option, e.g. Size with values S, M, L.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductOption {
    pub name: Localized,
    #[serde(default)]
    pub kind: OptionKind,
    /// The values variants use, in display order; unique.
    pub values: Vec<String>,
    /// Display names of values per language, e.g. `{"Black": {"zh": "黑色"}}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Localized>,
}

impl ProductOption {
    /// The display name of `value` in `lang`: its label in that language, else
    /// the value itself (values are written in the shop's primary language).
    pub fn label<'a>(&'a self, value: &'a str, lang: Lang) -> &'a str {
        let label = self.labels.get(value).and_then(|l| match lang {
            Lang::En => l.en.as_deref(),
            Lang::Zh => l.zh.as_deref(),
        });
        match label {
            Some(text) if !text.trim().is_empty() => text,
            _ => value,
        }
    }
}

/// One purchasable combination of option values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Unique across the shop.
    pub id: String,
    /// One value per product option, in the product's option order.
    #[serde(default)]
    pub options: Vec<String>,
    /// Price in minor units, ≥ 0.
    pub price: i64,
    /// The "was" price, shown struck through; greater than `price` when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare_at_price: Option<i64>,
    /// Units available, ≥ 0.
    pub stock: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
}

impl Variant {
    /// Units available (never negative).
    pub fn available(&self) -> u32 {
        u32::try_from(self.stock.max(0)).unwrap_or(u32::MAX)
    }
}

impl Product {
    /// The variant with `id`.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// Lowest and highest variant price.
    pub fn price_range(&self) -> (i64, i64) {
        let lo = self.variants.iter().map(|v| v.price).min().unwrap_or(0);
        let hi = self.variants.iter().map(|v| v.price).max().unwrap_or(0);
        (lo, hi)
    }

    /// Total units available over all variants.
    pub fn total_stock(&self) -> u64 {
        self.variants.iter().map(|v| u64::from(v.available())).sum()
    }

    /// "M / Black" for a variant (empty for a single-variant product).
    pub fn variant_label(&self, variant: &Variant, lang: Lang) -> String {
        let parts: Vec<&str> = self
            .options
            .iter()
            .zip(&variant.options)
            .map(|(opt, value)| opt.label(value, lang))
            .collect();
        parts.join(" / ")
    }

    /// True when the product has the tag (case-insensitive).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

// ----------------------------------------------------------------- orders.json

/// `www/orders.json`: orders and returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrdersFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Demo and fixture data only: the date the data set treats as "today". Hosts
    /// use it as the clock when they are not given a date explicitly, so a demo
    /// keeps the same orders inside and outside the return window forever. Real
    /// shops leave it out and hosts pass the real date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo_today: Option<Date>,
    pub orders: Vec<Order>,
    #[serde(default)]
    pub returns: Vec<Return>,
}

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    Processing,
    Shipped,
    Delivered,
    Cancelled,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Processing => "processing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
        }
    }
}

/// A placed order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The order number shoppers see, digits only (e.g. `"10482"`); unique.
    pub id: String,
    /// The email the order was placed with (compared case-insensitively).
    pub email: String,
    pub status: OrderStatus,
    pub placed: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<Date>,
    /// Expected delivery date for orders not yet delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_delivery: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    /// At least one.
    pub lines: Vec<OrderLine>,
    /// Shipping paid, minor units.
    #[serde(default)]
    pub shipping_cost: i64,
}

impl Order {
    /// Sum of the lines (without shipping).
    pub fn subtotal(&self) -> i64 {
        self.lines
            .iter()
            .map(OrderLine::total)
            .fold(0i64, i64::saturating_add)
    }

    /// What the shopper paid.
    pub fn total(&self) -> i64 {
        self.subtotal().saturating_add(self.shipping_cost)
    }

    /// Number of items.
    pub fn item_count(&self) -> u64 {
        self.lines.iter().map(|l| u64::from(l.quantity)).sum()
    }
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    pub product_id: String,
    pub variant_id: String,
    /// ≥ 1.
    pub quantity: u32,
    /// Price paid per unit, minor units.
    pub unit_price: i64,
}

impl OrderLine {
    pub fn total(&self) -> i64 {
        self.unit_price.saturating_mul(i64::from(self.quantity))
    }
}

/// Where a return is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReturnStatus {
    Requested,
    Approved,
    Received,
    Refunded,
    Rejected,
}

impl ReturnStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::Requested => "requested",
            ReturnStatus::Approved => "approved",
            ReturnStatus::Received => "received",
            ReturnStatus::Refunded => "refunded",
            ReturnStatus::Rejected => "rejected",
        }
    }
}

/// A return (refund request) for items of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// Unique, e.g. `"R-2001"`.
    pub id: String,
    pub order_id: String,
    /// At least one.
    pub lines: Vec<ReturnLine>,
    pub status: ReturnStatus,
    pub requested: Date,
    /// Last status change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// Refund issued (or to be issued), minor units. Required when `refunded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<i64>,
    /// When the refund was issued. Required when `refunded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A note for the shopper, e.g. why a return was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

/// Items in a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnLine {
    pub variant_id: String,
    /// ≥ 1.
    pub quantity: u32,
}

// --------------------------------------------------------------- policies.json

/// `www/policies.json`: returns, shipping, payment and promotions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub returns: ReturnPolicy,
    pub shipping: ShippingPolicy,
    pub payment: PaymentPolicy,
    #[serde(default)]
    pub promotions: Vec<Promotion>,
}

/// The return rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnPolicy {
    /// Items can be returned this many days after delivery (inclusive).
    pub window_days: u32,
    /// Conditions items must meet ("unworn, with tags").
    #[serde(default)]
    pub conditions: Vec<Localized>,
    /// Products carrying any of these tags cannot be returned ("final-sale").
    #[serde(default)]
    pub non_returnable_tags: Vec<String>,
    /// How and when refunds are paid.
    pub refund: Localized,
    /// Exchanges, if offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchanges: Option<Localized>,
}

/// Shipping rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShippingPolicy {
    /// Orders with a subtotal at or above this ship free on the standard option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_shipping_threshold: Option<i64>,
    /// At least one.
    pub options: Vec<ShippingOption>,
    /// Where the shop ships; at least one.
    pub regions: Vec<Region>,
    #[serde(default)]
    pub notes: Vec<Localized>,
}

/// A delivery option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShippingOption {
    pub id: String,
    pub name: Localized,
    /// Minor units.
    pub cost: i64,
    /// Business days in transit.
    pub min_days: u32,
    pub max_days: u32,
    /// [`Region::code`]s this option serves.
    pub regions: Vec<String>,
    /// True when the free-shipping threshold applies to this option.
    #[serde(default)]
    pub free_over_threshold: bool,
}

/// A shipping destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique code, e.g. ISO country code `"US"`.
    pub code: String,
    pub name: Localized,
    /// Other names shoppers use ("usa", "america", "美国").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Payment methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentPolicy {
    pub methods: Vec<PaymentMethod>,
    /// General notes (security, declined cards…).
    #[serde(default)]
    pub notes: Vec<Localized>,
}

/// A payment method the shop accepts — or explicitly does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentMethod {
    pub id: String,
    pub name: Localized,
    /// Words shoppers use for it ("paypal", "信用卡", "花呗").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `false` lists a method shoppers ask about that the shop does not take.
    #[serde(default = "yes")]
    pub accepted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

fn yes() -> bool {
    true
}

/// A discount or sale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// The code to enter at checkout; absent for automatic sales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub description: Localized,
    /// First and last day (inclusive).
    pub starts: Date,
    pub ends: Date,
    /// Minimum cart subtotal, minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_subtotal: Option<i64>,
}

impl Promotion {
    /// True on the days the promotion runs.
    pub fn is_active(&self, today: Date) -> bool {
        self.starts <= today && today <= self.ends
    }
}
