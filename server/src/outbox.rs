//! The reference server's mail outbox: each message is a file in a folder (RFC 5322 headers
//! and a plain-text body), where a developer or a test reads what would have been sent. Mail is
//! sent in the provider's name.

use std::path::{Path, PathBuf};

/// Where mail goes and in whose name.
#[derive(Debug, Clone)]
pub struct Outbox {
    /// The folder of `.eml` files.
    pub dir: PathBuf,
    /// The provider's name, the sender's display name and the signature.
    pub sender_name: String,
    /// The sender address.
    pub sender: String,
}

/// A display name as an RFC 5322 quoted string, or an RFC 2047 encoded word where it is not
/// ASCII.
fn display_name(name: &str) -> String {
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    if name.is_ascii() {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        format!("=?utf-8?b?{}?=", onramp_api::base64::encode(name.as_bytes()))
    }
}

impl Outbox {
    /// Writes one message, signed with the provider's name; returns the file's name.
    pub fn send(&self, to: &str, subject: &str, body: &str) -> std::io::Result<String> {
        send_from(&self.dir, &format!("{} <{}>", display_name(&self.sender_name), self.sender), to, subject, &format!("{body}\n-- \n{}\n", self.sender_name))
    }
}

/// Writes one message to `dir` from `from`; returns the file's name.
pub fn send_from(dir: &Path, from: &str, to: &str, subject: &str, body: &str) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let name = format!("{stamp}-{}.eml", crate::db::random_hex(4).unwrap_or_default());
    // Header injection is impossible: line breaks never reach a header.
    let clean = |s: &str| s.replace(['\r', '\n'], " ");
    let subject = if subject.is_ascii() { clean(subject) } else { format!("=?utf-8?b?{}?=", onramp_api::base64::encode(clean(subject).as_bytes())) };
    let text = format!(
        "To: {}\r\nFrom: {}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
        clean(to),
        clean(from),
    );
    std::fs::write(dir.join(&name), text)?;
    Ok(name)
}
