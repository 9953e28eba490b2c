//! Starts the reference backend as a child process for dev, tests and benchmarks.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use crate::util::{self, root, run, step};

/// A running reference server; stopped when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// Builds the server binary (debug) and returns its path.
pub fn build() -> Result<PathBuf, String> {
    step("Building the reference server");
    run(util::cargo().args(["build", "--package", "onramp-server"]))?;
    Ok(target_dir().join("debug").join(format!("onramp-server{}", std::env::consts::EXE_SUFFIX)))
}

/// Builds the server binary with the release profile (for measurements) and returns its path.
pub fn build_release() -> Result<PathBuf, String> {
    step("Building the reference server (release)");
    run(util::cargo().args(["build", "--release", "--package", "onramp-server"]))?;
    Ok(target_dir().join("release").join(format!("onramp-server{}", std::env::consts::EXE_SUFFIX)))
}

/// The command line that serves `static_dir` and the API on `addr` with its database in `data`.
pub fn command(binary: &Path, addr: SocketAddr, data: &Path, static_dir: &Path) -> Command {
    let mut cmd = Command::new(binary);
    cmd.arg("--addr")
        .arg(addr.to_string())
        .arg("--data")
        .arg(data)
        .arg("--static")
        .arg(static_dir)
        .current_dir(root());
    cmd
}

impl Server {
    /// Starts the server in the background and waits until it accepts connections.
    /// Tests and benchmarks send nothing beyond 127.0.0.1: DNS verification asks `resolver`, a
    /// loopback port where the end-to-end suite runs its own DNS server when a test needs one
    /// (elsewhere nothing listens, so lookups fail at once).
    /// `extra` are more flags for the server (tests make provisioning fast with them).
    pub fn start(
        binary: &Path,
        addr: SocketAddr,
        data: &Path,
        static_dir: &Path,
        resolver: SocketAddr,
        extra: &[&str],
    ) -> Result<Self, String> {
        let child = command(binary, addr, data, static_dir)
            .arg("--dns-resolver")
            .arg(resolver.to_string())
            .args(extra)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut server = Self { child, addr };
        if !util::wait_for_port(addr, Duration::from_secs(30)) {
            let status = server.child.try_wait().ok().flatten();
            return Err(match status {
                Some(s) => format!("the reference server exited at start ({s})"),
                None => format!("the reference server did not listen on {addr} within 30 s"),
            });
        }
        Ok(server)
    }

    /// Base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
