//! The status page: provisioning step by step, the payment and the order summary.

pub mod strings;
mod view;
mod payment;

pub use strings::StatusStrings;
pub use view::*;
pub use payment::*;
