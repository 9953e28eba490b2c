//! Price quotes for a plan section: lines, total per billing period, yearly saving.
//! Integer minor units throughout.

use crate::catalog::{Catalog, MinorUnits, Price};
use crate::draft::{Billing, PlanSection};

/// What one line of a quote is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// The plan itself.
    Plan,
    /// An add-on bought on top.
    Addon,
    /// A support tier above the one included.
    Support,
}

/// One priced line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What it is for.
    pub kind: LineKind,
    /// Catalogue id.
    pub id: String,
    /// Net price for both periods.
    pub price: Price,
}

/// A net price quote. Lines the catalogue does not know are left out (validation reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The priced lines.
    pub lines: Vec<Line>,
    /// Sum of the lines.
    pub total: Price,
    /// Chosen period.
    pub billing: Billing,
    /// ISO 4217 currency of every amount.
    pub currency: String,
}

impl Quote {
    /// What is charged each billing period.
    pub fn amount_due(&self) -> MinorUnits {
        match self.billing {
            Billing::Monthly => self.total.monthly,
            Billing::Yearly => self.total.yearly,
        }
    }

    /// How much a year of yearly billing saves against twelve monthly payments (never negative).
    pub fn yearly_saving(&self) -> MinorUnits {
        self.total.monthly.saturating_mul(12).saturating_sub(self.total.yearly).max(0)
    }
}

/// Prices a plan section against the catalogue, in the section's currency; `None` if the plan
/// is unknown or not sold in that currency.
pub fn quote(catalog: &Catalog, section: &PlanSection) -> Option<Quote> {
    let repriced;
    let catalog = match section.currency.as_deref() {
        Some(c) if c != catalog.currency => {
            if !catalog.offers_currency(c) {
                return None;
            }
            repriced = catalog.in_currency(c);
            &repriced
        }
        _ => catalog,
    };
    let plan = catalog.plan(&section.plan_id)?;
    let mut lines = vec![Line { kind: LineKind::Plan, id: plan.id.clone(), price: plan.price }];
    for id in &section.addons {
        if plan.included_addons.contains(id) {
            continue;
        }
        if let Some(addon) = catalog.addon(id) {
            lines.push(Line { kind: LineKind::Addon, id: addon.id.clone(), price: addon.price });
        }
    }
    if let Some(tier) = section
        .support_tier
        .as_deref()
        .filter(|t| *t != plan.included_support)
        .and_then(|t| catalog.support_tier(t))
    {
        lines.push(Line { kind: LineKind::Support, id: tier.id.clone(), price: tier.price });
    }
    let total = lines.iter().fold(Price { monthly: 0, yearly: 0 }, |acc, l| Price {
        monthly: acc.monthly.saturating_add(l.price.monthly),
        yearly: acc.yearly.saturating_add(l.price.yearly),
    });
    Some(Quote { lines, total, billing: section.billing, currency: catalog.currency.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn section(plan: &str, addons: &[&str], support: Option<&str>, billing: Billing) -> PlanSection {
        PlanSection {
            plan_id: plan.into(),
            billing,
            addons: addons.iter().map(|a| a.to_string()).collect(),
            support_tier: support.map(Into::into),
            currency: None,
        }
    }

    #[test]
    fn plan_alone() {
        let q = quote(&sample::catalog(), &section("starter", &[], None, Billing::Monthly));
        let q = q.unwrap_or_else(|| panic!("starter is in the sample")); // ok: test
        assert_eq!(q.amount_due(), 2_900);
        assert_eq!(q.yearly_saving(), 2_900 * 12 - 29_000);
    }

    #[test]
    fn addons_and_support_add_up_per_period() {
        let s = section(
            "organization",
            &["moderation_business_hours", "storage_100gb"],
            Some("priority"),
            Billing::Yearly,
        );
        let q = quote(&sample::catalog(), &s).unwrap_or_else(|| panic!("known plan")); // ok: test
        assert_eq!(q.lines.len(), 4);
        assert_eq!(q.amount_due(), 99_000 + 149_000 + 15_000 + 99_000);
        assert_eq!(q.total.monthly, 9_900 + 14_900 + 1_500 + 9_900);
    }

    #[test]
    fn included_addons_and_support_cost_nothing_extra() {
        let s = section(
            "enterprise",
            &["moderation_business_hours"],
            Some("priority"),
            Billing::Monthly,
        );
        let q = quote(&sample::catalog(), &s).unwrap_or_else(|| panic!("known plan")); // ok: test
        assert_eq!(q.amount_due(), 39_900);
    }

    #[test]
    fn a_quote_is_in_the_section_currency() {
        let mut c = sample::catalog();
        c.currencies = vec!["EUR".into(), "CHF".into()];
        if let Some(p) = c.plans.iter_mut().find(|p| p.id == "organization") {
            p.prices.insert("CHF".into(), Price { monthly: 10_500, yearly: 105_000 });
        }
        for a in &mut c.addons {
            a.prices.insert("CHF".into(), Price { monthly: 100, yearly: 1_000 });
        }
        for t in &mut c.support_tiers {
            t.prices.insert("CHF".into(), Price { monthly: 0, yearly: 0 });
        }
        let mut s = section("organization", &["storage_100gb"], None, Billing::Yearly);
        s.currency = Some("CHF".into());
        let q = quote(&c, &s).unwrap_or_else(|| panic!("sold in CHF")); // ok: test
        assert_eq!((q.currency.as_str(), q.amount_due()), ("CHF", 105_000 + 1_000));
        s.currency = Some("EUR".into());
        assert_eq!(quote(&c, &s).map(|q| q.amount_due()), Some(99_000 + 15_000));
        let starter = PlanSection { currency: Some("CHF".into()), ..section("starter", &[], None, Billing::Monthly) };
        assert!(quote(&c, &starter).is_none(), "starter is not sold in CHF");
        let yen = PlanSection { currency: Some("JPY".into()), ..s };
        assert!(quote(&c, &yen).is_none(), "JPY is not offered");
    }

    #[test]
    fn unknown_plan_has_no_quote() {
        assert!(quote(&sample::catalog(), &section("gold", &[], None, Billing::Monthly)).is_none());
    }
}
