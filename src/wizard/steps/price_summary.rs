//! The running total: each line of the quote for the plan section, the total for the billing
//! period and what yearly billing saves. Shown on the plan, moderation and review steps.

use leptos::prelude::*;
use onramp_api::{pricing, Billing, Catalog, PlanSection};

use crate::format;
use crate::i18n::{current_locale, use_strings};
use crate::wizard::steps::addon_label;

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
        let name = catalog.plan(&section.plan_id).map(|p| p.name.clone()).unwrap_or_default();
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
        let _ = name;
        view! {
            <ul class="summary-lines">{lines}</ul>
            <p class="summary-total">{total}</p>
            {saving.map(|s| view! { <p class="summary-saving">{s}</p> })}
        }
        .into_any()
    }
}
