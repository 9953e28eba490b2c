//! The bench's floor probe: the plan step's first screen as the least Leptos code can show it with
//! the app's CSS: the catalogue's fields that screen reads (plans with their names in each
//! language and prices per currency, support tiers, the provider's name, logo and theme) decoded
//! with the contract's types where it has them, the theme applied, a header with the provider's
//! name and the three language buttons, the stepper, the billing switch, plan cards with prices
//! from `Intl.NumberFormat` in the language chosen. None of the product's behaviour: no draft,
//! saving, strings tables, presets, currency choice, partner frame, errors or Retry. Its bytes
//! and times are a floor for any first load of this screen on this stack, not a target.
//! Measured on 2026-12-02 (wasm, brotli 11): 127,411 bytes as written here (140,455 with its
//! JS, CSS and page). With simpler cards (English names only): 118,349 decoding only what they
//! print, 125,612 decoding what this screen reads, 127,250 the contract's `Catalog` but its
//! add-ons, 130,224 the whole `Catalog`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use onramp_api::brand::Appearance;
use onramp_api::catalog::{Availability, ItemText, PlanLimits, Price};
use onramp_api::Billing;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

// What the plan step's first screen reads of the catalogue; serde skips the rest.
#[derive(Clone, Deserialize)]
struct Plan {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    translations: BTreeMap<String, ItemText>,
    price: Price,
    #[serde(default)]
    prices: BTreeMap<String, Price>,
    limits: PlanLimits,
    #[serde(default)]
    recommended: bool,
    #[serde(default)]
    managed_moderation: Availability,
    included_support: String,
}
#[derive(Clone, Deserialize)]
struct Tier {
    id: String,
    name: String,
    #[serde(default)]
    translations: BTreeMap<String, ItemText>,
    response_hours: u32,
}
#[derive(Clone, Deserialize)]
struct Provider {
    name: String,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    appearance: Option<Appearance>,
}
#[derive(Clone, Deserialize)]
struct Catalog {
    currency: String,
    #[serde(default)]
    currencies: Vec<String>,
    provider: Provider,
    plans: Vec<Plan>,
    support_tiers: Vec<Tier>,
}

const STEPS: [&str; 6] = ["Plan", "Organization", "Domain", "Branding", "Moderation", "Review"];
const LANGUAGES: [(&str, &str); 3] = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")];

async fn catalog() -> Option<Catalog> {
    let text = gloo_net::http::Request::get("/api/v1/catalog").send().await.ok()?.text().await.ok()?;
    serde_json::from_str(&text).ok()
}

/// The provider's colours on the root element, as the app sets them.
fn apply_theme(catalog: &Catalog) {
    let Some(props) = catalog.provider.appearance.as_ref().and_then(|a| a.css_properties()) else { return };
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
    for (name, value) in props {
        let _ = root.style().set_property(name, &value);
    }
}

