//! Building blocks of the rules: an issue with a field, text length checks, a report of errors.

use crate::{ErrorCode, FieldError};

/// Why one value was refused, before it is placed at a pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Machine-readable reason.
    pub code: ErrorCode,
    /// English explanation that says how to fix it.
    pub detail: String,
}

impl Issue {
    /// An issue.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into() }
    }

    /// Places the issue at a JSON pointer.
    pub fn at(self, pointer: impl Into<String>) -> FieldError {
        FieldError::new(pointer, self.code, self.detail)
    }
}

/// Result of checking one value.
pub type Check = Result<(), Issue>;

/// Checks a required text: trimmed, not empty, at most `max` characters as the user sees them.
pub fn required_text(value: &str, max: usize) -> Check {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Issue::new(ErrorCode::Required, "Enter a value."));
    }
    let len = trimmed.chars().count();
    if len > max {
        return Err(Issue::new(
            ErrorCode::TooLong,
            format!("Use at most {max} characters (this has {len})."),
        ));
    }
    Ok(())
}

/// Collects the issues of several checks under their pointers.
#[derive(Debug, Default)]
pub struct Report(pub Vec<FieldError>);

impl Report {
    /// Records `check` at `pointer` if it failed.
    pub fn check(&mut self, pointer: impl Into<String>, check: Check) -> &mut Self {
        if let Err(issue) = check {
            self.0.push(issue.at(pointer));
        }
        self
    }

    /// The collected errors.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }

    /// Refuses control characters in every text of `section` (its pointers start with `base`),
    /// apart from line breaks in the `multiline` pointers (`*` stands for one segment). A field
    /// that already has an error keeps that one only. Checked once here for every text field, so
    /// a field added later is covered too: Mastodon stores such characters as they are, and they
    /// would break its pages and feeds.
    pub fn no_control_characters<T: serde::Serialize>(&mut self, section: &T, base: &str, multiline: &[&str]) -> &mut Self {
        let Ok(value) = serde_json::to_value(section) else { return self };
        let mut found = Vec::new();
        walk(&value, base.to_owned(), multiline, &mut found);
        for (pointer, c) in found {
            if !self.0.iter().any(|e| e.pointer == pointer) {
                let detail = format!("Remove the control character U+{:04X}; it cannot be shown.", u32::from(c));
                self.0.push(FieldError::new(pointer, ErrorCode::Invalid, detail));
            }
        }
        self
    }
}

fn matches(pattern: &str, pointer: &str) -> bool {
    let (mut p, mut q) = (pattern.split('/'), pointer.split('/'));
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some("*"), Some(_)) => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

fn walk(value: &serde_json::Value, pointer: String, multiline: &[&str], found: &mut Vec<(String, char)>) {
    match value {
        serde_json::Value::String(s) => {
            let breaks_allowed = multiline.iter().any(|m| matches(m, &pointer));
            if let Some(c) = s.chars().find(|c| c.is_control() && !(breaks_allowed && (*c == '\n' || *c == '\r'))) {
                found.push((pointer, c));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{pointer}/{i}"), multiline, found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                walk(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), multiline, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_where_they_stand() {
        #[derive(serde::Serialize)]
        struct S {
            name: &'static str,
            notes: &'static str,
            rules: Vec<&'static str>,
        }
        let s = S { name: "A\u{1b}[31m", notes: "two\nlines", rules: vec!["ok", "bad\u{0}"] };
        let mut r = Report::default();
        r.no_control_characters(&s, "/x", &["/x/notes"]);
        let found: Vec<(String, ErrorCode)> = r.0.iter().map(|e| (e.pointer.clone(), e.code)).collect();
        assert_eq!(found, [("/x/name".to_owned(), ErrorCode::Invalid), ("/x/rules/1".to_owned(), ErrorCode::Invalid)]);
        assert!(r.0.first().is_some_and(|e| e.detail.contains("U+001B")));
        let mut r = Report::default();
        r.no_control_characters(&S { name: "x", notes: "a\tb", rules: vec![] }, "/x", &["/x/notes"]);
        assert_eq!(r.0.len(), 1, "a tab is not a line break");
        let mut r = Report::default();
        r.check("/x/name", Err(Issue::new(ErrorCode::TooLong, "long")));
        r.no_control_characters(&s, "/x", &[]);
        assert_eq!(r.0.iter().filter(|e| e.pointer == "/x/name").count(), 1, "one error per field");
        assert!(matches("/m/rules/*/hint", "/m/rules/3/hint") && !matches("/m/rules/*/hint", "/m/rules/3/text"));
    }
}

