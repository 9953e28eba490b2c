//! The provider's configuration file (`onramp.toml`): read, checked with every problem located,
//! and turned into what the server runs with.

mod check;
mod file;
mod locate;
mod settings;

pub use check::Problem;
pub use file::*;
pub use settings::{load, load_str, ApiKey, LoadError, Settings, API_KEY_MIN};
