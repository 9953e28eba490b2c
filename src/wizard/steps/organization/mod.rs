//! The organization step: who signs up, where, how they pay.

pub mod strings;
mod view;

pub use strings::OrganizationStrings;
pub use view::*;
