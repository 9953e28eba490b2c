//! Installs what the tasks need, at pinned versions, and says what it installed. Anything that
//! cannot be had ends with a message saying what to do.

use std::path::PathBuf;
use std::process::Command;

use crate::util::{self, output, root, run, step, which};

/// Trunk's version line, as `cargo install` is asked for it.
const TRUNK_REQ: &str = "~0.21";
const TRUNK_PREFIX: &str = "trunk 0.21.";

/// What a task needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Building the app: wasm target, Trunk, wasm-bindgen-cli, npm tools.
    Build,
    /// Building and a headless browser.
    Everything,
}

/// Paths of the browser tools.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// Installs what `need` asks for; returns what was installed.
pub fn setup(need: Need) -> Result<Vec<String>, String> {
    step("Checking tools");
    let mut installed = Vec::new();
    wasm_target(&mut installed)?;
    let version = wasm_bindgen_version()?;
    trunk(&mut installed)?;
    wasm_bindgen_cli(&version, &mut installed)?;
    npm_tools(&mut installed)?;
    if need >= Need::Everything {
        browser(&mut installed)?;
        nginx(&mut installed)?;
        postgres(&mut installed)?;
    }
    if installed.is_empty() {
        println!("all tools present");
    } else {
        println!("installed: {}", installed.join(", "));
    }
    Ok(installed)
}

fn wasm_target(installed: &mut Vec<String>) -> Result<(), String> {
    let Some(list) = output(Command::new("rustup").args(["target", "list", "--installed"])) else {
        return Err("rustup not found: install Rust with rustup (https://rustup.rs), then run this again".into());
    };
    if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    step("Adding the wasm32-unknown-unknown target (about a minute)");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    installed.push("rust target wasm32-unknown-unknown".into());
    Ok(())
}

/// The wasm-bindgen version locked in Cargo.lock; Trunk.toml must name the same.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    let mut version = None;
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            version = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
            break;
        }
    }
    let version = version.ok_or("Cargo.lock has no wasm-bindgen entry")?;
    let trunk_toml = std::fs::read_to_string(root().join("Trunk.toml")).unwrap_or_default();
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen must be \"{version}\", the version in Cargo.lock"
        ));
    }
    Ok(version)
}

fn trunk(installed: &mut Vec<String>) -> Result<(), String> {
    let current = output(Command::new("trunk").arg("--version").env("PATH", util::tool_path()));
    if current.as_deref().is_some_and(|v| v.trim().starts_with(TRUNK_PREFIX)) {
        return Ok(());
    }
    step("Installing Trunk 0.21 with cargo install (about 10 minutes on 2 cores)");
    run(util::cargo().args(["install", "trunk", "--version", TRUNK_REQ, "--locked"]))?;
    installed.push("trunk 0.21".into());
    Ok(())
}

fn wasm_bindgen_cli(version: &str, installed: &mut Vec<String>) -> Result<(), String> {
    let current = output(Command::new("wasm-bindgen").arg("--version").env("PATH", util::tool_path()));
    let runner = util::cargo_home().map(|h| h.join("bin").join("wasm-bindgen-test-runner"));
    let have_runner = runner.is_some_and(|r| r.is_file()) || which("wasm-bindgen-test-runner").is_some();
    if current.as_deref().map(str::trim) == Some(&format!("wasm-bindgen {version}")) && have_runner {
        return Ok(());
    }
    step(&format!("Installing wasm-bindgen-cli {version} with cargo install (a few minutes)"));
    // Not --locked: a locked dependency of wasm-bindgen-cli is missing from the registry.
    run(util::cargo().args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]))?;
    installed.push(format!("wasm-bindgen-cli {version}"));
    Ok(())
}

