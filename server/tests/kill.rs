//! The server killed with SIGKILL in the middle of a stream of draft writes and submits: after
//! a restart on the same database every acknowledged write is there, and no draft has two orders.
//! On SQLite, and on PostgreSQL when `ONRAMP_TEST_DATABASE` is set.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

struct Server {
    child: Child,
    addr: String,
}

fn start(data: &std::path::Path, database: Option<&str>) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onramp-server"));
    cmd.args(["--addr", "127.0.0.1:0", "--data"]).arg(data).args(["--dns-resolver", "127.0.0.1:9", "--provision-step-ms", "100000"]);
    if let Some(url) = database {
        cmd.args(["--database", url]);
    }
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("start the server");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("first line");
    let addr = line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).expect("address").to_owned();
    Server { child, addr }
}

/// One HTTP/1.1 request on its own connection: status and JSON body (None when the connection
/// broke, which is what a kill looks like from here).
fn call(addr: &str, method: &str, path: &str, headers: &[(&str, String)], body: Option<&Value>) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("Content-Type: application/json\r\n\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status: u16 = text.split_whitespace().nth(1)?.parse().ok()?;
    let (_, payload) = text.split_once("\r\n\r\n")?;
    Some((status, serde_json::from_str(payload).unwrap_or(Value::Null)))
}

fn bearer(token: &str) -> (&'static str, String) {
    ("Authorization", format!("Bearer {token}"))
}

fn full_draft(name: &str) -> Value {
    json!({
        "plan": {"plan_id": "organization", "billing": "monthly", "addons": []},
        "organization": {"name": name, "kind": "company", "country": "DE", "contact_email": "it@acme.example",
            "admin_username": "acme", "billing": {"address": {"line1": "Weg 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}},
        "domain": {"mode": "subdomain", "web_domain": format!("{name}.social-host.example"), "handle_domain": format!("{name}.social-host.example")},
        "branding": {"site_title": name},
        "moderation": {"registrations_mode": "none"},
    })
}

fn create(addr: &str, sections: &Value) -> (String, String) {
    let (_, created) = call(addr, "POST", "/api/v1/signups", &[], None).expect("create");
    let (id, token) = (created["id"].as_str().unwrap_or_default().to_owned(), created["resume_token"].as_str().unwrap_or_default().to_owned());
    let (status, _) = call(addr, "PATCH", &format!("/api/v1/signups/{id}"), &[bearer(&token), ("If-Match", "\"1\"".into())], Some(sections)).expect("patch");
    assert_eq!(status, 200);
    (id, token)
}

#[test]
fn acknowledged_writes_survive_sigkill_and_no_order_is_duplicated() {
    let dir = tempfile::tempdir().expect("dir");
    // On PostgreSQL too when `cargo xtask test` names one; else the SQLite file.
    let database = common::pg::fresh_database("onramp_kill");
    let mut server = start(dir.path(), database.as_deref());
    let addr = server.addr.clone();
    let (writer_id, writer_token) = create(&addr, &json!({"branding": {"site_title": "w0"}}));
    let drafts: Vec<(String, String, String)> = (0..40)
        .map(|i| {
            let name = format!("kill{i}");
            let (id, token) = create(&addr, &full_draft(&name));
            (id, token, format!("key-{name}-0123456789abcdef"))
        })
        .collect();

    let stop = Arc::new(AtomicBool::new(false));
    // Acknowledged writes: (version, title).
    let acked: Arc<Mutex<Vec<(u64, String)>>> = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let (stop, acked, addr, id, token) = (stop.clone(), acked.clone(), addr.clone(), writer_id.clone(), writer_token.clone());
        std::thread::spawn(move || {
            let mut version = 2u64;
            let mut i = 1u64;
            while !stop.load(Ordering::Relaxed) {
                let title = format!("w{i}");
                let body = json!({"branding": {"site_title": title}});
                match call(&addr, "PATCH", &format!("/api/v1/signups/{id}"), &[bearer(&token), ("If-Match", format!("\"{version}\""))], Some(&body)) {
                    Some((200, signup)) => {
                        version = signup["version"].as_u64().unwrap_or(version);
                        acked.lock().unwrap_or_else(|p| p.into_inner()).push((version, title));
                        i += 1;
                    }
                    _ => return,
                }
            }
        })
    };
    // Submits: (draft index, order id) once acknowledged.
    let orders: Arc<Mutex<Vec<(usize, String)>>> = Arc::new(Mutex::new(Vec::new()));
    let submitter = {
        let (stop, orders, addr, drafts) = (stop.clone(), orders.clone(), addr.clone(), drafts.clone());
        std::thread::spawn(move || {
            for (n, (id, token, key)) in drafts.iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                match call(&addr, "POST", &format!("/api/v1/signups/{id}/submit"), &[bearer(token), ("Idempotency-Key", key.clone())], Some(&json!({"accept_terms": true}))) {
                    Some((201 | 200, order)) => orders.lock().unwrap_or_else(|p| p.into_inner()).push((n, order["id"].as_str().unwrap_or_default().to_owned())),
                    Some((status, body)) => panic!("submit {n}: {status} {body}"), // ok: test
                    None => return,
                }
            }
        })
    };
    std::thread::sleep(Duration::from_millis(600));
    server.child.kill().expect("SIGKILL");
    let _ = server.child.wait();
    stop.store(true, Ordering::Relaxed);
    let _ = writer.join();
    let _ = submitter.join();

    let server = start(dir.path(), database.as_deref());
    let addr = server.addr.clone();
    let acked = acked.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let orders = orders.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(acked.len() > 5 && !orders.is_empty(), "the stream ran: {} writes, {} orders acknowledged", acked.len(), orders.len());
    let (_, signup) = call(&addr, "GET", &format!("/api/v1/signups/{writer_id}"), &[bearer(&writer_token)], None).expect("read");
    let (last_version, _) = acked.last().cloned().unwrap_or_default();
    let stored_version = signup["version"].as_u64().unwrap_or(0);
    assert!(stored_version >= last_version, "version {stored_version} < acknowledged {last_version}");
    let title = signup["sections"]["branding"]["site_title"].as_str().unwrap_or_default().to_owned();
    let stored_n: u64 = title.trim_start_matches('w').parse().unwrap_or(0);
    let acked_n: u64 = acked.last().map(|(_, t)| t.trim_start_matches('w').parse().unwrap_or(0)).unwrap_or(0);
    assert!(stored_n >= acked_n, "stored {title}, acknowledged w{acked_n}");
    // Every acknowledged order is there; submitting again, with the same key or another, gives
    // the same order: one per draft.
    for (n, order_id) in &orders {
        let (id, token, key) = &drafts[*n];
        for k in [key.clone(), format!("{key}-again")] {
            let (status, order) = call(&addr, "POST", &format!("/api/v1/signups/{id}/submit"), &[bearer(token), ("Idempotency-Key", k)], Some(&json!({"accept_terms": true}))).expect("resubmit");
            assert_eq!((status, order["id"].as_str().unwrap_or_default()), (200, order_id.as_str()));
        }
    }
    println!("kill test: {} acknowledged writes and {} acknowledged orders survived SIGKILL", acked.len(), orders.len());
    let mut server = server;
    let _ = server.child.kill();
    let _ = server.child.wait();
}
