//! What the server tests share.

mod harness;
pub mod mail;
pub mod process;

// Each test binary uses a part of it.
#[allow(unused_imports)]
pub use harness::*;
