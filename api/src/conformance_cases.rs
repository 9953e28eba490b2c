//! The conformance suite's rules table and what makes it fair to any backend: a complete draft
//! for a backend's own catalogue, values just past each limit the contract states
//! ([`crate::schema_limits`]) and values its rules refuse, each put into that draft, and what to
//! expect, computed with the contract's own rules. Pure: the HTTP suite (`onramp-conformance`)
//! and the in-browser demo backend's tests run the same table.

use serde_json::{json, Value};

use crate::schema_limits::{Limit, LIMITS};
use crate::{Catalog, FieldError, PaymentMethod};

/// One case: a stable name, where the value goes, and the value.
#[derive(Debug, Clone)]
pub struct RuleCase {
    /// `rules.<pointer with dots>.<what>`.
    pub name: String,
    /// Where in the draft's sections.
    pub pointer: String,
    /// What is put there.
    pub value: Value,
}

/// What the contract's rules say of a draft: its sections' own errors, then the errors across
/// sections, each as `(pointer, code)`.
pub type Expected = (Vec<(String, String)>, Vec<(String, String)>);

/// Where a schema's properties sit in a complete draft.
fn prefix(schema: &str) -> Option<&'static str> {
    Some(match schema {
        "PlanSection" => "/plan",
        "OrganizationSection" => "/organization",
        "PostalAddress" => "/organization/billing/address",
        "BillingDetails" => "/organization/billing",
        "DomainSection" => "/domain",
        "BrandingSection" => "/branding",
        "Rule" => "/moderation/rules/0",
        "DomainBlock" => "/moderation/domain_blocks/0",
        "ModerationSection" => "/moderation",
        _ => return None,
    })
}

/// The table.
pub fn rule_cases() -> Vec<RuleCase> {
    let mut out = Vec::new();
    let mut add = |pointer: String, what: &str, value: Value| out.push(RuleCase { name: format!("rules{}.{what}", pointer.replace('/', ".")), pointer, value });
    for (schema, property, limit) in LIMITS {
        let Some(prefix) = prefix(schema) else { continue };
        let pointer = format!("{prefix}/{property}");
        match limit {
            Limit::MaxChars(n) | Limit::MaxVisible(n) => add(pointer, "one_over_the_length", json!("a".repeat(n + 1))),
            Limit::MaxItems(n) => {
                // Distinct items, so that only the count is wrong.
                let item = |i: usize| match *property {
                    "rules" => json!({"text": format!("Rule number {i}."), "hint": ""}),
                    "domain_blocks" => json!({"domain": format!("b{i}.example"), "severity": "suspend"}),
                    _ => json!(crate::languages::CODES.get(i).copied().unwrap_or("en")),
                };
                add(pointer, "one_item_too_many", Value::Array((0..=*n).map(item).collect()));
            }
            Limit::Pattern(_) => add(pointer, "against_the_pattern", json!("not valid!")),
            Limit::Range(lo, hi) => {
                add(pointer.clone(), "lowest", json!(lo));
                add(pointer.clone(), "below_the_range", json!(lo - 1));
                add(pointer.clone(), "highest", json!(hi));
                add(pointer, "above_the_range", json!(hi + 1));
            }
        }
    }
    for (pointer, what, value) in [
        ("/organization/name", "empty", json!("")),
        ("/organization/name", "blank", json!("   ")),
        ("/organization/name", "control_character", json!("Acme\u{7}")),
        ("/organization/contact_email", "not_an_address", json!("it-at-example")),
        ("/organization/admin_username", "reserved_by_mastodon", json!("admin")),
        ("/organization/admin_username", "holding_mastodon", json!("mastodon_team")),
        ("/organization/country", "unknown", json!("XX")),
        ("/organization/vat_id", "malformed", json!("DE12")),
        ("/plan/plan_id", "unknown", json!("no-such-plan")),
        ("/plan/addons", "unknown", json!(["no-such-addon"])),
        ("/domain/web_domain", "hyphen_first", json!("-bad.example")),
        ("/branding/site_title", "empty", json!("")),
        ("/branding/accent_color", "too_faint", json!("#ffff00")),
        ("/moderation/rules/0/text", "empty", json!("")),
        ("/moderation/domain_blocks/0/domain", "wildcard", json!("*.example.org")),
        ("/moderation/languages", "unknown", json!(["xx-invalid"])),
    ] {
        add(pointer.to_owned(), what, value);
    }
    out
}

fn postal_code(country: &str) -> &'static str {
    match country {
        "AT" | "CH" | "BE" | "DK" | "LU" | "NO" => "1010",
        "NL" => "1011 AB",
        "GB" => "SW1A 1AA",
        "SE" => "111 20",
        "PL" => "00-001",
        "IE" => "D02 X285",
        "US" => "10001",
        _ => "10115",
    }
}

