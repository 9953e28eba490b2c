//! The plan step: plans, billing, currency, add-ons and support, with the running total.

pub mod strings;
mod card;
mod currency;
mod view;
mod extras;

pub use strings::PlanStrings;
pub use card::PlanCard;
pub use currency::CurrencyChoice;
pub use view::*;
pub use extras::*;
