//! The API client: views call [`ApiClient`] and never know which backend answers.

mod client;
pub mod demo;
pub mod demo_api;
mod error;
mod http;
mod key;
pub mod upload;

pub use client::*;
pub use error::*;
