//! The API client: views call [`ApiClient`] and never know which backend answers.

mod client;
mod error;
mod http;
pub mod upload;

pub use client::*;
pub use error::*;
