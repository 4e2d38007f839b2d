//! Browser adapters: the loader's configuration, fetching, storage that may be
//! missing or throw, DOM events for the shop page. Nothing here panics: every
//! browser call that can throw is caught and degrades (storage → memory,
//! events → dropped, focus → ignored).

use super::chat::SavedChat;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the loader (`shopkeep.js`) passes to [`mount`](super::mount), from the
/// embed tag's `data-*` attributes; every URL is absolute.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetConfig {
    pub catalog_url: String,
    pub orders_url: String,
    pub policies_url: String,
    pub model_url: String,
    /// `data-lang`: `zh`, `en` or `auto`.
    #[serde(default)]
    pub lang: Option<String>,
    /// `data-contact`, already checked by the loader (checked again here).
    #[serde(default)]
    pub contact: Option<String>,
    /// The `localStorage` key of this shop's conversation.
    pub storage_key: String,
    /// `data-title`: the panel heading (default "Shop assistant" / "购物助手").
    #[serde(default)]
    pub title: Option<String>,
    /// Open the panel right away (the shopper clicked the launcher).
    #[serde(default)]
    pub open: bool,
}

/// `<html lang>` and `navigator.languages`.
pub fn page_languages() -> (Option<String>, Vec<String>) {
    let Some(window) = web_sys::window() else {
        return (None, vec![]);
    };
    let html_lang = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let nav = window.navigator();
    let mut langs: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        langs.push(l);
    }
    (html_lang, langs)
}

/// Today in the shopper's time zone.
pub fn today() -> crate::Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    crate::Date::from_ymd(y as i32, m, d).unwrap_or_else(|| {
        crate::Date::from_days_since_epoch((now.get_time() / 86_400_000.0) as i64)
    })
}

/// Why a download failed, for the console and `shopkeep:error`.
#[derive(Debug, Clone)]
pub struct FetchError(pub String);

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn js_error(context: &str, e: JsValue) -> FetchError {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into());
    FetchError(format!("{context}: {detail}"))
}

/// A download that has started (`fetch()` is called immediately, so several run
/// in parallel); await its body with [`Download::bytes`] or [`Download::text`].
pub struct Download {
    url: String,
    promise: Result<js_sys::Promise, FetchError>,
}

impl Download {
    pub fn start(url: &str) -> Download {
        let promise = match web_sys::window() {
            Some(w) => Ok(w.fetch_with_str(url)),
            None => Err(FetchError("no window".into())),
        };
        Download {
            url: url.to_string(),
            promise,
        }
    }

    async fn response(self) -> Result<(String, web_sys::Response), FetchError> {
        let url = self.url;
        let value = JsFuture::from(self.promise?)
            .await
            .map_err(|e| js_error(&url, e))?;
        let response: web_sys::Response = value
            .dyn_into()
            .map_err(|_| FetchError(format!("{url}: not a response")))?;
        if !response.ok() {
            return Err(FetchError(format!("{url}: HTTP {}", response.status())));
        }
        Ok((url, response))
    }

    pub async fn bytes(self) -> Result<Vec<u8>, FetchError> {
        let (url, response) = self.response().await?;
        let promise = response.array_buffer().map_err(|e| js_error(&url, e))?;
        let buffer = JsFuture::from(promise)
            .await
            .map_err(|e| js_error(&url, e))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    pub async fn text(self) -> Result<String, FetchError> {
        let (url, response) = self.response().await?;
        let promise = response.text().map_err(|e| js_error(&url, e))?;
        let text = JsFuture::from(promise)
            .await
            .map_err(|e| js_error(&url, e))?;
        text.as_string()
            .ok_or_else(|| FetchError(format!("{url}: body is not text")))
    }
}

/// `performance.mark(name)`: the stages of loading, for the devtools timeline
/// and `make bench` (bench/run.mjs reads them).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Lets the browser paint (the loading state) before a long synchronous step.
pub async fn next_frame() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// `localStorage`, or memory when it is missing, throws (private mode, sandboxed
/// third-party iframes, blocked cookies) or is full. gloo-storage is not used
/// because it throws a JS exception when `localStorage` is unavailable.
pub struct Persistence {
    key: String,
    local: RefCell<Option<web_sys::Storage>>,
    memory: RefCell<HashMap<String, String>>,
}

impl Persistence {
    pub fn open(key: &str) -> Persistence {
        let local = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .filter(|s| {
                let probe = format!("{key}:probe");
                let ok = s.set_item(&probe, "1").is_ok();
                let _ = s.remove_item(&probe);
                ok
            });
        Persistence {
            key: key.to_string(),
            local: RefCell::new(local),
            memory: RefCell::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str) -> Option<String> {
        if let Some(s) = self.local.borrow().as_ref() {
            if let Ok(v) = s.get_item(key) {
                return v;
            }
        }
        self.memory.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) {
        let failed = match self.local.borrow().as_ref() {
            Some(s) => s.set_item(key, value).is_err(),
            None => false,
        };
        if failed {
            // full or revoked: keep working in memory from now on
            self.local.replace(None);
        }
        self.memory
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
    }

    fn remove(&self, key: &str) {
        if let Some(s) = self.local.borrow().as_ref() {
            let _ = s.remove_item(key);
        }
        self.memory.borrow_mut().remove(key);
    }

    /// The saved conversation; unreadable data is discarded.
    pub fn load(&self) -> Option<SavedChat> {
        let raw = self.get(&self.key)?;
        let saved = SavedChat::parse(&raw);
        if saved.is_none() {
            self.remove(&self.key);
        }
        saved
    }

    /// Saves the conversation, and the cart alone (read by the loader to show the
    /// shop's cart badge without downloading the widget).
    pub fn save(&self, saved: &SavedChat, cart_json: &str) {
        self.set(&self.key, &saved.to_json());
        self.set(&format!("{}:cart", self.key), cart_json);
    }
}

/// Dispatches `shopkeep:<name>` on the widget's host element; it bubbles to
/// `document` and `window`. `detail_json` is parsed into a plain JS object.
pub fn emit(host: &web_sys::EventTarget, name: &str, detail_json: &str) {
    let detail = js_sys::JSON::parse(detail_json).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// The element that has focus inside the widget's shadow root, if any.
pub fn focused_in(root: &web_sys::Element) -> Option<web_sys::Element> {
    root.get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|s| s.active_element())
}

/// Focuses `el` after the current render (elements may be hidden until then).
pub fn focus_soon(el: web_sys::HtmlElement) {
    gloo_timers::callback::Timeout::new(0, move || {
        let _ = el.focus();
    })
    .forget();
}

/// Visible, enabled elements the keyboard can reach inside `container`.
pub fn focusables(container: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = container.query_selector_all(
        "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1'])",
    ) else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some() || e.get_client_rects().length() > 0)
        .collect()
}
