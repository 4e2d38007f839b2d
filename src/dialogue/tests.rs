//! Dialogue tests with a keyword test double of the classifier (the real model
//! runs in `tests/conversations.rs`).

use super::*;
use crate::intent::{Classification, Intent, IntentClassifier};
use crate::store::{Date, StaticStore};
use crate::text;

const CATALOG: &str = include_str!("../../www/catalog.json");
const ORDERS: &str = include_str!("../../www/orders.json");
const POLICIES: &str = include_str!("../../www/policies.json");

/// Keyword rules standing in for the model: first match wins, else
/// `out_of_scope` (like a low-confidence model answer).
struct Keywords;

const RULES: &[(&str, Intent)] = &[
    ("return policy", Intent::ReturnPolicy),
    ("退货政策", Intent::ReturnPolicy),
    ("refund status", Intent::ReturnStatus),
    ("return status", Intent::ReturnStatus),
    ("退款到账", Intent::ReturnStatus),
    ("cancel", Intent::OrderCancel),
    ("取消订单", Intent::OrderCancel),
    ("return", Intent::ReturnRequest),
    ("退货", Intent::ReturnRequest),
    ("where is my order", Intent::OrderStatus),
    ("track", Intent::OrderStatus),
    ("订单", Intent::OrderStatus),
    ("don't add", Intent::CartAdd),
    ("dont add", Intent::CartAdd),
    ("不要加", Intent::CartAdd),
    ("remove", Intent::CartRemove),
    ("clear", Intent::CartRemove),
    ("清空", Intent::CartRemove),
    ("删", Intent::CartRemove),
    ("make it", Intent::CartUpdate),
    ("change", Intent::CartUpdate),
    ("改成", Intent::CartUpdate),
    ("checkout", Intent::Checkout),
    ("结算", Intent::Checkout),
    ("add", Intent::CartAdd),
    ("加入", Intent::CartAdd),
    ("i'll take", Intent::CartAdd),
    ("my cart", Intent::CartView),
    ("购物车", Intent::CartView),
    ("in stock", Intent::StockCheck),
    ("有货", Intent::StockCheck),
    ("有貨", Intent::StockCheck),
    ("tell me more", Intent::ProductInfo),
    ("介绍", Intent::ProductInfo),
    ("show me", Intent::ProductSearch),
    ("do you have", Intent::ProductSearch),
    ("有没有", Intent::ProductSearch),
    ("recommend", Intent::Recommend),
    ("ship", Intent::ShippingInfo),
    ("运费", Intent::ShippingInfo),
    ("pay", Intent::PaymentInfo),
    ("支付宝", Intent::PaymentInfo),
    ("discount", Intent::Promotions),
    ("优惠", Intent::Promotions),
    ("human", Intent::HumanHandoff),
    ("人工", Intent::HumanHandoff),
    ("hello", Intent::Greet),
    ("你好", Intent::Greet),
    ("thanks", Intent::ThanksBye),
    ("yes", Intent::Affirm),
    ("好的", Intent::Affirm),
    ("no", Intent::Deny),
    ("算了", Intent::Deny),
];

impl IntentClassifier for Keywords {
    fn classify(&mut self, raw: &str) -> Classification {
        let a = text::analyse(raw);
        let lower = raw.to_lowercase();
        let intent = RULES
            .iter()
            .find(|(k, _)| lower.contains(k) || a.normalized.contains(k))
            .map_or(Intent::OutOfScope, |(_, i)| *i);
        Classification {
            intent,
            confidence: if intent == Intent::OutOfScope {
                0.2
            } else {
                0.9
            },
            lang: a.lang,
            script: a.script,
            top: vec![(intent, 0.9)],
            normalized: a.normalized,
        }
    }
}

fn today() -> Date {
    Date::from_ymd(2026, 4, 15).unwrap()
}

fn assistant() -> Assistant<StaticStore> {
    let store = StaticStore::from_json(CATALOG, ORDERS, POLICIES).unwrap();
    Assistant::new(Box::new(Keywords), store, today())
}

fn say(a: &mut Assistant<StaticStore>, msg: &str) -> Reply {
    pollster::block_on(a.respond(msg))
}

fn cart(r: &Reply) -> Vec<(String, u32)> {
    r.cart
        .items
        .iter()
        .map(|i| (i.variant_id.clone(), i.quantity))
        .collect()
}

