//! The moderation step's rules editor: start from a pack, then add, edit, remove and reorder
//! rules with buttons that work by keyboard and pointer alike; focus stays on the control that
//! was used and each change is announced.

use leptos::prelude::*;
use reactive_stores::Field;
use onramp_api::validate::RULES_MAX;
use onramp_api::{FieldError, Rule};

use crate::i18n::{current_locale};
use super::strings::use_strings;
use crate::wizard::messages::error_at;
use crate::wizard::rule_packs::Pack;

/// A rule with a key that stays the same while it moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    /// Stable key.
    pub key: u64,
    /// The rule.
    pub rule: Rule,
}

/// Rows for `rules`, keyed from `first_key` on.
pub fn rows_from(rules: Vec<Rule>, first_key: u64) -> Vec<RuleRow> {
    rules.into_iter().zip(first_key..).map(|(rule, key)| RuleRow { key, rule }).collect()
}

/// Moves the row at `from` one place up (`up`) or down; false when it cannot move.
pub fn move_row(rows: &mut [RuleRow], from: usize, up: bool) -> bool {
    let to = if up { from.checked_sub(1) } else { from.checked_add(1).filter(|t| *t < rows.len()) };
    match to {
        Some(to) if from < rows.len() => {
            rows.swap(from, to);
            true
        }
        _ => false,
    }
}

/// Focuses the element with `id` once the list has been re-rendered (moving a focused element
/// in the DOM blurs it, so this waits until the move is done).
fn focus_later(id: String) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&id))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            },
            std::time::Duration::ZERO,
        );
    });
}

