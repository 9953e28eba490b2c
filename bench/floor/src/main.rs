//! The bench's floor probe: the plan step's first screen as the least Leptos code can show it with
//! the contract's types and the app's CSS (the whole catalogue decoded, the provider's theme
//! applied, header with the provider's name and the three language buttons, the stepper, the
//! billing switch, plan cards with prices from `Intl.NumberFormat`). None of the product's
//! behaviour: no draft, saving, strings tables, presets, partner frame, errors or Retry. Its bytes
//! are what any first load of this screen carries on this stack; the app's are compared with it.
//! Only the fields the screen shows are decoded (the contract's whole `Catalog` type instead:
//! 11,875 bytes brotli more of wasm, 2,974 of them its add-ons, measured 2026-12-02), so this is
//! a floor, not a target.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use onramp_api::brand::Appearance;
use onramp_api::Billing;
use serde::Deserialize;

// The catalogue's fields that the first screen shows; serde skips the rest.
#[derive(Clone, Deserialize)]
struct Price {
    monthly: i64,
    yearly: i64,
}
#[derive(Clone, Deserialize)]
struct Limits {
    active_users: u32,
    storage_gb: u32,
}
#[derive(Clone, Deserialize)]
struct Plan {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    recommended: bool,
    price: Price,
    limits: Limits,
}
#[derive(Clone, Deserialize)]
struct Provider {
    name: String,
    #[serde(default)]
    appearance: Option<Appearance>,
}
#[derive(Clone, Deserialize)]
struct Catalog {
    currency: String,
    provider: Provider,
    plans: Vec<Plan>,
}
use wasm_bindgen::{JsCast, JsValue};

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

/// An amount in minor units as the browser writes money in English.
fn money(minor: i64, currency: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&"en".into()), &options);
    let value = JsValue::from_f64(minor as f64 / 100.0);
    format.format().call1(&JsValue::UNDEFINED, &value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

#[component]
fn PlanScreen() -> impl IntoView {
    let catalog = LocalResource::new(catalog);
    let billing = RwSignal::new(Billing::Monthly);
    let chosen = RwSignal::new(None::<String>);
    let language = RwSignal::new("en");
    let provider = move || catalog.get().flatten().map(|c| c.provider.name).unwrap_or_default();
    let cards = move |c: Catalog| {
        apply_theme(&c);
        let currency = c.currency.clone();
        c.plans
            .into_iter()
            .map(|plan| {
                let (id, currency) = (plan.id.clone(), currency.clone());
                let input = format!("plan-{id}");
                let selected = {
                    let id = id.clone();
                    move || chosen.get().as_deref() == Some(id.as_str())
                };
                let card_selected = selected.clone();
                view! {
                    <div class="plan-card" class:selected=card_selected class:recommended=plan.recommended>
                        <input type="radio" name="plan" class="plan-radio" id=input.clone() value=id.clone()
                            prop:checked=selected on:change=move |_| chosen.set(Some(id.clone()))/>
                        <label for=input class="plan-name">{plan.name}</label>
                        <p class="plan-description">{plan.description}</p>
                        <p class="plan-price">
                            <span class="amount">{move || money(match billing.get() { Billing::Monthly => plan.price.monthly, Billing::Yearly => plan.price.yearly }, &currency)}</span>
                            " "
                            <span class="period">{move || if billing.get() == Billing::Monthly { "per month" } else { "per year" }}</span>
                        </p>
                        <ul class="plan-features">
                            <li>{format!("Up to {} active users", plan.limits.active_users)}</li>
                            <li>{format!("{} GB media storage", plan.limits.storage_gb)}</li>
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
            <div class="brand"><span class="brand-name">{provider}</span></div>
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
