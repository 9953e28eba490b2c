//! `cargo xtask conformance --base-url URL [--partner ID] [--provider-key KEY]
//! [--limited-base-url URL]`: the conformance suite (`onramp-conformance`) against any backend;
//! and the same suite against the reference server, as `cargo xtask test` runs it.

use std::net::SocketAddr;
use std::process::Command;

use crate::server::{self, Server};
use crate::util::{self, root, step};

const USAGE: &str = "usage: cargo xtask conformance --base-url URL [--partner ID] [--provider-key KEY] [--limited-base-url URL]";

/// Builds the suite's binary and returns its path.
fn build() -> Result<std::path::PathBuf, String> {
    step("Building the conformance suite (onramp-conformance)");
    util::run(util::cargo().args(["build", "--package", "onramp-conformance"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| root().join("target"));
    Ok(target.join("debug").join(format!("onramp-conformance{}", std::env::consts::EXE_SUFFIX)))
}

/// `cargo xtask conformance …`: the arguments go to the suite as they are (the provider key
/// through the environment, so it is not on a command line others can read).
pub fn run(args: &[String]) -> Result<(), String> {
    if !args.iter().any(|a| a == "--base-url") {
        return Err(format!("the backend to check is missing\n{USAGE}"));
    }
    let mut forwarded = Vec::new();
    let mut key = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--provider-key" => key = Some(it.next().ok_or(USAGE)?.clone()),
            "--base-url" | "--partner" | "--limited-base-url" => {
                forwarded.push(a.clone());
                forwarded.push(it.next().ok_or(USAGE)?.clone());
            }
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let binary = build()?;
    step("Running the conformance suite");
    let mut cmd = Command::new(binary);
    cmd.args(&forwarded);
    if let Some(k) = key {
        cmd.env("ONRAMP_CONFORMANCE_PROVIDER_KEY", k);
    }
    util::run(&mut cmd)
}

/// The suite against the reference server: one instance with the example configuration (its
/// partners, a provider key made for this run, a provisioning endpoint), and one with drafts kept a second and three new
/// drafts a minute, for the expiry and rate-limit checks.
pub fn against_reference() -> Result<(), String> {
    let binary = server::build()?;
    let suite = build()?;
    let work = root().join("target").join("xtask").join(format!("conformance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("static")).map_err(|e| format!("cannot make {}: {e}", work.display()))?;
    // The suite checks the API; the server still wants a page to serve beside it.
    std::fs::write(work.join("static").join("index.html"), "<!DOCTYPE html><title>Conformance</title>\n").map_err(|e| e.to_string())?;
    let limited_config = work.join("limited.toml");
    std::fs::write(&limited_config, "# Low limits for the conformance suite's 429 check.\n[limits]\ncreate_per_min = 3\n").map_err(|e| e.to_string())?;
    let key = util::random_key();
    // The example configuration with a provisioning endpoint (nothing listens there: deliveries
    // wait and retry), so orders are the provider's to move and step reports are taken.
    let example = std::fs::read_to_string(root().join("onramp.example.toml")).map_err(|e| format!("cannot read onramp.example.toml: {e}"))?;
    let hook_port = util::free_port()?;
    let main_config = work.join("main.toml");
    std::fs::write(&main_config, format!("{example}\n[[webhooks]]\nurl = \"http://127.0.0.1:{hook_port}/onramp\"\nsecret = {{ env = \"ONRAMP_CONFORMANCE_WEBHOOK_SECRET\" }}\n"))
        .map_err(|e| e.to_string())?;
    // 48 hex digits are base64 too (36 bytes).
    std::env::set_var("ONRAMP_CONFORMANCE_WEBHOOK_SECRET", format!("whsec_{}", util::random_key()));
    let free = || util::free_port().map(|p| SocketAddr::from(([127, 0, 0, 1], p)));
    let (main_addr, limited_addr, dns) = (free()?, free()?, free()?);
    step(&format!("The conformance suite against the reference server on {main_addr} (and {limited_addr} with low limits)"));
    std::env::set_var("ONRAMP_PROVIDER_API_KEY", &key);
    let result = {
        let main_path = main_config.display().to_string();
        let _main = Server::start(&binary, main_addr, &work.join("main"), &work.join("static"), dns, &["--config", &main_path])?;
        let limited_path = limited_config.display().to_string();
        let _limited = Server::start(&binary, limited_addr, &work.join("limited"), &work.join("static"), dns, &["--config", &limited_path, "--draft-ttl-secs", "1"])?;
        util::run(Command::new(&suite)
            .args(["--base-url", &format!("http://{main_addr}"), "--partner", "example-university", "--limited-base-url", &format!("http://{limited_addr}")])
            .env("ONRAMP_CONFORMANCE_PROVIDER_KEY", &key))
    };
    let _ = std::fs::remove_dir_all(&work);
    result
}
