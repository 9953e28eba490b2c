//! The organization step: who signs up, where, how they pay.

mod view;

pub use view::*;
