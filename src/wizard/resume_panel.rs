//! "Continue later": the link that opens this draft on another device, to copy or to have
//! mailed to the organization's contact address.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiClient, DraftKey};
use crate::i18n::use_strings;
use super::use_draft;

/// The resume link for `key` on `origin`: the secret travels in the fragment, which browsers
/// never send to a server.
pub fn resume_link(origin: &str, key: &DraftKey) -> String {
    format!("{}/resume#draft={}&token={}", origin.trim_end_matches('/'), key.id, key.token)
}

/// Reads a resume fragment (`#draft=…&token=…`) back into a key.
pub fn parse_resume(fragment: &str) -> Option<DraftKey> {
    let mut id = None;
    let mut token = None;
    for pair in fragment.trim_start_matches('#').split('&') {
        match pair.split_once('=') {
            Some(("draft", v)) if !v.is_empty() => id = Some(v.to_owned()),
            Some(("token", v)) if !v.is_empty() => token = Some(v.to_owned()),
            _ => {}
        }
    }
    let ok = |s: &String| s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    Some(DraftKey { id: id.filter(ok)?, token: token.filter(ok)? })
}

/// What the panel keeps while the draft saves (each save renders the link anew).
#[derive(Clone, Copy)]
pub struct PanelState {
    sent: RwSignal<Option<Result<String, String>>>,
    copied: RwSignal<bool>,
}

/// The panel with a link: copy it, or have it mailed. Only a saved draft has a link, and only
/// the draft's sync code saves, so this is a chunk of its own, fetched when the first link is
/// there (or while the browser is idle).
fn link_panel(url: String, state: PanelState) -> AnyView {
    let t = use_strings();
    let draft = use_draft();
    let client = StoredValue::new_local(use_context::<ApiClient>());
    let PanelState { sent, copied } = state;
    let email = move || draft.and_then(|d| d.sections.get().organization).map(|o| o.contact_email).filter(|e| !e.is_empty());
    let send = move |_| {
        let (Some(d), Some(client)) = (draft, client.get_value()) else { return };
        let Some(key) = d.key() else { return };
        let to = email().unwrap_or_default();
        let demo = client.demo().is_some();
        spawn_local(async move {
            let result = client.send_resume_link(&key).await;
            let done = move |()| if demo { t.demo_no_mail.to_owned() } else { (t.resume_emailed)(&to) };
            sent.set(Some(result.map(done).map_err(|e| e.message(t).to_owned())));
        });
    };
    let copy_url = url.clone();
    view! {
        <p class="hint" id="resume-hint">{t.resume_hint}</p>
        <label for="resume-link">{t.resume_link_label}</label>
        <div class="resume-row">
            <input id="resume-link" type="text" readonly aria-describedby="resume-hint" prop:value=url/>
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| copied.set(crate::browser::copy_to_clipboard(&copy_url))
            >
                {t.copy}
            </button>
        </div>
        <p role="status" class="hint">{move || copied.get().then_some(t.copied)}</p>
        {move || match email() {
            Some(_) => view! {
                <button type="button" class="button button-secondary" on:click=send>{t.resume_email}</button>
            }.into_any(),
            None => view! { <p class="hint">{t.resume_needs_email}</p> }.into_any(),
        }}
        <p role="status">
            {move || sent.get().map(|r| match r {
                Ok(m) => view! { <span class="save-saved">{m}</span> }.into_any(),
                Err(m) => view! { <span class="save-failed">{m}</span> }.into_any(),
            })}
        </p>
    }
    .into_any()
}

type LinkPanel = fn(String, PanelState) -> AnyView;

crate::split_point!(resume_panel, panel, LinkPanel, link_panel as LinkPanel);

/// Fetches the panel's chunk while the browser is idle (see `crate::routes::prefetch_after`).
pub fn prefetch_resume_panel() -> crate::chunks::Loading<()> {
    panel::boxed_fetch()
}

/// The panel under each step.
#[component]
pub fn ResumePanel() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let state = PanelState { sent: RwSignal::new(None), copied: RwSignal::new(false) };
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    // The key exists once the first save created the draft; the status line changes then.
    let link = move || {
        if let Some(d) = draft {
            d.status.track();
        }
        draft.and_then(|d| d.key()).map(|k| resume_link(&origin, &k))
    };
    // The panel's code, once there is a link to show (a failed fetch is tried on the next save).
    let code = RwSignal::new(None::<LinkPanel>);
    let fetching = StoredValue::new(false);
    let has_link = link.clone();
    Effect::new(move || {
        if has_link().is_some() && code.get_untracked().is_none() && !fetching.get_value() {
            fetching.set_value(true);
            spawn_local(async move {
                if let Ok(f) = panel::build().await {
                    code.set(Some(f));
                }
                fetching.set_value(false);
            });
        }
    });
    view! {
        <details class="resume-panel">
            <summary>{t.resume_heading}</summary>
            {move || match (link(), code.get()) {
                (Some(url), Some(panel)) => panel(url, state),
                _ => view! { <p class="hint">{t.resume_none_yet}</p> }.into_any(),
            }}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_and_junk_is_refused() {
        let key = DraftKey { id: "abc123".into(), token: "f00d".into() };
        let link = resume_link("https://onramp.example/", &key);
        assert_eq!(link, "https://onramp.example/resume#draft=abc123&token=f00d");
        let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or_default();
        assert_eq!(parse_resume(fragment), Some(key));
        assert_eq!(parse_resume("#draft=abc"), None);
        assert_eq!(parse_resume("#draft=a&token=<script>"), None);
        assert_eq!(parse_resume(""), None);
    }
}
