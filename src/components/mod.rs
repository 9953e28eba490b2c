//! Reusable pieces of the steps: they take props and never reach into the wizard.

mod color_field;
mod currency_suggestion;
mod demo_banner;
mod error_notice;
mod error_summary;
mod field;
mod image_upload;
mod labels;
mod language_switcher;
mod lazy_step;
mod managed_moderation;
mod price_lines;
mod top_bar;

pub use color_field::*;
pub use currency_suggestion::*;
pub use demo_banner::*;
pub use error_notice::*;
pub use error_summary::*;
pub use field::*;
pub use image_upload::*;
pub use labels::*;
pub use language_switcher::*;
pub use lazy_step::*;
pub use managed_moderation::*;
pub use price_lines::*;
pub use top_bar::*;
