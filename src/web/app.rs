//! The Leptos components. They render a [`ChatState`] and forward events to it;
//! the decisions live in [`super::chat`].

use super::browser::{self, Download, Persistence, WidgetConfig};
use super::chat::{key_action, ChatState, Entry, Job, KeyAction, LoadFailure, Phase};
use super::i18n::{self, strings};
use super::view::{safe_url, BotMessage, CardView, CartSummary, CatalogIndex};
use crate::intent::OnnxIntentClassifier;
use crate::store::{StaticStore, Store};
use crate::text::Lang;
use crate::Assistant;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

type Engine = Assistant<StaticStore>;

/// Everything a component needs; all fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: RwSignal<ChatState>,
    pub open: RwSignal<bool>,
    engine: StoredValue<Option<Engine>, LocalStorage>,
    index: StoredValue<CatalogIndex, LocalStorage>,
    pub shell: StoredValue<Shell, LocalStorage>,
    contact: RwSignal<Option<String>>,
}

/// The page elements the widget talks to, its configuration and storage.
pub struct Shell {
    pub config: WidgetConfig,
    /// The `.sk` element in the shadow root (the app mounts inside it).
    pub root: web_sys::HtmlElement,
    /// The loader's launcher button.
    pub launcher: web_sys::HtmlElement,
    /// The `<shopkeep-widget>` element; events are dispatched on it.
    pub host: web_sys::HtmlElement,
    pub storage: Persistence,
}

impl Ctx {
    pub fn new(shell: Shell, state: ChatState) -> Ctx {
        let contact = super::chat::contact_href(shell.config.contact.as_deref(), None, None, None);
        Ctx {
            state: RwSignal::new(state),
            open: RwSignal::new(shell.config.open),
            engine: StoredValue::new_local(None),
            index: StoredValue::new_local(CatalogIndex::default()),
            shell: StoredValue::new_local(shell),
            contact: RwSignal::new(contact),
        }
    }

    fn emit(&self, name: &str, detail_json: &str) {
        self.shell
            .try_with_value(|s| browser::emit(&s.host, name, detail_json));
    }

    /// Queues a typed message (or a tapped quick reply) and runs it.
    pub fn send(&self, text: &str) {
        if self.state.try_update(|s| s.submit(text)).unwrap_or(false) {
            self.pump();
        }
    }

    pub fn add_to_cart(&self, product_id: &str, variant_id: Option<&str>) {
        if self
            .state
            .try_update(|s| s.add_to_cart(product_id, variant_id))
            .unwrap_or(false)
        {
            self.pump();
        }
    }

    pub fn remove_line(&self, variant_id: &str) {
        if self
            .state
            .try_update(|s| s.remove_line(variant_id))
            .unwrap_or(false)
        {
            self.pump();
        }
    }

    pub fn set_open(&self, open: bool) {
        if self.open.try_get_untracked() != Some(open) {
            self.open.try_set(open);
        }
    }

    /// Runs queued jobs one at a time. The assistant is taken out of its slot
    /// while it works, so it is never borrowed across an `.await`.
    pub fn pump(&self) {
        let ctx = *self;
        let Some(job) = ctx.state.try_update(|s| s.take_job()).flatten() else {
            return;
        };
        let Some(mut engine) = ctx.engine.try_update_value(|e| e.take()).flatten() else {
            return;
        };
        spawn_local(async move {
            let lang = ctx.state.try_with_untracked(|s| s.lang).unwrap_or_default();
            let reply = match job {
                Job::Greeting => engine.greeting(lang),
                Job::Text(text) => engine.respond(&text).await,
                Job::Act(action) => engine.act(action).await,
            };
            let session = engine.session();
            ctx.engine.try_set_value(Some(engine));
            let Some((msg, cart)) = ctx.index.try_with_value(|i| i.reply(&reply)) else {
                return;
            };
            let cart_json = serde_json::to_string(&cart).unwrap_or_else(|_| "null".into());
            let cart_changed = ctx
                .state
                .try_update(|s| s.apply_reply(msg, cart))
                .is_some_and(|a| a.cart_changed);
            // After the reply is rendered: the shop's cart-change listeners (they
            // run synchronously inside `dispatchEvent`) and the localStorage write
            // (synchronous too: it was the largest cost between Enter and the reply).
            gloo_timers::callback::Timeout::new(0, move || {
                if cart_changed {
                    ctx.emit("shopkeep:cart-change", &cart_json);
                }
                let session = serde_json::to_value(&session).ok();
                if let Some(saved) = ctx.state.try_with_untracked(|s| s.saved(session)) {
                    ctx.shell
                        .try_with_value(|sh| sh.storage.save(&saved, &cart_json));
                }
            })
            .forget();
            ctx.pump();
        });
    }