/// Every section filled in for `catalog`: its first plan paid by invoice (or the plan's first
/// payment method), an organization in the provider's own country, a subdomain `label` of the
/// first shared domain, a title, closed registrations, a rule, a block and a language.
pub fn complete_sections(catalog: &Catalog, label: &str) -> Result<Value, String> {
    let plan = catalog
        .plans
        .iter()
        .find(|p| p.payment_methods.contains(&PaymentMethod::Invoice))
        .or_else(|| catalog.plans.first())
        .ok_or("the catalogue has no plan")?;
    let method = if plan.payment_methods.contains(&PaymentMethod::Invoice) { PaymentMethod::Invoice } else { plan.payment_methods.first().copied().ok_or("a plan has no payment method")? };
    let shared = catalog.shared_domains.first().ok_or("the catalogue has no shared domain for a subdomain")?;
    let web = format!("{label}.{shared}");
    Ok(json!({
        "plan": {"plan_id": plan.id, "billing": "monthly", "addons": []},
        "organization": {"name": "Conformance Check", "kind": "company", "country": catalog.provider_country, "contact_email": "it@conformance.example",
            "admin_username": "conformance", "billing": {"address": {"line1": "Street 1", "postal_code": postal_code(&catalog.provider_country), "city": "City"},
            "payment_method": method}},
        "domain": {"mode": "subdomain", "web_domain": web, "handle_domain": web},
        "branding": {"site_title": "Conformance Social"},
        "moderation": {"registrations_mode": "none", "rules": [{"text": "Be kind.", "hint": ""}],
            "domain_blocks": [{"domain": "spam.example", "severity": "suspend"}], "languages": ["en"]},
    }))
}

/// Puts `value` at `pointer` in `doc`, adding the last key where the draft has none.
pub fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let (parent, key) = pointer.rsplit_once('/').ok_or("not a pointer")?;
    match doc.pointer_mut(parent).ok_or_else(|| format!("{parent} is not in the complete draft"))? {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
            Ok(())
        }
        Value::Array(list) => {
            let slot = key.parse::<usize>().ok().and_then(|i| list.get_mut(i)).ok_or_else(|| format!("{pointer} is not in the complete draft"))?;
            *slot = value;
            Ok(())
        }
        _ => Err(format!("{parent} holds no fields")),
    }
}

/// What the contract's rules say of `sections` on `catalog`.
pub fn expected_errors(sections: &Value, catalog: &Catalog) -> Result<Expected, String> {
    let parsed: crate::DraftSections = serde_json::from_value(sections.clone()).map_err(|e| format!("the case does not fit the schema: {e}"))?;
    let pairs = |errors: Vec<FieldError>| errors.into_iter().map(|e| (e.pointer, e.code.as_str().to_owned())).collect::<Vec<_>>();
    Ok((pairs(crate::validate::validate_sections(&parsed, catalog)), pairs(crate::validate::validate_across(&parsed, catalog))))
}

/// The verdict on a backend's answer: `None` when it took the draft, else the `(pointer, code)`
/// of its 422. A refused value must be refused with every error of the sections' own rules (or,
/// where they have none, of the rules across sections) and with nothing the rules do not give.
pub fn judge(expected: &Expected, refused: Option<&[(String, String)]>) -> Result<(), String> {
    let (own, across) = expected;
    match refused {
        None if own.is_empty() && across.is_empty() => Ok(()),
        None => Err(format!("the contract's rules refuse this value with {own:?}{across:?}, but it was taken")),
        Some(got) if own.is_empty() && across.is_empty() => Err(format!("the contract's rules take this value, but it was refused with {got:?}")),
        Some(got) => {
            let wanted = if own.is_empty() { across } else { own };
            if let Some(missing) = wanted.iter().find(|e| !got.contains(e)) {
                return Err(format!("expected the error {missing:?} (the contract's rules), got {got:?}"));
            }
            if let Some(extra) = got.iter().find(|e| !own.contains(e) && !across.contains(e)) {
                return Err(format!("the error {extra:?} is not one the contract's rules give here ({own:?}{across:?})"));
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_complete_draft_passes_and_every_case_lands_in_it() {
        let catalog = crate::sample::catalog();
        let base = complete_sections(&catalog, "cfcheck").unwrap();
        assert_eq!(expected_errors(&base, &catalog).unwrap(), (vec![], vec![]));
        let cases = rule_cases();
        assert!(cases.len() > 50, "{}", cases.len());
        let mut refused = 0;
        for case in cases {
            let mut sections = base.clone();
            set(&mut sections, &case.pointer, case.value).unwrap_or_else(|e| panic!("{}: {e}", case.name));
            let (own, across) = expected_errors(&sections, &catalog).unwrap_or_else(|e| panic!("{}: {e}", case.name));
            refused += usize::from(!own.is_empty() || !across.is_empty());
        }
        assert!(refused > 45, "most cases are refusals: {refused}");
    }

    #[test]
    fn the_verdict_wants_the_rules_errors_and_nothing_else() {
        let e = |p: &str, c: &str| (p.to_owned(), c.to_owned());
        let expected = (vec![e("/a", "too_long")], vec![]);
        assert!(judge(&expected, Some(&[e("/a", "too_long")])).is_ok());
        assert!(judge(&expected, None).is_err());
        assert!(judge(&expected, Some(&[e("/a", "invalid")])).is_err());
        assert!(judge(&expected, Some(&[e("/a", "too_long"), e("/b", "required")])).is_err());
        assert!(judge(&(vec![], vec![]), None).is_ok());
        assert!(judge(&(vec![], vec![]), Some(&[e("/a", "invalid")])).is_err());
    }
}
