//! The resume page: opens a draft from a resume link.

mod view;

pub use view::*;
