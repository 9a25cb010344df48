//! Explicit transactions: typed queries, then commit or roll back.

use super::client::RowOf;
use super::counters::{Counters, Executed};
use super::decode::RowDecoder;
use super::driver::{Access, Driver, Lease};
use super::error::{Error, Result};
use super::log::QueryLog;
use super::statement::Statement;
use tokio::sync::Mutex;
use tracing::Instrument;

/// An open transaction. Queries run in it see each other's writes; nothing is visible to
/// others until [`Transaction::commit`]. Dropping it without committing rolls it back at
/// once, so it holds no locks past its end.
///
/// A managed transaction ([`Client::write`](super::Client::write)) lends it to its closure
/// by reference: the closure can run queries, but cannot commit, roll back or keep it.
///
/// ```no_run
/// # async fn demo(client: &typher::Client) -> typher::Result<()> {
/// let tx = client.begin().await?;
/// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'a'})")).await?;
/// tx.commit().await?; // or tx.rollback().await?, or drop(tx) to roll back
/// # Ok(()) }
/// ```
pub struct Transaction {
    driver: Driver,
    open: Mutex<Option<Open>>,
}

/// A transaction still open on the server, and the connection it runs on.
struct Open {
    txn: neo4rs::Txn,
    lease: Lease,
}

fn finished() -> Error {
    Error::Config("the transaction has already been committed or rolled back".into())
}

impl Transaction {
    pub(crate) async fn begin(driver: Driver, access: Access) -> Result<Self> {
        let mut lease = driver.lease().await?;
        let txn = driver.begin(&mut lease, access).await?;
        tracing::debug!(target: "typher::transaction", "transaction begun");
        Ok(Self {
            driver,
            open: Mutex::new(Some(Open { txn, lease })),
        })
    }

    async fn rows<Q: Statement>(
        &self,
        query: &Q,
    ) -> Result<(Vec<neo4rs::Row>, Vec<String>, Counters)> {
        let prepared = query.prepare()?;
        let log = QueryLog::start(&prepared);
        let result = async {
            let mut guard = self.open.lock().await;
            let open = guard.as_mut().ok_or_else(finished)?;
            let result = self.driver.txn_rows(&mut open.txn, prepared.query).await;
            open.lease.checked(result)
        }
        .instrument(log.span().clone())
        .await;
        let result = match result {
            Err(e @ Error::ConstraintViolation { .. }) => {
                Err(self.driver.name_constraint(e, prepared.text).await)
            }
            other => other,
        };
        log.end(&result, |(rows, _)| rows.len());
        let (rows, counters) = result?;
        Ok((rows, prepared.columns.into_owned(), counters))
    }

    /// Every row, decoded.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// let titles: Vec<String> = tx.fetch_all(match_(Movie).return_(Movie.title)).await?;
    /// # tx.commit().await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch_all<Q>(&self, query: Q) -> Result<Vec<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let (rows, columns, _) = self.rows(&query).await?;
        rows.iter()
            .map(|row| Q::Shape::decode(row, &columns))
            .collect()
    }

    /// The only row; [`Error::NoRows`] or [`Error::TooManyRows`] otherwise.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// let n: i64 = tx.fetch_one(match_(Movie).return_(count(Movie))).await?;
    /// # tx.commit().await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch_one<Q>(&self, query: Q) -> Result<RowOf<Q>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        self.fetch_optional(query).await?.ok_or(Error::NoRows)
    }

    /// The only row, or `None`; [`Error::TooManyRows`] for several.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// let meg: Option<Person> = tx
    ///     .fetch_optional(match_(Person).filter(Person.name.eq("Meg Ryan")).return_(Person))
    ///     .await?;
    /// # tx.commit().await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch_optional<Q>(&self, query: Q) -> Result<Option<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let (rows, columns, _) = self.rows(&query).await?;
        match rows.as_slice() {
            [] => Ok(None),
            [row] => Q::Shape::decode(row, &columns).map(Some),
            _ => Err(Error::TooManyRows),
        }
    }

    /// Runs a write, discards its rows and reports what it changed ([`Executed::counters`]).
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: $n})").param("n", "x")).await?;
    /// tx.commit().await?;
    /// # Ok(()) }
    /// ```
    pub async fn execute<Q: Statement>(&self, query: Q) -> Result<Executed> {
        let (rows, _, counters) = self.rows(&query).await?;
        Ok(Executed {
            rows_returned: rows.len(),
            counters,
        })
    }

    /// Makes every write of the transaction durable and visible. When the reply to the
    /// commit is lost, this fails with [`Error::CommitOutcomeUnknown`]: the writes may or may
    /// not have persisted.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'kept'})")).await?;
    /// match tx.commit().await {
    ///     Ok(()) => {}
    ///     Err(typher::Error::CommitOutcomeUnknown { .. }) => { /* check before redoing */ }
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn commit(self) -> Result<()> {
        let mut this = self;
        let Open { txn, mut lease } = this.open.get_mut().take().ok_or_else(finished)?;
        let result = this.driver.commit(txn).await;
        tracing::debug!(target: "typher::transaction", committed = result.is_ok(), "transaction commit");
        if result.is_err() {
            lease.poison();
        }
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
        let Open { txn, mut lease } = this.open.get_mut().take().ok_or_else(finished)?;
        let result = this.driver.rollback(txn).await;
        tracing::debug!(target: "typher::transaction", "transaction rolled back");
        if result.is_err() {
            lease.poison();
        }
        result
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if let Some(Open { txn, lease }) = self.open.get_mut().take() {
            tracing::debug!(target: "typher::transaction", "transaction dropped uncommitted: rolling back");
            self.driver.abandon(txn, lease);
        }
    }
}