#[test]
fn missing_size_then_colour_then_added() {
    let mut a = assistant();
    let r = say(&mut a, "add the cloud fleece hoodie to my cart");
    assert_eq!(r.intent, Intent::CartAdd);
    assert!(r.text.contains("Which size"), "{}", r.text);
    assert!(r.suggestions.contains(&"M".to_string()));
    assert!(r.cart.items.is_empty());
    let r = say(&mut a, "M");
    assert_eq!(r.intent, Intent::CartAdd);
    assert!(r.text.contains("Which color"), "{}", r.text);
    assert!(r.text.contains("Sold out: Red"), "{}", r.text);
    let r = say(&mut a, "black");
    assert_eq!(cart(&r), vec![("cloud-hoodie-m-black".to_string(), 1)]);
    assert!(
        r.text.contains("Added 1 × Cloud Fleece Hoodie (M / Black)"),
        "{}",
        r.text
    );
    assert_eq!(r.cart.total, 5900);
    // "make it 3" changes the line just added
    let r = say(&mut a, "make it 3");
    assert_eq!(cart(&r), vec![("cloud-hoodie-m-black".to_string(), 3)]);
    assert_eq!(r.intent, Intent::CartUpdate);
}

#[test]
fn sizes_and_colours_in_one_message_and_chinese() {
    let mut a = assistant();
    let r = say(&mut a, "把云朵抓绒卫衣加入购物车，L码黑色，两件");
    assert_eq!(cart(&r), vec![("cloud-hoodie-l-black".to_string(), 2)]);
    assert_eq!(r.lang, Lang::Zh);
    assert!(r.text.contains("已将2件"), "{}", r.text);
    assert!(r.text.contains("US$"), "{}", r.text);
}

#[test]
fn stock_is_respected() {
    let mut a = assistant();
    let r = say(&mut a, "add 5 trail runner shoes size 42 in black");
    assert!(r.cart.items.is_empty());
    assert!(r.text.contains("only have 4"), "{}", r.text);
    let r = say(&mut a, "yes");
    assert_eq!(cart(&r), vec![("trail-runner-42-black".to_string(), 4)]);
    let r = say(&mut a, "add one more");
    assert_eq!(cart(&r), vec![("trail-runner-42-black".to_string(), 4)]);
    assert!(r.text.contains("already have all 4"), "{}", r.text);
    let r = say(&mut a, "make it 10");
    assert_eq!(cart(&r), vec![("trail-runner-42-black".to_string(), 4)]);
    // sold out variant
    let r = say(&mut a, "add the trail runner shoes in orange size 42");
    assert!(r.text.contains("sold out"), "{}", r.text);
    assert_eq!(r.cart.items.len(), 1);
}

#[test]
fn negation_adds_nothing() {
    let mut a = assistant();
    for msg in ["don't add the enamel mug", "不要加杯子"] {
        let r = say(&mut a, msg);
        assert!(r.cart.items.is_empty(), "{msg}: {}", r.text);
    }
}

#[test]
fn references_and_ordinals() {
    let mut a = assistant();
    let r = say(&mut a, "show me hoodies");
    assert!(r.cards.len() >= 3, "{}", r.text);
    let second = r.cards[1].product_id.clone();
    let r = say(&mut a, "tell me more about the second one");
    assert_eq!(r.cards[0].product_id, second);
    let r = say(&mut a, "is it in stock?");
    assert_eq!(r.intent, Intent::StockCheck);
    assert_eq!(r.cards[0].product_id, second);
}

#[test]
fn order_needs_number_and_email() {
    let mut a = assistant();
    let r = say(&mut a, "where is my order 10231");
    assert!(r.text.contains("email"), "{}", r.text);
    assert!(!r.text.contains("deliver"), "{}", r.text);
    let unknown = say(&mut a, "where is my order 99999");
    let r = say(&mut a, "emma.chen@example.com");
    assert!(r.text.contains("couldn't find"), "{}", r.text);
    let r2 = say(&mut a, "order 10231, email someone@example.com");
    assert!(r2.text.contains("couldn't find"), "{}", r2.text);
    assert!(!unknown.text.contains("10231"));
    let r = say(&mut a, "where is my order 10231 emma.chen@example.com");
    assert!(r.text.contains("delivered on Apr 5"), "{}", r.text);
    assert!(r.text.contains("1Z999AA10123456784"), "{}", r.text);
}

