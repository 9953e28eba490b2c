//! Validation rules, written once: the app runs them as the user types, the server on every write.

mod branding;
mod common;
mod moderation;
mod organization;
mod plan;
mod sections;
mod vat;

pub use branding::*;
pub use common::*;
pub use moderation::*;
pub use organization::*;
pub use plan::*;
pub use sections::*;
pub use vat::*;
