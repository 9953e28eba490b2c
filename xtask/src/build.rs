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
    run(&mut cmd)
}

/// `cargo xtask dist`.
pub fn dist() -> Result<(), String> {
    tools::setup(Need::Build)?;
    trunk_build(true)?;
    println!("\nthe release build is in {}", root().join("dist").display());
    Ok(())
}