    /// Downloads the model and the shop data, builds the assistant, then answers
    /// whatever the shopper typed meanwhile.
    pub fn boot(&self) {
        let ctx = *self;
        browser::mark("shopkeep:boot");
        let Some((model, catalog, orders, policies)) = ctx.shell.try_with_value(|s| {
            let c = &s.config;
            (
                Download::start(&c.model_url),
                Download::start(&c.catalog_url),
                Download::start(&c.orders_url),
                Download::start(&c.policies_url),
            )
        }) else {
            return;
        };
        spawn_local(async move {
            let data = async {
                Ok::<_, browser::FetchError>((
                    catalog.text().await?,
                    orders.text().await?,
                    policies.text().await?,
                ))
            }
            .await;
            let model = model.bytes().await;
            let outcome = match (model, data) {
                (Err(e), _) => Err((LoadFailure::Model, e.to_string())),
                (_, Err(e)) => Err((LoadFailure::Catalog, e.to_string())),
                (Ok(model), Ok((catalog, orders, policies))) => {
                    browser::mark("shopkeep:fetched");
                    // let the loading state paint before the synchronous model build
                    browser::next_frame().await;
                    build_engine(&model, &catalog, &orders, &policies)
                }
            };
            match outcome {
                Ok((mut engine, contact, index)) => {
                    ctx.index.try_set_value(index);
                    if let Some(session) = ctx
                        .shell
                        .try_with_value(|s| s.storage.load().and_then(|saved| saved.session))
                        .flatten()
                    {
                        if let Ok(session) = serde_json::from_value(session) {
                            engine.restore(session);
                        }
                    }
                    if ctx.contact.try_get_untracked().flatten().is_none() {
                        ctx.contact.try_set(contact);
                    }
                    ctx.engine.try_set_value(Some(engine));
                    ctx.state.try_update(|s| s.ready());
                    browser::mark("shopkeep:ready");
                    ctx.emit("shopkeep:ready", "{}");
                    ctx.pump();
                }
                Err((why, message)) => {
                    browser::console_error(&format!("shopkeep: {message}"));
                    ctx.state.try_update(|s| s.fail(why));
                    let detail = serde_json::json!({"stage": why.as_str(), "message": message});
                    ctx.emit("shopkeep:error", &detail.to_string());
                }
            }
        });
    }
}

type Built = (Engine, Option<String>, CatalogIndex);

fn build_engine(
    model: &[u8],
    catalog: &str,
    orders: &str,
    policies: &str,
) -> Result<Built, (LoadFailure, String)> {
    let store = StaticStore::from_json(catalog, orders, policies).map_err(|e| {
        (
            LoadFailure::Catalog,
            format!("the shop data is invalid: {e}"),
        )
    })?;
    let support = &store.settings().support;
    let contact = super::chat::contact_href(
        None,
        support.url.as_deref(),
        support.email.as_deref(),
        support.phone.as_deref(),
    );
    let index = CatalogIndex::new(store.shared_products(), store.settings());
    browser::mark("shopkeep:shop-indexed");
    // demo data fixes its own "today" so its orders stay inside the return window
    let today = store.demo_today().unwrap_or_else(browser::today);
    let classifier = OnnxIntentClassifier::from_bytes(model)
        .map_err(|e| (LoadFailure::Model, format!("the model is unusable: {e}")))?;
    browser::mark("shopkeep:model-built");
    Ok((
        Assistant::new(Box::new(classifier), store, today),
        contact,
        index,
    ))
}

const ICON_CLOSE: &str =
    "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
