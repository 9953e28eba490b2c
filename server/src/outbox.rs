//! The reference server's mail outbox: each message is a file in a folder (RFC 5322 headers
//! and a plain-text body), where a developer or a test reads what would have been sent.

use std::path::Path;

/// Writes one message to `dir`; returns the file's name.
pub fn send(dir: &Path, to: &str, subject: &str, body: &str) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let name = format!("{stamp}-{}.eml", crate::db::random_hex(4).unwrap_or_default());
    // Header injection is impossible: line breaks never reach a header.
    let clean = |s: &str| s.replace(['\r', '\n'], " ");
    let text = format!(
        "To: {}\r\nFrom: Onramp <no-reply@onramp.example>\r\nSubject: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        clean(to),
        clean(subject)
    );
    std::fs::write(dir.join(&name), text)?;
    Ok(name)
}
