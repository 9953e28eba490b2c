//! `/domain`: a subdomain on one of the provider's domains or the organization's own domain,
//! checked as the user types (locally at once, for availability after a pause), and where
//! handles end. Stored in ASCII, shown in Unicode.

use leptos::prelude::*;
use leptos::task::spawn_local;
use onramp_api::domain::{check_ascii_domain, check_subdomain_label, validate_domain, Availability, DomainStatus};
use onramp_api::validate::{validate_across, Check};
use onramp_api::{DomainMode, DomainSection, DraftSections, ErrorCode, FieldError};

use crate::api::{ApiClient, Canceller};
use crate::browser::{sleep, to_ascii_host};
use crate::components::{ErrorSummary};
use crate::wizard::{FormActions, StepHeading};
use super::DomainStrings;
use super::strings::use_strings;
use crate::wizard::messages::{error_at, message, summary};
use super::form::{DomainFields, DomainFieldsStoreFields};
use super::parts::{HandleChoice, ModeChoice, Suggestions};
use super::DomainRecords;
use reactive_stores::{Patch, Store};
use crate::wizard::{use_catalog, use_draft, Step, StepForm};

/// Pause after the last keystroke before availability is asked.
const DEBOUNCE_MS: i32 = 300;

/// Where the availability check of the current input stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckState {
    /// Nothing to check (empty, or refused locally).
    Idle,
    /// Asked, no answer yet.
    Checking,
    /// The backend's answer.
    Done(Availability),
    /// The backend could not be asked.
    Failed,
}

/// The ASCII web domain for the input: `label.base` for a subdomain, the host for an own domain.
pub fn web_domain(mode: DomainMode, label: &str, base: &str, custom: &str) -> Option<String> {
    match mode {
        DomainMode::Subdomain => {
            let label = label.trim();
            if label.is_empty() {
                return None;
            }
            to_ascii_host(&format!("{label}.{base}"))
        }
        DomainMode::Custom => to_ascii_host(custom),
    }
}

/// The local check of the input, as the user types; `None` while the field is empty.
pub fn local_check(mode: DomainMode, label: &str, base: &str, custom: &str) -> Option<Check> {
    let typed = match mode {
        DomainMode::Subdomain => label,
        DomainMode::Custom => custom,
    };
    if typed.trim().is_empty() {
        return None;
    }
    let invalid = || Err(onramp_api::validate::Issue::new(ErrorCode::Invalid, "not a domain"));
    let Some(ascii) = web_domain(mode, label, base, custom) else { return Some(invalid()) };
    Some(match mode {
        DomainMode::Subdomain => match ascii.strip_suffix(&format!(".{base}")) {
            Some(l) => check_subdomain_label(l),
            None => invalid(),
        },
        DomainMode::Custom => check_ascii_domain(&ascii),
    })
}

/// The last labels of `unicode` that stand for the ASCII suffix `ascii_suffix` (IDNA maps label
/// by label), so a registrable domain can be shown in Unicode too.
pub fn unicode_suffix(unicode: &str, ascii_suffix: &str) -> String {
    let n = ascii_suffix.split('.').count();
    let labels: Vec<&str> = unicode.split('.').collect();
    if labels.len() < n {
        return ascii_suffix.to_owned();
    }
    labels.get(labels.len() - n..).map(|l| l.join(".")).unwrap_or_else(|| ascii_suffix.to_owned())
}

fn status_line(a: &Availability, t: &DomainStrings) -> String {
    let name = if a.unicode.is_empty() { a.ascii.as_str() } else { a.unicode.as_str() };
    match a.status {
        DomainStatus::Available => (t.status_available)(name),
        DomainStatus::Taken => (t.status_taken)(name),
        DomainStatus::Reserved => (t.status_reserved)(name),
        DomainStatus::NotAllowed => (t.status_not_allowed)(name),
        DomainStatus::Invalid => t.err_domain_invalid.to_owned(),
        DomainStatus::Ambiguous => t.err_domain_ambiguous.to_owned(),
    }
}