const ICON_SEND: &str = "M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z";
const ICON_CART: &str = "M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM5.2 4H2V2h4.6l.9 2H21l-3.4 8.3a2 2 0 0 1-1.8 1.2H8.1l-1 1.8V16h12v2H5.4a1.5 1.5 0 0 1-1.3-2.2l1.5-2.7z";

#[component]
fn Icon(path: &'static str) -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}

/// The panel: header, status or conversation, cart, composer, live region.
#[component]
pub fn App(ctx: Ctx) -> impl IntoView {
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    let t = move || strings(lang.get());
    let title = move || {
        ctx.shell
            .try_with_value(|s| s.config.title.clone())
            .flatten()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| t().title.to_string())
    };
    let panel_ref: NodeRef<html::Div> = NodeRef::new();
    let input_ref: NodeRef<html::Input> = NodeRef::new();

    // Open/close side effects: launcher state, focus, events.
    Effect::new(move |prev: Option<bool>| {
        let open = ctx.open.get();
        ctx.shell.try_with_value(|s| {
            let _ = s
                .launcher
                .set_attribute("aria-expanded", if open { "true" } else { "false" });
            let _ = if open {
                s.root.set_attribute("data-open", "")
            } else {
                s.root.remove_attribute("data-open")
            };
            if open {
                if let Some(input) = input_ref.get_untracked() {
                    browser::focus_soon(input.unchecked_into());
                }
            } else if prev == Some(true) && browser::focused_in(&s.root).is_some() {
                let _ = s.launcher.focus();
            }
        });
        if prev.is_some() && prev != Some(open) {
            ctx.emit(
                if open {
                    "shopkeep:open"
                } else {
                    "shopkeep:close"
                },
                "{}",
            );
        }
        open
    });

    // The widget's words follow the shopper's language.
    Effect::new(move |_| {
        let l = lang.get();
        ctx.shell.try_with_value(|s| {
            let _ = s.root.set_attribute("lang", l.as_str());
            let _ = s.launcher.set_attribute("aria-label", strings(l).launcher);
        });
    });

    // Esc also closes the panel when the shopper has clicked into the page
    // meanwhile (the panel's own handler has already handled it otherwise)
    let _esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.key() == "Escape" || ev.key() == "Esc")
            && !ev.default_prevented()
            && ctx.open.get_untracked()
        {
            ctx.set_open(false);
        }
    });

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        // only Tab depends on where focus is: other keys (typing, Enter) skip
        // the focusables scan (a selector query plus a layout read per control)
        let panel = panel_ref.get_untracked();
        let items = match &panel {
            Some(panel) if key == "Tab" => browser::focusables(panel),
            _ => Vec::new(),
        };
        let active = panel.as_ref().and_then(|p| browser::focused_in(p));
        let is = |i: Option<&web_sys::HtmlElement>| matches!((i, &active), (Some(a), Some(b)) if a.unchecked_ref::<web_sys::Element>() == b);
        match key_action(&key, ev.shift_key(), is(items.first()), is(items.last())) {
            KeyAction::Close => {
                ev.prevent_default();
                ctx.set_open(false);
            }
            KeyAction::WrapToFirst => {
                ev.prevent_default();
                if let Some(e) = items.first() {
                    let _ = e.focus();
                }
            }
            KeyAction::WrapToLast => {
                ev.prevent_default();
                if let Some(e) = items.last() {
                    let _ = e.focus();
                }
            }
            KeyAction::None => {}
        }
    };

    view! {
        <div
            class="panel"
            id="sk-panel"
            role="dialog"
            aria-modal="true"
            aria-labelledby="sk-title"
            hidden=move || !ctx.open.get()
            node_ref=panel_ref
            on:keydown=on_keydown
        >
            <div class="head">
                <h2 id="sk-title">{title}</h2>
                <button
                    type="button"
                    class="icon-btn"
                    aria-label=move || t().close
                    on:click=move |_| ctx.set_open(false)
                >
                    <Icon path=ICON_CLOSE />
                </button>
            </div>
            <Body ctx=ctx />
            <Composer ctx=ctx input_ref=input_ref />
            <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                {move || ctx.state.with(|s| s.announcement.clone())}
            </div>
        </div>
    }
}

