//! The checks, one module per part of the API.

pub mod assets;
pub mod common;
pub mod drafts;
pub mod limits;
pub mod orders;
pub mod partners;
pub mod provider;
pub mod rules;
