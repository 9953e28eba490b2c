//! Runs the reference backend: `onramp-server [--config onramp.toml] [options]`, or one of its
//! tasks (`check-config`, `funnel`, `print-headers`). Configuration is the file, then the
//! command line over it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use onramp_server::config::{self, LogFormat, Settings};
use onramp_server::{app, Db};

/// Onramp's reference hosting backend: the JSON API over SQLite, and the built app.
#[derive(Parser, Debug)]
#[command(
    name = "onramp-server",
    version,
    after_help = "Mail (resume links, admin invites) goes through [mail.smtp] of the configuration, else it is written to DATA/outbox as .eml files. Order events go to its [[webhooks]]; `onramp-server outbox` lists what is pending or failed."
)]
struct Cli {
    #[command(subcommand)]
    task: Option<Task>,
    /// The provider's configuration file (TOML; see onramp.example.toml). Without it the server
    /// runs as the reference provider with the sample catalogue.
    #[arg(long, global = true, env = "ONRAMP_CONFIG")]
    config: Option<PathBuf>,
    /// Folder of the database and the outbox [default: data].
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// The built app (Trunk's dist/) to serve beside the API.
    #[arg(long = "static", global = true)]
    static_dir: Option<PathBuf>,
    /// DNS resolver for own-domain verification [default: the first nameserver of /etc/resolv.conf].
    #[arg(long)]
    dns_resolver: Option<SocketAddr>,
    /// Host own web domains must point to with a CNAME.
    #[arg(long)]
    edge_host: Option<String>,
    /// IPv4 address own apex domains must point to.
    #[arg(long)]
    edge_ipv4: Option<String>,
    /// IPv6 address own apex domains must point to.
    #[arg(long)]
    edge_ipv6: Option<String>,
    /// Days an untouched draft is kept [default: 7].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=365))]
    draft_ttl_days: Option<u32>,
    /// Seconds an untouched draft is kept, instead of days: for test instances only (the
    /// conformance suite's expiry check runs against one with 1).
    #[arg(long, conflicts_with = "draft_ttl_days", value_parser = clap::value_parser!(u32).range(1..))]
    draft_ttl_secs: Option<u32>,
    /// Milliseconds per step of the built-in simulated provisioning [default: 2000].
    #[arg(long)]
    provision_step_ms: Option<u64>,
    /// The app's address as customers reach it, for links in mail [default: http://ADDR].
    #[arg(long)]
    public_url: Option<String>,
    /// Send Strict-Transport-Security (only behind HTTPS).
    #[arg(long, global = true)]
    hsts: bool,
    /// Prints the security headers for the app in --static as a _headers file for static hosts, and exits.
    #[arg(long)]
    print_headers: bool,
    /// Embedding partners as a JSON array (instead of the file's or the sample ones).
    #[arg(long)]
    partners: Option<PathBuf>,
    /// Lets the sample partners embed from these exact origins (comma-separated).
    #[arg(long, value_delimiter = ',')]
    sample_partner_origins: Option<Vec<String>>,
    /// Also serves a partner's page that embeds the app, on this second address.
    #[arg(long)]
    partner_demo_addr: Option<SocketAddr>,
    /// A PostgreSQL database shared by several instances (postgres://user:password@host/db)
    /// instead of the embedded SQLite file in --data [env: ONRAMP_DATABASE].
    #[arg(long, global = true, env = "ONRAMP_DATABASE", hide_env_values = true)]
    database: Option<String>,
    /// Log lines as `human` or `json` [default: human].
    #[arg(long, value_enum)]
    log_format: Option<LogFormat>,
}

#[derive(Subcommand, Debug)]
enum Task {
    /// Checks a configuration file and reports every problem with its line and column, then exits.
    CheckConfig {
        /// The file to check.
        file: PathBuf,
    },
    /// Prints the funnel per partner from the stored events, and exits.
    Funnel,
    /// Lists the mail and webhook deliveries that are pending or failed (and can retry one).
    Outbox {
        /// Also lists the delivered ones.
        #[arg(long)]
        all: bool,
        #[command(subcommand)]
        action: Option<OutboxAction>,
    },
}

#[derive(Subcommand, Debug)]
enum OutboxAction {
    /// Makes a pending or failed delivery due now, with a fresh time to succeed in.
    Retry {
        /// The delivery's id, as the listing shows it.
        id: String,
    },
}

