//! The status page: provisioning step by step, the payment and the order summary.

mod view;
mod payment;

pub use view::*;
pub use payment::*;
