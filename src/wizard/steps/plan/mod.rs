//! The plan step: plans, billing, currency, add-ons and support, with the running total.

mod view;
mod extras;

pub use view::*;
pub use extras::*;
