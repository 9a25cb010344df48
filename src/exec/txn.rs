//! Explicit transactions: typed queries, then commit or roll back.

use super::counters::{Counters, Executed};
use super::driver::{Access, Driver, Record, Txn};
use super::error::{Error, Result};
use super::executor::Executor;
use super::log::QueryLog;
use super::statement::{labels, Prepared};
use super::stream::RowStream;
use tokio::sync::Mutex;
use tracing::Instrument;

/// An open transaction. Queries run in it see each other's writes; nothing is visible to
/// others until [`Transaction::commit`]. Dropping it without committing rolls it back at
/// once, so it holds no locks past its end.
///
/// A managed transaction ([`Client::write`](super::Client::write)) lends it to its closure
/// by reference: the closure can run queries, but cannot commit, roll back or keep it.
/// Its queries come from [`Executor`].
///
/// ```no_run
/// # use typher::Executor;
/// # async fn demo(client: &typher::Client) -> typher::Result<()> {
/// let tx = client.begin().await?;
/// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'a'})")).await?;
/// tx.commit().await?; // or tx.rollback().await?, or drop(tx) to roll back
/// # Ok(()) }
/// ```
pub struct Transaction {
    driver: Driver,
    /// The transaction while it is open on the server, with the connection it runs on.
    open: Mutex<Option<Txn>>,
}

fn finished() -> Error {
    Error::Config("the transaction has already been committed or rolled back".into())
}

impl Transaction {
    pub(crate) async fn begin(driver: Driver, access: Access) -> Result<Self> {
        let lease = driver.lease().await?;
        let txn = driver.begin(lease, access);
        tracing::debug!(target: "typher::transaction", "transaction begun");
        Ok(Self {
            driver,
            open: Mutex::new(Some(txn)),
        })
    }

    /// Every row of `prepared` and what it changed; a broken constraint is named.
    async fn rows(&self, prepared: Prepared<'_>) -> Result<(Vec<Record>, Counters)> {
        let log = QueryLog::start(&prepared);
        let result = async {
            let mut guard = self.open.lock().await;
            let txn = guard.as_mut().ok_or_else(finished)?;
            self.driver.txn_rows(txn, prepared.query).await
        }
        .instrument(log.span().clone())
        .await;
        let result = match result {
            Err(e @ Error::ConstraintViolation { .. }) => {
                Err(self.driver.name_constraint(e, &labels(prepared.tree)).await)
            }
            other => other,
        };
        log.end(&result, |(rows, _)| rows.len());
        result
    }

    /// Makes every write of the transaction durable and visible. When the reply to the
    /// commit is lost, this fails with [`Error::CommitOutcomeUnknown`]: the writes may or may
    /// not have persisted.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'kept'})")).await?;
    /// match tx.commit().await {
    ///     Ok(()) => {}
    ///     Err(typher::exec::Error::CommitOutcomeUnknown { .. }) => { /* check before redoing */ }
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn commit(self) -> Result<()> {
        let mut this = self;
        let txn = this.open.get_mut().take().ok_or_else(finished)?;
        let result = this.driver.commit(txn).await;
        tracing::debug!(target: "typher::transaction", committed = result.is_ok(), "transaction commit");
        result
    }

    /// Undoes every write of the transaction.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'undone'})")).await?;
    /// tx.rollback().await?; // nothing of it persists
    /// # Ok(()) }
    /// ```
    pub async fn rollback(self) -> Result<()> {
        let mut this = self;
        let txn = this.open.get_mut().take().ok_or_else(finished)?;
        let result = this.driver.rollback(txn).await;
        tracing::debug!(target: "typher::transaction", "transaction rolled back");
        result
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if let Some(txn) = self.open.get_mut().take() {
            tracing::debug!(target: "typher::transaction", "transaction dropped uncommitted: rolling back");
            self.driver.abandon(txn);
        }
    }
}

impl Executor for Transaction {
    async fn records<'a>(&'a self, prepared: Prepared<'a>) -> Result<RowStream<Record>> {
        let (records, _) = self.rows(prepared).await?;
        Ok(RowStream::read(records))
    }

    async fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> Result<(Vec<Record>, Executed)> {
        let (records, counters) = self.rows(prepared).await?;
        let executed = Executed {
            rows_returned: records.len(),
            counters,
        };
        Ok((if keep_rows { records } else { Vec::new() }, executed))
    }
}
