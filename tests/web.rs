//! Component tests in headless Chromium (wasm-bindgen-test): the browser's `Intl` formatting
//! of prices, the stepper's states, and the language switcher.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use onramp::api::ApiClient;
use onramp::components::LanguageSwitcher;
use onramp::wizard::Stepper;
use onramp::config::Config;
use onramp::format;
use onramp::i18n::{Locale, LocaleContext};
use onramp::wizard::{DraftStore, Step};
use onramp_api::{DraftSections, PlanSection};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the reactive system run its scheduled effects (a macrotask later).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().and_then(|w| w.document()).expect("document");
    let div = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&div).expect("append");
    div.unchecked_into()
}

#[wasm_bindgen_test]
fn prices_follow_the_locale_without_floats() {
    let nbsp = '\u{a0}';
    assert_eq!(format::money(2_900, "EUR", Locale::En), "€29");
    assert_eq!(format::money(2_950, "EUR", Locale::En), "€29.50");
    assert_eq!(format::money(2_900, "EUR", Locale::De), format!("29{nbsp}€"));
    assert_eq!(format::money(99_000_05, "EUR", Locale::De), format!("99.000,05{nbsp}€"));
    assert_eq!(format::integer(5_000, Locale::En), "5,000");
    assert_eq!(format::integer(5_000, Locale::De), "5.000");
    assert_eq!(format::region_name("DE", Locale::De), "Deutschland");
    assert_eq!(format::region_name("DE", Locale::En), "Germany");
}

#[wasm_bindgen_test]
fn plurals_lists_and_sorting_come_from_intl() {
    // Intl.PluralRules: French says "0 heure", English "0 hours".
    assert!(format::count(1, Locale::En).one && !format::count(0, Locale::En).one && !format::count(2, Locale::De).one);
    assert!(format::count(0, Locale::Fr).one && format::count(1, Locale::Fr).one && !format::count(2, Locale::Fr).one);
    let t = Locale::En.strings();
    assert_eq!((t.support_option)("Priority", &format::count(1, Locale::En)), "Priority: answer within 1 hour");
    assert_eq!((t.support_option)("Priority", &format::count(8, Locale::En)), "Priority: answer within 8 hours");
    assert_eq!((onramp::wizard::steps::review::strings::of(Locale::Fr).review_days)(&format::count(0, Locale::Fr)), "0 jour");
    // Intl.ListFormat.
    let items = ["German".to_owned(), "English".to_owned(), "French".to_owned()];
    assert_eq!(format::list(&items, Locale::En), "German, English, and French");
    assert_eq!(format::list(&items, Locale::De), "German, English und French");
    // Intl.Collator: Åland Islands next to Albania, Côte d'Ivoire before Croatia, Türkiye before Tuvalu.
    let mut names = vec!["Zimbabwe", "Åland Islands", "Albania", "Czechia", "Côte d’Ivoire", "Croatia", "Tuvalu", "Türkiye"];
    format::sort_for_people(&mut names, Locale::En, |n| *n);
    assert_eq!(names, ["Åland Islands", "Albania", "Côte d’Ivoire", "Croatia", "Czechia", "Türkiye", "Tuvalu", "Zimbabwe"]);
}

#[wasm_bindgen_test]
async fn the_stepper_marks_done_current_and_closed_steps() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(LocaleContext(RwSignal::new(Locale::En)));
        let store = DraftStore::new(ApiClient::new(Config::default(), None));
        store.sections.set(DraftSections {
            plan: Some(PlanSection { plan_id: "starter".into(), ..Default::default() }),
            ..Default::default()
        });
        provide_context(store);
        view! { <Router><Stepper current=Signal::stored(Some(Step::Organization))/></Router> }
    });
    settle().await;
    let items = root.query_selector_all("li.stepper-item").expect("query");
    assert_eq!(items.length(), 6);
    let item = |i: u32| items.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()).expect("item");
    // Plan: done, a link back to it.
    assert!(item(0).class_list().contains("done"));
    let link = item(0).query_selector("a").expect("query").expect("plan is a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/plan"));
    assert!(link.text_content().unwrap_or_default().contains("completed"));
    // Organization: current, not a link.
    let current = item(1).query_selector("[aria-current=step]").expect("query").expect("current marked");
    assert!(current.text_content().unwrap_or_default().starts_with("Organization"));
    assert!(item(1).query_selector("a").expect("query").is_none());
    // Domain: closed until the organization is complete.
    assert!(item(2).query_selector("a").expect("query").is_none());
    assert!(!item(2).class_list().contains("done"));
}

