//! The message bridge to a partner page around the app: posts typed messages only to the
//! parent's origin when the partner allows it (never `*`), accepts messages only from that
//! window and origin, reports the content's height, and applies the partner's design tokens.

use std::cell::RefCell;

use leptos::prelude::*;
use onramp_api::embed::{decode_parent, encode_app, AppMessage, LockedField, ParentMessage, Partner, ReadyInfo};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Locale;

struct Bridge {
    /// The parent's origin, checked against the partner's list.
    origin: String,
    parent: web_sys::Window,
    last_height: u32,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
    /// The language last announced to the page.
    static LAST_LOCALE: std::cell::Cell<Option<Locale>> = const { std::cell::Cell::new(None) };
    /// In a frame: whether the visitor has acted inside it yet (`None` until first asked).
    static ACTED: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
    /// Messages from before the partner's settings were in (the first step, its funnel event);
    /// `Some` while a bridge may still open.
    static PENDING: RefCell<Option<Vec<AppMessage>>> = const { RefCell::new(None) };
}

/// Most messages kept while the bridge opens.
const PENDING_MAX: usize = 50;

/// The app is embedded for a partner whose settings are on their way: keep messages until the
/// bridge opens (or is refused).
pub fn expect_bridge() {
    PENDING.with(|p| *p.borrow_mut() = Some(Vec::new()));
}

/// The bridge will not open: forget what was kept.
pub fn no_bridge() {
    PENDING.with(|p| *p.borrow_mut() = None);
}

/// The partner this page is embedded for, once its settings are in; `settled` once there is
/// nothing more to wait for (loaded, failed, or not embedded).
#[derive(Clone, Copy)]
pub struct PartnerContext(pub RwSignal<Option<Partner>>, pub RwSignal<bool>);

/// A preset of the partner for a link parameter (`plan`, `billing`), and whether it is locked.
pub fn partner_preset(partner: Option<&Partner>, name: &str) -> (Option<String>, bool) {
    let Some(p) = partner else { return (None, false) };
    match name {
        "plan" => (p.presets.plan.clone(), p.locks(LockedField::Plan)),
        "billing" => (p.presets.billing.map(|b| b.as_str().to_owned()), p.locks(LockedField::Billing)),
        _ => (None, false),
    }
}

/// A link parameter as the flow should take it: a locked partner preset wins over the link,
/// the link wins over an open preset.
pub fn preset_value(partner: Option<&Partner>, name: &str, link: Option<String>) -> Option<String> {
    match partner_preset(partner, name) {
        (Some(v), true) => Some(v),
        (preset, _) => link.or(preset),
    }
}

/// The partner's settings, if the app is embedded and they loaded.
pub fn use_partner() -> Option<Partner> {
    use_context::<PartnerContext>().and_then(|p| p.0.get())
}

/// Whether the partner locked `field`.
pub fn locked(field: LockedField) -> Option<String> {
    use_context::<PartnerContext>()
        .and_then(|p| p.0.get())
        .filter(|p| p.locks(field))
        .map(|p| p.name)
}

/// The origin to talk to: the parent's, as the browser reports it (`ancestorOrigins`, else the
/// referrer's origin), and only when the partner allows exactly that origin.
pub fn parent_origin(allowed: &[String], ancestor: Option<&str>, referrer: Option<&str>) -> Option<String> {
    let candidate = match ancestor {
        Some(a) => a.to_owned(),
        None => {
            let r = referrer?;
            let scheme_end = r.find("://")? + 3;
            let end = r.get(scheme_end..)?.find('/').map_or(r.len(), |i| i + scheme_end);
            r.get(..end)?.to_owned()
        }
    };
    allowed.contains(&candidate).then_some(candidate)
}

fn ancestor_origin() -> Option<String> {
    let location = web_sys::window()?.location();
    let list = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok()?;
    if list.is_undefined() {
        return None;
    }
    js_sys::Reflect::get(&list, &0.into()).ok()?.as_string()
}

/// Posts `message` to the page around the app, if there is an allowed one.
pub fn post(message: &AppMessage) {
    BRIDGE.with(|b| {
        let b = b.borrow();
        let Some(bridge) = b.as_ref() else {
            PENDING.with(|p| {
                if let Some(pending) = p.borrow_mut().as_mut().filter(|p| p.len() < PENDING_MAX) {
                    pending.push(message.clone());
                }
            });
            return;
        };
        let Ok(data) = js_sys::JSON::parse(&encode_app(message)) else { return };
        let _ = bridge.parent.post_message(&data, &bridge.origin);
    });
}

