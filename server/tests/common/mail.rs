//! Mail as a receiver reads it: parsed from the `.eml` files of an outbox folder, or from what a
//! test's SMTP server received, with the MIME parts decoded.
#![allow(dead_code)]

/// One parsed message.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Every header as `Name: value`, decoded.
    pub headers: Vec<(String, String)>,
    /// The text/plain part.
    pub text: String,
    /// The text/html part.
    pub html: String,
}

impl Mail {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Parses a raw RFC 5322 message.
pub fn parse(raw: &[u8]) -> Mail {
    let parsed = mailparse::parse_mail(raw).expect("a parsable message");
    let headers = parsed.headers.iter().map(|h| (h.get_key(), h.get_value())).collect();
    let part = |mime: &str| {
        parsed
            .subparts
            .iter()
            .find(|p| p.ctype.mimetype == mime)
            .map(|p| p.get_body().expect("decodable part"))
            .unwrap_or_default()
    };
    Mail { headers, text: part("text/plain"), html: part("text/html") }
}

/// Every `.eml` file in `dir`, parsed.
pub fn in_folder(dir: &std::path::Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| parse(&std::fs::read(e.path()).expect("readable mail")))
        .collect()
}
