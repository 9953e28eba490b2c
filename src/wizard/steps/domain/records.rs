//! Part of the domain step: the DNS records an own domain needs, each with a copy button and
//! its status from a real lookup by the backend, checked again on request.

use leptos::prelude::*;
use onramp_api::dns::{CheckedRecord, RecordKind, RecordPurpose, RecordStatus, Verification};
use onramp_api::{DomainSection, DraftSections};

use crate::api::{ApiClient, AppError};
use super::DomainStrings;
use super::strings::use_strings;
use crate::wizard::{use_draft, SaveStatus};

fn purpose(p: RecordPurpose, t: &DomainStrings) -> &'static str {
    match p {
        RecordPurpose::WebDomain => t.purpose_web,
        RecordPurpose::Ownership => t.purpose_ownership,
        RecordPurpose::Webfinger => t.purpose_webfinger,
        RecordPurpose::HostMeta => t.purpose_host_meta,
    }
}

/// The status of a record in words.
pub fn status_text(r: &CheckedRecord, t: &DomainStrings) -> String {
    match r.status {
        RecordStatus::Ok => t.status_ok.to_owned(),
        RecordStatus::Missing => t.status_missing.to_owned(),
        RecordStatus::Wrong => (t.status_wrong)(&r.found.join(", ")),
        RecordStatus::Unchecked if r.record.kind == RecordKind::Redirect => t.status_redirect.to_owned(),
        RecordStatus::Unchecked => t.status_unchecked.to_owned(),
    }
}

/// The sentence announced after a check.
pub fn summary_text(v: &Verification, t: &DomainStrings, locale: crate::i18n::Locale) -> String {
    if v.lookup_error.is_some() {
        return t.dns_lookup_failed.to_owned();
    }
    if v.verified {
        return t.dns_verified.to_owned();
    }
    let dns: Vec<_> = v.records.iter().filter(|r| r.record.kind != RecordKind::Redirect).collect();
    let ok = dns.iter().filter(|r| r.status == RecordStatus::Ok).count();
    (t.dns_summary)(&crate::format::count(ok, locale), &crate::format::count(dns.len(), locale))
}

/// The records of the own domain in `section`, shown on request (the section is saved first).
#[component]
pub fn DomainRecords(
    /// The domain section as the form has it now (`None` while incomplete).
    #[prop(into)]
    section: Signal<Option<DomainSection>>,
) -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let client = StoredValue::new(use_context::<ApiClient>());
    let result = RwSignal::new(None::<Verification>);
    let failure = RwSignal::new(None::<AppError>);
    let announcement = RwSignal::new(String::new());

    // Saving the domain (when it changed) and asking the backend to look at its DNS records: an
    // action, whose `pending()` is the button's busy state.
    let verify = Action::new_local(move |s: &DomainSection| {
        let s = s.clone();
        async move {
            let (Some(d), Some(client)) = (draft, client.get_value()) else { return };
            let saved_same = d.sections.get_untracked().domain.as_ref() == Some(&s);
            if !saved_same {
                d.set_sections(DraftSections { domain: Some(s), ..Default::default() });
            }
            let outcome = match d.settle().await {
                SaveStatus::Failed(e) => Err(e),
                _ => match d.key() {
                    Some(key) => client.verify_domain(&key).await,
                    None => Err(AppError::NotFound),
                },
            };
            match outcome {
                Ok(v) => {
                    announcement.set(summary_text(&v, t, crate::i18n::current_locale()));
                    result.set(Some(v));
                }
                Err(e) => {
                    announcement.set(e.message(t).to_owned());
                    failure.set(Some(e));
                }
            }
        }
    });
    let busy = verify.pending();
    let check = move || {
        let (Some(_), Some(s), Some(_)) = (draft, section.get_untracked(), client.get_value()) else { return };
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        announcement.set(t.dns_checking.to_owned());
        verify.dispatch_local(s);
    };

    let rows = move || {
        result.get().map(|v| {
            v.records
                .into_iter()
                .map(|r| {
                    let value = r.record.value.clone();
                    let name = r.record.name.clone();
                    let status = status_text(&r, t);
                    let class = format!("record-status status-{}", match r.status {
                        RecordStatus::Ok => "ok",
                        RecordStatus::Missing => "missing",
                        RecordStatus::Wrong => "wrong",
                        RecordStatus::Unchecked => "unchecked",
                    });
                    let copy_label = (t.copy_value)(&value);
                    view! {
                        <tr role="row">
                            <td role="cell" data-label=t.col_type>{r.record.kind.as_str()}</td>
                            <td role="cell" data-label=t.col_name class="mono">{name}<span class="hint">{purpose(r.record.purpose, t)}</span></td>
                            <td role="cell" data-label=t.col_value class="mono">
                                {value.clone()}
                                <button
                                    type="button"
                                    class="button button-link"
                                    aria-label=copy_label
                                    on:click=move |_| {
                                        if crate::browser::copy_to_clipboard(&value) {
                                            announcement.set(t.copied.to_owned());
                                        }
                                    }
                                >
                                    {t.copy}
                                </button>
                            </td>
                            <td role="cell" data-label=t.col_status class=class>{status}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="dns-records" aria-labelledby="dns-heading">
            <h2 id="dns-heading">{t.dns_heading}</h2>
            <p class="hint">{t.dns_intro}</p>
            {move || result.get().is_some().then(|| view! {
                <div class="table-scroll">
                    <table class="stack-table" role="table">
                        <thead role="rowgroup">
                            <tr role="row">
                                <th role="columnheader" scope="col">{t.col_type}</th>
                                <th role="columnheader" scope="col">{t.col_name}</th>
                                <th role="columnheader" scope="col">{t.col_value}</th>
                                <th role="columnheader" scope="col">{t.col_status}</th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">{rows}</tbody>
                    </table>
                </div>
            })}
            {move || failure.get().map(|e| view! { <p class="field-error">{e.message(t)}</p> })}
            <button
                type="button"
                class="button button-secondary"
                aria-disabled=move || busy.get().then_some("true")
                on:click=move |_| check()
            >
                {move || if result.get().is_some() { t.dns_recheck } else { t.dns_show }}
            </button>
            <p class="dns-announcement" role="status">{move || announcement.get()}</p>
        </section>
    }
}
