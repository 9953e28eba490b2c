//! The branding step: the server's name, description, thumbnail and colours, with a preview.

pub mod strings;
mod view;
mod preview;

pub use strings::BrandingStrings;
pub use view::*;
pub use preview::*;