#[wasm_bindgen_test]
async fn the_language_switcher_switches_and_says_which_is_on() {
    let root = container();
    let locale = RwSignal::new(Locale::En);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(LocaleContext(locale));
        // As in the app: a change of language renders anew.
        move || {
            locale.track();
            view! { <LanguageSwitcher/> }
        }
    });
    let group = root.query_selector("[role=group]").expect("query").expect("group");
    assert_eq!(group.get_attribute("aria-label").as_deref(), Some("Language"));
    let deutsch: web_sys::HtmlElement =
        root.query_selector("button[lang=de]").expect("query").expect("button").unchecked_into();
    assert_eq!(deutsch.get_attribute("aria-pressed").as_deref(), Some("false"));
    deutsch.click();
    settle().await;
    assert_eq!(locale.get_untracked(), Locale::De);
    let deutsch = root.query_selector("button[lang=de]").expect("query").expect("button");
    assert_eq!(deutsch.get_attribute("aria-pressed").as_deref(), Some("true"));
    let group = root.query_selector("[role=group]").expect("query").expect("group");
    assert_eq!(group.get_attribute("aria-label").as_deref(), Some("Sprache"));
}

/// The conformance suite's cases that need no network, against the in-browser demo backend: the
/// rules table of the contract (`onramp_api::conformance_cases`), versions, tokens and exactly-
/// once submit, judged as the HTTP suite judges a backend, so the demo cannot drift from it.
#[wasm_bindgen_test]
async fn the_demo_backend_answers_the_conformance_cases() {
    use onramp::api::demo::DemoBackend;
    use onramp::api::{AppError, DraftKey};
    use onramp_api::conformance_cases::{complete_sections, expected_errors, judge, rule_cases, set};

    let demo = DemoBackend::new();
    let catalog = demo.catalog().await.expect("catalogue");
    let base = complete_sections(&catalog, "cfdemo").expect("a complete draft");
    let created = demo.create_signup().await.expect("a draft");
    let key = DraftKey { id: created.id.clone(), token: created.resume_token.clone() };
    let parse = |v: &serde_json::Value| serde_json::from_value::<DraftSections>(v.clone()).expect("sections");
    let mut version = demo.update_signup(&key, created.version, &parse(&base)).await.expect("the complete draft is taken").version;
    let mut failures = Vec::new();
    for case in rule_cases() {
        let mut sections = base.clone();
        set(&mut sections, &case.pointer, case.value.clone()).expect("the case lands in the draft");
        let expected = expected_errors(&sections, &catalog).expect("expected");
        let verdict = match demo.update_signup(&key, version, &parse(&sections)).await {
            Ok(s) => {
                version = s.version;
                judge(&expected, None)
            }
            Err(AppError::Invalid(errors)) => {
                let got: Vec<(String, String)> = errors.into_iter().map(|e| (e.pointer, e.code.as_str().to_owned())).collect();
                judge(&expected, Some(&got))
            }
            Err(other) => Err(format!("answered {other:?}")),
        };
        if let Err(why) = verdict {
            failures.push(format!("{}: {why}", case.name));
        }
    }
    assert!(failures.is_empty(), "the demo backend differs from the contract: {failures:#?}");

    // A lost update, a wrong token, and submitting exactly once.
    assert_eq!(demo.update_signup(&key, version - 1, &parse(&base)).await.err(), Some(AppError::Conflict));
    let wrong = DraftKey { id: key.id.clone(), token: "0".repeat(40) };
    assert_eq!(demo.signup(&wrong).await.err(), Some(AppError::NotFound));
    demo.update_signup(&key, version, &parse(&base)).await.expect("back to the complete draft");
    let first = demo.submit(&key, "conformance-key-0001").await.expect("an order");
    let again = demo.submit(&key, "conformance-key-0001").await.expect("the same order");
    assert_eq!(first.id, again.id);
    let other = demo.create_signup().await.expect("another draft");
    let other = DraftKey { id: other.id, token: other.resume_token };
    assert!(matches!(demo.submit(&other, "conformance-key-0001").await, Err(AppError::Invalid(_))), "the same key on another draft");
}