#[test]
fn too_many_failed_lookups_stop() {
    let mut a = assistant();
    for i in 0..5 {
        let _ = say(&mut a, &format!("where is my order 1111{i} x@example.com"));
    }
    let r = say(&mut a, "where is my order 10231 emma.chen@example.com");
    assert!(r.text.contains("security"), "{}", r.text);
}

#[test]
fn cancel_unshipped_with_confirmation() {
    let mut a = assistant();
    let r = say(&mut a, "cancel order 10234");
    assert!(r.text.contains("email"));
    let r = say(&mut a, "wang.fang@example.cn");
    assert!(r.text.contains("Cancel it?"), "{}", r.text);
    let r = say(&mut a, "no");
    assert!(r.text.contains("nothing was cancelled"), "{}", r.text);
    let r = say(&mut a, "cancel order 10234");
    assert!(r.text.contains("Cancel it?"), "{}", r.text);
    let r = say(&mut a, "👍");
    assert!(r.text.contains("is cancelled"), "{}", r.text);
    let r = say(&mut a, "cancel order 10234");
    assert!(r.text.contains("already cancelled"), "{}", r.text);
}

#[test]
fn cancel_shipped_is_refused() {
    let mut a = assistant();
    let r = say(
        &mut a,
        "cancel my order 10233, my email is carol.smith@example.com",
    );
    assert!(r.text.contains("already shipped"), "{}", r.text);
    assert!(a.session().context.pending.is_none());
}

#[test]
fn returns_inside_and_outside_window() {
    let mut a = assistant();
    let r = say(
        &mut a,
        "I want to return the mug from order 10231, emma.chen@example.com",
    );
    assert!(r.text.contains("can be returned"), "{}", r.text);
    let r = say(&mut a, "yes");
    assert!(r.text.contains("R-2006"), "{}", r.text);
    let r = say(&mut a, "return status");
    assert!(r.text.contains("R-2006"), "{}", r.text);
    let mut a = assistant();
    let r = say(&mut a, "I want to return order 10232 james.li@example.com");
    assert!(r.text.contains("30 days"), "{}", r.text);
    assert!(r.text.contains("54 days ago"), "{}", r.text);
    let r = say(
        &mut a,
        "return the fleece vest from order 10243 mia.garcia@example.com",
    );
    assert!(r.text.contains("final-sale"), "{}", r.text);
}

#[test]
fn a_new_question_is_not_taken_as_the_return_item() {
    let mut a = assistant();
    let r = say(&mut a, "I want to return order 10231 emma.chen@example.com");
    assert!(r.text.contains("1. "), "asks which item: {}", r.text);
    // the order holds the hoodie in M; the shopper asks about stock instead
    let r = say(&mut a, "is the cloud fleece hoodie in M in stock");
    assert_eq!(r.intent, Intent::StockCheck, "{}", r.text);
    assert!(!r.text.contains("can be returned"), "{}", r.text);
    // a short answer still picks the item
    let mut a = assistant();
    say(&mut a, "I want to return order 10231 emma.chen@example.com");
    let r = say(&mut a, "the first one");
    assert!(r.text.contains("can be returned"), "{}", r.text);
}

#[test]
fn clear_cart_needs_yes() {
    let mut a = assistant();
    say(&mut a, "add the canvas tote bag");
    let r = say(&mut a, "clear my cart");
    assert!(r.text.contains("Remove all"), "{}", r.text);
    let r = say(&mut a, "算了");
    assert_eq!(r.cart.items.len(), 1);
    say(&mut a, "clear my cart");
    let r = say(&mut a, "yes");
    assert!(r.cart.items.is_empty());
}

#[test]
fn traditional_script_replies() {
    let mut a = assistant();
    let r = say(&mut a, "這件雲朵抓絨衛衣有貨嗎");
    assert_eq!(r.lang, Lang::Zh);
    assert_eq!(r.script, Script::Traditional);
    assert!(r.text.contains("衛衣"), "{}", r.text);
    assert_eq!(
        fast2s::convert(&r.text),
        fast2s::convert(&to_traditional(&fast2s::convert(&r.text)))
    );
    // a short answer keeps the script
    let r = say(&mut a, "M");
    assert_eq!(r.script, Script::Traditional);
}

