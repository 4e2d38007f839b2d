//! What the panel renders, derived from the dialogue's [`Reply`]: plain text and
//! preformatted prices, serialisable so the conversation survives a reload.
//! Everything here is rendered as text (never as HTML).

use crate::intent::Intent;
use crate::store::{Product, Products, ShopSettings};
use crate::text::Lang;
use crate::{CartView, ProductCard, Reply};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An answer of the assistant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BotMessage {
    pub text: String,
    pub intent: Intent,
    pub lang: Lang,
    #[serde(default)]
    pub cards: Vec<CardView>,
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Where to continue to pay (a checkout reply).
    #[serde(default)]
    pub checkout_url: Option<String>,
}

/// A product card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardView {
    pub product_id: String,
    pub title: String,
    /// "M / Black" when the card is about one variant.
    #[serde(default)]
    pub variant_title: String,
    /// Formatted price ("$49.00", "from $25.00").
    pub price: String,
    /// Formatted "was" price, shown struck through.
    #[serde(default)]
    pub compare_at: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// "In stock", "Only 2 left", "Sold out"…
    pub stock: String,
    pub level: StockLevel,
    /// The purchasable variants (a picker is shown when there are several).
    #[serde(default)]
    pub variants: Vec<VariantView>,
    /// The variant the card is about, preselected in the picker.
    #[serde(default)]
    pub variant_id: Option<String>,
}

/// Colour of the stock line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StockLevel {
    In,
    Low,
    Out,
}

impl StockLevel {
    pub fn css_class(self) -> &'static str {
        match self {
            StockLevel::In => "stock in",
            StockLevel::Low => "stock low",
            StockLevel::Out => "stock out",
        }
    }
}

/// One choice of a product ("M / Black").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantView {
    pub id: String,
    pub label: String,
    pub available: bool,
}

impl CardView {
    /// The variant preselected in the card's picker: the card's own, else the
    /// first one in stock.
    pub fn default_variant(&self) -> Option<&str> {
        self.variant_id
            .as_deref()
            .filter(|id| self.variants.iter().any(|v| v.id == *id))
            .or_else(|| {
                self.variants
                    .iter()
                    .find(|v| v.available)
                    .map(|v| v.id.as_str())
            })
            .or(self.variants.first().map(|v| v.id.as_str()))
            .or(self.variant_id.as_deref())
    }

    /// Whether "add to cart" can be pressed with `variant` selected.
    pub fn can_add(&self, variant: Option<&str>) -> bool {
        if self.level == StockLevel::Out {
            return false;
        }
        match variant {
            // unknown variants: let the assistant ask for the options
            None => true,
            Some(id) => self.variants.iter().any(|v| v.id == id && v.available),
        }
    }

    /// Whether the card shows a variant picker.
    pub fn has_picker(&self) -> bool {
        self.variants.len() > 1
    }
}

/// The cart under the conversation (also the `shopkeep:cart-change` detail).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CartSummary {
    pub lines: Vec<CartLineView>,
    /// Number of units.
    pub item_count: u32,
    /// Formatted total.
    pub total: String,
    /// The shop's checkout hand-off link for this cart.
    #[serde(default)]
    pub checkout_url: Option<String>,
}

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLineView {
    pub product_id: String,
    pub variant_id: String,
    pub title: String,
    /// "M / Black"; empty for a single-variant product.
    pub variant: String,
    pub quantity: u32,
    pub line_total: String,
}

/// What the widget knows about the catalog beyond the reply: each product's
/// variants (for the card's picker) and the checkout link template.
#[derive(Debug, Clone, Default)]
pub struct CatalogIndex {
    /// The store's products, shared with it (not a copy: at 10,000 products a
    /// copy doubled the catalog's memory).
    products: Arc<Products>,
    low_stock: u32,
    checkout_url: Option<String>,
}

impl CatalogIndex {
    /// `products` as the store shares them ([`crate::StaticStore::shared_products`]).
    pub fn new(products: Arc<Products>, settings: &ShopSettings) -> Self {
        CatalogIndex {
            products,
            low_stock: settings.low_stock_threshold,
            checkout_url: settings.checkout_url.clone(),
        }
    }

    fn variants(&self, product: &Product, lang: Lang) -> Vec<VariantView> {
        product
            .variants
            .iter()
            .map(|v| {
                let label = product.variant_label(v, lang);
                VariantView {
                    id: v.id.clone(),
                    label: if label.is_empty() {
                        v.id.clone()
                    } else {
                        label
                    },
                    available: v.available() > 0,
                }
            })
            .collect()
    }

    fn level(&self, product: Option<&Product>, card: &ProductCard) -> StockLevel {
        if !card.available {
            return StockLevel::Out;
        }
        let units =
            product.map(
                |p| match card.variant_id.as_deref().and_then(|id| p.variant(id)) {
                    Some(v) => u64::from(v.available()),
                    None => p.total_stock(),
                },
            );
        match units {
            Some(0) => StockLevel::Out,
            Some(n) if n <= u64::from(self.low_stock) => StockLevel::Low,
            _ => StockLevel::In,
        }
    }

    pub fn card(&self, card: &ProductCard, lang: Lang) -> CardView {
        let product = self.products.by_id(&card.product_id);
        CardView {
            product_id: card.product_id.clone(),
            title: card.title.clone(),
            variant_title: card.variant_title.clone(),
            price: card.price.clone(),
            compare_at: card.compare_at.clone(),
            image: card.image.clone(),
            url: card.url.clone(),
            stock: card.stock.clone(),
            level: self.level(product, card),
            variants: product.map(|p| self.variants(p, lang)).unwrap_or_default(),
            variant_id: card.variant_id.clone(),
        }
    }

