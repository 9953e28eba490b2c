//! Reusable pieces of the steps.

mod color_field;
mod coming_next;
mod currency_suggestion;
mod error_notice;
mod error_summary;
mod field;
mod form_actions;
mod image_upload;
mod language_switcher;
mod resume_panel;
mod save_status;
mod step_heading;
mod stepper;
mod demo_banner;
mod top_bar;

pub use color_field::*;
pub use coming_next::*;
pub use currency_suggestion::*;
pub use error_notice::*;
pub use error_summary::*;
pub use field::*;
pub use form_actions::*;
pub use image_upload::*;
pub use language_switcher::*;
pub use resume_panel::*;
pub use save_status::*;
pub use step_heading::*;
pub use stepper::*;
pub use demo_banner::*;
pub use top_bar::*;
