//! One file per step route.

mod branding;
mod branding_preview;
mod domain;
mod domain_records;
mod moderation;
mod organization;
mod plan;
mod plan_extras;
mod review;

pub use branding::*;
pub use branding_preview::*;
pub use domain::*;
pub use domain_records::*;
pub use moderation::*;
pub use organization::*;
pub use plan::*;
pub use plan_extras::*;
pub use review::*;
