//! `onramp-conformance --base-url URL`: runs the suite against a backend, prints each check, and
//! exits non-zero when any fails.

use clap::Parser;
use std::process::ExitCode;

/// Checks that a backend answers Onramp's JSON API as the contract says.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The backend (its API is at URL/api/v1).
    #[arg(long)]
    base_url: String,
    /// A partner configured on the backend, to check the partner calls with.
    #[arg(long)]
    partner: Option<String>,
    /// The provider API key (or set ONRAMP_CONFORMANCE_PROVIDER_KEY), for the provider's calls.
    #[arg(long, env = "ONRAMP_CONFORMANCE_PROVIDER_KEY", hide_env_values = true)]
    provider_key: Option<String>,
    /// A second instance with drafts that expire at once and low limits, for 410 and 429.
    #[arg(long)]
    limited_base_url: Option<String>,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let target = onramp_conformance::Target { base_url: a.base_url, partner: a.partner, provider_key: a.provider_key, limited_base_url: a.limited_base_url };
    let mut print = |r: &onramp_conformance::CheckResult| println!("{}", r.render()); // ok: the suite's output
    match onramp_conformance::run(&target, &mut print) {
        Ok(report) => {
            println!("\n{}", report.summary()); // ok: the suite's output
            if report.failed() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("onramp-conformance: {e}"); // ok: the suite's output
            ExitCode::from(2)
        }
    }
}
