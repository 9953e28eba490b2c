//! Log lines cannot be forged or broken by what clients send: a CSP report with line breaks,
//! NUL and escape characters stays on one line, escaped, and no resume token reaches the log.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

fn call(addr: &str, head: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.write_all(format!("{head}Host: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).expect("send");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn a_report_cannot_forge_a_log_line_and_tokens_stay_out() {
    let mut server = common::process::start(&[], None, true);
    let report = "{\"csp-report\":{\"blocked-uri\":\"x\\n2026-12-01T00:00:00Z  INFO FORGED line\\u0000\\u001b[31m\"}}";
    let raw_report = "{\"csp-report\":{\"blocked-uri\":\"x\nFORGED raw line\u{1b}[31m\"}}";
    for body in [report, raw_report] {
        let answer = call(&server.addr, "POST /api/v1/csp-reports HTTP/1.1\r\nContent-Type: application/csp-report\r\n", body);
        assert!(answer.starts_with("HTTP/1.1 204"), "{answer}");
    }
    let created = call(&server.addr, "POST /api/v1/signups HTTP/1.1\r\n", "");
    let token = created.split("\"resume_token\":\"").nth(1).and_then(|r| r.split('"').next()).expect("token").to_owned();
    let read = format!("GET /api/v1/signups/nope HTTP/1.1\r\nAuthorization: Bearer {token}\r\n");
    assert!(call(&server.addr, &read, "").starts_with("HTTP/1.1 404"));
    let _ = server.child.kill();
    let mut log = String::new();
    server.child.stderr.take().expect("stderr").read_to_string(&mut log).expect("log");
    assert!(log.contains("CSP violation reported"), "{log}");
    for line in log.lines() {
        assert!(!line.contains("FORGED") || line.contains("CSP violation reported"), "a forged line: {line:?}");
        assert!(!line.contains('\u{0}') && !line.contains('\u{1b}'), "a control character reached the log: {line:?}");
    }
    assert!(!log.contains(&token), "the resume token reached the log");
}
