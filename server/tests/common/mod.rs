//! What the server tests share.

mod harness;

pub use harness::*;
