//! The organization step: who signs up, where, how they pay.

pub mod strings;
mod billing;
mod form;
mod identity;
mod view;

pub use strings::OrganizationStrings;
pub use form::OrganizationForm;
pub use view::*;
