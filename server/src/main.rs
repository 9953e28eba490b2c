//! Runs the reference backend: `onramp-server [--addr 127.0.0.1:8080] [--data data] [--static dist]`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use onramp_server::{app, AppState, Db};

struct Args {
    addr: SocketAddr,
    data: PathBuf,
    static_dir: Option<PathBuf>,
    resolver: Option<SocketAddr>,
    edge: onramp_api::dns::Edge,
}

const USAGE: &str = "usage: onramp-server [--addr HOST:PORT] [--data DIR] [--static DIST_DIR]
       [--dns-resolver IP:PORT] [--edge-host HOST] [--edge-ipv4 IP] [--edge-ipv6 IP]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        data: PathBuf::from("data"),
        static_dir: None,
        resolver: None,
        edge: onramp_server::reference_edge(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--addr" => {
                let v = value()?;
                args.addr = v.parse().map_err(|_| format!("--addr {v}: expected HOST:PORT such as 127.0.0.1:8080"))?;
            }
            "--data" => args.data = PathBuf::from(value()?),
            "--static" => args.static_dir = Some(PathBuf::from(value()?)),
            "--dns-resolver" => {
                let v = value()?;
                args.resolver = Some(v.parse().map_err(|_| format!("--dns-resolver {v}: expected IP:PORT such as 127.0.0.1:53"))?);
            }
            "--edge-host" => args.edge.host = value()?,
            "--edge-ipv4" => args.edge.ipv4 = value()?,
            "--edge-ipv6" => args.edge.ipv6 = value()?,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let db_path = args.data.join("onramp.sqlite3");
    let db = match Db::open(&db_path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("onramp-server: cannot open the database {}: {e}", db_path.display());
            return ExitCode::FAILURE;
        }
    };
    let mut state = AppState::new(db).with_edge(args.edge);
    if let Some(resolver) = args.resolver {
        state = state.with_resolver(resolver);
    }
    if let Some(dir) = args.static_dir {
        if !dir.join("index.html").is_file() {
            eprintln!("onramp-server: {} has no index.html; build the app first (cargo xtask dev)", dir.display());
            return ExitCode::FAILURE;
        }
        state = state.with_static_dir(dir);
    }
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "onramp-server: cannot listen on {}: {e}. Is another server running there? Stop it or pass --addr 127.0.0.1:<free port>.",
                args.addr
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(args.addr);
    println!("onramp-server: listening on http://{addr} (database {})", db_path.display());
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        println!("onramp-server: stopping");
    };
    if let Err(e) = axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await {
        eprintln!("onramp-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
