//! Onramp's JSON contract, shared by the app (wasm) and the reference server (native).
//!
//! Request and response types, the validation rules for every field and the sample catalogue
//! live here once: the app runs the rules as the user types, the server runs them again on
//! every write. No UI, no I/O, no panics.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod asset;
pub mod base64;
pub mod blocklist;
pub mod brand;
pub mod catalog;
pub mod color;
pub mod conformance_cases;
pub mod countries;
pub mod currency;
pub mod dns;
pub mod domain;
pub mod draft;
pub mod embed;
pub mod embed_check;
pub mod embed_docs;
pub mod funnel;
pub mod languages;
pub mod mastodon;
pub mod order;
pub mod partner_id;
pub mod payment;
pub mod pricing;
pub mod problem;
pub mod provider;
pub mod schema_limits;
pub mod sample;
pub mod signup;
pub mod tax;
pub mod text;
pub mod validate;
pub mod webhook;

pub use catalog::*;
pub use draft::*;
pub use problem::*;
pub use signup::*;

/// Path prefix of every API call.
pub const API_PREFIX: &str = "/api/v1";