/// Loading / error state, or the conversation with the cart.
#[component]
fn Body(ctx: Ctx) -> impl IntoView {
    // only a change between "working" and "failed" rebuilds the body (the
    // conversation is not re-created when the model finishes loading)
    let failed = Memo::new(move |_| {
        ctx.state.with(|s| match s.phase {
            Phase::Failed(why) => Some(why),
            _ => None,
        })
    });
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    view! {
        {move || match failed.get() {
            Some(why) => view! { <Failure ctx=ctx why=why lang=lang.get() /> }.into_any(),
            None => view! { <Conversation ctx=ctx /> }.into_any(),
        }}
    }
}

#[component]
fn Failure(ctx: Ctx, why: LoadFailure, lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let reason = match why {
        LoadFailure::Model => t.error_model,
        LoadFailure::Catalog => t.error_catalog,
    };
    let contact = move || {
        ctx.contact.get().map(|href| {
            view! {
                <a href=href target="_blank" rel="noopener">
                    {t.error_contact}
                </a>
            }
        })
    };
    // the message field is disabled now: keep the keyboard inside the dialog
    let retry_ref: NodeRef<html::Button> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(button) = retry_ref.get() {
            if ctx.open.get_untracked() {
                browser::focus_soon(button.unchecked_into());
            }
        }
    });
    let on_retry = move |_| {
        ctx.state.update(|s| s.retry());
        ctx.boot();
        ctx.shell.try_with_value(|s| {
            if let Ok(Some(input)) = s.root.query_selector("#sk-input") {
                browser::focus_soon(input.unchecked_into());
            }
        });
    };
    view! {
        <div class="status error" role="alert">
            <p class="status-title">{t.error_title}</p>
            <p>{reason} " " {t.error_page_ok}</p>
            {contact}
            <button type="button" node_ref=retry_ref on:click=on_retry>
                {t.retry}
            </button>
        </div>
    }
}

#[component]
fn Conversation(ctx: Ctx) -> impl IntoView {
    let log_ref: NodeRef<html::Ol> = NodeRef::new();
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    let entries = move || ctx.state.with(|s| s.entries.clone());
    let loading = Memo::new(move |_| ctx.state.with(|s| s.phase == Phase::Loading));
    let waiting = Memo::new(move |_| ctx.state.with(|s| s.is_waiting()));
    let count = Memo::new(move |_| ctx.state.with(|s| s.entries.len()));

    // keep the newest message in view
    Effect::new(move |_| {
        let _ = (count.get(), waiting.get(), ctx.open.get());
        if let Some(log) = log_ref.get_untracked() {
            gloo_timers::callback::Timeout::new(0, move || scroll_to_newest(&log)).forget();
        }
    });

    view! {
        <ol class="log" aria-label=move || strings(lang.get()).conversation node_ref=log_ref>
            <For
                each=entries
                key=|e| e.id()
                children=move |entry| view! { <Message ctx=ctx entry=entry /> }
            />
            <Show when=move || loading.get()>
                <li class="status loading">
                    <div class="spin" aria-hidden="true"></div>
                    <p>{move || strings(lang.get()).loading}</p>
                </li>
            </Show>
            <Show when=move || waiting.get() && !loading.get()>
                <li class="msg bot typing">
                    <span class="sr-only">{move || strings(lang.get()).typing}</span>
                    <span class="dots" aria-hidden="true">
                        <i></i>
                        <i></i>
                        <i></i>
                    </span>
                </li>
            </Show>
        </ol>
        <Suggestions ctx=ctx />
        <Cart ctx=ctx />
    }
}

/// Scrolls the log to its end; a reply taller than the log is shown from its
/// first line (the shopper reads it top-down, cards below).
fn scroll_to_newest(log: &web_sys::HtmlElement) {
    let bottom = log.scroll_height();
    // `.log` is `position: relative`, so `offsetTop` is measured from its top
    let last = log
        .query_selector(":scope > li.msg.bot:not(.typing):last-child")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(last) = last else {
        log.set_scroll_top(bottom);
        return;
    };
    if last.offset_height() > log.client_height() - 24 {
        log.set_scroll_top(last.offset_top() - 8);
    } else {
        log.set_scroll_top(bottom);
    }
}

