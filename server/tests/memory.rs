//! The server binary in its own process under the worst uploads it takes: its peak resident
//! memory stays under the figure the README states (the base plus `MemoryLimits::worst_case_bytes`),
//! and a 16-bit image is refused from its header, before it is decoded.

mod common;

use std::io::{Cursor, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use image::{DynamicImage, ImageBuffer, Rgb, Rgba};

fn call(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(body).expect("body");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default())
}

/// Peak resident set of process `pid`, in bytes (Linux).
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    let kib: u64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).expect("VmHWM");
    kib * 1024
}

fn png(image: DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}

#[test]
fn worst_case_uploads_stay_under_the_stated_memory() {
    let server = common::process::start(&[], None, false);
    let created = call(&server.addr, "POST", "/api/v1/signups", &[], b"");
    let v: serde_json::Value = serde_json::from_str(&created.1).expect("created");
    let (id, token) = (v["id"].as_str().unwrap().to_owned(), v["resume_token"].as_str().unwrap().to_owned());
    let auth = format!("Bearer {token}");
    let path = format!("/api/v1/signups/{id}/assets?kind=thumbnail");

    // The image the probe used: 16 bits a channel at 4096 × 4096, 127 KiB on the wire.
    let deep = png(DynamicImage::ImageRgb16(ImageBuffer::from_pixel(4096, 4096, Rgb([4000u16, 20000, 60000]))));
    let (status, body) = call(&server.addr, "POST", &path, &[("Authorization", &auth), ("Content-Type", "image/png")], &deep);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("/file/depth"), "{body}");
    let after_deep = peak_rss(server.child.id());
    assert!(after_deep < 120 * 1024 * 1024, "a refused 16-bit image decoded nothing: peak {} MiB", after_deep >> 20);

    // The largest 8-bit images taken, four at once (twice the decode permits).
    let big = png(DynamicImage::ImageRgba8(ImageBuffer::from_fn(4096, 4096, |x, y| Rgba([(x % 251) as u8, (y % 241) as u8, 7, 255]))));
    assert!(big.len() < 4 * 1024 * 1024, "{} bytes", big.len());
    let base = peak_rss(server.child.id());
    let uploads: Vec<_> = (0..4)
        .map(|_| {
            let (addr, path, auth, big) = (server.addr.clone(), path.clone(), auth.clone(), big.clone());
            std::thread::spawn(move || call(&addr, "POST", &path, &[("Authorization", &auth), ("Content-Type", "image/png")], &big).0)
        })
        .collect();
    let statuses: Vec<u16> = uploads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 201 || *s == 503), "{statuses:?}");
    assert!(statuses.contains(&201), "{statuses:?}");
    let peak = peak_rss(server.child.id());
    let stated = onramp_server::MemoryLimits::default().worst_case_bytes();
    assert!(peak < base + stated, "peak {} MiB over a base of {} MiB; stated worst case {} MiB", peak >> 20, base >> 20, stated >> 20);
    eprintln!("memory: base {} MiB, peak {} MiB, stated worst case {} MiB above the base", base >> 20, peak >> 20, stated >> 20);
}
