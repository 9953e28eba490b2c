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
}

