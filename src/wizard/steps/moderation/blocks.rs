//! The moderation step's federation blocks: add one by hand, or import Mastodon's CSV export
//! after a preview of what it would add; the list is paged and searchable so ten thousand
//! blocks stay light, and every row can be changed or removed.

use leptos::prelude::*;
use reactive_stores::Field;
use leptos::task::spawn_local;
use onramp_api::blocklist::{preview, FileProblem, ImportPreview, RowIssue, RowProblem};
use onramp_api::domain::normalize;
use onramp_api::validate::{check_block_domain, parent_block, stricter_than, DOMAIN_BLOCKS_MAX};
use onramp_api::{DomainBlock, FieldError, Severity};
use wasm_bindgen_futures::JsFuture;

use crate::browser::to_ascii_host;
use crate::format;
use crate::i18n::{current_locale, Locale};
use super::ModerationStrings;
use super::strings::use_strings;
use crate::components::severity_label;
use crate::wizard::messages::error_at;

/// Blocks shown per page.
pub const PAGE: usize = 25;
/// Problem rows listed in an import preview (the rest are counted).
pub const PREVIEW_ROWS: usize = 50;

/// Why an import file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportFailure {
    /// Read, but not a block list.
    File(FileProblem),
    /// Could not be read as text.
    Unreadable,
}

/// The sentence for a row that is not imported.
pub fn row_problem(p: &RowProblem, t: &ModerationStrings) -> String {
    match p {
        RowProblem::MissingDomain => t.row_missing_domain.to_owned(),
        RowProblem::Obfuscated => t.row_obfuscated.to_owned(),
        RowProblem::InvalidDomain => t.row_invalid_domain.to_owned(),
        RowProblem::UnknownSeverity(v) => (t.row_unknown_severity)(v),
        RowProblem::MissingSeverity => t.row_missing_severity.to_owned(),
        RowProblem::NotABoolean(v) => (t.row_not_boolean)(v),
        RowProblem::CommentTooLong => t.row_comment_long.to_owned(),
        RowProblem::Duplicate => t.row_duplicate.to_owned(),
        RowProblem::Covered(parent) => (t.row_covered)(parent),
    }
}

/// The sentence for a file that is not imported.
pub fn failure_message(f: &ImportFailure, t: &ModerationStrings, locale: Locale) -> String {
    match f {
        ImportFailure::Unreadable => t.file_unreadable.to_owned(),
        ImportFailure::File(FileProblem::Empty) => t.file_empty.to_owned(),
        ImportFailure::File(FileProblem::NoDomainColumn) => t.file_no_domain.to_owned(),
        ImportFailure::File(FileProblem::UnclosedQuote { line }) => (t.file_unclosed)(*line),
        ImportFailure::File(FileProblem::TooMany { total }) => {
            (t.file_too_many)(&count(*total, locale), &count(DOMAIN_BLOCKS_MAX, locale))
        }
    }
}

fn count(n: usize, locale: Locale) -> String {
    format::integer(u32::try_from(n).unwrap_or(u32::MAX), locale)
}

/// The indexes (into the whole list) of the blocks matching `filter`, and the page of them.
pub fn page_of(blocks: &[DomainBlock], filter: &str, page: usize) -> (Vec<usize>, usize) {
    let needle = filter.trim().to_lowercase();
    let matching: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| needle.is_empty() || b.domain.contains(&needle))
        .map(|(i, _)| i)
        .collect();
    let total = matching.len();
    let shown = matching.into_iter().skip(page * PAGE).take(PAGE).collect();
    (shown, total)
}

fn severity_value(s: Severity) -> &'static str {
    match s {
        Severity::Silence => "silence",
        Severity::Suspend => "suspend",
        Severity::Noop => "noop",
    }
}

fn parse_severity(v: &str) -> Severity {
    match v {
        "suspend" => Severity::Suspend,
        "noop" => Severity::Noop,
        _ => Severity::Silence,
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Silence, Severity::Suspend, Severity::Noop];

async fn file_text(file: web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string())
}

