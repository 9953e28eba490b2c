//! One file per step route.

mod branding;
mod branding_preview;
mod domain;
mod domain_records;
mod managed_moderation;
mod moderation;
mod moderation_blocks;
mod moderation_rules;
mod organization;
mod plan;
mod plan_extras;
mod price_summary;
mod resume;
mod review;
mod status;
mod status_payment;

pub use branding::*;
pub use branding_preview::*;
pub use domain::*;
pub use domain_records::*;
pub use managed_moderation::*;
pub use moderation::*;
pub use moderation_blocks::*;
pub use moderation_rules::*;
pub use organization::*;
pub use plan::*;
pub use plan_extras::*;
pub use price_summary::*;
pub use resume::*;
pub use review::*;
pub use status::*;
pub use status_payment::*;