fn npm_tools(installed: &mut Vec<String>) -> Result<(), String> {
    let root = root();
    let present = ["node_modules/.bin/wasm-opt", "node_modules/@playwright/test/package.json", "node_modules/axe-core/axe.min.js", "node_modules/typescript/bin/tsc", "node_modules/openapi-typescript/package.json", "node_modules/@seriousme/openapi-schema-validator/package.json", "node_modules/swagger-ui-dist/swagger-ui-bundle.js"]
        .iter()
        .all(|p| root.join(p).is_file());
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules/.package-lock.json");
    let stale = match (std::fs::metadata(&lock).and_then(|m| m.modified()), std::fs::metadata(&stamp).and_then(|m| m.modified())) {
        (Ok(l), Ok(s)) => l > s,
        _ => true,
    };
    if present && !stale {
        return Ok(());
    }
    if which("npm").is_none() || which("node").is_none() {
        return Err("Node.js and npm are needed (Node 20 or newer): install them (on Debian: apt-get install nodejs npm), then run this again".into());
    }
    step("Installing npm tools (binaryen's wasm-opt 132, Playwright, axe-core, TypeScript, OpenAPI validator and client generator, Swagger UI) from package-lock.json");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&root)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    installed.push("npm tools (binaryen 132, @playwright/test, axe-core, typescript, openapi-typescript, openapi-schema-validator, swagger-ui-dist)".into());
    Ok(())
}

/// Chromium and its driver: found, or installed with apt-get on Debian as root.
pub fn browser(installed: &mut Vec<String>) -> Result<Browser, String> {
    let find = |env: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(env).map(PathBuf::from).filter(|p| p.is_file()) {
            return Some(p);
        }
        names.iter().find_map(|n| which(n))
    };
    let found = || {
        Some(Browser {
            chromium: find("ONRAMP_CHROMIUM", &["chromium", "chromium-browser"])?,
            chromedriver: find("CHROMEDRIVER", &["chromedriver"])?,
        })
    };
    if let Some(b) = found() {
        return Ok(b);
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !(is_root && which("apt-get").is_some()) {
        return Err("Chromium and chromedriver are needed for the browser tests. Install them \
            (Debian: apt-get install chromium chromium-driver) or set ONRAMP_CHROMIUM and \
            CHROMEDRIVER to their paths, then run this again"
            .into());
    }
    step("Installing Chromium and chromedriver with apt-get");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    installed.push("chromium and chromium-driver (apt)".into());
    found().ok_or_else(|| "apt-get installed Chromium, but chromium or chromedriver is still not on PATH".into())
}

/// nginx, whose `nginx -t` checks the redirect snippet an order's Mastodon configuration holds:
/// found, or installed with apt-get on Debian as root (nginx-light; it is not started).
pub fn nginx(installed: &mut Vec<String>) -> Result<PathBuf, String> {
    let found = || {
        std::env::var_os("ONRAMP_NGINX")
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .or_else(|| ["/usr/sbin/nginx", "/usr/bin/nginx"].iter().map(PathBuf::from).find(|p| p.is_file()))
            .or_else(|| which("nginx"))
    };
    if let Some(p) = found() {
        return Ok(p);
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !(is_root && which("apt-get").is_some()) {
        return Err("nginx is needed to check the web-server snippets (nginx -t). Install it \
            (Debian: apt-get install nginx-light) or set ONRAMP_NGINX to its path, then run this again"
            .into());
    }
    step("Installing nginx (nginx-light) with apt-get, for nginx -t");
    let install = || {
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "nginx-light"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    if !install() {
        run(Command::new("apt-get").arg("update"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "nginx-light"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    installed.push("nginx-light (apt)".into());
    found().ok_or_else(|| "apt-get installed nginx-light, but nginx is still not found".into())
}

/// PostgreSQL's `pg_virtualenv` (Debian's postgresql-common), which runs a command against a
/// throwaway cluster on 127.0.0.1 (as root too): found, or PostgreSQL installed with apt-get.
pub fn postgres(installed: &mut Vec<String>) -> Result<PathBuf, String> {
    let found = || {
        let server = std::fs::read_dir("/usr/lib/postgresql").ok()?.filter_map(Result::ok).any(|e| e.path().join("bin").join("postgres").is_file());
        server.then(|| which("pg_virtualenv")).flatten()
    };
    if let Some(p) = found() {
        return Ok(p);
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !(is_root && which("apt-get").is_some()) {
        return Err("PostgreSQL is needed: the server tests run on it as well as on SQLite. Install it \
            (Debian: apt-get install postgresql postgresql-common), then run this again"
            .into());
    }
    step("Installing PostgreSQL with apt-get (a throwaway cluster is made for each test run)");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "postgresql", "postgresql-common"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    installed.push("postgresql (apt)".into());
    found().ok_or_else(|| "apt-get installed PostgreSQL, but pg_virtualenv or the server is still not found".into())
}
