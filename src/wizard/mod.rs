//! The signup flow: step order and guards, the draft store, the layout around the steps.

pub mod autosave;
mod catalog;
mod draft;
mod flow;
mod form;
mod form_actions;
pub mod languages;
mod layout;
pub mod messages;
mod plan_choice;
mod resume_panel;
mod save_status;
mod step_heading;
pub mod rule_packs;
pub mod steps;
mod stepper;
mod tracker;

pub use catalog::*;
pub use draft::*;
pub use flow::*;
pub use form::*;
pub use form_actions::*;
pub use layout::*;
pub use plan_choice::*;
pub use resume_panel::*;
pub use save_status::*;
pub use step_heading::*;
pub use stepper::*;
pub use tracker::*;
