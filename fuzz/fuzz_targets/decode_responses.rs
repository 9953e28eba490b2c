//! Any bytes as each answer the app decodes: problem details and every response type.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<onramp_api::Problem>(data);
    let _ = serde_json::from_slice::<onramp_api::Catalog>(data);
    let _ = serde_json::from_slice::<onramp_api::Signup>(data);
    let _ = serde_json::from_slice::<onramp_api::CreatedSignup>(data);
    let _ = serde_json::from_slice::<onramp_api::domain::Availability>(data);
    let _ = serde_json::from_slice::<onramp_api::dns::Verification>(data);
    let _ = serde_json::from_slice::<onramp_api::order::Order>(data);
    let _ = serde_json::from_slice::<onramp_api::asset::Asset>(data);
    if let Ok(p) = serde_json::from_slice::<onramp_api::Problem>(data) {
        for e in &p.errors {
            let _ = onramp_api::asset::ImageProblem::from_field_error(e);
        }
    }
});
