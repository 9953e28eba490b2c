//! The steps and pages of the signup, one folder each (its view, its private pieces). Every one
//! but the plan step is a lazily loaded chunk (`crate::routes`); no step folder imports another.

pub mod branding;
pub mod domain;
pub mod moderation;
pub mod organization;
pub mod plan;
pub mod resume;
pub mod review;
pub mod status;
