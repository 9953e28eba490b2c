//! The plan step: plans, billing, currency, add-ons and support, with the running total.

pub mod strings;
mod currency;
mod view;
mod extras;
mod summary;

pub use strings::PlanStrings;
pub use currency::CurrencyChoice;
pub use view::*;
pub use extras::*;
pub use summary::{prefetch_summary, LazySummary, PlanChoice};
