//! The moderation step: registrations, rules, blocked servers, managed moderation, caches.

pub mod strings;
mod form;
mod languages;
mod view;
mod blocks;
mod rules;

pub use strings::ModerationStrings;
pub use form::{number, ModerationFields, ModerationForm};
pub use view::*;
pub use blocks::*;
pub use rules::*;
