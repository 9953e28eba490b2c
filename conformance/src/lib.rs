//! Onramp's conformance suite: black-box checks that a backend answers Onramp's JSON API as the
//! contract says (the types and rules of `onramp-api`, the document `api/openapi.json`). Each
//! check has a stable name and says pass, fail (with what was sent and what came back) or skip
//! (with how to enable it). Every JSON answer is also checked against the OpenAPI schema of its
//! operation and status.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod checks;
mod http;
mod report;
mod schema;
mod suite;

pub use report::{CheckResult, Outcome, Report};
pub use suite::Target;

/// Runs every check against `target`, telling `out` of each result as it comes.
pub fn run(target: &Target, out: &mut dyn FnMut(&CheckResult)) -> Result<Report, String> {
    let doc = schema::Document::contract()?;
    let api = http::Api::new(&target.base_url, doc)?;
    // Nothing to check where nothing answers.
    api.send("GET", "/catalog", "/catalog", &[], None).map_err(|e| format!("{e}; is the backend running?"))?;
    let mut suite = suite::Suite::new(api, target, out);
    checks::drafts::run(&mut suite);
    checks::rules::run(&mut suite);
    checks::orders::run(&mut suite);
    checks::assets::run(&mut suite);
    checks::partners::run(&mut suite);
    checks::provider::run(&mut suite);
    checks::limits::run(&mut suite);
    Ok(suite.report)
}
