//! [`Executor`]: one way to run a statement, on the pool or inside a transaction, so code
//! that runs queries (the OGM, a user's repository) works on both.

use super::client::{Client, RowOf};
use super::counters::Executed;
use super::decode::RowDecoder;
use super::error::Result;
use super::statement::Statement;
use super::txn::Transaction;
use core::future::Future;

/// Runs statements: a [`Client`] (each on a pooled connection) or a [`Transaction`] (all
/// inside it, committed or rolled back together).
///
/// ```no_run
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// async fn people(db: &impl typher::Executor) -> typher::Result<Vec<Person>> {
///     db.fetch_all(match_(Person).return_(Person)).await
/// }
/// # async fn demo(client: &typher::Client) -> typher::Result<()> {
/// people(client).await?;
/// let tx = client.begin().await?;
/// people(&tx).await?;
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub trait Executor: Sync {
    /// Every row, decoded.
    fn fetch_all<Q>(&self, query: Q) -> impl Future<Output = Result<Vec<RowOf<Q>>>> + Send
    where
        Q: Statement + Send + Sync,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send;

    /// Runs a write (or any statement), discards its rows and reports what it changed.
    fn execute<Q>(&self, query: Q) -> impl Future<Output = Result<Executed>> + Send
    where
        Q: Statement + Send + Sync;
}

impl Executor for Client {
    fn fetch_all<Q>(&self, query: Q) -> impl Future<Output = Result<Vec<RowOf<Q>>>> + Send
    where
        Q: Statement + Send + Sync,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(Client::fetch_all(self, query))
    }

    fn execute<Q>(&self, query: Q) -> impl Future<Output = Result<Executed>> + Send
    where
        Q: Statement + Send + Sync,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(Client::execute(self, query))
    }
}

impl Executor for Transaction {
    fn fetch_all<Q>(&self, query: Q) -> impl Future<Output = Result<Vec<RowOf<Q>>>> + Send
    where
        Q: Statement + Send + Sync,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(Transaction::fetch_all(self, query))
    }

    fn execute<Q>(&self, query: Q) -> impl Future<Output = Result<Executed>> + Send
    where
        Q: Statement + Send + Sync,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(Transaction::execute(self, query))
    }
}

impl<E: Executor> Executor for &E {
    fn fetch_all<Q>(&self, query: Q) -> impl Future<Output = Result<Vec<RowOf<Q>>>> + Send
    where
        Q: Statement + Send + Sync,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        (**self).fetch_all(query)
    }

    fn execute<Q>(&self, query: Q) -> impl Future<Output = Result<Executed>> + Send
    where
        Q: Statement + Send + Sync,
    {
        (**self).execute(query)
    }
}
