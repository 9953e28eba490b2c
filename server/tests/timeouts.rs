//! Slow clients against the server binary in its own process: headers sent a byte at a time, a
//! body that never finishes and an idle keep-alive connection are all cut off at the configured
//! deadlines, and a request past its deadline is answered 408 as a problem document.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn start() -> common::process::Process {
    common::process::start(&[], Some("[server]\nheader_timeout_secs = 1\nrequest_timeout_secs = 2\nupload_timeout_secs = 5\n"), false)
}

/// Reads until the server closes the connection (or `limit` passes): what it sent, and when.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration, bool) {
    let start = Instant::now();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while start.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&got).into_owned(), start.elapsed(), true),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), start.elapsed(), true),
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed(), false)
}

#[test]
fn headers_sent_a_byte_at_a_time_are_cut_off() {
    let s = start();
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    let start = Instant::now();
    let mut closed = false;
    for b in b"GET /api/v1/catalog HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa" {
        if stream.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(150));
        if start.elapsed() > Duration::from_secs(6) {
            break;
        }
    }
    let (_, _, eof) = read_until_closed(&mut stream, Duration::from_secs(3));
    assert!(closed || eof, "the connection was still open after {:?}", start.elapsed());
    assert!(start.elapsed() < Duration::from_secs(6));
}

#[test]
fn a_body_that_never_finishes_gets_408_as_a_problem() {
    let s = start();
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    let head = "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"session\":";
    stream.write_all(head.as_bytes()).unwrap();
    let (answer, after, _) = read_until_closed(&mut stream, Duration::from_secs(6));
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?} after {after:?}");
    assert!(answer.contains("application/problem+json") && answer.contains("/problems/timeout"), "{answer}");
    assert!(after >= Duration::from_millis(1_500) && after < Duration::from_secs(5), "{after:?}");
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let s = start();
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream.write_all(b"GET /api/v1/catalog HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (answer, after, eof) = read_until_closed(&mut stream, Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert!(eof, "still open after {after:?}");
    assert!(after < Duration::from_secs(4), "closed only after {after:?}");
}

#[test]
fn a_slow_upload_gets_the_longer_upload_deadline() {
    let s = start();
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream.write_all(b"POST /api/v1/signups HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").unwrap();
    let (answer, _, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    let created: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"));
    let (id, token) = (created["id"].as_str().unwrap(), created["resume_token"].as_str().unwrap());
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(1200, 630, image::Rgb([20, 90, 160]))).write_to(&mut png, image::ImageFormat::Png).unwrap();
    let png = png.into_inner();
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    let head = format!(
        "POST /api/v1/signups/{id}/assets?kind=thumbnail HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Type: image/png\r\nContent-Length: {}\r\n\r\n",
        png.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let (first, rest) = png.split_at(png.len() / 2);
    stream.write_all(first).unwrap();
    // Longer than the request deadline (2 s), shorter than the upload deadline (5 s).
    std::thread::sleep(Duration::from_secs(3));
    stream.write_all(rest).unwrap();
    let (answer, _, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
}
