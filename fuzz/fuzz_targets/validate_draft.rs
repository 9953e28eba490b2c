//! Any bytes as a draft update: decoded like the server does, then every rule, the cross-section
//! rules and the submit checks run on it. None may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onramp_api::order::{check_submittable, SubmitRequest};
use onramp_api::validate::{validate_across, validate_sections};
use onramp_api::DraftSections;

fuzz_target!(|data: &[u8]| {
    let catalog = onramp_api::sample::catalog();
    if let Ok(sections) = serde_json::from_slice::<DraftSections>(data) {
        let _ = validate_sections(&sections, &catalog);
        let _ = validate_across(&sections, &catalog);
        let _ = check_submittable(&sections, &SubmitRequest { accept_terms: data.len() % 2 == 0 });
        let _ = onramp_api::pricing::quote(&catalog, &sections.plan.clone().unwrap_or_default());
        let _ = onramp_api::tax::vat_treatment(&catalog.provider_country, sections.organization.as_ref());
    }
});
