//! `cargo xtask bench`: the release app's compressed size and the time to an interactive plan
//! step in headless Chromium, printed and written to `target/bench.json`.

use std::net::SocketAddr;
use std::process::Command;

use crate::build::trunk_build_split;
use crate::server::{self, Server};
use crate::tools::{self, Need};
use crate::util::{self, root, step};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut runs = "7".to_owned();
    let mut server_only = false;
    let mut postgres = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().cloned().ok_or("--runs needs a number")?,
            "--server-only" => server_only = true,
            "--database" => match it.next().map(String::as_str) {
                Some("postgres") => postgres = true,
                Some("sqlite") => {}
                _ => return Err("--database takes sqlite or postgres".into()),
            },
            // Inside `pg_virtualenv`: the PostgreSQL half of `--database postgres`.
            "--postgres-here" => return postgres_load(),
            other => return Err(format!("unknown option `{other}` for bench (try --runs N, --server-only or --database postgres)")),
        }
    }
    if server_only {
        server_load()?;
        return if postgres { postgres_bench() } else { Ok(()) };
    }
    tools::setup(Need::Everything)?;
    let browser = tools::browser(&mut Vec::new())?;
    trunk_build_split(true)?;
    step("Building the baseline: a minimal Leptos page (bench/minimal) with the same toolchain and profile");
    let baseline_dist = build_page("minimal")?;
    step("Building the floor probe: the first screen's content with the least code (bench/floor), same toolchain");
    let floor_dist = build_page("floor")?;
    let binary = server::build()?;
    let data = root().join("target").join("xtask").join(format!("bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    step("Measuring in headless Chromium");
    let result = {
        let dns = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let server = Server::start(&binary, addr, &data, &root().join("dist"), dns, &[])?;
        let baseline_addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let baseline = Server::start(&binary, baseline_addr, &data.join("baseline"), &baseline_dist, dns, &[])?;
        let floor_addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
        let floor = Server::start(&binary, floor_addr, &data.join("floor"), &floor_dist, dns, &[])?;
        util::run(Command::new("node")
            .arg(root().join("xtask").join("bench.mjs"))
            .current_dir(root())
            .env("ONRAMP_BASE_URL", server.url())
            .env("ONRAMP_BASELINE_URL", baseline.url())
            .env("ONRAMP_FLOOR_URL", floor.url())
            .env("ONRAMP_CHROMIUM", &browser.chromium)
            .env("ONRAMP_BENCH_RUNS", &runs)
            .env("ONRAMP_BENCH_OUT", root().join("target").join("bench.json")))
    };
    let _ = std::fs::remove_dir_all(&data);
    result?;
    server_load()?;
    if postgres {
        postgres_bench()?;
    }
    Ok(())
}

/// Builds `bench/<name>` for release with Trunk into `target/<name>-dist`, precompressed.
fn build_page(name: &str) -> Result<std::path::PathBuf, String> {
    let dist = root().join("target").join(format!("{name}-dist"));
    util::run(Command::new("trunk")
        .args(["build", &format!("bench/{name}/index.html"), "--offline", "--release", "true", "--dist"])
        .arg(&dist)
        .current_dir(root())
        .env("PATH", util::tool_path())
        .env("NO_COLOR", "true"))?;
    crate::build::precompress(&dist)?;
    Ok(dist)
}

/// Runs the PostgreSQL load under a throwaway cluster (`pg_virtualenv`).
fn postgres_bench() -> Result<(), String> {
    let pg_virtualenv = tools::postgres(&mut Vec::new())?;
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    util::run(Command::new(pg_virtualenv).arg(me).args(["bench", "--postgres-here"]).current_dir(root()))
}

/// Two release servers on one PostgreSQL (from the `PG*` variables `pg_virtualenv` sets), loaded
/// together.
fn postgres_load() -> Result<(), String> {
    let var = |k: &str| std::env::var(k).map_err(|_| format!("{k} is not set: run this through pg_virtualenv (cargo xtask bench --database postgres does)"));
    let url = format!("postgres://{}:{}@{}:{}/{}", var("PGUSER")?, var("PGPASSWORD")?, var("PGHOST")?, var("PGPORT")?, var("PGDATABASE")?);
    let binary = server::build_release()?;
    let data = root().join("target").join("xtask").join(format!("load-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let dns = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    let (a, b) = (SocketAddr::from(([127, 0, 0, 1], util::free_port()?)), SocketAddr::from(([127, 0, 0, 1], util::free_port()?)));
    step("Loading two reference servers on one PostgreSQL on loopback (4 connections over both, 5 s a scenario)");
    let extra = ["--database", url.as_str()];
    let measured = {
        let _one = Server::start(&binary, a, &data.join("a"), &root().join("dist"), dns, &extra)?;
        let _two = Server::start(&binary, b, &data.join("b"), &root().join("dist"), dns, &extra)?;
        crate::load::run(&[a, b], 5, ", two instances on PostgreSQL")
    };
    let _ = std::fs::remove_dir_all(&data);
    report(&measured, "bench-server-postgres.json")
}

fn report(measured: &[crate::load::Measured], file: &str) -> Result<(), String> {
    let mut json = Vec::new();
    for m in measured {
        println!(
            "  {:<72} {:>8.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} ok, {} failed)",
            m.name, m.per_second, m.p50_ms, m.p99_ms, m.ok, m.failed
        );
        json.push(format!(
            "{{\"scenario\":\"{}\",\"per_second\":{:.1},\"p50_ms\":{:.3},\"p99_ms\":{:.3},\"ok\":{},\"failed\":{}}}",
            m.name, m.per_second, m.p50_ms, m.p99_ms, m.ok, m.failed
        ));
    }
    std::fs::write(root().join("target").join(file), format!("[{}]\n", json.join(",")))
        .map_err(|e| format!("cannot write target/{file}: {e}"))
}

/// Throughput and latency of the reference server (release build) on loopback.
fn server_load() -> Result<(), String> {
    let binary = server::build_release()?;
    let data = root().join("target").join("xtask").join(format!("load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let addr = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    let dns = SocketAddr::from(([127, 0, 0, 1], util::free_port()?));
    step("Loading the reference server on loopback (4 connections, 5 s a scenario)");
    let measured = {
        let _server = Server::start(&binary, addr, &data, &root().join("dist"), dns, &[])?;
        crate::load::run(&[addr], 5, "")
    };
    let _ = std::fs::remove_dir_all(&data);
    report(&measured, "bench-server.json")
}
