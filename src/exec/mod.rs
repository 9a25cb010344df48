//! Running queries on Neo4j (or any Bolt + Cypher server) through neo4rs on tokio.

mod client;
pub mod decode;
mod driver;
pub mod error;
pub mod params;
mod settings;
mod statement;
mod txn;

pub use client::{Client, Executed, RowOf, RowStream};
pub use error::{Error, Result};
pub use settings::{RetryPolicy, Settings};
pub use statement::{raw, Prepared, Raw, Statement};
pub use txn::Transaction;
