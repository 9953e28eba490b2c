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
    draft_ttl_days: Option<u32>,
    provision_step_ms: u64,
    public_url: Option<String>,
    hsts: bool,
    print_headers: bool,
    partners: Option<PathBuf>,
    sample_origins: Option<Vec<String>>,
    partner_demo_addr: Option<SocketAddr>,
    funnel: bool,
}

const USAGE: &str = "usage: onramp-server [--addr HOST:PORT] [--data DIR] [--static DIST_DIR]
       [--dns-resolver IP:PORT] [--edge-host HOST] [--edge-ipv4 IP] [--edge-ipv6 IP]
       [--draft-ttl-days DAYS (7)] [--provision-step-ms MS (2000)] [--public-url URL]
       [--hsts] [--print-headers] [--partners FILE] [--sample-partner-origins ORIGINS]
       [--partner-demo-addr HOST:PORT]
       onramp-server funnel [--data DIR]
--partners reads the embedding partners (a JSON array; the sample partners otherwise).
--sample-partner-origins ORIGIN[,ORIGIN] lets the sample partners embed from these origins.
--partner-demo-addr serves a partner's page that embeds the app, on a second origin.
`funnel` prints the funnel per partner from the stored events, and exits.
--print-headers prints the security headers for the app in --static as a _headers file for
static hosts, and exits.
Mail (resume links, admin invites) is written to DIR/outbox as .eml files.";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        data: PathBuf::from("data"),
        static_dir: None,
        resolver: None,
        edge: onramp_server::reference_edge(),
        draft_ttl_days: None,
        provision_step_ms: 2_000,
        public_url: None,
        hsts: false,
        print_headers: false,
        partners: None,
        sample_origins: None,
        partner_demo_addr: None,
        funnel: false,
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
            "--draft-ttl-days" => {
                let v = value()?;
                args.draft_ttl_days = Some(v.parse().ok().filter(|d| *d > 0).ok_or_else(|| format!("--draft-ttl-days {v}: expected a whole number of days, at least 1"))?);
            }
            "--provision-step-ms" => {
                let v = value()?;
                args.provision_step_ms = v.parse().map_err(|_| format!("--provision-step-ms {v}: expected milliseconds"))?;
            }
            "--public-url" => args.public_url = Some(value()?),
            "--hsts" => args.hsts = true,
            "--partners" => args.partners = Some(PathBuf::from(value()?)),
            "--sample-partner-origins" => {
                let v = value()?;
                let origins: Vec<String> = v.split(',').map(|o| o.trim().to_owned()).collect();
                if let Some(bad) = origins.iter().find(|o| !onramp_api::embed::is_origin(o)) {
                    return Err(format!("--sample-partner-origins: {bad:?} is not an exact origin such as http://127.0.0.1:8090"));
                }
                args.sample_origins = Some(origins);
            }
            "--partner-demo-addr" => {
                let v = value()?;
                args.partner_demo_addr = Some(v.parse().map_err(|_| format!("--partner-demo-addr {v}: expected HOST:PORT such as 127.0.0.1:8090"))?);
            }
            "funnel" => args.funnel = true,
            "--print-headers" => args.print_headers = true,
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
    if args.print_headers {
        let headers = onramp_server::headers::SecurityHeaders::new(args.static_dir.as_deref(), args.hsts);
        print!("{}", headers.static_host_file());
        return ExitCode::SUCCESS;
    }
    let db_path = args.data.join("onramp.sqlite3");
    let db = match Db::open(&db_path) {
        Ok(db) => match args.draft_ttl_days {
            Some(days) => db.with_ttl(i64::from(days) * 86_400),
            None => db,
        },
        Err(e) => {
            eprintln!("onramp-server: cannot open the database {}: {e}", db_path.display());
            return ExitCode::FAILURE;
        }
    };
    if args.funnel {
        return match db.funnel() {
            Ok(lines) => {
                print!("{}", onramp_server::funnel::render(&lines));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("onramp-server: cannot read the funnel: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://{}", args.addr));
    let mut state = AppState::new(db)
        .with_edge(args.edge)
        .with_outbox(args.data.join("outbox"))
        .with_public_url(public_url);
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
    if args.hsts {
        state = state.with_hsts();
    }
    if let Some(origins) = &args.sample_origins {
        let partners = onramp_api::sample::partners()
            .into_iter()
            .map(|p| onramp_api::embed::Partner { allowed_origins: origins.clone(), ..p })
            .collect();
        state = state.with_partners(partners);
    }
    if let Some(path) = &args.partners {
        match onramp_server::load_partners(path, &state.catalog) {
            Ok(partners) => state = state.with_partners(partners),
            Err(e) => {
                eprintln!("onramp-server: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let app_url = state.public_url.clone();
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
    onramp_server::provision::spawn(state.clone(), std::time::Duration::from_millis(args.provision_step_ms));
    println!("onramp-server: listening on http://{addr} (database {})", db_path.display());
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        println!("onramp-server: stopping");
    };
    if let Some(addr) = args.partner_demo_addr {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => {
                println!("onramp-server: a partner's page embedding the app: http://{addr}/");
                tokio::spawn(async move {
                    let _ = axum::serve(l, onramp_server::partner_demo::router(app_url)).await;
                });
            }
            Err(e) => eprintln!("onramp-server: no partner page, cannot listen on {addr}: {e}"),
        }
    }
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown).await {
        eprintln!("onramp-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