#[test]
fn short_answers_keep_the_language() {
    let mut a = assistant();
    let r = say(&mut a, "加入购物车：云朵抓绒卫衣");
    assert_eq!(r.lang, Lang::Zh);
    let r = say(&mut a, "M");
    assert_eq!(r.lang, Lang::Zh);
    assert!(r.text.contains("颜色"), "{}", r.text);
    let r = say(&mut a, "Black");
    assert_eq!(r.lang, Lang::Zh);
    assert_eq!(r.cart.items.len(), 1);
}

#[test]
fn session_round_trip_and_repair() {
    let mut a = assistant();
    say(&mut a, "add the canvas tote bag");
    let json = serde_json::to_string(&a.session()).unwrap();
    let mut b = assistant();
    b.restore(serde_json::from_str(&json).unwrap());
    assert_eq!(b.session().cart, a.session().cart);
    // stale data: unknown variant, too many units, duplicates, zero
    let mut s = a.session();
    s.cart = vec![
        CartLine {
            product_id: "nope".into(),
            variant_id: "nope-1".into(),
            quantity: 1,
        },
        CartLine {
            product_id: "sunglasses".into(),
            variant_id: "sunglasses".into(),
            quantity: 1,
        },
        CartLine {
            product_id: "sunglasses".into(),
            variant_id: "sunglasses".into(),
            quantity: 5,
        },
        CartLine {
            product_id: "laptop-sleeve".into(),
            variant_id: "laptop-sleeve".into(),
            quantity: 1,
        },
        CartLine {
            product_id: "headlamp".into(),
            variant_id: "headlamp".into(),
            quantity: 0,
        },
    ];
    s.context.pending = Some(Pending::Variant {
        product_id: "gone".into(),
        selected: vec![],
        goal: Goal::Info,
    });
    let mut c = assistant();
    c.restore(s);
    assert_eq!(
        c.session().cart,
        vec![CartLine {
            product_id: "sunglasses".into(),
            variant_id: "sunglasses".into(),
            quantity: 2
        }]
    );
    assert!(c.session().context.pending.is_none());
    let r = say(&mut c, "what's in my cart");
    assert!(r.text.contains("only 2"), "{}", r.text);
    assert!(r.text.contains("sold out"), "{}", r.text);
    // garbage JSON shapes are rejected by serde, partial ones default
    let partial: Session = serde_json::from_str("{\"cart\": []}").unwrap();
    c.restore(partial);
    assert!(c.session().cart.is_empty());
}

#[test]
fn actions() {
    let mut a = assistant();
    let r = pollster::block_on(a.act(Action::AddToCart {
        product_id: "organic-tee".into(),
        variant_id: None,
        quantity: 2,
    }));
    assert!(r.text.contains("Which size"), "{}", r.text);
    let r = say(&mut a, "L");
    let r = if r.text.contains("Which color") {
        say(&mut a, "white")
    } else {
        r
    };
    assert_eq!(cart(&r), vec![("organic-tee-l-white".to_string(), 2)]);
    let r = pollster::block_on(a.act(Action::SetQuantity {
        variant_id: "organic-tee-l-white".into(),
        quantity: 1,
    }));
    assert_eq!(cart(&r), vec![("organic-tee-l-white".to_string(), 1)]);
    let r = pollster::block_on(a.act(Action::ClearCart));
    assert_eq!(r.cart.items.len(), 1);
    let r = pollster::block_on(a.act(Action::Confirm));
    assert!(r.cart.items.is_empty());
    let r = pollster::block_on(a.act(Action::Confirm));
    assert!(r.text.contains("nothing waiting"));
    let r = pollster::block_on(a.act(Action::ShowProduct {
        product_id: "headlamp".into(),
    }));
    assert_eq!(r.cards[0].product_id, "headlamp");
    let r = pollster::block_on(a.act(Action::Checkout));
    assert!(r.text.contains("empty"));
    let json = serde_json::to_string(&Action::AddToCart {
        product_id: "x".into(),
        variant_id: None,
        quantity: 1,
    })
    .unwrap();
    assert_eq!(
        json,
        r#"{"type":"add_to_cart","product_id":"x","variant_id":null,"quantity":1}"#
    );
}

