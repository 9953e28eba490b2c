//! The branding step: the server's name, description, thumbnail and colours, with a preview.

mod view;
mod preview;

pub use view::*;
pub use preview::*;
