//! The resume page: opens a draft from a resume link.

pub mod strings;
mod view;

pub use strings::ResumeStrings;
pub use view::*;
