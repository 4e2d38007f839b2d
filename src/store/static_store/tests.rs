use super::*;
use crate::entities::Filter;
use crate::store::rules::check_return;
use crate::store::{CancelRefusal, ReturnRefusal};
use serde_json::json;

const CATALOG: &str = include_str!("../../../www/catalog.json");
const ORDERS: &str = include_str!("../../../www/orders.json");
const POLICIES: &str = include_str!("../../../www/policies.json");

fn demo() -> StaticStore {
    StaticStore::from_json(CATALOG, ORDERS, POLICIES).expect("the demo shop is valid")
}

fn today() -> Date {
    Date::from_ymd(2026, 4, 15).unwrap()
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// `text` with the value at JSON `pointer` replaced (or removed when `to` is None).
fn edit(text: &str, pointer: &str, to: Option<serde_json::Value>) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    match to {
        Some(v) => {
            *doc.pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{pointer}")) = v
        }
        None => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            doc.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key)
                .unwrap();
        }
    }
    serde_json::to_string(&doc).unwrap()
}

fn rename_key(text: &str, parent: &str, from: &str, to: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let obj = doc.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    let v = obj.remove(from).unwrap();
    obj.insert(to.into(), v);
    serde_json::to_string(&doc).unwrap()
}

fn invalid(result: Result<StaticStore, StoreError>) -> (DataFile, String, String) {
    match result {
        Err(StoreError::Invalid {
            file,
            path,
            message,
        }) => (file, path, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

#[test]
fn demo_shop_meets_the_brief() {
    let s = demo();
    assert_eq!(s.demo_today(), Some(today()));
    assert!(s.products().len() >= 40);
    let cats: std::collections::HashSet<&str> =
        s.products().iter().map(|p| p.category.as_str()).collect();
    assert!(cats.len() >= 6);
    assert!(s.products().iter().any(|p| p.variants.len() == 1));
    assert!(s.products().iter().any(|p| p.options.len() == 2));
    assert!(s
        .products()
        .iter()
        .flat_map(|p| &p.variants)
        .any(|v| v.stock == 0));
    assert!(s
        .products()
        .iter()
        .flat_map(|p| &p.variants)
        .any(|v| (1..=3).contains(&v.stock)));
    for p in s.products() {
        assert!(
            p.title.en.is_some() && p.title.zh.is_some(),
            "{} is bilingual",
            p.id
        );
    }
    assert!(s.orders.len() >= 12);
    for status in [
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
    ] {
        assert!(s.orders.iter().any(|o| o.status == status), "{status:?}");
    }
    let p = &s.policies.returns;
    let delivered: Vec<&Order> = s
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Delivered)
        .collect();
    let inside = delivered
        .iter()
        .filter(|o| crate::store::rules::last_return_day(o.delivered.unwrap(), p) >= today())
        .count();
    assert!(inside >= 2 && delivered.len() - inside >= 2);
    assert!(s.returns.len() >= 4);
}

#[test]
fn orders_need_number_and_email() {
    let s = demo();
    assert!(block(s.find_order("10231", "emma.chen@example.com"))
        .unwrap()
        .is_some());
    assert!(block(s.find_order("#10231", " Emma.Chen@Example.com "))
        .unwrap()
        .is_some());
    // a wrong email and an unknown number look the same
    assert_eq!(
        block(s.find_order("10231", "someone@example.com")).unwrap(),
        None
    );
    assert_eq!(
        block(s.find_order("99999", "emma.chen@example.com")).unwrap(),
        None
    );
    assert!(block(s.returns_for_order("10236", "nobody@example.com"))
        .unwrap()
        .is_empty());
    assert_eq!(
        block(s.returns_for_order("10236", "sofia.rossi@example.com"))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn cancelling_changes_state_and_restocks() {
    let mut s = demo();
    let before = s.variant("daypack-black").unwrap().1.stock;
    let o = block(s.cancel_order("10234", "wang.fang@example.cn", today())).unwrap();
    assert_eq!(o.status, OrderStatus::Cancelled);
    assert_eq!(o.cancelled, Some(today()));
    assert_eq!(s.variant("daypack-black").unwrap().1.stock, before + 1);
    let again = block(s.find_order("10234", "wang.fang@example.cn"))
        .unwrap()
        .unwrap();
    assert_eq!(again.status, OrderStatus::Cancelled);
    assert!(matches!(
        block(s.cancel_order("10234", "wang.fang@example.cn", today())),
        Err(StoreError::CannotCancel(
            CancelRefusal::AlreadyCancelled { .. }
        ))
    ));
    assert!(matches!(
        block(s.cancel_order("10233", "carol.smith@example.com", today())),
        Err(StoreError::CannotCancel(CancelRefusal::Shipped { .. }))
    ));
    assert!(matches!(
        block(s.cancel_order("10241", "wrong@example.com", today())),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn returns_follow_the_rules() {
    let mut s = demo();
    let req = |order: &str, email: &str, variant: &str, q: u32| NewReturn {
        order_id: order.into(),
        email: email.into(),
        lines: vec![ReturnLine {
            variant_id: variant.into(),
            quantity: q,
        }],
        reason: None,
    };
    let r = block(s.create_return(
        req("10231", "emma.chen@example.com", "enamel-mug-red", 2),
        today(),
    ))
    .unwrap();
    assert_eq!(r.id, "R-2006");
    assert_eq!(r.refund_amount, Some(3200));
    assert_eq!(
        block(s.returns_for_order("10231", "emma.chen@example.com"))
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        block(s.create_return(
            req("10231", "emma.chen@example.com", "enamel-mug-red", 1),
            today()
        )),
        Err(StoreError::ReturnRefused(
            ReturnRefusal::AlreadyReturned { .. }
        ))
    ));
    assert!(matches!(
        block(s.create_return(
            req("10232", "james.li@example.com", "trail-runner-42-black", 1),
            today()
        )),
        Err(StoreError::ReturnRefused(
            ReturnRefusal::WindowClosed { .. }
        ))
    ));
    assert!(matches!(
        block(s.create_return(
            req("10243", "mia.garcia@example.com", "fleece-vest-m-grey", 1),
            today()
        )),
        Err(StoreError::ReturnRefused(
            ReturnRefusal::NonReturnable { .. }
        ))
    ));
    assert!(matches!(
        block(s.create_return(
            req("10233", "carol.smith@example.com", "rain-jacket-m-navy", 1),
            today()
        )),
        Err(StoreError::ReturnRefused(
            ReturnRefusal::NotDelivered { .. }
        ))
    ));
    // the window includes its last day
    assert!(block(s.create_return(
        req("10244", "james.li@example.com", "pour-over-set", 1),
        today()
    ))
    .is_ok());
    let tomorrow = today().add_days(1);
    let order = block(s.find_order("10244", "james.li@example.com"))
        .unwrap()
        .unwrap();
    assert!(matches!(
        check_return(
            &order,
            "stoneware-mug",
            1,
            None,
            &s.policies.returns,
            &s.returns,
            tomorrow
        ),
        Err(ReturnRefusal::WindowClosed { .. })
    ));
}

#[test]
fn search_through_the_store() {
    let s = demo();
    let hits = block(s.search(&ProductQuery {
        text: "waterproof jacket".into(),
        filter: Filter {
            max_price: Some(15000),
            ..Default::default()
        },
        limit: 5,
    }))
    .unwrap();
    assert_eq!(hits[0].product.id, "rain-jacket");
    assert!(hits.iter().all(|h| h.product.price_range().0 <= 15000));
    let hits = s.search_now(&ProductQuery {
        text: "跑鞋".into(),
        ..Default::default()
    });
    assert!(hits.iter().take(2).all(|h| h.product.category == "shoes"));
    let hits = s.search_now(&ProductQuery {
        text: "hodie".into(),
        ..Default::default()
    });
    assert_eq!(hits[0].product.category, "hoodies");
}

#[test]
fn structural_errors_name_file_and_path() {
    let bad = edit(
        CATALOG,
        "/products/0/variants/0/price",
        Some(json!("25.00")),
    );
    let (file, path, msg) = invalid(StaticStore::from_json(&bad, ORDERS, POLICIES));
    assert_eq!(file, DataFile::Catalog);
    assert_eq!(path, "products[0].variants[0].price");
    assert!(msg.contains("invalid type"), "{msg}");

    let bad = edit(ORDERS, "/orders/0/email", None);
    let (file, path, msg) = invalid(StaticStore::from_json(CATALOG, &bad, POLICIES));
    assert_eq!(file, DataFile::Orders);
    assert_eq!(path, "orders[0]");
    assert!(msg.contains("missing field `email`"), "{msg}");

    let (file, path, _) = invalid(StaticStore::from_json(CATALOG, ORDERS, "{"));
    assert_eq!((file, path.as_str()), (DataFile::Policies, ""));
    let (file, _, _) = invalid(StaticStore::from_json(CATALOG, "[]", POLICIES));
    assert_eq!(file, DataFile::Orders);
    let (file, _, msg) = invalid(StaticStore::from_json_bytes(
        b"\xff\xfe",
        ORDERS.as_bytes(),
        POLICIES.as_bytes(),
    ));
    assert_eq!(file, DataFile::Catalog);
    assert!(msg.contains("UTF-8"));
    let bad = rename_key(CATALOG, "/products/0/variants/0", "price", "prise");
    let (_, path, msg) = invalid(StaticStore::from_json(&bad, ORDERS, POLICIES));
    assert_eq!(path, "products[0].variants[0].prise");
    assert!(msg.contains("unknown field"), "{msg}");
    let bad = format!("{CATALOG} trailing");
    assert!(StaticStore::from_json(&bad, ORDERS, POLICIES).is_err());
}

#[test]
fn semantic_errors_name_path() {
    let cases: Vec<(DataFile, String, &str)> = vec![
        (
            DataFile::Catalog,
            edit(CATALOG, "/products/0/variants/1/stock", Some(json!(-2))),
            "products[0].variants[1].stock",
        ),
        (
            DataFile::Catalog,
            edit(CATALOG, "/products/1/id", Some(json!("organic-tee"))),
            "products[1].id",
        ),
        (
            DataFile::Catalog,
            edit(
                CATALOG,
                "/products/0/variants/0/options/1",
                Some(json!("Purple")),
            ),
            "products[0].variants[0].options[1]",
        ),
        (
            DataFile::Catalog,
            edit(
                CATALOG,
                "/products/0/variants/0/options",
                Some(json!(["S"])),
            ),
            "products[0].variants[0].options",
        ),
        (
            DataFile::Catalog,
            edit(
                CATALOG,
                "/products/0/variants/1/options",
                Some(json!(["S", "White"])),
            ),
            "products[0].variants[1].options",
        ),
        (
            DataFile::Catalog,
            edit(
                CATALOG,
                "/products/0/variants/1/id",
                Some(json!("organic-tee-s-white")),
            ),
            "products[0].variants[1].id",
        ),
        (
            DataFile::Catalog,
            edit(CATALOG, "/products/0/category", Some(json!("socks"))),
            "products[0].category",
        ),
        (
            DataFile::Catalog,
            edit(CATALOG, "/shop/currency", Some(json!("dollars"))),
            "shop.currency",
        ),
        (
            DataFile::Catalog,
            edit(
                CATALOG,
                "/products/1/variants/0/compare_at_price",
                Some(json!(100)),
            ),
            "products[1].variants[0].compare_at_price",
        ),
        (
            DataFile::Orders,
            edit(
                ORDERS,
                "/orders/0/lines/0/variant_id",
                Some(json!("cloud-hoodie-m-purple")),
            ),
            "orders[0].lines[0].variant_id",
        ),
        (
            DataFile::Orders,
            edit(
                ORDERS,
                "/orders/0/lines/0/product_id",
                Some(json!("enamel-mug")),
            ),
            "orders[0].lines[0].product_id",
        ),
        (
            DataFile::Orders,
            edit(ORDERS, "/orders/1/id", Some(json!("10231"))),
            "orders[1].id",
        ),
        (
            DataFile::Orders,
            edit(ORDERS, "/orders/2/status", Some(json!("delivered"))),
            "orders[2].delivered",
        ),
        (
            DataFile::Orders,
            edit(ORDERS, "/orders/0/lines/0/quantity", Some(json!(0))),
            "orders[0].lines[0].quantity",
        ),
        (
            DataFile::Orders,
            edit(ORDERS, "/returns/0/order_id", Some(json!("10999"))),
            "returns[0].order_id",
        ),
        (
            DataFile::Orders,
            edit(ORDERS, "/returns/1/refund_amount", None),
            "returns[1].refund_amount",
        ),
        (
            DataFile::Policies,
            edit(
                POLICIES,
                "/shipping/options/0/regions/0",
                Some(json!("MARS")),
            ),
            "shipping.options[0].regions[0]",
        ),
        (
            DataFile::Policies,
            edit(POLICIES, "/promotions/0/ends", Some(json!("2025-04-30"))),
            "promotions[0].ends",
        ),
    ];
    for (file, text, want_path) in cases {
        let result = match file {
            DataFile::Catalog => StaticStore::from_json(&text, ORDERS, POLICIES),
            DataFile::Orders => StaticStore::from_json(CATALOG, &text, POLICIES),
            DataFile::Policies => StaticStore::from_json(CATALOG, ORDERS, &text),
        };
        let (f, path, msg) = invalid(result);
        assert_eq!(f, file, "{want_path}: {msg}");
        assert_eq!(path, want_path, "{msg}");
        let shown = StoreError::Invalid {
            file: f,
            path: path.clone(),
            message: msg,
        }
        .to_string();
        assert!(
            shown.starts_with(&f.to_string()) && shown.contains(&path),
            "{shown}"
        );
    }
}
