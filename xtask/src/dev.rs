//! `cargo xtask dev`: build the app and serve it with the reference backend, ready to click.

use std::net::SocketAddr;

use crate::build::trunk_build;
use crate::server;
use crate::tools::{self, Need};
use crate::util::{self, root, step};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut port: u16 = 8080;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number, for example --port 8090")?;
            }
            other => return Err(format!("unknown option `{other}` for dev (try --port N)")),
        }
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if !util::port_is_free(addr) {
        return Err(format!(
            "port {port} on 127.0.0.1 is in use. Stop whatever listens there (perhaps another \
             `cargo xtask dev`), or choose another port: cargo xtask dev --port 8090"
        ));
    }
    let installed = tools::setup(Need::Build)?;
    trunk_build(false)?;
    let binary = server::build()?;
    let data = root().join("data");
    step("Starting the reference server (Ctrl-C stops it)");
    if !installed.is_empty() {
        println!("installed on the way: {}", installed.join(", "));
    }
    println!("database: {} (created on first start)", data.join("onramp.sqlite3").display());
    let partner = SocketAddr::from(([127, 0, 0, 1], 8090));
    println!("\n    The sign-up is at http://{addr}/");
    println!("    Sales demo (no backend involved): http://{addr}/plan?demo=1");
    let mut command = server::command(&binary, addr, &data, &root().join("dist"));
    // The provider's configuration: the commented example, with a key for the provider's own
    // calls made up for this run unless one is set.
    let config = root().join("onramp.example.toml");
    command.arg("--config").arg(&config);
    println!("    Configuration: {} (check one with: target/debug/onramp-server check-config FILE)", config.display());
    if std::env::var_os("ONRAMP_PROVIDER_API_KEY").is_none() {
        let key = util::random_key();
        println!("    Provider API key for this run (ONRAMP_PROVIDER_API_KEY): {key}");
        command.env("ONRAMP_PROVIDER_API_KEY", key);
    }
    if port != 8090 && util::port_is_free(partner) {
        // The sample partners may embed from this origin (api/src/sample.rs).
        println!("    A partner's page embedding the flow: http://{partner}/");
        command.args(["--partner-demo-addr", &partner.to_string()]);
    } else {
        println!("    (no partner page: 127.0.0.1:8090, the sample partners' origin, is in use)");
    }
    println!("    Funnel per partner: target/debug/onramp-server funnel --data {}\n", data.display());
    util::run(&mut command)
}
