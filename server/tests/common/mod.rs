//! What the server tests share.

mod harness;
pub mod mail;
pub mod pg;
pub mod receiver;
pub mod smtp;
pub mod process;

// Each test binary uses a part of it.
#[allow(unused_imports)]
pub use harness::*;
