//! The review step: every answer, each with its Change link, and the submit.

pub mod strings;
mod parts;
mod view;

pub use strings::ReviewStrings;
pub use view::*;
