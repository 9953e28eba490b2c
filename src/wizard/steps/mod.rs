//! One file per step route.

mod branding;
mod domain;
mod moderation;
mod organization;
mod plan;
mod review;

pub use branding::*;
pub use domain::*;
pub use moderation::*;
pub use organization::*;
pub use plan::*;
pub use review::*;
