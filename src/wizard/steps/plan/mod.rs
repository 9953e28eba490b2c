//! The plan step: plans, billing, currency, add-ons and support, with the running total.

pub mod strings;
mod currency;
mod view;
mod extras;

pub use strings::PlanStrings;
pub use currency::CurrencyChoice;
pub use view::*;
pub use extras::*;