/// An amount in minor units as the browser writes money in `language`.
fn money(minor: i64, currency: &str, language: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&language.into()), &options);
    let value = JsValue::from_f64(minor as f64 / 100.0);
    format.format().call1(&JsValue::UNDEFINED, &value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A name in `language` where the catalogue has one.
fn named<'a>(name: &'a str, translations: &'a BTreeMap<String, ItemText>, language: &str) -> &'a str {
    translations.get(language).map_or(name, |t| t.name.as_str())
}

#[component]
fn PlanScreen() -> impl IntoView {
    let catalog = LocalResource::new(catalog);
    let billing = RwSignal::new(Billing::Monthly);
    let chosen = RwSignal::new(None::<String>);
    let language = RwSignal::new("en");
    let provider = move || catalog.get().flatten().map(|c| c.provider);
    let cards = move |c: Catalog| {
        apply_theme(&c);
        // The first of the currencies sold in (the app lets the visitor choose).
        let currency = c.currencies.first().cloned().unwrap_or_else(|| c.currency.clone());
        c.plans
            .iter()
            .map(|plan| {
                let plan = plan.clone();
                let (id, currency) = (plan.id.clone(), currency.clone());
                let input = format!("plan-{id}");
                let price = plan.prices.get(&currency).cloned().unwrap_or(plan.price.clone());
                let tier = c.support_tiers.iter().find(|t| t.id == plan.included_support).cloned();
                let selected = {
                    let id = id.clone();
                    move || chosen.get().as_deref() == Some(id.as_str())
                };
                let card_selected = selected.clone();
                let name = {
                    let plan = plan.clone();
                    move || named(&plan.name, &plan.translations, language.get()).to_owned()
                };
                view! {
                    <div class="plan-card" class:selected=card_selected class:recommended=plan.recommended>
                        <input type="radio" name="plan" class="plan-radio" id=input.clone() value=id.clone()
                            prop:checked=selected on:change=move |_| chosen.set(Some(id.clone()))/>
                        <label for=input class="plan-name">{name}</label>
                        <p class="plan-description">{plan.description.clone()}</p>
                        <p class="plan-price">
                            <span class="amount">{move || money(match billing.get() { Billing::Monthly => price.monthly, Billing::Yearly => price.yearly }, &currency, language.get())}</span>
                            " "
                            <span class="period">{move || if billing.get() == Billing::Monthly { "per month" } else { "per year" }}</span>
                        </p>
                        <ul class="plan-features">
                            <li>{format!("Up to {} active users", plan.limits.active_users)}</li>
                            <li>{format!("{} GB media storage", plan.limits.storage_gb)}</li>
                            <li>{if plan.limits.custom_domain { "Your own domain" } else { "Address on one of our domains" }}</li>
                            <li>{match plan.managed_moderation {
                                Availability::Included => "Managed moderation included",
                                Availability::Addon => "Managed moderation as an add-on",
                                Availability::NotAvailable => "No managed moderation",
                            }}</li>
                            {tier.map(|t| view! { <li>{move || format!("{} support: answer within {} hours", named(&t.name, &t.translations, language.get()), t.response_hours)}</li> })}
                        </ul>
                    </div>
                }
            })
            .collect_view()
    };
    let segment = move |b: Billing, label: &'static str| view! {
        <div class="segment">
            <input type="radio" name="billing" id=b.as_str() prop:checked=move || billing.get() == b on:change=move |_| billing.set(b)/>
            <label for=b.as_str()>{label}</label>
        </div>
    };
    view! {
        <header class="topbar">
            <div class="brand">
                {move || provider().and_then(|p| p.logo).map(|src| view! { <img class="provider-logo" src=src alt="" height="32"/> })}
                <span class="brand-name">{move || provider().map(|p| p.name)}</span>
            </div>
            <div class="language-switcher" role="group" aria-label="Language">
                {LANGUAGES.map(|(tag, name)| view! {
                    <button type="button" lang=tag aria-pressed=move || (language.get() == tag).to_string() on:click=move |_| language.set(tag)>{name}</button>
                })}
            </div>
        </header>
        <div class="wizard">
            <nav class="stepper" aria-label="Steps">
                <ol>{STEPS.iter().enumerate().map(|(i, s)| view! {
                    <li class="stepper-item" class:current=i == 0><span class="stepper-marker">{i + 1}</span><span class="stepper-label">{*s}</span></li>
                }).collect_view()}</ol>
            </nav>
            <main id="main" class="step">
                <h1>"Choose your plan"</h1>
                <form class="plan-form">
                    <fieldset class="billing">
                        <legend>"Billing period"</legend>
                        <div class="segmented">{segment(Billing::Monthly, "Monthly")}{segment(Billing::Yearly, "Yearly")}</div>
                    </fieldset>
                    <Suspense fallback=|| view! { <p class="loading">"Loading"</p> }>
                        <fieldset class="plans"><div class="plan-grid">{move || catalog.get().flatten().map(cards)}</div></fieldset>
                    </Suspense>
                    <div class="actions"><button type="submit" class="button button-primary">"Continue"</button></div>
                </form>
            </main>
        </div>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| view! {
        <Router>
            <Routes fallback=|| "Not found">
                <Route path=path!("plan") view=PlanScreen/>
            </Routes>
        </Router>
    });
}