#[component]
fn Message(ctx: Ctx, entry: Entry) -> impl IntoView {
    let lang = ctx.state.with_untracked(|s| s.lang);
    let id = entry.id().to_string();
    match entry {
        Entry::User { text, .. } => view! {
            <li class="msg user" data-id=id>
                <span class="sr-only">{strings(lang).you} ": "</span>
                <p>{text}</p>
            </li>
        }
        .into_any(),
        Entry::Bot { msg, .. } => {
            let BotMessage {
                text,
                cards,
                lang,
                checkout_url,
                ..
            } = msg;
            let cards = (!cards.is_empty()).then(|| {
                view! {
                    <ul class="cards" aria-label=strings(lang).products>
                        {cards
                            .into_iter()
                            .map(|card| view! { <Card ctx=ctx card=card lang=lang /> })
                            .collect_view()}
                    </ul>
                }
            });
            let checkout = checkout_url.map(|href| {
                view! {
                    <a class="checkout inline" href=href target="_top">
                        {strings(lang).checkout}
                    </a>
                }
            });
            view! {
                <li class="msg bot" data-id=id>
                    <span class="sr-only">{strings(lang).assistant} ": "</span>
                    <p>{text}</p>
                    {cards}
                    {checkout}
                </li>
            }
            .into_any()
        }
    }
}

#[component]
fn Card(ctx: Ctx, card: CardView, lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let selected = RwSignal::new(card.default_variant().map(str::to_string));
    let check = card.clone();
    let can_add =
        move || ctx.state.with(|s| s.can_act()) && selected.with(|v| check.can_add(v.as_deref()));
    let added = RwSignal::new(false);
    let product_id = card.product_id.clone();
    let on_add = move |_| {
        let variant = selected.get_untracked();
        ctx.add_to_cart(&product_id, variant.as_deref());
        added.set(true);
        gloo_timers::callback::Timeout::new(1500, move || {
            added.try_set(false);
        })
        .forget();
    };
    let picker = card.has_picker().then(|| {
        let options = card
            .variants
            .iter()
            .map(|v| {
                let is_selected = selected.get_untracked().as_deref() == Some(v.id.as_str());
                let label = if v.available {
                    v.label.clone()
                } else {
                    format!("{} ({})", v.label, t.out_of_stock)
                };
                view! {
                    <option value=v.id.clone() selected=is_selected disabled=!v.available>
                        {label}
                    </option>
                }
            })
            .collect_view();
        view! {
            <label class="variant">
                <span class="sr-only">{format!("{} – {}", t.variant, card.title)}</span>
                <select on:change=move |ev| selected.set(Some(event_target_value(&ev)))>
                    {options}
                </select>
            </label>
        }
    });
    let image = card.image.as_deref().and_then(safe_url).map(|src| {
        view! { <img src=src alt="" loading="lazy" decoding="async" width="72" height="72" /> }
    });
    let title = match card.url.as_deref().and_then(safe_url) {
        Some(href) => view! {
            <a href=href target="_blank" rel="noopener">
                {card.title.clone()}
            </a>
        }
        .into_any(),
        None => card.title.clone().into_any(),
    };
    let variant_title = (!card.variant_title.is_empty() && !card.has_picker())
        .then(|| view! { <p class="card-variant">{card.variant_title.clone()}</p> });
    let compare = card
        .compare_at
        .clone()
        .map(|c| view! { <s class="was">{c}</s> });
    let add_label = format!("{} – {}", t.add_to_cart, card.title);
    view! {
        <li class="card">
            {image}
            <div class="card-body">
                <h3 class="card-title">{title}</h3>
                {variant_title}
                <p class="price">
                    <span>{card.price.clone()}</span>
                    " "
                    {compare}
                </p>
                <p class=card.level.css_class()>{card.stock.clone()}</p>
                <div class="card-actions">
                    {picker}
                    <button
                        type="button"
                        class="add"
                        disabled=move || !can_add()
                        on:click=on_add
                        aria-label=add_label
                    >
                        {move || if added.get() { t.added } else { t.add_to_cart }}
                    </button>
                </div>
            </div>
        </li>
    }
}

