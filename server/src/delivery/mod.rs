//! Deliveries from the transactional outbox: mail (through the provider's SMTP server, or as
//! `.eml` files) and signed webhook events, each a row written in the same transaction as the
//! change it reports, delivered at least once with exponential backoff and jitter until it
//! succeeds or its time is up. A row is leased while it is tried, so a process killed
//! mid-delivery leaves it to be tried again, and several instances never send it at once.

pub mod mail;
mod model;
mod policy;
pub mod post;
pub mod sign;
mod worker;

pub use model::*;
pub use policy::Policy;
pub use worker::*;
