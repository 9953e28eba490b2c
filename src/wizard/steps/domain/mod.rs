//! The domain step: the server's address and, for an own domain, its DNS records.

mod view;
mod records;

pub use view::*;
pub use records::*;
