//! The error summary at the top of a step (GOV.UK pattern): takes focus when shown, and links
//! to each field with a problem.

use leptos::html::Div;
use leptos::prelude::*;

use crate::i18n::use_strings;

/// One problem: the id of the field it belongs to and the message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SummaryItem {
    /// Element id of the field.
    pub field_id: String,
    /// What is wrong, in words that say how to fix it.
    pub message: String,
}

/// Focuses the element with this id, if there is one.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The summary; hidden while `items` is empty. Each time `shown` changes, it takes focus.
#[component]
pub fn ErrorSummary(
    /// The problems.
    #[prop(into)]
    items: Signal<Vec<SummaryItem>>,
    /// Bumped on every submit that found problems, so focus moves even if the list is the same.
    #[prop(into)]
    shown: Signal<u32>,
) -> impl IntoView {
    let t = use_strings();
    let node = NodeRef::<Div>::new();
    Effect::new(move || {
        if shown.get() > 0 {
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    view! {
        <div
            class="error-summary"
            role="alert"
            tabindex="-1"
            aria-labelledby="error-summary-title"
            node_ref=node
            hidden=move || items.with(Vec::is_empty)
        >
            <h2 id="error-summary-title">{t.error_summary_title}</h2>
            <ul>
                <For each=move || items.get() key=|i| i.clone() let:item>
                    <li>
                        <a
                            href=format!("#{}", item.field_id)
                            on:click={
                                let id = item.field_id.clone();
                                move |ev| {
                                    ev.prevent_default();
                                    focus_by_id(&id);
                                }
                            }
                        >
                            {item.message.clone()}
                        </a>
                    </li>
                </For>
            </ul>
        </div>
    }
}
