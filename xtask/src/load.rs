//! A small load generator for `cargo xtask bench`: keep-alive HTTP/1.1 over loopback from a few
//! threads, catalogue reads and draft writes, with throughput and p50/p99 latency.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// What one scenario measured.
pub struct Measured {
    /// Scenario name.
    pub name: String,
    /// Requests answered with 2xx.
    pub ok: usize,
    /// Other answers or broken connections.
    pub failed: usize,
    /// Requests per second.
    pub per_second: f64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
}

struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Self { reader: BufReader::new(stream.try_clone()?), writer: stream })
    }

    /// Sends a request and reads the answer: status and body.
    fn call(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> std::io::Result<(u16, String)> {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {}\r\nContent-Type: application/json\r\n", body.len());
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        self.writer.write_all(req.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            self.reader.read_line(&mut h)?;
            if h == "\r\n" || h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut buf = vec![0u8; length];
        self.reader.read_exact(&mut buf)?;
        Ok((status, String::from_utf8_lossy(&buf).into_owned()))
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
}

fn field(json: &str, name: &str) -> Option<String> {
    let start = json.find(&format!("\"{name}\":"))? + name.len() + 3;
    let rest = json.get(start..)?.trim_start();
    let value: String = if let Some(s) = rest.strip_prefix('"') {
        s.chars().take_while(|c| *c != '"').collect()
    } else {
        rest.chars().take_while(|c| c.is_ascii_digit()).collect()
    };
    Some(value)
}

/// Runs `threads` workers for `duration`, each doing what `work` returns per request; worker `i`
/// talks to `addrs[i % addrs.len()]` (several instances share the load).
fn scenario(
    name: String,
    addrs: &[SocketAddr],
    threads: usize,
    duration: Duration,
    work: fn(&mut Conn, &mut State) -> bool,
    setup: fn(&mut Conn) -> Option<State>,
) -> Measured {
    let handles: Vec<_> = (0..threads)
        .filter_map(|i| addrs.get(i % addrs.len().max(1)).copied())
        .map(|addr| {
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut failed = 0;
                let Ok(mut conn) = Conn::open(addr) else { return (latencies, 1) };
                let Some(mut state) = setup(&mut conn) else { return (latencies, 1) };
                let end = Instant::now() + duration;
                while Instant::now() < end {
                    let t = Instant::now();
                    if work(&mut conn, &mut state) {
                        latencies.push(t.elapsed());
                    } else {
                        failed += 1;
                        match Conn::open(addr) {
                            Ok(c) => conn = c,
                            Err(_) => break,
                        }
                    }
                }
                (latencies, failed)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut failed = 0;
    for h in handles {
        if let Ok((l, f)) = h.join() {
            all.extend(l);
            failed += f;
        }
    }
    all.sort();
    Measured {
        name,
        ok: all.len(),
        failed,
        per_second: all.len() as f64 / duration.as_secs_f64(),
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
    }
}

#[derive(Default)]
struct State {
    id: String,
    token: String,
    version: u64,
    n: u64,
}

fn no_setup(_: &mut Conn) -> Option<State> {
    Some(State::default())
}

fn read_catalog(conn: &mut Conn, _: &mut State) -> bool {
    matches!(conn.call("GET", "/api/v1/catalog", &[], ""), Ok((200, _)))
}

fn new_draft(conn: &mut Conn) -> Option<State> {
    let (status, body) = conn.call("POST", "/api/v1/signups", &[], "").ok()?;
    (status == 201).then(|| State {
        id: field(&body, "id").unwrap_or_default(),
        token: field(&body, "resume_token").unwrap_or_default(),
        version: field(&body, "version").and_then(|v| v.parse().ok()).unwrap_or(1),
        n: 0,
    })
}

fn write_draft(conn: &mut Conn, s: &mut State) -> bool {
    s.n += 1;
    let body = format!(
        r#"{{"branding":{{"site_title":"Load test {}","site_short_description":"Writes per second on loopback","theme":"auto"}}}}"#,
        s.n
    );
    let auth = format!("Bearer {}", s.token);
    let tag = format!("\"{}\"", s.version);
    match conn.call("PATCH", &format!("/api/v1/signups/{}", s.id), &[("Authorization", &auth), ("If-Match", &tag)], &body) {
        Ok((200, reply)) => {
            s.version = field(&reply, "version").and_then(|v| v.parse().ok()).unwrap_or(s.version + 1);
            true
        }
        _ => false,
    }
}

/// Catalogue reads and draft writes against the servers at `addrs` (four connections spread over
/// them), each scenario named with `label`.
pub fn run(addrs: &[SocketAddr], seconds: u64, label: &str) -> Vec<Measured> {
    let d = Duration::from_secs(seconds);
    vec![
        scenario(format!("catalogue reads (GET /catalog){label}"), addrs, 4, d, read_catalog, no_setup),
        scenario(format!("draft writes (PATCH /signups/{{id}}, a transaction each){label}"), addrs, 4, d, write_draft, new_draft),
    ]
}
