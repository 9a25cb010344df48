//! Running queries on Neo4j (or any Bolt + Cypher server) through neo4rs on tokio.

mod client;
mod counters;
pub mod decode;
mod driver;
pub mod error;
mod executor;
mod log;
pub mod params;
mod settings;
mod statement;
mod txn;

pub use client::{Client, RowOf, RowStream};
pub use counters::{Counters, Executed};
pub use error::{Error, Result, Wait};
pub use executor::Executor;
pub use settings::{RetryPolicy, Settings};
pub use statement::{raw, Prepared, Raw, Statement};
pub use txn::Transaction;