/// The outbox listing: one block per delivery.
fn print_outbox(lines: &[onramp_server::delivery::DeliveryLine]) {
    if lines.is_empty() {
        println!("Nothing pending or failed."); // ok: the command's own output.
        return;
    }
    for l in lines {
        // A webhook URL's query may carry a token: only scheme, host and path are shown.
        let target = l.target.split(['?', '#']).next().unwrap_or_default();
        let next = l.next_at.as_deref().map(|n| format!(", next attempt {n}")).unwrap_or_default();
        println!("{}  {} {}  {} after {} attempts{next}\n    {}: {}", l.id, l.channel.as_str(), l.state, l.created_at, l.attempts, target, l.about); // ok: the command's own output.
        if let Some(e) = &l.last_error {
            println!("    last error: {e}"); // ok: the command's own output.
        }
    }
}

fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("onramp-server: {message}"); // ok: start-up failures (a broken configuration among them) are said before logging starts.
    ExitCode::from(code)
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Task::CheckConfig { file }) = &cli.task {
        return match config::load(file) {
            Ok(s) => {
                println!( // ok: the command's own output, for a provider's CI.
                    "{}: ok ({}; {} plans in {}; {} shared domains)",
                    file.display(),
                    s.catalog.provider.name,
                    s.catalog.plans.len(),
                    s.catalog.offered_currencies().join(", "),
                    s.catalog.shared_domains.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("{} is not usable:\n{e}", file.display()), 2),
        };
    }
    let settings = match &cli.config {
        Some(path) => match config::load(path) {
            Ok(s) => s,
            Err(e) => return fail(format!("{} is not usable:\n{e}", path.display()), 2),
        },
        None => Settings::default(),
    };
    let a = cli.serve;
    onramp_server::trace::init(a.log_format.unwrap_or(settings.log_format));
    let static_dir = a.static_dir.or_else(|| settings.static_dir.clone());
    let hsts = a.hsts || settings.hsts;
    if a.print_headers {
        let headers = onramp_server::headers::SecurityHeaders::new(static_dir.as_deref(), hsts);
        print!("{}", headers.static_host_file()); // ok: the command's own output.
        return ExitCode::SUCCESS;
    }
    let data = cli.data.or_else(|| settings.data.clone()).unwrap_or_else(|| PathBuf::from("data"));
    let db_path = data.join("onramp.sqlite3");
    let ttl_days = a.draft_ttl_days.or(settings.draft_ttl_days);
    let ttl = a.draft_ttl_secs.map(i64::from).or(ttl_days.map(|d| i64::from(d) * 86_400));
    let endpoints: Vec<String> = settings.webhooks.iter().map(|e| e.url.clone()).collect();
    let give_up = settings.delivery.give_up_after;
    let database = a.database.clone().or_else(|| settings.database.as_ref().map(|d| d.0.clone()));
    let (db, where_): (std::sync::Arc<dyn onramp_server::store::Store>, String) = match &database {
        Some(url) => match onramp_server::pg::PgStore::connect(url, 16).await {
            Ok(pg) => {
                let pg = pg.with_delivery(endpoints, give_up);
                let pg = match ttl {
                    Some(t) => pg.with_ttl(t),
                    None => pg,
                };
                (std::sync::Arc::new(pg), "PostgreSQL".to_owned())
            }
            Err(e) => return fail(format!("cannot use the PostgreSQL database: {e}"), 1),
        },
        None => match Db::open(&db_path) {
            Ok(db) => {
                let db = db.with_delivery(endpoints, give_up);
                let db = match ttl {
                    Some(t) => db.with_ttl(t),
                    None => db,
                };
                (std::sync::Arc::new(db), db_path.display().to_string())
            }
            Err(e) => return fail(format!("cannot open the database {}: {e}", db_path.display()), 1),
        },
    };
    let labels = settings.reserved_labels.clone();
    let store = db.clone();
    if let Err(e) = onramp_server::blocking_db(move || store.reserve_labels(&labels)).await {
        return fail(format!("cannot write the reserved labels: {e}"), 1);
    }
    if let Some(Task::Outbox { all, action }) = &cli.task {
        if let Some(OutboxAction::Retry { id }) = action {
            let (store, id) = (db.clone(), id.clone());
            let shown = id.clone();
            return match onramp_server::blocking_db(move || store.retry_delivery(&id)).await {
                Ok(true) => {
                    println!("{shown}: due now; a running server sends it within a second."); // ok: the command's own output.
                    ExitCode::SUCCESS
                }
                Ok(false) => fail(format!("{shown}: no pending or failed delivery has this id (see onramp-server outbox)"), 2),
                Err(e) => fail(format!("cannot read the outbox: {e}"), 1),
            };
        }
        let all = *all;
        let store = db.clone();
        let listed = onramp_server::blocking_db(move || {
            let states: &[&str] = if all { &["pending", "failed", "delivered"] } else { &["pending", "failed"] };
            store.deliveries(states)
        })
        .await;
        return match listed {
            Ok(lines) => {
                print_outbox(&lines);
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("cannot read the outbox: {e}"), 1),
        };
    }
    if matches!(cli.task, Some(Task::Funnel)) {
        let store = db.clone();
        return match onramp_server::blocking_db(move || store.funnel()).await {
            Ok(lines) => {
                print!("{}", onramp_server::funnel::render(&lines)); // ok: the command's own output.
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("cannot read the funnel: {e}"), 1),
        };
    }
    let addr = a.addr.or(settings.addr).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
    let public_url = a.public_url.or_else(|| settings.public_url.clone()).unwrap_or_else(|| format!("http://{addr}"));
    let mut state = onramp_server::state_over(db, &settings).with_public_url(public_url);
    state = match &settings.smtp {
        Some(smtp) => match state.with_smtp(smtp.clone()) {
            Ok(s) => s,
            Err(e) => return fail(format!("[mail.smtp]: {e}"), 2),
        },
        None => state.with_outbox(settings.outbox_dir.clone().unwrap_or_else(|| data.join("outbox"))),
    };
    if a.edge_host.is_some() || a.edge_ipv4.is_some() || a.edge_ipv6.is_some() {
        let mut edge = state.edge.clone();
        edge.host = a.edge_host.unwrap_or(edge.host);
        edge.ipv4 = a.edge_ipv4.unwrap_or(edge.ipv4);
        edge.ipv6 = a.edge_ipv6.unwrap_or(edge.ipv6);
        state = state.with_edge(edge);
    }
    if let Some(resolver) = a.dns_resolver {
        state = state.with_resolver(resolver);
    }
    if let Some(dir) = static_dir {
        if !dir.join("index.html").is_file() {
            return fail(format!("{} has no index.html; build the app first (cargo xtask dev)", dir.display()), 1);
        }
        state = state.with_static_dir(dir);
    }
    if hsts {
        state = state.with_hsts();
    }
    if let Some(origins) = &a.sample_partner_origins {
        if let Some(bad) = origins.iter().find(|o| !onramp_api::embed::is_origin(o)) {
            return fail(format!("--sample-partner-origins: {bad:?} is not an exact origin such as http://127.0.0.1:8090"), 2);
        }
        let partners = onramp_api::sample::partners()
            .into_iter()
            .map(|p| onramp_api::embed::Partner { allowed_origins: origins.clone(), ..p })
            .collect();
        state = state.with_partners(partners);
    }
    if let Some(path) = &a.partners {
        match onramp_server::load_partners(path, &state.catalog) {
            Ok(partners) => state = state.with_partners(partners),
            Err(e) => return fail(e, 2),
        }
    }
    let app_url = state.public_url.clone();
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            return fail(
                format!("cannot listen on {addr}: {e}. Is another server running there? Stop it or pass --addr 127.0.0.1:<free port>."),
                1,
            )
        }
    };
    let addr = listener.local_addr().unwrap_or(addr);
    state.limiter.spawn_pruner(std::time::Duration::from_secs(10));
    onramp_server::spawn_sweeper(state.db.clone(), std::time::Duration::from_secs(3_600));
    let step_ms = a.provision_step_ms.or(settings.provision_step_ms).unwrap_or(2_000);
    let mode = onramp_server::provision::Mode::of(&state, std::time::Duration::from_millis(step_ms));
    onramp_server::provision::spawn(state.clone(), mode);
    onramp_server::delivery::spawn(state.clone(), std::time::Duration::from_millis(250));
    tracing::info!(
        provisioning = if mode == onramp_server::provision::Mode::Provider { "reported by the provider" } else { "simulated" },
        mail = if settings.smtp.is_some() { "smtp" } else { "outbox folder" },
        webhooks = state.delivery.endpoints.len(),
        "deliveries"
    );
    let provider = state.catalog.provider.name.clone();
    println!("onramp-server: listening on http://{addr} (database {where_}; provider {provider})"); // ok: the start line for the person who started it; the log gets the same as an event.
    tracing::info!(%addr, provider = %provider, "listening");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("stopping");
    };
    if let Some(addr) = a.partner_demo_addr {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => {
                tracing::info!(url = %format!("http://{addr}/"), "a partner's page embedding the app");
                tokio::spawn(async move {
                    let _ = axum::serve(l, onramp_server::partner_demo::router(app_url)).await;
                });
            }
            Err(e) => tracing::warn!(%addr, error = %e, "no partner page: cannot listen"),
        }
    }
    let timeouts = state.timeouts;
    onramp_server::serve::serve(listener, app(state), timeouts, shutdown).await;
    ExitCode::SUCCESS
}
