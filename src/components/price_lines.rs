//! The running total: each line of the quote for the plan section, the total for the billing
//! period and what yearly billing saves. Shown on the plan, moderation and review steps; on the
//! plan step as a bar that stays in view on a phone.

use leptos::prelude::*;
use onramp_api::{pricing, Billing, Catalog, PlanSection};

use crate::format;
use crate::i18n::{current_locale, use_strings};
use super::addon_label;

/// The quote's lines, total and saving, or a line saying nothing is chosen.
#[component]
pub fn PriceLines(
    /// The catalogue.
    catalog: Catalog,
    /// The plan section to price.
    #[prop(into)]
    section: Signal<Option<PlanSection>>,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
move || {
        let Some(section) = section.get() else {
            return view! { <p>{t.summary_none}</p> }.into_any();
        };
        let Some(quote) = pricing::quote(&catalog, &section) else {
            return view! { <p>{t.summary_none}</p> }.into_any();
        };
        let l = locale;
        let cur = catalog.currency.clone();
        let due = format::money(quote.amount_due(), &cur, l);
        let total = match section.billing {
            Billing::Monthly => (t.total_monthly)(&due),
            Billing::Yearly => (t.total_yearly)(&due),
        };
        let saving = quote.yearly_saving();
        let saving = (saving > 0).then(|| {
            let s = format::money(saving, &cur, l);
            match section.billing {
                Billing::Monthly => (t.saving_hint)(&s),
                Billing::Yearly => (t.saving_yearly)(&s),
            }
        });
        let lines = quote
            .lines
            .iter()
            .filter_map(|line| {
                let label = match line.kind {
                    pricing::LineKind::Plan => catalog.plan(&line.id).map(|p| p.name.clone()),
                    pricing::LineKind::Addon => catalog.addon(&line.id).map(|a| addon_label(a, t, l)),
                    pricing::LineKind::Support => catalog
                        .support_tier(&line.id)
                        .map(|s| (t.support_option)(&s.name, &format::count(s.response_hours as usize, l))),
                }?;
                let amount = match section.billing {
                    Billing::Monthly => line.price.monthly,
                    Billing::Yearly => line.price.yearly,
                };
                Some(view! { <li><span>{label}</span> <span class="amount">{format::money(amount, &cur, l)}</span></li> })
            })
            .collect_view();
        view! {
            <ul class="summary-lines">{lines}</ul>
            <p class="summary-total">{total}</p>
            {saving.map(|s| view! { <p class="summary-saving">{s}</p> })}
        }
        .into_any()
    }
}

/// The total in one line (`€99 per month`), or `None` while nothing is priced.
pub fn total_in_one_line(catalog: &Catalog, section: &PlanSection, t: &crate::i18n::Strings, locale: crate::i18n::Locale) -> Option<String> {
    let quote = pricing::quote(catalog, section)?;
    let period = match section.billing {
        Billing::Monthly => t.per_month,
        Billing::Yearly => t.per_year,
    };
    Some(format!("{} {period}", format::money(quote.amount_due(), &catalog.currency, locale)))
}

/// The plan step's total. On a wide screen the whole quote after the choices; on a phone a bar at
/// the bottom of the window with the total in one line, whose details open on request (the bar
/// stays within a fifth of the window; the stylesheet keeps focused controls clear of it).
#[component]
pub fn RunningTotal(
    /// The catalogue.
    catalog: Catalog,
    /// The plan section to price.
    #[prop(into)]
    section: Signal<Option<PlanSection>>,
    /// Notes under the quote.
    children: Children,
) -> impl IntoView {
    let t = use_strings();
    let locale = current_locale();
    let expanded = RwSignal::new(false);
    let one_line = {
        let catalog = catalog.clone();
        move || section.get().and_then(|s| total_in_one_line(&catalog, &s, t, locale)).unwrap_or_else(|| t.summary_none.to_owned())
    };
    view! {
        <aside class="summary running-total" class:expanded=move || expanded.get() aria-labelledby="summary-heading">
            <div class="running-total-bar">
                <h2 id="summary-heading">{t.summary_heading}</h2>
                <p class="running-total-line" aria-hidden="true">{one_line}</p>
                <button
                    type="button"
                    class="button-link running-total-toggle"
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls="summary-details"
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || if expanded.get() { t.summary_hide } else { t.summary_show }}
                </button>
            </div>
            <div class="summary-details" id="summary-details">
                <PriceLines catalog=catalog section=section/>
                {children()}
            </div>
        </aside>
    }
}