async fn starter_text() -> Option<String> {
    let response = gloo_net::http::Request::get("/blocklists/starter.csv").send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// The table of rows an import leaves out.
fn issue_table(caption: &'static str, rows: Vec<RowIssue>, t: &'static ModerationStrings, locale: Locale) -> impl IntoView {
    let more = rows.len().saturating_sub(PREVIEW_ROWS);
    view! {
        <div class="table-scroll">
            <table class="import-table stack-table" role="table">
                <caption>{caption}</caption>
                <thead role="rowgroup"><tr role="row">
                    <th role="columnheader" scope="col">{t.col_line}</th>
                    <th role="columnheader" scope="col">{t.col_domain}</th>
                    <th role="columnheader" scope="col">{t.col_problem}</th>
                </tr></thead>
                <tbody role="rowgroup">
                    {rows.into_iter().take(PREVIEW_ROWS).map(|r| view! {
                        <tr role="row">
                            <td role="cell" data-label=t.col_line>{r.line}</td>
                            <td role="cell" data-label=t.col_domain class="mono">{r.domain.clone()}</td>
                            <td role="cell" data-label=t.col_problem>{row_problem(&r.problem, t)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p class="hint">{(t.more_rows)(&count(more, locale))}</p> })}
    }
}

/// The blocks editor.
#[component]
pub fn BlocksEditor(
    /// The blocks.
    #[prop(into)]
    blocks: Field<Vec<DomainBlock>>,
    /// The form's field errors.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// Called after a change.
    on_change: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    // The page, the filter and an open import stay when the language changes.
    let page = crate::i18n_keep::kept("blocks.page", 0usize);
    let filter = crate::i18n_keep::kept("blocks.filter", String::new());
    let announcement = RwSignal::new(String::new());
    // The form that adds one block.
    let new_domain = RwSignal::new(String::new());
    let new_severity = RwSignal::new(Severity::Silence);
    let new_media = RwSignal::new(false);
    let new_reports = RwSignal::new(false);
    let new_comment = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    // The import under review.
    let reading = RwSignal::new(false);
    let pending = crate::i18n_keep::kept("blocks.import", None::<Result<ImportPreview, ImportFailure>>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let preview_ref = NodeRef::<leptos::html::H3>::new();

    // A server error on a block that is not on the page brings its page into view.
    Effect::new(move || {
        let first = errors.with(|e| {
            e.iter().find_map(|e| {
                let rest = e.pointer.strip_prefix("/moderation/domain_blocks/")?;
                rest.split('/').next()?.parse::<usize>().ok()
            })
        });
        if let Some(i) = first {
            filter.set(String::new());
            page.set(i / PAGE);
        }
    });

    let add = move |_| {
        let typed = new_domain.get_untracked();
        let ascii = to_ascii_host(&typed).map(|d| normalize(&d));
        let checked = match &ascii {
            Some(d) => check_block_domain(d).map(|()| d.clone()).map_err(|_| t.err_block_domain),
            None => Err(t.err_block_domain),
        };
        let block = |domain| DomainBlock {
            domain,
            severity: new_severity.get_untracked(),
            reject_media: new_media.get_untracked(),
            reject_reports: new_reports.get_untracked(),
            public_comment: new_comment.get_untracked().trim().to_owned(),
            obfuscate: false,
        };
        // A block under a blocked domain stands when it is stricter, as Mastodon's admin decides.
        let refusal = |b: &DomainBlock| {
            blocks.with_untracked(|list| {
                if list.iter().any(|x| x.domain == b.domain) {
                    return Some(t.err_block_duplicate.to_owned());
                }
                let parent = parent_block(&b.domain, |d| list.iter().find(|x| x.domain == d))?;
                (!stricter_than(b, parent)).then(|| (t.add_not_stricter)(&parent.domain))
            })
        };
        match checked.map_err(str::to_owned).map(block).and_then(|b| refusal(&b).map_or(Ok(b), Err)) {
            Err(e) => add_error.set(Some(e)),
            Ok(added) => {
                add_error.set(None);
                announcement.set((t.block_added)(&added.domain));
                blocks.update(|b| b.push(added));
                new_domain.set(String::new());
                new_comment.set(String::new());
                let last_page = blocks.with_untracked(|b| b.len().saturating_sub(1) / PAGE);
                filter.set(String::new());
                page.set(last_page);
                on_change.run(());
            }
        }
    };

    let show_preview = move |text: Option<String>| {
        let result = match text {
            None => Err(ImportFailure::Unreadable),
            Some(text) => blocks.with_untracked(|existing| preview(&text, existing, to_ascii_host)).map_err(ImportFailure::File),
        };
        reading.set(false);
        pending.set(Some(result));
        request_animation_frame(move || {
            if let Some(h) = preview_ref.get_untracked() {
                let _ = h.focus();
            }
        });
    };
    let on_file = move |_| {
        let Some(input) = input_ref.get_untracked() else { return };
        let file = input.files().and_then(|f| f.get(0));
        input.set_value("");
        let Some(file) = file else { return };
        reading.set(true);
        spawn_local(async move { show_preview(file_text(file).await) });
    };
    let starter = move |_| {
        reading.set(true);
        spawn_local(async move { show_preview(starter_text().await) });
    };
    let accept = move |_| {
        let Some(Ok(p)) = pending.get_untracked() else { return };
        let n = p.new.len();
        blocks.update(|b| b.extend(p.new));
        pending.set(None);
        announcement.set((t.import_added)(&format::count(n, locale)));
        on_change.run(());
    };

    let view_page = Memo::new(move |_| blocks.with(|b| page_of(b, &filter.get(), page.get())));
    let update_block = move |i: usize, f: &dyn Fn(&mut DomainBlock)| {
        blocks.update(|b| {
            if let Some(block) = b.get_mut(i) {
                f(block);
            }
        });
    };
    let list_error = Signal::derive(move || error_at(&errors.get(), "/moderation/domain_blocks", t));
    let row = move |i: usize| {
        let Some(b) = blocks.with_untracked(|v| v.get(i).cloned()) else { return ().into_any() };
        let domain = b.domain.clone();
        // The block above this one in the list, when there is one (this one is then stricter,
        // or its row shows why not).
        let under = blocks.with_untracked(|v| parent_block(&b.domain, |d| v.iter().find(|x| x.domain == d)).map(|p| p.domain.clone()));
        let row_error = Signal::derive(move || {
            let e = errors.get();
            error_at(&e, &format!("/moderation/domain_blocks/{i}/domain"), t)
                .or_else(|| error_at(&e, &format!("/moderation/domain_blocks/{i}/public_comment"), t))
        });
        let remove = {
            let domain = domain.clone();
            move |_| {
                blocks.update(|v| {
                    if i < v.len() {
                        v.remove(i);
                    }
                });
                announcement.set((t.block_removed)(&domain));
                on_change.run(());
            }
        };
        let sev_id = format!("block-{i}-severity");
        let media_id = format!("block-{i}-reject_media");
        let reports_id = format!("block-{i}-reject_reports");
        view! {
            <tr role="row" class:row-invalid=move || row_error.get().is_some()>
                <th role="rowheader" scope="row" class="mono" id=format!("moderation-domain_blocks-{i}-domain") tabindex="-1">
                    {domain.clone()}
                    {move || row_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                    {(!b.public_comment.is_empty()).then(|| view! { <span class="hint">{b.public_comment.clone()}</span> })}
                    {move || under.clone().filter(|_| row_error.get().is_none()).map(|parent| view! { <span class="hint">{(t.block_under)(&parent)}</span> })}
                </th>
                <td role="cell" data-label=t.col_severity>
                    <label for=sev_id.clone() class="visually-hidden">{format!("{}: {}", t.block_severity_label, domain)}</label>
                    <select id=sev_id on:change=move |ev| {
                        let s = parse_severity(&event_target_value(&ev));
                        update_block(i, &|b| b.severity = s);
                        on_change.run(());
                    }>
                        {SEVERITIES.into_iter().map(|s| view! {
                            <option value=severity_value(s) selected=b.severity == s>{severity_label(s, t)}</option>
                        }).collect_view()}
                    </select>
                </td>
                <td role="cell" data-label=t.col_options>
                    <div class="choice">
                        <input type="checkbox" id=media_id.clone() prop:checked=b.reject_media on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update_block(i, &|b| b.reject_media = on);
                        }/>
                        <label for=media_id>{t.reject_media_label}</label>
                    </div>
                    <div class="choice">
                        <input type="checkbox" id=reports_id.clone() prop:checked=b.reject_reports on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update_block(i, &|b| b.reject_reports = on);
                        }/>
                        <label for=reports_id>{t.reject_reports_label}</label>
                    </div>
                </td>
                <td role="cell">
                    <button type="button" class="button-link" on:click=remove>{(t.remove_block)(&domain)}</button>
                </td>
            </tr>
        }.into_any()
    };


    view! {
        <section class="blocks" aria-labelledby="blocks-heading">
            <h2 id="blocks-heading" class="section-heading">{t.blocks_heading}</h2>
            <p class="hint">{t.blocks_intro}</p>
            {move || list_error.get().map(|e| view! { <p class="field-error" id="moderation-domain_blocks" tabindex="-1">{e}</p> })}

            <fieldset class="block-add">
                <legend>{t.add_block}</legend>
                <div class="field" class:field-invalid=move || add_error.get().is_some()>
                    <label for="block-domain">{t.block_domain_label}</label>
                    {move || add_error.get().map(|e| view! { <p class="field-error" id="block-domain-error">{e}</p> })}
                    <input
                        type="text"
                        id="block-domain"
                        autocomplete="off"
                        spellcheck="false"
                        aria-invalid=move || add_error.get().is_some().then_some("true")
                        aria-describedby=move || add_error.get().map(|_| "block-domain-error")
                        prop:value=move || new_domain.get()
                        on:input=move |ev| new_domain.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            // Enter adds the block instead of submitting the whole step.
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add(());
                            }
                        }
                    />
                </div>
                <div class="field">
                    <label for="block-severity">{t.block_severity_label}</label>
                    <select id="block-severity" on:change=move |ev| new_severity.set(parse_severity(&event_target_value(&ev)))>
                        {SEVERITIES.into_iter().map(|s| view! {
                            <option value=severity_value(s) selected=move || new_severity.get() == s>{severity_label(s, t)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="choice">
                    <input type="checkbox" id="block-reject_media" prop:checked=move || new_media.get() on:change=move |ev| new_media.set(event_target_checked(&ev))/>
                    <label for="block-reject_media">{t.reject_media_label}</label>
                </div>
                <div class="choice">
                    <input type="checkbox" id="block-reject_reports" prop:checked=move || new_reports.get() on:change=move |ev| new_reports.set(event_target_checked(&ev))/>
                    <label for="block-reject_reports">{t.reject_reports_label}</label>
                </div>
                <div class="field">
                    <label for="block-comment">{t.public_comment_label}</label>
                    <input type="text" id="block-comment" prop:value=move || new_comment.get() on:input=move |ev| new_comment.set(event_target_value(&ev))/>
                </div>
                <button type="button" class="button button-secondary" id="block-add" on:click=move |_| add(())>{t.add_block}</button>
            </fieldset>

            <div class="block-import">
                <h3>{t.import_heading}</h3>
                <p class="hint" id="import-hint">{t.import_hint}</p>
                <div class="dropzone-actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        id="import-choose"
                        aria-describedby="import-hint"
                        disabled=move || reading.get()
                        on:click=move |_| {
                            if let Some(input) = input_ref.get_untracked() {
                                input.click();
                            }
                        }
                    >
                        {t.import_choose}
                    </button>
                    <button type="button" class="button-link" disabled=move || reading.get() on:click=starter>{t.use_starter}</button>
                </div>
                <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true" accept=".csv,text/csv,text/plain" node_ref=input_ref on:change=on_file/>
                {move || reading.get().then(|| view! { <p role="status">{t.import_reading}</p> })}
                {move || pending.get().map(|result| { let failed = result.is_err(); view! {
                    <div class="notice import-preview" class:notice-error=failed id="import-preview">
                        <h3 tabindex="-1" node_ref=preview_ref>{t.import_preview_heading}</h3>
                        {match result {
                            Err(f) => view! {
                                <p class="field-error">{failure_message(&f, t, locale)}</p>
                                <button type="button" class="button button-secondary" on:click=move |_| pending.set(None)>{t.import_discard}</button>
                            }.into_any(),
                            Ok(p) => {
                                let n = p.new.len();
                                let summary = (t.import_summary)(
                                    &format::count(p.rows, locale), &count(n, locale),
                                    &count(p.duplicates.len(), locale), &count(p.invalid.len(), locale),
                                );
                                view! {
                                    <p class="import-summary">{summary}</p>
                                    {(!p.invalid.is_empty()).then(|| issue_table(t.import_problems_heading, p.invalid.clone(), t, locale))}
                                    {(!p.duplicates.is_empty()).then(|| issue_table(t.import_duplicates_heading, p.duplicates.clone(), t, locale))}
                                    <div class="actions">
                                        {if n > 0 {
                                            view! { <button type="button" class="button button-primary" on:click=accept>{(t.import_add)(&format::count(n, locale))}</button> }.into_any()
                                        } else {
                                            view! { <p>{t.import_nothing_new}</p> }.into_any()
                                        }}
                                        <button
                                            type="button"
                                            class="button button-secondary"
                                            on:click=move |_| {
                                                pending.set(None);
                                                announcement.set(t.import_discarded.to_owned());
                                            }
                                        >
                                            {t.import_discard}
                                        </button>
                                    </div>
                                }.into_any()
                            }
                        }}
                    </div>
                }})}
            </div>

            <div class="block-list">
                <div class="field">
                    <label for="block-filter">{t.filter_label}</label>
                    <input
                        type="search"
                        id="block-filter"
                        prop:value=move || filter.get()
                        on:input=move |ev| {
                            filter.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </div>
                {move || {
                    if blocks.with(Vec::is_empty) {
                        Some(view! { <p>{t.blocks_empty}</p> })
                    } else if view_page.get().1 == 0 {
                        Some(view! { <p>{t.filter_none}</p> })
                    } else {
                        None
                    }
                }}
                <div hidden=move || view_page.get().1 == 0>
                    <p class="hint" id="blocks-status">
                        {move || {
                            let (shown, total) = view_page.get();
                            let first = page.get() * PAGE;
                            (t.blocks_showing)(&count(first + 1, locale), &count(first + shown.len(), locale), &count(total, locale))
                        }}
                    </p>
                    <div class="table-scroll">
                        <table class="blocks-table stack-table" role="table" aria-describedby="blocks-status">
                            <caption class="visually-hidden">{t.blocks_heading}</caption>
                            <thead role="rowgroup"><tr role="row">
                                <th role="columnheader" scope="col">{t.col_domain}</th>
                                <th role="columnheader" scope="col">{t.col_severity}</th>
                                <th role="columnheader" scope="col">{t.col_options}</th>
                                <th role="columnheader" scope="col">{t.col_actions}</th>
                            </tr></thead>
                            <tbody role="rowgroup">
                                // Keyed by place and domain: a change inside a row keeps the row (and focus).
                                <For
                                    each=move || view_page.get().0
                                    key=move |i: &usize| (*i, blocks.with_untracked(|v| v.get(*i).map(|b| b.domain.clone())))
                                    children=row
                                />
                            </tbody>
                        </table>
                    </div>
                    <div class="pager" hidden=move || { view_page.get().1 <= PAGE }>
                        <button type="button" class="button button-secondary" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{t.prev_page}</button>
                        <button type="button" class="button button-secondary" disabled=move || { (page.get() + 1) * PAGE >= view_page.get().1 } on:click=move |_| page.update(|p| *p += 1)>{t.next_page}</button>
                    </div>
                </div>
            </div>
            <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_filters() {
        let blocks: Vec<DomainBlock> =
            (0..60).map(|i| DomainBlock { domain: format!("h{i}.example"), ..Default::default() }).collect();
        let (shown, total) = page_of(&blocks, "", 2);
        assert_eq!((shown, total), ((50..60).collect::<Vec<_>>(), 60));
        let (shown, total) = page_of(&blocks, " H5", 0);
        assert_eq!(total, 11, "h5 and h50..h59");
        assert_eq!(shown.first(), Some(&5));
        assert_eq!(page_of(&blocks, "none", 0), (vec![], 0));
    }

    #[test]
    fn every_import_failure_has_words() {
        let t = super::super::strings::of(Locale::De);
        for f in [ImportFailure::Unreadable, ImportFailure::File(FileProblem::Empty),
                  ImportFailure::File(FileProblem::NoDomainColumn), ImportFailure::File(FileProblem::UnclosedQuote { line: 3 }),
                  ImportFailure::File(FileProblem::TooMany { total: 20_001 })] {
            assert!(failure_message(&f, t, Locale::De).contains("unverändert"), "{f:?}");
        }
        assert_eq!(row_problem(&RowProblem::UnknownSeverity("ban".into()), super::super::strings::of(Locale::En)),
                   "Unknown severity “ban” (use silence, suspend or noop)");
    }
}
