//! Building the app with Trunk, offline, with the project's pinned tools on `PATH`.

use std::process::Command;

use crate::tools::{self, Need};
use crate::util::{root, run, step, tool_path};

/// `trunk build --offline` (with `--release`: opt-level z, LTO and wasm-opt 132) into `dist/`.
pub fn trunk_build(release: bool) -> Result<(), String> {
    step(if release { "Building the app for release into dist/" } else { "Building the app into dist/" });
    let mut cmd = Command::new("trunk");
    cmd.arg("build").arg("--offline");
    if release {
        cmd.arg("--release");
    }
    // Trunk reads NO_COLOR as a boolean flag; an inherited NO_COLOR=1 would make it refuse to run.
    cmd.current_dir(root()).env("PATH", tool_path()).env("NO_COLOR", "true");
    run(&mut cmd)?;
    precompress(&root().join("dist"))
}

/// Brotli and gzip copies of the build's files, served as they are (no compression per request).
pub fn precompress(dir: &std::path::Path) -> Result<(), String> {
    run(Command::new("node").arg(root().join("xtask").join("precompress.mjs")).arg(dir).current_dir(root()))
}

/// `cargo xtask dist`.
pub fn dist() -> Result<(), String> {
    tools::setup(Need::Build)?;
    trunk_build(true)?;
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
