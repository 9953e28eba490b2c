//! Building the app with Trunk, offline, with the project's pinned tools on `PATH`: unsplit for
//! `dev`, split into lazily loaded chunks for `test`, `bench` and `dist`.

use std::process::Command;

use crate::tools::{self, Need};
use crate::util::{root, run, step, tool_path, which_in};

/// `trunk build --offline` (with `--release`: opt-level z, LTO and wasm-opt 132) into `dist/`,
/// one wasm with every step (`cargo xtask dev`).
pub fn trunk_build(release: bool) -> Result<(), String> {
    step(if release { "Building the app for release into dist/" } else { "Building the app into dist/" });
    let mut cmd = trunk(release);
    run(&mut cmd)?;
    precompress(&root().join("dist"))
}

/// The split build into `dist/`: Trunk with `Trunk-split.toml`, whose post_build hook (the
/// `splitter/` crate, built here first) splits the wasm at the app's split points.
pub fn trunk_build_split(release: bool) -> Result<(), String> {
    step("Building the wasm splitter (splitter/, its own workspace; about 2 minutes the first time)");
    run(Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--quiet", "--manifest-path", "splitter/Cargo.toml", "--target-dir", "target/splitter"])
        .current_dir(root()))?;
    step(if release {
        "Building the app for release into dist/, split: the first step, then a chunk per step"
    } else {
        "Building the app into dist/, split: the first step, then a chunk per step"
    });
    let wasm_bindgen = which_in("wasm-bindgen", &tool_path()).ok_or("wasm-bindgen is not installed (cargo xtask setup)")?;
    let wasm_opt = root().join("node_modules").join(".bin").join("wasm-opt");
    let mut cmd = trunk(release);
    cmd.args(["--config", "Trunk-split.toml", "--features", "split", "--no-sri"])
        // The relocations let the splitter follow every call and reference. This variable adds to
        // .cargo/config.toml's rustflags (RUSTFLAGS would replace them); its own target folder
        // keeps the unsplit build's cache.
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", "-Clink-args=--emit-relocs")
        .env("CARGO_TARGET_DIR", root().join("target").join("split"))
        .env("ONRAMP_WASM_BINDGEN", wasm_bindgen)
        .env("ONRAMP_WASM_OPT", wasm_opt);
    run(&mut cmd)?;
    precompress(&root().join("dist"))
}

fn trunk(release: bool) -> Command {
    let mut cmd = Command::new("trunk");
    cmd.arg("build").arg("--offline");
    if release {
        cmd.arg("--release");
    }
    // Trunk reads NO_COLOR as a boolean flag; an inherited NO_COLOR=1 would make it refuse to run.
    cmd.current_dir(root()).env("PATH", tool_path()).env("NO_COLOR", "true");
    cmd
}

/// Brotli and gzip copies of the build's files, served as they are (no compression per request).
pub fn precompress(dir: &std::path::Path) -> Result<(), String> {
    run(Command::new("node").arg(root().join("xtask").join("precompress.mjs")).arg(dir).current_dir(root()))
}

/// `cargo xtask dist`.
pub fn dist() -> Result<(), String> {
    tools::setup(Need::Build)?;
    trunk_build_split(true)?;
    // The security headers for static hosts, from the same code the reference server sends.
    let server = crate::server::build()?;
    step("Writing dist/_headers (Content-Security-Policy with this build's script hash, caching)");
    let out = Command::new(&server)
        .args(["--print-headers", "--static"])
        .arg(root().join("dist"))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", server.display()))?;
    if !out.status.success() {
        return Err(format!("onramp-server --print-headers failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    std::fs::write(root().join("dist").join("_headers"), &out.stdout).map_err(|e| format!("cannot write dist/_headers: {e}"))?;
    println!("\nthe release build is in {} (with _headers for static hosts; see README)", root().join("dist").display());
    Ok(())
}