/// The rules editor.
#[component]
pub fn RulesEditor(
    /// The rules, in order.
    #[prop(into)]
    rows: Field<Vec<RuleRow>>,
    /// The pack offered first.
    pack: Pack,
    /// The form's field errors.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// Called after a change that should be checked again.
    on_change: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let chosen_pack = RwSignal::new(pack);
    let undo = RwSignal::new(None::<Vec<RuleRow>>);
    let announcement = RwSignal::new(String::new());
    let next_key = move || rows.with_untracked(|v| v.iter().map(|r| r.key).max().map_or(0, |k| k + 1));
    let index_of = move |key: u64| rows.with(|v| v.iter().position(|r| r.key == key)).unwrap_or(0);
    let rule_of = move |key: u64| rows.with(|v| v.iter().find(|r| r.key == key).map(|r| r.rule.clone())).unwrap_or_default();
    let edit = move |key: u64, f: &dyn Fn(&mut Rule)| {
        rows.update(|v| {
            if let Some(r) = v.iter_mut().find(|r| r.key == key) {
                f(&mut r.rule);
            }
        });
    };
    let list_error = Signal::derive(move || error_at(&errors.get(), "/moderation/rules", t));
    let count = move || rows.with(Vec::len);

    let replace = move |_| {
        let previous = rows.get_untracked();
        let first = next_key();
        rows.set(rows_from(chosen_pack.get_untracked().rules(locale), first));
        undo.set(Some(previous));
        announcement.set(t.rules_replaced.to_owned());
        on_change.run(());
    };
    let add = move |_: leptos::ev::MouseEvent| {
        if count() >= RULES_MAX {
            return;
        }
        let key = next_key();
        rows.update(|v| v.push(RuleRow { key, rule: Rule::default() }));
        announcement.set(t.rule_added.to_owned());
        focus_later(format!("moderation-rules-{}-text", count().saturating_sub(1)));
    };

    view! {
        <section class="rules" aria-labelledby="rules-heading">
            <h2 id="rules-heading" class="section-heading">{t.rules_heading}</h2>
            <p class="hint">{t.rules_intro}</p>
            <div class="pack-row">
                <label for="rules-pack">{t.pack_label}</label>
                <select
                    id="rules-pack"
                    on:change=move |ev| {
                        if let Some(p) = Pack::parse(&event_target_value(&ev)) {
                            chosen_pack.set(p);
                        }
                    }
                >
                    {Pack::ALL
                        .into_iter()
                        .map(|p| {
                            let label = match p {
                                Pack::PublicBody => t.pack_public,
                                Pack::Community => t.pack_community,
                                Pack::Company => t.pack_company,
                            };
                            view! { <option value=p.as_str() selected=p == pack>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="button" class="button button-secondary" on:click=replace>{t.replace_with_pack}</button>
            </div>
            {move || undo.get().map(|previous| view! {
                <p class="notice" role="status">
                    {t.rules_replaced} " "
                    <button
                        type="button"
                        class="button-link"
                        on:click=move |_| {
                            rows.set(previous.clone());
                            undo.set(None);
                            announcement.set(t.rules_restored.to_owned());
                            on_change.run(());
                        }
                    >
                        {t.undo}
                    </button>
                </p>
            })}
            <div class="field" class:field-invalid=move || list_error.get().is_some()>
                {move || list_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                <p id="moderation-rules" tabindex="-1" class="hint">{move || (t.rules_count)(&crate::format::count(count(), locale), RULES_MAX)}</p>
            </div>
            {move || (count() == 0).then(|| view! { <p>{t.no_rules}</p> })}
            <ol class="rules-list">
                <For
                    each=move || rows.get()
                    key=|row| row.key
                    children=move |row| {
                        let key = row.key;
                        let n = move || index_of(key) + 1;
                        let text_id = move || format!("moderation-rules-{}-text", index_of(key));
                        let hint_id = move || format!("moderation-rules-{}-hint", index_of(key));
                        let text_error = Signal::derive(move || {
                            error_at(&errors.get(), &format!("/moderation/rules/{}/text", index_of(key)), t)
                        });
                        let hint_error = Signal::derive(move || {
                            error_at(&errors.get(), &format!("/moderation/rules/{}/hint", index_of(key)), t)
                        });
                        let (up_id, down_id, remove_id) =
                            (format!("rule-{key}-up"), format!("rule-{key}-down"), format!("rule-{key}-remove"));
                        let shift = move |up: bool| {
                            let from = index_of(key);
                            let mut moved = false;
                            rows.update(|v| moved = move_row(v, from, up));
                            if moved {
                                let at = index_of(key);
                                announcement.set((t.rule_moved)(at + 1));
                                let last = count().saturating_sub(1);
                                // Keep focus on the button used, or its twin when it is now disabled.
                                let id = match (up, at) {
                                    (true, 0) => format!("rule-{key}-down"),
                                    (false, a) if a == last => format!("rule-{key}-up"),
                                    (true, _) => format!("rule-{key}-up"),
                                    (false, _) => format!("rule-{key}-down"),
                                };
                                focus_later(id);
                                on_change.run(());
                            }
                        };
                        let remove = move |_| {
                            let at = index_of(key);
                            rows.update(|v| v.retain(|r| r.key != key));
                            announcement.set(t.rule_removed.to_owned());
                            let next = rows.with_untracked(|v| v.get(at).or_else(|| v.last()).map(|r| r.key));
                            focus_later(match next {
                                Some(k) => format!("rule-{k}-remove"),
                                None => "rules-add".to_owned(),
                            });
                            on_change.run(());
                        };
                        view! {
                            <li class="rule-row">
                                <div class="field" class:field-invalid=move || text_error.get().is_some()>
                                    <label for=text_id>{move || (t.rule_label)(n())}</label>
                                    {move || text_error.get().map(|e| view! {
                                        <p class="field-error" id=move || format!("{}-error", text_id())>{e}</p>
                                    })}
                                    <input
                                        type="text"
                                        id=text_id
                                        aria-invalid=move || text_error.get().is_some().then_some("true")
                                        aria-describedby=move || text_error.get().map(|_| format!("{}-error", text_id()))
                                        prop:value=move || rule_of(key).text
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(key, &|r| r.text = v.clone());
                                            if text_error.get_untracked().is_some() {
                                                on_change.run(());
                                            }
                                        }
                                        on:blur=move |_| on_change.run(())
                                    />
                                </div>
                                <div class="field" class:field-invalid=move || hint_error.get().is_some()>
                                    <label for=hint_id>{move || (t.rule_hint_label)(n())}</label>
                                    {move || hint_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                                    <input
                                        type="text"
                                        id=hint_id
                                        prop:value=move || rule_of(key).hint
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(key, &|r| r.hint = v.clone());
                                        }
                                        on:blur=move |_| on_change.run(())
                                    />
                                </div>
                                <div class="rule-actions">
                                    <button
                                        type="button"
                                        class="button-link"
                                        id=up_id
                                        disabled=move || index_of(key) == 0
                                        on:click=move |_| shift(true)
                                    >
                                        <span aria-hidden="true">"↑ "</span>
                                        {move || (t.move_up)(n())}
                                    </button>
                                    <button
                                        type="button"
                                        class="button-link"
                                        id=down_id
                                        disabled=move || { index_of(key) + 1 >= count() }
                                        on:click=move |_| shift(false)
                                    >
                                        <span aria-hidden="true">"↓ "</span>
                                        {move || (t.move_down)(n())}
                                    </button>
                                    <button type="button" class="button-link" id=remove_id on:click=remove>
                                        {move || (t.remove_rule)(n())}
                                    </button>
                                </div>
                            </li>
                        }
                    }
                />
            </ol>
            <button
                type="button"
                class="button button-secondary"
                id="rules-add"
                disabled=move || { count() >= RULES_MAX }
                on:click=add
            >
                {t.add_rule}
            </button>
            <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_move_within_bounds() {
        let mut rows = rows_from(
            ["a", "b", "c"].iter().map(|t| Rule { text: (*t).into(), hint: String::new() }).collect(),
            7,
        );
        assert_eq!(rows.iter().map(|r| r.key).collect::<Vec<_>>(), [7, 8, 9]);
        assert!(!move_row(&mut rows, 0, true));
        assert!(!move_row(&mut rows, 2, false));
        assert!(!move_row(&mut rows, 5, true));
        assert!(move_row(&mut rows, 2, true));
        assert_eq!(rows.iter().map(|r| r.rule.text.as_str()).collect::<Vec<_>>(), ["a", "c", "b"]);
        assert!(move_row(&mut rows, 0, false));
        assert_eq!(rows.iter().map(|r| r.key).collect::<Vec<_>>(), [9, 7, 8]);
    }
}
