//! The rules, field by field: the contract's table (`onramp_api::conformance_cases`: values just
//! past each stated limit and values the rules refuse), each sent inside an otherwise complete
//! draft for the backend's own catalogue. What to expect is computed with the contract's own
//! rules, so the suite and any correct backend agree by construction: a refused value gets 422
//! with its pointer and code, an accepted one 200.

use onramp_api::conformance_cases::{complete_sections, expected_errors, judge, rule_cases, set};

use super::common::{create, label, patch_current};
use crate::suite::Suite;

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
        patch_current(s, &mut d, base.clone())?.want(200)?;
        draft = Some(d);
        Ok(())
    });
    let Some(mut d) = draft else { return };
    for case in rule_cases() {
        s.check(&case.name, |s| {
            let mut sections = base.clone();
            set(&mut sections, &case.pointer, case.value.clone())?;
            let expected = expected_errors(&sections, &catalog)?;
            let reply = patch_current(s, &mut d, sections)?;
            match reply.status {
                200 => judge(&expected, None),
                422 => judge(&expected, Some(&reply.errors())),
                other => Err(format!("expected 200 or 422, got {other}")),
            }
        });
    }
}
