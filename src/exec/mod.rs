//! Running queries on Neo4j (or any Bolt + Cypher server) on tokio.
//!
//! [`Executor`] is the one way to run a statement: a [`Client`] runs each on a pooled
//! connection, a [`Transaction`] runs them inside it. [`Statement`] is what can run (typed
//! queries, [`raw`] Cypher), [`decode`] turns rows into the Rust types a query promised, and
//! the driver folder is the one place that touches the Bolt client (`typher-bolt`): no type
//! of it appears in a public signature.

mod client;
mod counters;
pub mod decode;
mod driver;
pub mod error;
mod executor;
mod log;
mod settings;
mod statement;
mod stream;
mod txn;

pub use client::{Bookmarks, Client};
pub use counters::{Counters, Executed, Notification, Plan, QueryType};
pub use driver::Record;
pub use error::{Error, Result, Wait};
pub use executor::{Executor, Running};
pub use settings::{BoltVersion, NotificationSeverity, RetryPolicy, Settings};
pub use statement::{raw, Prepared, Profiled, Raw, RowOf, Statement};
pub use stream::RowStream;
pub use txn::{ManagedTransaction, Transaction};

/// The statements the execution layer sends on its own (the version check, the constraint
/// lookup behind a violation's message), for the test that runs them through Neo4j's front
/// end.
#[doc(hidden)]
pub fn internal_statements() -> [&'static str; 2] {
    [client::VERSION_QUERY, driver::CONSTRAINT_LOOKUP]
}
