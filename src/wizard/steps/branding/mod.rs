//! The branding step: the server's name, description, thumbnail and colours, with a preview.

pub mod strings;
mod form;
mod view;
mod preview;

pub use strings::BrandingStrings;
pub use form::{BrandingForm, DEFAULT_ACCENT};
pub use view::*;
pub use preview::*;
