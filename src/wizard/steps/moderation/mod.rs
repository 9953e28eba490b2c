//! The moderation step: registrations, rules, blocked servers, managed moderation, caches.

mod view;
mod blocks;
mod rules;

pub use view::*;
pub use blocks::*;
pub use rules::*;
