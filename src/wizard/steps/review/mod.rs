//! The review step: every answer, each with its Change link, and the submit.

mod view;

pub use view::*;
