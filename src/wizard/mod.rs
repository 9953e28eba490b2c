//! The signup flow: step order and guards, the draft store, the layout around the steps.

pub mod autosave;
mod catalog;
mod draft;
mod flow;
mod form;
mod layout;
pub mod messages;
mod plan_choice;
pub mod rule_packs;
pub mod steps;
mod tracker;

pub use catalog::*;
pub use draft::*;
pub use flow::*;
pub use form::*;
pub use layout::*;
pub use plan_choice::*;
pub use tracker::*;
