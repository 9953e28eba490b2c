//! `cargo xtask`: Onramp's build tasks in Rust (setup, dev, test, bench, dist, conformance, docs, fuzz), std only.

mod bench;
mod build;
mod conformance;
mod dev;
mod fuzz;
mod load;
mod server;
mod test;
mod tidy;
mod tools;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

  setup   install what building and testing need (wasm32 target, Trunk, wasm-bindgen-cli,
          npm tools; Chromium and chromedriver with apt-get on Debian as root)
  dev     build the app and serve it with the reference backend on http://127.0.0.1:8080
          (--port N to use another port)
  test    run every test: native, server, wasm in headless Chromium, end-to-end with axe-core
  bench   build for release and measure the compressed bytes of the first step, the time to
          an interactive plan step in headless Chromium, and the reference server's throughput
          and latency on loopback; writes target/bench.json and target/bench-server.json
  dist    build the release app into dist/ (with _headers for static hosts)
  conformance  --base-url URL [--partner ID] [--provider-key KEY] [--limited-base-url URL]:
          the conformance suite against any backend of Onramp's API (pass, fail or skip per
          check, then N passed, M failed; non-zero exit on a failure)
  docs    write the generated documents anew (docs/embed.d.ts and the reference part of
          docs/embedding.md from onramp_api::embed_docs; api/openapi.json from the server's
          routes and the contract's types); review the diff
  fuzz    run the cargo-fuzz targets on nightly (--seconds N each, default 60)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => tools::setup(tools::Need::Everything).map(|_| ()),
        Some("dev") => dev::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("dist") => build::dist(),
        Some("conformance") => conformance::run(&args[1..]),
        Some("docs") => {
            println!("xtask: writing docs/embed.d.ts and the reference part of docs/embedding.md from onramp_api::embed_docs");
            util::run(util::cargo().args(["test", "--package", "onramp-api", "--test", "embed_docs", "--", "--exact", "the_committed_documents_are_what_the_description_renders"]).env("ONRAMP_BLESS", "1"))
                .and_then(|()| {
                    println!("xtask: writing api/openapi.json from the server's routes and the contract's types");
                    util::run(util::cargo().args(["test", "--package", "onramp-server", "--test", "openapi", "--", "--exact", "the_committed_document_is_the_served_one"]).env("ONRAMP_BLESS", "1"))
                })
        }
        Some("fuzz") => fuzz::run_fuzz(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