#[test]
fn checkout_hand_off() {
    let mut a = assistant();
    say(&mut a, "add the canvas tote bag");
    let r = say(&mut a, "checkout");
    assert_eq!(
        r.checkout_url.as_deref(),
        Some("https://maplemoss.example/cart/canvas-tote:1")
    );
    assert!(r.text.contains("$28.00"), "{}", r.text);
}

#[test]
fn policies_answers() {
    let mut a = assistant();
    let r = say(&mut a, "do you ship to canada?");
    assert!(
        r.text.contains("Canada Standard") && r.text.contains("$12.00"),
        "{}",
        r.text
    );
    let r = say(&mut a, "can I pay with huabei");
    assert!(r.text.contains("don't accept"), "{}", r.text);
    let r = say(&mut a, "支付宝可以吗");
    assert!(r.text.contains("支付宝"), "{}", r.text);
    let r = say(&mut a, "any discount codes?");
    assert!(
        r.text.contains("SPRING15") && !r.text.contains("WINTER20"),
        "{}",
        r.text
    );
    let r = say(&mut a, "what's your return policy");
    assert!(r.text.contains("30 days"), "{}", r.text);
    let r = say(&mut a, "talk to a human");
    let h = r.handoff.expect("handoff");
    assert_eq!(h.email.as_deref(), Some("help@maplemoss.example"));
    assert!(h.summary.contains("return policy"), "{}", h.summary);
    let r = say(&mut a, "what's the weather in paris");
    assert_eq!(r.intent, Intent::OutOfScope);
    assert!(r.text.contains("can't help"), "{}", r.text);
}

#[test]
fn greeting_in_both_languages() {
    let a = assistant();
    let r = a.greeting(Lang::En);
    assert!(r.text.contains("Maple & Moss"));
    assert_eq!(r.intent, Intent::Greet);
    let r = a.greeting(Lang::Zh);
    assert!(r.text.contains("枫与苔"));
    assert_eq!(r.cart.currency, "USD");
}

#[test]
fn search_with_price_bound() {
    let mut a = assistant();
    let r = say(&mut a, "do you have jackets under $100");
    assert!(!r.cards.is_empty(), "{}", r.text);
    assert!(r.text.contains("under $100.00"), "{}", r.text);
    for c in &r.cards {
        assert_ne!(c.product_id, "down-puffer");
    }
    let r = say(&mut a, "有没有50元以内的卫衣");
    assert!(r.text.contains("US$50.00"), "{}", r.text);
    let r = say(&mut a, "show me tents under $20");
    assert!(r.text.contains("couldn't find any under"), "{}", r.text);
}

#[test]
fn respond_is_total() {
    let mut a = assistant();
    let long = "加".repeat(10_000);
    for msg in [
        "",
        " ",
        "\u{0}\u{7}\u{1b}[31m",
        "🤷‍♀️🤷‍♀️",
        "#",
        "@",
        "第",
        long.as_str(),
        "M",
        "2",
        "yes",
        "no",
        "\u{202e}abc",
    ] {
        let r = say(&mut a, msg);
        assert!(!r.text.is_empty());
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn respond_never_panics(msgs in proptest::collection::vec(any::<String>(), 1..4)) {
            let mut a = assistant();
            for m in msgs {
                let r = say(&mut a, &m);
                prop_assert!(!r.text.is_empty());
                prop_assert!(r.cart.items.iter().all(|i| i.quantity > 0));
            }
        }

        #[test]
        fn respond_never_panics_on_shop_like_text(
            msgs in proptest::collection::vec("(add|remove|make it|cancel|return|order|where is my order|加入|删掉|第二个|M码|红色|两件|#10231|10234|emma.chen@example.com|yes|no|算了|👍| |[0-9]{1,6}|[a-z]{1,8}|[\\u4e00-\\u9fff]{1,4}){1,6}", 1..6)
        ) {
            let mut a = assistant();
            for m in msgs {
                let r = say(&mut a, &m);
                prop_assert!(!r.text.is_empty());
                for item in &r.cart.items {
                    let (_, v) = a.store().variant(&item.variant_id).expect("known variant");
                    prop_assert!(i64::from(item.quantity) <= v.stock);
                }
            }
        }
    }
}
