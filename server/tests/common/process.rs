//! The server binary in a process of its own, for the tests that watch it from outside
//! (memory, timeouts, logs): started on a free port, stopped when dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running server binary.
pub struct Process {
    /// The process.
    pub child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
    /// Its data folder (and whatever else the test put there).
    pub dir: tempfile::TempDir,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    /// Kills the process with SIGKILL (no chance to finish anything) and hands back its data
    /// folder for a restart.
    pub fn kill9(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"))
    }
}

/// Runs the binary's task `args` on the data in `dir` (with `env`) and returns what it printed.
pub fn task(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let config = dir.join("onramp.toml");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onramp-server"));
    cmd.args(args).arg("--data").arg(dir).envs(env.iter().copied());
    if config.is_file() {
        cmd.arg("--config").arg(config);
    }
    let out = cmd.output().expect("run the task");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Starts the binary with `args` (after `--addr 127.0.0.1:0 --data DIR`); `config`, when given,
/// is written to `DIR/onramp.toml` and passed with `--config`. Standard error is piped when
/// `capture_stderr`, else logs are quiet.
pub fn start(args: &[&str], config: Option<&str>, capture_stderr: bool) -> Process {
    start_in(tempfile::tempdir().expect("temp dir"), args, config, &[], capture_stderr)
}

/// [`start`] in `dir` (a restart on the same data), with these environment variables set.
pub fn start_in(dir: tempfile::TempDir, args: &[&str], config: Option<&str>, env: &[(&str, &str)], capture_stderr: bool) -> Process {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onramp-server"));
    cmd.args(["--addr", "127.0.0.1:0", "--dns-resolver", "127.0.0.1:9", "--data"]).arg(dir.path()).args(args).envs(env.iter().copied());
    if let Some(text) = config {
        let path = dir.path().join("onramp.toml");
        std::fs::write(&path, text).expect("config");
        cmd.arg("--config").arg(path);
    }
    if capture_stderr {
        cmd.stderr(Stdio::piped());
    } else if !env.iter().any(|(k, _)| *k == "RUST_LOG") {
        cmd.env("RUST_LOG", "warn");
    }
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    let addr = line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).expect("address").to_owned();
    Process { child, addr, dir }
}