/// Whether the app may move focus now (to a step's heading): always standalone; in a frame only
/// once the visitor has acted inside it (a pointer or a key), so that loading the frame never
/// takes focus from the partner's page or scrolls it.
pub fn may_move_focus() -> bool {
    if let Some(acted) = ACTED.with(std::cell::Cell::get) {
        return acted;
    }
    let Some(window) = web_sys::window() else { return false };
    let framed = window.parent().ok().flatten().is_some_and(|p| p != window);
    ACTED.with(|a| a.set(Some(!framed)));
    if framed {
        let on_act = Closure::<dyn FnMut(JsValue)>::new(|_| ACTED.with(|a| a.set(Some(true))));
        for event in ["pointerdown", "keydown"] {
            let _ = window.add_event_listener_with_callback_and_bool(event, on_act.as_ref().unchecked_ref(), true);
        }
        on_act.forget();
    }
    !framed
}

/// Whether the app runs inside an allowed partner page.
pub fn is_bridged() -> bool {
    BRIDGE.with(|b| b.borrow().is_some())
}

fn measure() {
    // The root element's box: the content's height, margins that collapse through the body
    // included, and never the frame's own height (as `scrollHeight` would be).
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    let Some(root) = root.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let Ok(height) = u32::try_from(root.offset_height()) else { return };
    if height == 0 {
        return;
    }
    let changed = BRIDGE.with(|b| {
        let mut b = b.borrow_mut();
        match b.as_mut() {
            Some(bridge) if bridge.last_height != height => {
                bridge.last_height = height;
                true
            }
            _ => false,
        }
    });
    if changed {
        post(&AppMessage::Resize { height });
    }
}

/// Sets the partner's design tokens as CSS custom properties (values built from parsed
/// colours and the safe font list only).
/// Returns whether they were applied.
pub fn apply_theme(partner: &Partner) -> bool {
    let Some(props) = partner.appearance.css_properties() else { return false };
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return false };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return false };
    let style = root.style();
    for (name, value) in props {
        let _ = style.set_property(name, &value);
    }
    let _ = root.class_list().add_1("embedded");
    true
}

/// How [`begin`] is called: the client, the partner's id, the language shown (a partner may
/// preset or lock it) and the context the partner's settings go to.
pub type Begin = fn(crate::api::ApiClient, String, RwSignal<Locale>, PartnerContext);

// Reading the partner's settings, applying their theme and presets, and the bridge (messages,
// measuring, the ready announcement) are a chunk of their own, fetched only by an embedded app.
crate::split_point!(embed_bridge, bridge, Begin, begin as Begin);

/// Reads partner `id`'s settings, applies its theme and language preset, and starts the bridge.
/// Reached through [`bridge`].
fn begin(client: crate::api::ApiClient, id: String, locale: RwSignal<Locale>, context: PartnerContext) {
    let PartnerContext(partner, settled) = context;
    leptos::task::spawn_local(async move {
        match client.partner(&id).await {
            Ok(p) => {
                let themed = apply_theme(&p);
                if let Some(l) = p.presets.locale.as_deref().and_then(Locale::parse).filter(|_| {
                    p.locks(LockedField::Locale) || crate::query_param("locale").is_none()
                }) {
                    if crate::i18n::ensure(l).await {
                        locale.set(l);
                    }
                }
                start(&p, locale, themed);
                partner.set(Some(p));
            }
            Err(e) => {
                no_bridge();
                web_sys::console::warn_1(&format!("Onramp: partner {id} not loaded: {e:?}").into());
            }
        }
        settled.set(true);
    });
}

