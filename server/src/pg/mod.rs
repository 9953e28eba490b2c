//! PostgreSQL as the shared database of several reference servers: the same [`crate::store::Store`]
//! as the SQLite file, over `tokio-postgres` with a `deadpool-postgres` pool, its schema brought
//! up to date by `refinery` under an advisory lock (two instances starting together do not race),
//! and the claims several instances need (`FOR UPDATE SKIP LOCKED` with a lease) on provisioning
//! steps and deliveries.

mod drafts;
mod orders;
mod outbox;
mod store;

pub use store::PgStore;
