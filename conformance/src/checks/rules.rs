//! The rules, field by field: a table of values just past each limit the contract states
//! (`onramp_api::schema_limits`) and of values its rules refuse, each sent inside an otherwise
//! complete draft. What to expect is computed with the contract's own rules on the backend's
//! own catalogue, so the suite and any correct backend agree by construction: a refused value
//! gets 422 with its pointer and code, an accepted one 200.

use onramp_api::schema_limits::{Limit, LIMITS};
use serde_json::{json, Value};

use super::common::{complete_sections, create, expected_errors, label, patch_current};
use crate::suite::Suite;

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

/// One case: a name, where, and the value put there.
struct Case {
    name: String,
    pointer: String,
    value: Value,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |pointer: String, what: &str, value: Value| out.push(Case { name: format!("rules{}.{what}", pointer.replace('/', ".")), pointer, value });
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
                    _ => json!(onramp_api::languages::CODES.get(i).copied().unwrap_or("en")),
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

/// Puts `value` at `pointer` in `doc`, adding the last key where the draft has none.
fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let (parent, key) = pointer.rsplit_once('/').ok_or("not a pointer")?;
    let holder = doc.pointer_mut(parent).ok_or_else(|| format!("{parent} is not in the complete draft"))?;
    match holder {
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

/// Runs this group.
pub fn run(s: &mut Suite) {
    let Ok(catalog) = s.catalog().cloned() else {
        s.skip("rules", "needs the catalogue (catalog.get failed)");
        return;
    };
    let Ok(base) = complete_sections(&catalog, &label()) else {
        s.skip("rules", "no complete draft can be built for this catalogue");
        return;
    };
    let mut draft = None;
    s.check("rules.a_complete_draft_is_accepted", |s| {
        let mut d = create(s, None)?;
        patch_current(s, &mut d, base.clone())?.expect(200)?;
        draft = Some(d);
        Ok(())
    });
    let Some(mut d) = draft else { return };
    for case in cases() {
        s.check(&case.name, |s| {
            let mut sections = base.clone();
            set(&mut sections, &case.pointer, case.value.clone())?;
            let (own, across) = expected_errors(&sections, &catalog)?;
            let reply = patch_current(s, &mut d, sections)?;
            if own.is_empty() && across.is_empty() {
                return reply.expect(200).map(|_| ()).map_err(|e| format!("the contract's rules accept this value, but {e}: {:?}", reply.errors()));
            }
            reply.expect(422).map_err(|e| format!("the contract's rules refuse this value with {own:?}{across:?}, but {e}"))?;
            let got = reply.errors();
            // The sections' own errors are all there; nothing beyond what the rules say.
            let expected = if own.is_empty() { &across } else { &own };
            if let Some(missing) = expected.iter().find(|e| !got.contains(e)) {
                return Err(format!("expected the error {missing:?} (the contract's rules), got {got:?}"));
            }
            if let Some(extra) = got.iter().find(|e| !own.contains(e) && !across.contains(e)) {
                return Err(format!("the error {extra:?} is not one the contract's rules give here ({own:?}{across:?})"));
            }
            Ok(())
        });
    }
}
