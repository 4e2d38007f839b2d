//! The browser widget.
//!
//! * [`lang`], [`i18n`], [`view`], [`chat`] — plain Rust, compiled and tested
//!   natively: which language to speak, the widget's words, what the panel shows
//!   and every decision the UI makes (queueing, persistence format, keys, links).
//! * `browser`, `app` and [`mount`] — the Leptos (CSR) shell, only for
//!   `wasm32` with the `web` feature. The loader `www/shopkeep.js` imports the
//!   wasm-bindgen glue and calls [`mount`] inside its shadow root.

pub mod chat;
pub mod i18n;
pub mod lang;
pub mod view;

#[cfg(all(feature = "web", target_arch = "wasm32"))]
mod app;
#[cfg(all(feature = "web", target_arch = "wasm32"))]
mod bench;
#[cfg(all(feature = "web", target_arch = "wasm32"))]
mod browser;
#[cfg(all(feature = "web", target_arch = "wasm32"))]
pub use bench::{BenchModel, BenchShop};
#[cfg(all(feature = "web", target_arch = "wasm32"))]
pub use entry::{mount, Widget};

#[cfg(all(feature = "web", target_arch = "wasm32"))]
mod entry {
    use super::app::{App, Ctx, Shell};
    use super::browser::{self, Persistence, WidgetConfig};
    use super::chat::{ChatState, Phase};
    use super::lang::resolve_ui_lang;
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;

    /// Runs the static constructors once, when the module is instantiated
    /// (see [`crate::intent::run_static_constructors`]).
    #[wasm_bindgen(start)]
    pub fn start() {
        crate::intent::run_static_constructors();
    }

    /// The mounted widget, driven by the loader's `window.shopkeep` API.
    #[wasm_bindgen]
    pub struct Widget {
        ctx: Ctx,
    }

    #[wasm_bindgen]
    impl Widget {
        pub fn open(&self) {
            self.ctx.set_open(true);
        }

        pub fn close(&self) {
            self.ctx.set_open(false);
        }

        pub fn toggle(&self) {
            let open = self.ctx.open.try_get_untracked().unwrap_or(false);
            self.ctx.set_open(!open);
        }

        /// Opens the panel and sends `text` as if the shopper had typed it.
        pub fn ask(&self, text: String) {
            self.ctx.set_open(true);
            self.ctx.send(&text);
        }

        pub fn is_open(&self) -> bool {
            self.ctx.open.try_get_untracked().unwrap_or(false)
        }

        /// The model and shop data are loaded.
        pub fn is_ready(&self) -> bool {
            self.ctx
                .state
                .try_with_untracked(|s| s.phase == Phase::Ready)
                .unwrap_or(false)
        }
    }

    /// Mounts the chat panel into `root` (an element in the loader's shadow root).
    /// `launcher` is the loader's button, `host` the `<shopkeep-widget>` element
    /// that `shopkeep:*` events are dispatched on, `config` the loader's settings
    /// (see `WidgetConfig`).
    #[wasm_bindgen]
    pub fn mount(
        root: web_sys::HtmlElement,
        launcher: web_sys::HtmlElement,
        host: web_sys::HtmlElement,
        config: JsValue,
    ) -> Result<Widget, JsValue> {
        console_error_panic_hook::set_once();
        let config: WidgetConfig = serde_wasm_bindgen::from_value(config)
            .map_err(|e| JsValue::from_str(&format!("shopkeep: bad configuration: {e}")))?;
        let (html_lang, navigator) = browser::page_languages();
        let lang = resolve_ui_lang(config.lang.as_deref(), html_lang.as_deref(), &navigator);
        let storage = Persistence::open(&config.storage_key);
        let state = match storage.load() {
            Some(saved) => ChatState::restored(lang, saved),
            None => ChatState::new(lang),
        };
        let ctx = Ctx::new(
            Shell {
                config,
                root: root.clone(),
                launcher,
                host,
                storage,
            },
            state,
        );
        leptos::mount::mount_to(root, move || view! { <App ctx=ctx /> }).forget();
        ctx.boot();
        Ok(Widget { ctx })
    }
}
