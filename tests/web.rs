//! Browser tests (headless Chrome via `wasm-pack test --headless --chrome`):
//! tract runs the model in wasm exactly like the native build, the dialogue runs,
//! and the Leptos widget mounts and answers.
//!
//! `make test-wasm` writes `tests/fixtures/native_probs.json` with the native
//! build first (`shopkeep parity-dump`).
#![cfg(all(feature = "web", target_arch = "wasm32"))]

use serde::Deserialize;
use shopkeep::intent::{IntentClassifier, OnnxIntentClassifier};
use shopkeep::text::Lang;
use shopkeep::{Assistant, StaticStore};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MODEL: &[u8] = include_bytes!("../model/shopkeep.onnx");
const NATIVE: &str = include_str!("fixtures/native_probs.json");
const CATALOG: &str = include_str!("../www/catalog.json");
const ORDERS: &str = include_str!("../www/orders.json");
const POLICIES: &str = include_str!("../www/policies.json");

#[derive(Deserialize)]
struct Row {
    text: String,
    intent: String,
    probs: Vec<f32>,
    #[serde(default)]
    ids: Option<Vec<i64>>,
}

/// `[{text, intent, probs}]`, or `{labels, messages: [...]}` as `parity-dump` writes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Fixture {
    Rows(Vec<Row>),
    Doc {
        #[serde(default)]
        labels: Vec<String>,
        messages: Vec<Row>,
    },
}

#[wasm_bindgen_test]
fn tract_in_wasm_matches_native_probabilities() {
    let mut model = OnnxIntentClassifier::from_bytes(MODEL).expect("the model loads in wasm");
    let labels: Vec<&str> = model.contract().labels.iter().map(|l| l.as_str()).collect();
    let rows = match serde_json::from_str::<Fixture>(NATIVE).expect("fixture parses") {
        Fixture::Rows(rows) => rows,
        Fixture::Doc {
            labels: fixture_labels,
            messages,
        } => {
            if !fixture_labels.is_empty() {
                assert_eq!(fixture_labels, labels, "same label order");
            }
            messages
        }
    };
    assert!(rows.len() >= 50, "{} messages", rows.len());
    let langs: Vec<Lang> = rows
        .iter()
        .map(|r| shopkeep::text::analyse(&r.text).lang)
        .collect();
    assert!(langs.contains(&Lang::En) && langs.contains(&Lang::Zh));

    let mut worst = 0f32;
    for row in &rows {
        let ids = model.featurizer().featurize(&row.text);
        if let Some(native_ids) = &row.ids {
            assert_eq!(&ids, native_ids, "featuriser ids for {:?}", row.text);
        }
        let probs = model.probabilities_for_ids(&ids).expect("runs");
        assert_eq!(probs.len(), labels.len());
        assert_eq!(probs.len(), row.probs.len(), "{:?}", row.text);
        for (i, (w, n)) in probs.iter().zip(&row.probs).enumerate() {
            let d = (w - n).abs();
            worst = worst.max(d);
            assert!(
                d <= 1e-4,
                "{:?}: {} wasm {w} native {n}",
                row.text,
                labels[i]
            );
        }
        let got = model.classify(&row.text);
        assert_eq!(got.intent.as_str(), row.intent, "intent of {:?}", row.text);
    }
    web_sys::console::log_1(
        &format!("parity: {} messages, max |Δp| = {worst:e}", rows.len()).into(),
    );
}

fn assistant() -> Assistant<StaticStore> {
    let store = StaticStore::from_json(CATALOG, ORDERS, POLICIES).expect("demo data is valid");
    let today = store
        .demo_today()
        .unwrap_or_else(|| shopkeep::Date::from_ymd(2025, 6, 1).expect("date"));
    let model = OnnxIntentClassifier::from_bytes(MODEL).expect("model");
    Assistant::new(Box::new(model), store, today)
}

#[wasm_bindgen_test]
async fn dialogue_runs_in_the_browser() {
    let mut a = assistant();
    let hello = a.greeting(Lang::En);
    assert!(!hello.text.is_empty());
    let r = a.respond("do you have hoodies under $80").await;
    assert_eq!(r.intent.as_str(), "product_search");
    assert!(!r.cards.is_empty(), "{}", r.text);
    let r = a.respond("你们的退货政策是什么").await;
    assert_eq!(r.lang, Lang::Zh);
    assert_eq!(r.intent.as_str(), "return_policy");
    // the session survives a JSON round trip (what the widget stores)
    let saved = serde_json::to_string(&a.session()).expect("session serialises");
    let mut b = assistant();
    b.restore(serde_json::from_str(&saved).expect("session parses"));
}