/// The domain step.
#[component]
pub fn DomainStep() -> impl IntoView {
    let t = use_strings();
    let draft = use_draft();
    let catalog = use_catalog();
    let client = StoredValue::new(use_context::<ApiClient>());

    let cat = move || catalog.and_then(|c| c.get()).and_then(Result::ok);
    let shared = move || cat().map(|c| c.shared_domains).unwrap_or_default();
    let plan = move || {
        let id = draft.and_then(|d| d.sections.get().plan).map(|p| p.plan_id)?;
        cat().and_then(|c| c.plan(&id).cloned())
    };
    let custom_allowed = move || plan().is_some_and(|p| p.limits.custom_domain);

    // What is typed on this step: one store, filled once by a patch.
    let typed = Store::new(DomainFields::default());
    let (mode, label, base, custom, handle_parent) =
        (typed.mode(), typed.label(), typed.base(), typed.custom(), typed.handle_parent());
    let check = RwSignal::new(CheckState::Idle);
    let form = StepForm::new(Step::Domain, None);
    let StepForm { errors, shown, .. } = form;
    let generation = StoredValue::new(0u32);
    let canceller = StoredValue::new_local(Canceller::default());

    // Ask for availability after a pause; an older answer never replaces a newer one, and a
    // superseded request is aborted.
    let request_check = move || {
        let this = generation.get_value().wrapping_add(1);
        generation.set_value(this);
        let (m, l, b, c) = (mode.get_untracked(), label.get_untracked(), base.get_untracked(), custom.get_untracked());
        if !matches!(local_check(m, &l, &b, &c), Some(Ok(()))) {
            canceller.with_value(Canceller::cancel);
            check.set(CheckState::Idle);
            return;
        }
        let Some(client) = client.get_value() else { return };
        spawn_local(async move {
            sleep(DEBOUNCE_MS).await;
            if generation.get_value() != this {
                return;
            }
            canceller.with_value(Canceller::cancel);
            check.set(CheckState::Checking);
            let cancel = canceller.with_value(Clone::clone);
            let result = match m {
                DomainMode::Subdomain => client.availability(l.trim(), Some(&b), &cancel).await,
                DomainMode::Custom => client.availability(c.trim(), None, &cancel).await,
            };
            if generation.get_value() != this {
                return;
            }
            check.set(match result {
                Ok(a) => CheckState::Done(a),
                Err(_) => CheckState::Failed,
            });
        });
    };

    // Fill once from the saved draft.
    let filled = StoredValue::new(false);
    Effect::new(move || {
        let Some(d) = draft else { return };
        let bases = shared();
        if !d.loaded.get() || bases.is_empty() || filled.get_value() {
            return;
        }
        filled.set_value(true);
        let saved = d.sections.get_untracked().domain;
        typed.patch(typed.with_untracked(|f| f.filled(&bases, saved)));
        // The check runs now, as the shared domain it needs is only known from here on.
        request_check();
    });

    let local_error = move || {
        let (m, l, b, c) = (mode.get(), label.get(), base.get(), custom.get());
        match local_check(m, &l, &b, &c) {
            Some(Err(issue)) => {
                let pointer = "/domain/web_domain";
                Some(message(&issue.at(pointer), t))
            }
            _ => None,
        }
    };
    let field_error = Signal::derive(move || error_at(&errors.get(), "/domain/web_domain", t).or_else(local_error));
    let mode_error = Signal::derive(move || error_at(&errors.get(), "/domain/mode", t));
    let summary_items = Signal::derive(move || summary(&errors.get(), t));

    let answer = move || match check.get() {
        CheckState::Done(a) => Some(a),
        _ => None,
    };
    let web_display = move || {
        answer()
            .filter(|a| a.status == DomainStatus::Available)
            .map(|a| if a.unicode.is_empty() { a.ascii } else { a.unicode })
            .or_else(|| web_domain(mode.get(), &label.get(), &base.get(), &custom.get()))
    };
    let registrable = move || answer().and_then(|a| a.registrable);
    let registrable_display = move || answer().and_then(|a| a.registrable.as_deref().map(|r| unicode_suffix(&a.unicode, r)));
    let handle_display = move || {
        let web = web_display()?;
        match (handle_parent.get(), registrable(), mode.get()) {
            (true, Some(_), DomainMode::Custom) => registrable_display(),
            _ => Some(web),
        }
    };

    let section = move || -> Option<DomainSection> {
        let m = mode.get_untracked();
        let web = web_domain(m, &label.get_untracked(), &base.get_untracked(), &custom.get_untracked())?;
        let handle = match (m, handle_parent.get_untracked()) {
            // Before the check has answered, the saved parent domain still holds for the same
            // web domain (Continue pressed quickly must not move the handles).
            (DomainMode::Custom, true) => registrable()
                .or_else(|| {
                    let saved = draft?.sections.get_untracked().domain?;
                    (saved.web_domain == web && saved.handle_domain != web).then_some(saved.handle_domain)
                })
                .unwrap_or_else(|| web.clone()),
            _ => web.clone(),
        };
        Some(DomainSection { mode: m, web_domain: web, handle_domain: handle })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = section().unwrap_or(DomainSection { mode: mode.get_untracked(), ..Default::default() });
        let mut found = validate_domain(&s, &shared());
        if s.mode == DomainMode::Custom && s.web_domain.is_empty() && !custom.get_untracked().trim().is_empty() {
            found = vec![FieldError::new("/domain/web_domain", ErrorCode::Invalid, "")];
        }
        if let Some(c) = cat() {
            let plan = draft.and_then(|d| d.sections.get_untracked().plan);
            let whole = DraftSections { plan, domain: Some(s.clone()), ..Default::default() };
            found.extend(validate_across(&whole, &c));
        }
        if let CheckState::Done(a) = check.get_untracked() {
            let code = match a.status {
                DomainStatus::Taken => Some(ErrorCode::Taken),
                DomainStatus::Reserved => Some(ErrorCode::Reserved),
                DomainStatus::NotAllowed => Some(ErrorCode::NotAllowed),
                DomainStatus::Invalid => Some(ErrorCode::Invalid),
                DomainStatus::Ambiguous => Some(ErrorCode::Ambiguous),
                DomainStatus::Available => None,
            };
            if let (Some(code), true) = (code, found.is_empty()) {
                found.push(FieldError::new("/domain/web_domain", code, ""));
            }
        }
        form.submit(DraftSections { domain: Some(s), ..Default::default() }, found);
    };

    let on_input = move || {
        errors.update(|e| e.retain(|e| e.pointer != "/domain/web_domain"));
        request_check();
    };

    let described = move || {
        let mut ids = vec!["domain-hint", "domain-status"];
        if field_error.get().is_some() {
            ids.push("domain-error");
        }
        ids.join(" ")
    };

    view! {
        <StepHeading step=Step::Domain/>
        <ErrorSummary items=summary_items shown=shown/>
        <form class="domain-form" on:submit=on_submit novalidate>
            <ModeChoice
                mode=mode
                error=mode_error
                custom_allowed=Signal::derive(custom_allowed)
                plan_name=Signal::derive(move || plan().map(|p| p.name).unwrap_or_default())
                on_change=Callback::new(move |_| on_input())
            />

            <div class="field" class:field-invalid=move || field_error.get().is_some()>
                {move || match mode.get() {
                    DomainMode::Subdomain => view! {
                        <label for="domain-web_domain">{t.subdomain_label}</label>
                        <p class="hint" id="domain-hint">{t.subdomain_hint}</p>
                    }
                    .into_any(),
                    DomainMode::Custom => view! {
                        <label for="domain-web_domain">{t.custom_label}</label>
                        <p class="hint" id="domain-hint">{t.custom_hint}</p>
                    }
                    .into_any(),
                }}
                {move || field_error.get().map(|e| view! { <p class="field-error" id="domain-error">{e}</p> })}
                <div class="domain-input">
                    <input
                        id="domain-web_domain"
                        type="text"
                        inputmode="url"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-invalid=move || field_error.get().is_some().then_some("true")
                        aria-describedby=described
                        prop:value=move || match mode.get() {
                            DomainMode::Subdomain => label.get(),
                            DomainMode::Custom => custom.get(),
                        }
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            match mode.get_untracked() {
                                DomainMode::Subdomain => label.set(v),
                                DomainMode::Custom => custom.set(v),
                            }
                            on_input();
                        }
                    />
                    {move || (mode.get() == DomainMode::Subdomain).then(|| view! {
                        <span class="domain-dot" aria-hidden="true">"."</span>
                        <label for="domain-base" class="visually-hidden">{t.base_label}</label>
                        <select
                            id="domain-base"
                            prop:value=move || base.get()
                            on:change=move |ev| {
                                base.set(event_target_value(&ev));
                                on_input();
                            }
                        >
                            {shared()
                                .into_iter()
                                .map(|d| {
                                    let selected = d == base.get_untracked();
                                    let value = d.clone();
                                    view! { <option value=value selected=selected>{d}</option> }
                                })
                                .collect_view()}
                        </select>
                    })}
                </div>
                <p class="availability" id="domain-status" role="status">
                    {move || match check.get() {
                        CheckState::Idle => String::new(),
                        CheckState::Checking => t.checking.to_owned(),
                        CheckState::Done(a) => status_line(&a, t),
                        CheckState::Failed => t.check_failed.to_owned(),
                    }}
                </p>
                {move || answer().filter(|a| a.mixed_script).map(|_| view! {
                    <p class="notice">{t.mixed_script_warning}</p>
                })}
                {move || answer().map(|a| view! {
                    <Suggestions
                        suggestions=a.suggestions
                        base=base.get_untracked()
                        on_pick=Callback::new(move |l: String| {
                            label.set(l);
                            on_input();
                        })
                    />
                })}
            </div>

            {move || {
                let apex = registrable_display().filter(|_| mode.get() == DomainMode::Custom)?;
                let web = web_display()?;
                Some(view! { <HandleChoice handle_parent=handle_parent web=web apex=apex/> })
            }}

            {move || {
                let web = web_display()?;
                let handle = handle_display()?;
                Some(view! {
                    <div class="domain-preview">
                        <p>{(t.preview_server)(&web)}</p>
                        <p>{(t.preview_handle)(&handle)}</p>
                        {(mode.get() == DomainMode::Subdomain).then(|| view! { <p class="hint">{t.handle_warning}</p> })}
                    </div>
                })
            }}

            {move || {
                let ready = mode.get() == DomainMode::Custom
                    && matches!(check.get(), CheckState::Done(a) if a.status == DomainStatus::Available);
                ready.then(|| view! { <DomainRecords section=Signal::derive(section)/> })
            }}
            <FormActions form=form back=Step::Organization/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains_show_in_unicode() {
        assert_eq!(unicode_suffix("social.bücher.example", "xn--bcher-kva.example"), "bücher.example");
        assert_eq!(unicode_suffix("a.example.co.uk", "example.co.uk"), "example.co.uk");
        assert_eq!(unicode_suffix("", "example.org"), "example.org");
    }

    #[test]
    fn the_web_domain_follows_the_mode() {
        assert_eq!(web_domain(DomainMode::Subdomain, " Acme ", "social-host.example", "").as_deref(), Some("acme.social-host.example"));
        assert_eq!(web_domain(DomainMode::Subdomain, "", "social-host.example", ""), None);
        assert_eq!(web_domain(DomainMode::Custom, "x", "b", "Social.Example.org").as_deref(), Some("social.example.org"));
        assert_eq!(web_domain(DomainMode::Custom, "", "", "a/b"), None);
    }

    #[test]
    fn local_checks_wait_for_input_and_refuse_what_the_rules_refuse() {
        let base = "social-host.example";
        assert_eq!(local_check(DomainMode::Subdomain, "", base, ""), None);
        assert_eq!(local_check(DomainMode::Subdomain, "acme", base, ""), Some(Ok(())));
        assert!(matches!(local_check(DomainMode::Subdomain, "a", base, ""), Some(Err(_))));
        assert!(matches!(local_check(DomainMode::Subdomain, "-acme", base, ""), Some(Err(_))));
        assert!(matches!(local_check(DomainMode::Subdomain, "a.b", base, ""), Some(Err(_))));
        assert_eq!(local_check(DomainMode::Custom, "", base, "example.org"), Some(Ok(())));
        assert!(matches!(local_check(DomainMode::Custom, "", base, "localhost"), Some(Err(_))));
        assert!(matches!(local_check(DomainMode::Custom, "", base, "http://x.org"), Some(Err(_))));
    }
}
