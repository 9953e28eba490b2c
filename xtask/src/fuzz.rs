//! `cargo xtask fuzz [--seconds N] [target…]`: runs each cargo-fuzz target in `fuzz/` for a while
//! on nightly (installed here; cargo-fuzz is installed when missing) and says how long each ran.
//! A crash stops with the input's path; turn it into a unit test.

use std::process::Command;
use std::time::Instant;

use crate::util::{self, root, run, step};

/// Every target, as `fuzz/Cargo.toml` names them.
pub const TARGETS: [&str; 5] = ["validate_draft", "blocklist_csv", "decode_responses", "field_rules", "embed_messages"];

pub fn run_fuzz(args: &[String]) -> Result<(), String> {
    let mut seconds = 60u64;
    let mut chosen = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                let v = it.next().ok_or("--seconds needs a number")?;
                seconds = v.parse().map_err(|_| format!("--seconds {v}: expected a whole number"))?;
            }
            t if TARGETS.contains(&t) => chosen.push(t.to_owned()),
            other => return Err(format!("unknown fuzz target or flag `{other}`; targets: {}", TARGETS.join(", "))),
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    if util::output(Command::new("rustup").args(["run", "nightly", "rustc", "--version"])).is_none() {
        return Err("fuzzing needs the nightly toolchain: rustup toolchain install nightly".into());
    }
    if util::output(util::cargo().args(["fuzz", "--version"])).is_none() {
        step("Installing cargo-fuzz (cargo install cargo-fuzz --locked)");
        run(util::cargo().args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let dir = root().join("fuzz");
    let mut report = Vec::new();
    for target in &chosen {
        step(&format!("Fuzzing {target} for {seconds} s"));
        let started = Instant::now();
        run(Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--", &format!("-max_total_time={seconds}")])
            .current_dir(&dir))
        .map_err(|e| format!("{target} found a crash ({e}); the input is under fuzz/artifacts/{target}/"))?;
        report.push(format!("  {target:<18} ran {} s, no crash", started.elapsed().as_secs()));
    }
    println!("\nxtask fuzz:\n{}", report.join("\n"));
    Ok(())
}