/// Starts the bridge for `partner`: nothing happens unless the app is in a frame whose parent
/// has an allowed origin. Reached through [`bridge`].
fn start(partner: &Partner, locale: RwSignal<Locale>, theme_applied: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return no_bridge() };
    if parent == window {
        return no_bridge();
    }
    let referrer = window.document().map(|d| d.referrer());
    let Some(origin) = parent_origin(&partner.allowed_origins, ancestor_origin().as_deref(), referrer.as_deref()) else {
        web_sys::console::warn_1(&"Onramp: the page around this frame is not an allowed origin of the partner; no messages are sent.".into());
        return no_bridge();
    };
    BRIDGE.with(|b| *b.borrow_mut() = Some(Bridge { origin: origin.clone(), parent: parent.clone(), last_height: 0 }));

    let locale_locked = partner.locks(LockedField::Locale);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        // Exactly the parent window, exactly its allowed origin; anything else is ignored.
        // A cross-origin window is no `instanceof Window` here: compare identities instead.
        let parent_value: &JsValue = parent.as_ref();
        let from_parent = ev.source().is_some_and(|s| JsValue::from(s) == *parent_value);
        if !from_parent || ev.origin() != origin {
            return;
        }
        let data = ev.data();
        let text = data.as_string().or_else(|| js_sys::JSON::stringify(&data).ok().and_then(|s| s.as_string()));
        let Some(Ok(message)) = text.map(|t| decode_parent(&t)) else { return };
        match message {
            ParentMessage::SetLocale { locale: asked } => match (Locale::parse(&asked), locale_locked) {
                (None, _) => post(&AppMessage::Error {
                    kind: "unsupported_locale".into(),
                    message: format!("The app has no language \"{asked}\"."),
                }),
                (Some(l), true) if l != locale.get_untracked() => post(&AppMessage::Error {
                    kind: "locale_locked".into(),
                    message: "The partner's settings lock the language.".into(),
                }),
                (Some(l), _) => leptos::task::spawn_local(async move {
                    // German is a chunk of its own; if it cannot be fetched, no answer comes and
                    // the page's setLocale() rejects with no_answer.
                    if crate::i18n::ensure(l).await {
                        // Announced here, once, also when it was already shown.
                        LAST_LOCALE.with(|last| last.set(Some(l)));
                        locale.set(l);
                        post(&AppMessage::Locale { locale: l.as_str().to_owned() });
                    }
                }),
            },
            ParentMessage::Measure => {
                BRIDGE.with(|b| {
                    if let Some(bridge) = b.borrow_mut().as_mut() {
                        bridge.last_height = 0;
                    }
                });
                measure();
            }
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();

    let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| measure());
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
        window.document().and_then(|d| d.body()),
    ) {
        observer.observe(&body);
    }
    on_resize.forget();
    LAST_LOCALE.with(|last| last.set(Some(locale.get_untracked())));
    Effect::new(move || {
        let l = locale.get();
        if LAST_LOCALE.with(|last| last.replace(Some(l))) != Some(l) {
            post(&AppMessage::Locale { locale: l.as_str().to_owned() });
        }
    });
    let step = window.location().pathname().ok().and_then(|p| onramp_api::funnel::step_of(&p));
    post(&AppMessage::Ready(ReadyInfo {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        locales: Locale::ALL.iter().map(|l| l.as_str().to_owned()).collect(),
        locale: locale.get_untracked().as_str().to_owned(),
        step: step.map(str::to_owned),
        partner: partner.id.clone(),
        partner_applied: theme_applied,
    }));
    for message in PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default() {
        post(&message);
    }
    measure();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_presets_win_over_the_link() {
        let partners = onramp_api::sample::partners();
        let uni = partners.first();
        assert_eq!(preset_value(uni, "plan", Some("enterprise".into())).as_deref(), Some("organization"), "locked");
        assert_eq!(preset_value(uni, "billing", Some("monthly".into())).as_deref(), Some("monthly"), "open preset, the link wins");
        assert_eq!(preset_value(uni, "billing", None).as_deref(), Some("yearly"));
        assert_eq!(preset_value(None, "plan", Some("starter".into())).as_deref(), Some("starter"));
        assert_eq!(preset_value(partners.get(1), "plan", Some("enterprise".into())).as_deref(), Some("enterprise"));
    }

    #[test]
    fn only_an_allowed_parent_is_talked_to() {
        let allowed = vec!["https://uni.example".to_owned(), "http://127.0.0.1:8090".to_owned()];
        assert_eq!(parent_origin(&allowed, Some("https://uni.example"), None).as_deref(), Some("https://uni.example"));
        assert_eq!(parent_origin(&allowed, Some("https://evil.example"), Some("https://uni.example/page")), None, "the browser's ancestor wins");
        assert_eq!(parent_origin(&allowed, None, Some("http://127.0.0.1:8090/join?x=1")).as_deref(), Some("http://127.0.0.1:8090"));
        assert_eq!(parent_origin(&allowed, None, Some("http://127.0.0.1:8090")).as_deref(), Some("http://127.0.0.1:8090"));
        assert_eq!(parent_origin(&allowed, None, Some("https://uni.example.evil.example/")), None);
        assert_eq!(parent_origin(&allowed, None, Some("")), None);
        assert_eq!(parent_origin(&allowed, None, None), None);
        assert_eq!(parent_origin(&[], Some("https://uni.example"), None), None);
    }
}
