//! The domain step: the server's address and, for an own domain, its DNS records.

pub mod strings;
mod form;
mod parts;
mod view;
mod records;

pub use strings::DomainStrings;
pub use form::DomainFields;
pub use view::*;
pub use records::*;
