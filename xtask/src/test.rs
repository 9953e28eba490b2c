//! `cargo xtask test`: every test, bottom to top. Native and server tests, wasm tests in headless
//! Chromium, then the end-to-end suite against the reference server with axe-core.

use std::net::SocketAddr;
use std::process::Command;

use crate::build::trunk_build_split;
use crate::server::{self, Server};
use crate::tools::{self, Need};
use crate::util::{self, root, step, tool_path};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Native,
    Wasm,
    E2e,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut layers = vec![Layer::Native, Layer::Wasm, Layer::E2e];
    let mut grep: Option<String> = None;
    let mut update_snapshots = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--only" => {
                let layer = match it.next().map(String::as_str) {
                    Some("native") => Layer::Native,
                    Some("wasm") => Layer::Wasm,
                    Some("e2e") => Layer::E2e,
                    _ => return Err("--only takes native, wasm or e2e".into()),
                };
                layers = vec![layer];
            }
            // Only the end-to-end tests whose title matches (Playwright's --grep), for working on
            // one of them; the second provider's flow is left out then.
            "--grep" => grep = Some(it.next().ok_or("--grep takes a pattern of test titles")?.clone()),
            // Writes the screenshots of this Chromium as the reviewed baselines (look at them first).
            "--update-snapshots" => update_snapshots = true,
            // Inside pg_virtualenv: the provider flow on PostgreSQL (see below).
            "--provider-flow-here" => return provider_flow_on_postgres(),
            other => return Err(format!("unknown option `{other}` for test (try --only native|wasm|e2e, --grep TITLE, --update-snapshots)")),
        }
    }
    tools::setup(Need::Everything)?;
    let browser = tools::browser(&mut Vec::new())?;
    let nginx = tools::nginx(&mut Vec::new())?;
    let pg_virtualenv = tools::postgres(&mut Vec::new())?;
    let mut passed = Vec::new();

    if layers.contains(&Layer::Native) {
        step("Native tests: api rules, app logic, server (oneshot and a real socket), tidy");
        // With ONRAMP_NGINX set, the Mastodon test requires `nginx -t` to pass on its snippet.
        util::run(util::cargo().args(["test", "--workspace"]).env("ONRAMP_NGINX", &nginx))?;
        step("The wasm splitter's own tests (splitter/, its own workspace: folding data-only chunks)");
        util::run(util::cargo().args(["test", "--quiet", "--manifest-path", "splitter/Cargo.toml", "--target-dir", "target/splitter"]))?;
        step("docs/embed.d.ts against every message the app sends (tsc --strict on target/embed-samples.ts, written by the api tests)");
        util::run(Command::new("node")
            .arg(root().join("node_modules/typescript/bin/tsc"))
            .args(["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--lib", "es2017,dom", "docs/embed.d.ts", "target/embed-samples.ts"])
            .current_dir(root()))?;
        step("api/openapi.json: valid OpenAPI 3.1, and a TypeScript client generated from it compiles");
        util::run(Command::new("node").arg(root().join("xtask").join("openapi.mjs")).current_dir(root()))?;
        crate::conformance::against_reference()?;
        step("The same store tests, two instances on one database, and the kill test, on a throwaway PostgreSQL");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        util::run(Command::new(&pg_virtualenv)
            .args(["sh", "-c", "ONRAMP_TEST_DATABASE=\"postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE\" exec \"$0\" test --package onramp-server --test stores --test instances --test kill"])
            .arg(cargo)
            .env("ONRAMP_REQUIRE_POSTGRES", "1")
            .current_dir(root()))?;
        passed.push("native");
    }
    if layers.contains(&Layer::Wasm) {
        step("wasm-bindgen tests in headless Chromium");
        util::run(util::cargo()
            .args(["test", "--package", "onramp", "--target", "wasm32-unknown-unknown", "--test", "web"])
            .env("PATH", tool_path())
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
        passed.push("wasm");
    }
    if layers.contains(&Layer::E2e) {
        trunk_build_split(true)?;
        step("Size gate: the first step's compressed bytes against budgets.json");
        util::run(Command::new("node").arg(root().join("xtask").join("size.mjs")).current_dir(root()))?;
        allow_pseudo_locale()?;
        let binary = server::build()?;
        let data = root().join("target").join("xtask").join(format!("e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        let addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let dns = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let partner = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let third = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        step(&format!("End-to-end tests in headless Chromium against the reference server on {addr}"));
        let result = {
            // Provisioning steps of 150 ms, so the suite watches orders go live quickly.
            // A partner's page on a second origin, allowed to embed the sample partners.
            let (partner_addr, partner_origin) = (partner.to_string(), format!("http://{partner}"));
            let extra = ["--provision-step-ms", "150", "--partner-demo-addr", &partner_addr, "--sample-partner-origins", &partner_origin];
            let server = Server::start(&binary, addr, &data, &root().join("dist"), dns, &extra)?;
            let mut suite = playwright("tests/e2e/playwright.config.mjs", &server, &data, &browser);
            if let Some(g) = &grep {
                suite.args(["--grep", g]);
            }
            if update_snapshots {
                suite.arg("--update-snapshots");
            }
            util::run(suite
                .env("ONRAMP_DNS_PORT", dns.port().to_string())
                .env("ONRAMP_PARTNER_URL", &partner_origin)
                .env("ONRAMP_THIRD_PORT", third.port().to_string()))
        };
        let _ = std::fs::remove_dir_all(&data);
        result?;
        if grep.is_some() {
            println!("xtask: --grep given: the second provider's flow on PostgreSQL is left out");
            passed.push("e2e (matching --grep)");
            println!("\nxtask test: all layers passed ({})", passed.join(", "));
            return Ok(());
        }
        // The whole flow once more as another provider, on PostgreSQL: the second example
        // configuration, the server on a throwaway cluster (this task again, under pg_virtualenv).
        step("End-to-end flow as a second provider (examples/fediverse-hosting-at.toml) on a throwaway PostgreSQL");
        let me = std::env::current_exe().map_err(|e| e.to_string())?;
        util::run(Command::new(&pg_virtualenv).arg(me).args(["test", "--provider-flow-here"]).current_dir(root()))?;
        passed.push("e2e");
    }
    println!("\nxtask test: all layers passed ({})", passed.join(", "));
    Ok(())
}

/// The flow as the second provider against a server on the PostgreSQL that `pg_virtualenv` made
/// (its `PG*` variables).
fn provider_flow_on_postgres() -> Result<(), String> {
    let var = |k: &str| std::env::var(k).map_err(|_| format!("{k} is not set: this runs under pg_virtualenv (cargo xtask test does that)"));
    let url = format!("postgres://{}:{}@{}:{}/{}", var("PGUSER")?, var("PGPASSWORD")?, var("PGHOST")?, var("PGPORT")?, var("PGDATABASE")?);
    let browser = tools::browser(&mut Vec::new())?;
    let binary = server::build()?;
    let data = root().join("target").join("xtask").join(format!("e2e-provider-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    let dns = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    // The example file with a checkout: the test payment page the suite serves on `payment`
    // stands in for the provider's (tests/e2e/payment-page.mjs).
    let payment = util::free_port()?;
    let example = std::fs::read_to_string(root().join("examples").join("fediverse-hosting-at.toml")).map_err(|e| format!("cannot read the example configuration: {e}"))?;
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let config_path = data.join("fediverse-hosting-at-with-payments.toml");
    std::fs::write(&config_path, format!("{example}\n[payments]\ncheckout_url = \"http://127.0.0.1:{payment}/checkout\"\nsecret = {{ env = \"FHO_PAYMENTS_SECRET\" }}\n"))
        .map_err(|e| format!("cannot write {}: {e}", config_path.display()))?;
    let config = config_path.display().to_string();
    // 48 hex digits are base64 too (36 bytes).
    let payments_secret = format!("whsec_{}", util::random_key());
    std::env::set_var("FHO_PAYMENTS_SECRET", &payments_secret);
    step(&format!("The flow as Fediverse Hosting Österreich on {addr}, its database on PostgreSQL, its checkout on 127.0.0.1:{payment}"));
    let key = util::random_key();
    std::env::set_var("FHO_PROVIDER_API_KEY", &key);
    let result = {
        let extra = ["--provision-step-ms", "150", "--config", config.as_str(), "--database", url.as_str()];
        let server = Server::start(&binary, addr, &data, &root().join("dist"), dns, &extra)?;
        util::run(playwright("tests/e2e/playwright.provider.config.mjs", &server, &data, &browser)
            .env("ONRAMP_PROVIDER_KEY", &key)
            .env("ONRAMP_PAYMENT_PORT", payment.to_string())
            .env("ONRAMP_PAYMENT_SECRET", &payments_secret))
    };
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// Playwright with `config` against `server`, whose mail goes to `data/outbox`.
fn playwright(config: &str, server: &Server, data: &std::path::Path, browser: &crate::tools::Browser) -> Command {
    let mut cmd = Command::new("node");
    cmd.arg(root().join("node_modules/@playwright/test/cli.js"))
        .args(["test", "--config", config])
        .current_dir(root())
        .env("ONRAMP_BASE_URL", server.url())
        .env("ONRAMP_OUTBOX", data.join("outbox"))
        .env("ONRAMP_CHROMIUM", &browser.chromium)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    cmd
}

/// Lets this run's app show the pseudo-locale (`?locale=en-XA`): `"pseudo_locale": true` in the
/// built `config.json`, after the size gate measured the file as shipped (`dist` leaves it out).
/// The precompressed copies go, so the server sends the changed file.
fn allow_pseudo_locale() -> Result<(), String> {
    let dist = root().join("dist");
    let path = dist.join("config.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let Some(rest) = text.trim_start().strip_prefix('{') else {
        return Err(format!("{} is not a JSON object", path.display()));
    };
    std::fs::write(&path, format!("{{\n  \"pseudo_locale\": true,{rest}")).map_err(|e| format!("writing {}: {e}", path.display()))?;
    for copy in ["config.json.br", "config.json.gz"] {
        let _ = std::fs::remove_file(dist.join(copy));
    }
    Ok(())
}
