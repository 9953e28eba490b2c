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

/// Starts the binary with `args` (after `--addr 127.0.0.1:0 --data DIR`); `config`, when given,
/// is written to `DIR/onramp.toml` and passed with `--config`. Standard error is piped when
/// `capture_stderr`, else logs are quiet.
pub fn start(args: &[&str], config: Option<&str>, capture_stderr: bool) -> Process {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onramp-server"));
    cmd.args(["--addr", "127.0.0.1:0", "--dns-resolver", "127.0.0.1:9", "--data"]).arg(dir.path()).args(args);
    if let Some(text) = config {
        let path = dir.path().join("onramp.toml");
        std::fs::write(&path, text).expect("config");
        cmd.arg("--config").arg(path);
    }
    if capture_stderr {
        cmd.stderr(Stdio::piped());
    } else {
        cmd.env("RUST_LOG", "warn");
    }
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    let addr = line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).expect("address").to_owned();
    Process { child, addr, dir }
}
