//! Explicit transactions: typed queries, then commit or roll back.

use super::client::{Executed, RowOf};
use super::decode::RowDecoder;
use super::driver::{self, Driver};
use super::error::{Error, Result};
use super::statement::Statement;
use std::sync::Arc;
use tokio::sync::Mutex;

/// An open transaction. Queries run in it see each other's writes; nothing is visible to
/// others until [`Transaction::commit`]. Dropping it without committing rolls it back.
///
/// A managed transaction ([`Client::write`](super::Client::write)) lends it to its closure
/// by reference: the closure can run queries, but cannot commit, roll back or keep it.
pub struct Transaction {
    driver: Driver,
    inner: Arc<Mutex<Option<neo4rs::Txn>>>,
}

fn finished() -> Error {
    Error::Config("the transaction has already been committed or rolled back".into())
}

impl Transaction {
    pub(crate) async fn begin(driver: Driver) -> Result<Self> {
        let txn = driver.begin().await?;
        Ok(Self {
            driver,
            inner: Arc::new(Mutex::new(Some(txn))),
        })
    }

    async fn rows<Q: Statement>(&self, query: &Q) -> Result<(Vec<neo4rs::Row>, Vec<String>)> {
        let prepared = query.prepare()?;
        let mut guard = self.inner.lock().await;
        let txn = guard.as_mut().ok_or_else(finished)?;
        let rows = driver::txn_rows(&self.driver, txn, prepared.query).await?;
        Ok((rows, prepared.columns.into_owned()))
    }

    /// Every row, decoded.
    pub async fn fetch_all<Q>(&self, query: Q) -> Result<Vec<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let (rows, columns) = self.rows(&query).await?;
        rows.iter()
            .map(|row| Q::Shape::decode(row, &columns))
            .collect()
    }

    /// The only row; [`Error::NoRows`] or [`Error::TooManyRows`] otherwise.
    pub async fn fetch_one<Q>(&self, query: Q) -> Result<RowOf<Q>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        self.fetch_optional(query).await?.ok_or(Error::NoRows)
    }

    /// The only row, or `None`; [`Error::TooManyRows`] for several.
    pub async fn fetch_optional<Q>(&self, query: Q) -> Result<Option<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let (rows, columns) = self.rows(&query).await?;
        match rows.as_slice() {
            [] => Ok(None),
            [row] => Q::Shape::decode(row, &columns).map(Some),
            _ => Err(Error::TooManyRows),
        }
    }

    /// Runs a write and discards its rows.
    pub async fn execute<Q: Statement>(&self, query: Q) -> Result<Executed> {
        let (rows, _) = self.rows(&query).await?;
        Ok(Executed { rows: rows.len() })
    }

    /// Makes every write of the transaction durable and visible.
    pub async fn commit(self) -> Result<()> {
        self.finish(true).await
    }

    /// Undoes every write of the transaction.
    pub async fn rollback(self) -> Result<()> {
        self.finish(false).await
    }

    async fn finish(&self, commit: bool) -> Result<()> {
        let txn = self.inner.lock().await.take().ok_or_else(finished)?;
        if commit {
            driver::commit(&self.driver, txn).await
        } else {
            driver::rollback(&self.driver, txn).await
        }
    }
}