// ------------------------------------------------------------ the widget

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn blob_url(bytes: &[u8], mime: &str) -> String {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

struct Mounted {
    widget: shopkeep::web::Widget,
    shadow: web_sys::ShadowRoot,
    launcher: web_sys::HtmlElement,
}

fn mount_widget(key: &str, model_url: &str) -> Mounted {
    let doc = document();
    let host: web_sys::HtmlElement = doc
        .create_element("shopkeep-test")
        .unwrap()
        .unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    root.set_class_name("sk");
    let launcher: web_sys::HtmlElement = doc.create_element("button").unwrap().unchecked_into();
    launcher.set_id("sk-launcher");
    root.append_child(&launcher).unwrap();
    shadow.append_child(&root).unwrap();
    let config = serde_json::json!({
        "catalogUrl": blob_url(CATALOG.as_bytes(), "application/json"),
        "ordersUrl": blob_url(ORDERS.as_bytes(), "application/json"),
        "policiesUrl": blob_url(POLICIES.as_bytes(), "application/json"),
        "modelUrl": model_url,
        "lang": "en",
        "contact": "mailto:help@shop.example",
        "storageKey": key,
        "open": true,
    });
    let config = js_sys::JSON::parse(&config.to_string()).unwrap();
    let widget = shopkeep::web::mount(root, launcher.clone(), host, config).expect("mounts");
    Mounted {
        widget,
        shadow,
        launcher,
    }
}

async fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..600 {
        if cond() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    panic!("timed out waiting for {what}");
}

fn count(shadow: &web_sys::ShadowRoot, selector: &str) -> u32 {
    shadow
        .query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

fn text_of(shadow: &web_sys::ShadowRoot, selector: &str) -> String {
    shadow
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn widget_mounts_greets_and_answers() {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .map(|s| s.map(|s| s.clear()));
    let m = mount_widget(
        "shopkeep:test:mount",
        &blob_url(MODEL, "application/octet-stream"),
    );
    let shadow = m.shadow.clone();

    // the dialog is there at once, loading
    let panel = shadow.get_element_by_id("sk-panel").expect("panel");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(panel.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(!panel.has_attribute("hidden"));
    // effects run after the current task: the launcher's state follows shortly
    wait_for("launcher expanded", || {
        m.launcher.get_attribute("aria-expanded").as_deref() == Some("true")
    })
    .await;

    wait_for("ready + greeting", || {
        m.widget.is_ready() && count(&shadow, ".msg.bot") == 1
    })
    .await;

    // type and submit
    let input: web_sys::HtmlInputElement = shadow
        .get_element_by_id("sk-input")
        .unwrap()
        .unchecked_into();
    input.set_value("show me hoodies under $80");
    let form: web_sys::HtmlFormElement = shadow
        .query_selector("form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    assert_eq!(input.value(), "", "the field is cleared");
    wait_for("the reply", || {
        count(&shadow, ".msg.bot") == 2 && count(&shadow, ".typing") == 0
    })
    .await;
    assert_eq!(text_of(&shadow, ".msg.user p"), "show me hoodies under $80");
    assert!(count(&shadow, ".card") > 0, "product cards");
    let live = text_of(&shadow, "[aria-live=polite]");
    assert!(live.contains("product"), "announced: {live}");

    // add to cart from a card
    let add: web_sys::HtmlElement = shadow
        .query_selector(".card button.add:not([disabled])")
        .unwrap()
        .expect("an add button")
        .unchecked_into();
    add.click();
    wait_for("cart", || count(&shadow, "#sk-cart-toggle") == 1).await;
    assert!(text_of(&shadow, "#sk-cart-toggle").contains("1 item"));

    // quick replies send their text
    if let Some(chip) = shadow.query_selector(".chip").unwrap() {
        let chip: web_sys::HtmlElement = chip.unchecked_into();
        let label = chip.text_content().unwrap_or_default();
        let bots = count(&shadow, ".msg.bot");
        chip.click();
        wait_for("chip reply", || {
            count(&shadow, ".msg.bot") == bots + 1 && count(&shadow, ".typing") == 0
        })
        .await;
        let users = shadow.query_selector_all(".msg.user p").unwrap();
        let last = users
            .item(users.length() - 1)
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(last, label);
    }

    // the API closes and reopens
    m.widget.close();
    wait_for("closed", || panel.has_attribute("hidden")).await;
    assert_eq!(
        m.launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    m.widget.ask("what's in my cart".into());
    wait_for("open", || !panel.has_attribute("hidden")).await;
    wait_for("cart reply", || {
        count(&shadow, ".typing") == 0 && count(&shadow, "#sk-cart-lines li") == 1
    })
    .await;
}

#[wasm_bindgen_test]
async fn widget_reports_a_missing_model() {
    let m = mount_widget(
        "shopkeep:test:404",
        "data:application/octet-stream;base64,AAAA",
    );
    let shadow = m.shadow.clone();
    wait_for("error state", || count(&shadow, ".status.error") == 1).await;
    assert!(!m.widget.is_ready());
    let link = shadow
        .query_selector(".status.error a")
        .unwrap()
        .expect("contact link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("mailto:help@shop.example")
    );
    let input: web_sys::HtmlInputElement = shadow
        .get_element_by_id("sk-input")
        .unwrap()
        .unchecked_into();
    assert!(input.disabled());
    let _ = JsValue::NULL;
}