#[component]
fn Suggestions(ctx: Ctx) -> impl IntoView {
    let chips = move || ctx.state.with(|s| s.suggestions().to_vec());
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    view! {
        <Show when=move || !chips().is_empty()>
            <div class="chips" role="group" aria-label=move || strings(lang.get()).suggestions>
                {move || {
                    chips()
                        .into_iter()
                        .map(|chip| {
                            let text = chip.clone();
                            view! {
                                <button type="button" class="chip" on:click=move |_| ctx.send(&text)>
                                    {chip}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </Show>
    }
}

#[component]
fn Cart(ctx: Ctx) -> impl IntoView {
    let cart = Memo::new(move |_| ctx.state.with(|s| s.cart.clone()));
    let open = Memo::new(move |_| ctx.state.with(|s| s.cart_open));
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    let summary = move || {
        let c: CartSummary = cart.get();
        let t = strings(lang.get());
        (
            i18n::cart_button(lang.get(), c.item_count),
            format!("{} {}", t.total, c.total),
        )
    };
    view! {
        <Show when=move || !cart.with(|c| c.lines.is_empty())>
            <section class="cart" aria-labelledby="sk-cart-toggle">
                <button
                    type="button"
                    id="sk-cart-toggle"
                    class="cart-toggle"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls="sk-cart-lines"
                    on:click=move |_| ctx.state.update(|s| s.toggle_cart())
                >
                    <Icon path=ICON_CART />
                    <span class="cart-count">{move || summary().0}</span>
                    <span class="cart-total">{move || summary().1}</span>
                </button>
                <div id="sk-cart-lines" hidden=move || !open.get()>
                    <ul class="cart-lines">
                        {move || {
                            let t = strings(lang.get());
                            cart.get()
                                .lines
                                .into_iter()
                                .map(|l| {
                                    let variant = (!l.variant.is_empty())
                                        .then(|| view! { <span class="line-variant">{l.variant}</span> });
                                    let remove_label = format!("{} – {}", t.remove, l.title);
                                    let variant_id = l.variant_id.clone();
                                    view! {
                                        <li>
                                            <span class="line-title">{l.title} {variant}</span>
                                            <span class="line-qty">{t.quantity} " " {l.quantity}</span>
                                            <span class="line-total">{l.line_total}</span>
                                            <button
                                                type="button"
                                                class="line-remove"
                                                aria-label=remove_label
                                                disabled=move || !ctx.state.with(|s| s.can_act())
                                                on:click=move |_| ctx.remove_line(&variant_id)
                                            >
                                                "×"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    {move || {
                        cart.get()
                            .checkout_url
                            .as_deref()
                            .and_then(safe_url)
                            .map(|href| {
                                view! {
                                    <a class="checkout" href=href target="_top">
                                        {strings(lang.get()).checkout}
                                    </a>
                                }
                            })
                    }}
                </div>
            </section>
        </Show>
    }
}

#[component]
fn Composer(ctx: Ctx, input_ref: NodeRef<html::Input>) -> impl IntoView {
    let lang = Memo::new(move |_| ctx.state.with(|s| s.lang));
    let failed = Memo::new(move |_| ctx.state.with(|s| matches!(s.phase, Phase::Failed(_))));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(input) = input_ref.get_untracked() {
            let text = input.value();
            if !text.trim().is_empty() {
                input.set_value("");
                ctx.send(&text);
            }
        }
    };
    view! {
        <form class="compose" on:submit=on_submit>
            <label class="sr-only" for="sk-input">
                {move || strings(lang.get()).input_label}
            </label>
            <input
                id="sk-input"
                type="text"
                autocomplete="off"
                enterkeyhint="send"
                maxlength="512"
                placeholder=move || strings(lang.get()).input_placeholder
                disabled=move || failed.get()
                node_ref=input_ref
            />
            <button
                type="submit"
                class="send"
                aria-label=move || strings(lang.get()).send
                disabled=move || failed.get()
            >
                <Icon path=ICON_SEND />
            </button>
        </form>
    }
}
