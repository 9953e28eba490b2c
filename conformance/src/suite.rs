//! A run of the checks against one backend: each check is a closure that returns why it failed;
//! its result keeps the last exchange, and any answer that did not match the OpenAPI document
//! fails it too.

use onramp_api::Catalog;

use crate::http::Api;
use crate::report::{CheckResult, Outcome, Report};

/// A draft the suite made: its id, token and last known version.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Id.
    pub id: String,
    /// Resume token.
    pub token: String,
    /// Version (the `ETag` without quotes).
    pub version: u64,
}

impl Draft {
    /// `Authorization` for it.
    pub fn auth(&self) -> (&'static str, String) {
        ("Authorization", format!("Bearer {}", self.token))
    }
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The backend (`http://host:port`; the API is at `{base}/api/v1`).
    pub base_url: String,
    /// A partner id to check the partner calls with (skipped without one).
    pub partner: Option<String>,
    /// The provider API key, for the provider's calls (skipped without one).
    pub provider_key: Option<String>,
    /// A second instance of the backend with low rate limits and drafts that expire at once
    /// (`draft_ttl_days = 0`, `[limits] create_per_min = 3`), for the checks that need them.
    pub limited_base_url: Option<String>,
}

/// The run.
pub struct Suite<'a> {
    /// The backend.
    pub api: Api,
    /// What was asked.
    pub target: &'a Target,
    /// The backend's catalogue, once read.
    pub catalog: Option<Catalog>,
    /// A complete draft the checks share, once made.
    pub complete: Option<Draft>,
    /// The order placed from it, once placed: (order id, the draft).
    pub order: Option<(String, Draft)>,
    /// Results so far.
    pub report: Report,
    out: &'a mut dyn FnMut(&CheckResult),
}

impl<'a> Suite<'a> {
    /// A run against `api`, telling `out` of each result as it comes.
    pub fn new(api: Api, target: &'a Target, out: &'a mut dyn FnMut(&CheckResult)) -> Self {
        Self { api, target, catalog: None, complete: None, order: None, report: Report::default(), out }
    }

    /// Runs the check `name`.
    pub fn check(&mut self, name: &str, f: impl FnOnce(&mut Self) -> Result<(), String>) {
        *self.api.last.borrow_mut() = Default::default();
        self.api.mismatches.borrow_mut().clear();
        let result = f(self);
        let (sent, got) = self.api.last.borrow().clone();
        let mismatches = self.api.mismatches.borrow().clone();
        let outcome = match (result, mismatches.first()) {
            (Err(why), _) => Outcome::Fail(why),
            (Ok(()), Some(m)) => Outcome::Fail(m.clone()),
            (Ok(()), None) => Outcome::Pass,
        };
        self.record(CheckResult { name: name.to_owned(), outcome, sent, got });
    }

    /// Records `name` as skipped, saying why and how to run it.
    pub fn skip(&mut self, name: &str, why: &str) {
        self.record(CheckResult { name: name.to_owned(), outcome: Outcome::Skip(why.to_owned()), sent: String::new(), got: String::new() });
    }

    fn record(&mut self, result: CheckResult) {
        (self.out)(&result);
        self.report.results.push(result);
    }

    /// The catalogue, or why the check cannot go on without it.
    pub fn catalog(&self) -> Result<&Catalog, String> {
        self.catalog.as_ref().ok_or_else(|| "needs the catalogue, which could not be read (see catalog.get)".to_owned())
    }
}

/// A fresh random hex string of `len` digits (draft labels, idempotency keys).
pub fn random_hex(len: usize) -> String {
    let mut bytes = vec![0u8; len.div_ceil(2)];
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect::<String>().chars().take(len).collect()
}