    /// The checkout link for a cart: the shop's template with `{items}` replaced
    /// by `variant_id:quantity` pairs (the Shopify cart-permalink form).
    pub fn checkout_link(&self, cart: &CartView) -> Option<String> {
        let template = self.checkout_url.as_deref()?;
        if cart.items.is_empty() {
            return None;
        }
        let items: Vec<String> = cart
            .items
            .iter()
            .map(|i| format!("{}:{}", encode_component(&i.variant_id), i.quantity))
            .collect();
        safe_url(&template.replace("{items}", &items.join(",")))
    }

    pub fn cart(&self, cart: &CartView) -> CartSummary {
        CartSummary {
            lines: cart
                .items
                .iter()
                .map(|i| CartLineView {
                    product_id: i.product_id.clone(),
                    variant_id: i.variant_id.clone(),
                    title: i.title.clone(),
                    variant: i.options.clone(),
                    quantity: i.quantity,
                    line_total: i.line_total_text.clone(),
                })
                .collect(),
            item_count: cart.count,
            total: cart.total_text.clone(),
            checkout_url: self.checkout_link(cart),
        }
    }

    /// The panel's view of a reply and the cart after it.
    pub fn reply(&self, reply: &Reply) -> (BotMessage, CartSummary) {
        let msg = BotMessage {
            text: reply.text.clone(),
            intent: reply.intent,
            lang: reply.lang,
            cards: reply
                .cards
                .iter()
                .map(|c| self.card(c, reply.lang))
                .collect(),
            suggestions: reply.suggestions.clone(),
            checkout_url: reply.checkout_url.as_deref().and_then(safe_url),
        };
        (msg, self.cart(&reply.cart))
    }
}

fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Only `http(s):`, relative and `data:image/` URLs are used for images and links.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if u.is_empty() || u.chars().any(char::is_control) {
        return None;
    }
    let scheme = lower
        .find(':')
        .filter(|&i| {
            lower[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .filter(|&i| lower[..i].find(['/', '?', '#']).is_none());
    match scheme {
        None => Some(u.to_string()), // relative
        Some(_) if lower.starts_with("https:") || lower.starts_with("http:") => Some(u.to_string()),
        // images cannot run script, whatever their format
        Some(_) if lower.starts_with("data:image/") => Some(u.to_string()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CartItemView, CartView};

    fn card(level: StockLevel, variants: &[(&str, bool)], variant_id: Option<&str>) -> CardView {
        CardView {
            product_id: "p".into(),
            title: "t".into(),
            variant_title: String::new(),
            price: "$1".into(),
            compare_at: None,
            image: None,
            url: None,
            stock: "In stock".into(),
            level,
            variants: variants
                .iter()
                .map(|(id, a)| VariantView {
                    id: id.to_string(),
                    label: id.to_string(),
                    available: *a,
                })
                .collect(),
            variant_id: variant_id.map(str::to_string),
        }
    }

    #[test]
    fn variant_choice() {
        let c = card(
            StockLevel::Low,
            &[("s", false), ("m", true), ("l", true)],
            None,
        );
        assert_eq!(c.default_variant(), Some("m"));
        assert!(c.has_picker());
        assert!(c.can_add(Some("m")));
        assert!(!c.can_add(Some("s")));
        let c = card(StockLevel::In, &[("s", true), ("l", true)], Some("l"));
        assert_eq!(c.default_variant(), Some("l"));
        let single = card(StockLevel::In, &[("only", true)], None);
        assert!(!single.has_picker());
        assert_eq!(single.default_variant(), Some("only"));
        assert!(!card(StockLevel::Out, &[("only", false)], None).can_add(Some("only")));
        assert!(card(StockLevel::In, &[], None).can_add(None));
    }

    #[test]
    fn urls() {
        assert_eq!(safe_url("img/a.svg").as_deref(), Some("img/a.svg"));
        assert_eq!(
            safe_url("/img/a.svg?x=1:2").as_deref(),
            Some("/img/a.svg?x=1:2")
        );
        assert!(safe_url("https://cdn.example/a.png").is_some());
        assert!(safe_url("data:image/png;base64,AAAA").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JaVaScRiPt:alert(1)").is_none());
        assert!(safe_url("data:text/html,<b>").is_none());
        assert!(safe_url("java\u{0}script:x").is_none());
        assert!(safe_url("").is_none());
    }

    #[test]
    fn checkout_link_and_cart() {
        let settings: ShopSettings = serde_json::from_value(serde_json::json!({
            "name": {"en": "Shop"}, "currency": "USD", "locales": ["en"],
            "checkout_url": "https://shop.example/cart/{items}", "support": {}
        }))
        .unwrap();
        let index = CatalogIndex::new(Default::default(), &settings);
        let cart = CartView {
            items: vec![CartItemView {
                product_id: "p1".into(),
                variant_id: "v 1".into(),
                quantity: 2,
                title: "Hoodie".into(),
                options: "M".into(),
                unit_price: 100,
                line_total: 200,
                unit_price_text: "$1.00".into(),
                line_total_text: "$2.00".into(),
                image: None,
            }],
            total: 200,
            currency: "USD".into(),
            total_text: "$2.00".into(),
            count: 2,
        };
        let summary = index.cart(&cart);
        assert_eq!(summary.item_count, 2);
        assert_eq!(summary.lines[0].variant, "M");
        assert_eq!(
            summary.checkout_url.as_deref(),
            Some("https://shop.example/cart/v%201:2")
        );
        assert_eq!(index.checkout_link(&CartView::default()), None);
    }
}
