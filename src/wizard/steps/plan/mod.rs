//! The plan step: plans, billing, currency, add-ons and support, with the running total.

pub mod strings;
mod view;
mod extras;

pub use strings::PlanStrings;
pub use view::*;
pub use extras::*;
