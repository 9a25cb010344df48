//! The client: typed fetches, lazy streams, writes and transactions over one pool.

use super::decode::RowDecoder;
use super::driver::Driver;
use super::error::{Error, Result};
use super::settings::Settings;
use super::statement::Statement;
use super::txn::Transaction;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Runs typed and raw queries against one database through a connection pool.
#[derive(Clone)]
pub struct Client {
    driver: Driver,
    settings: Settings,
}

/// The row type of statement `Q`.
pub type RowOf<Q> = <<Q as Statement>::Shape as super::decode::Shape>::Row;

/// What a write reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Executed {
    /// Rows the statement returned (and the client discarded).
    pub rows: usize,
}

impl Client {
    /// Connects and checks the server answers, so a wrong address or password fails here.
    pub async fn connect(settings: Settings) -> Result<Self> {
        let driver = Driver::connect(&settings)?;
        driver.ping().await?;
        Ok(Self { driver, settings })
    }

    /// Connects with [`Settings::from_env`].
    pub async fn from_env() -> Result<Self> {
        Self::connect(Settings::from_env()?).await
    }

    /// The settings this client was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every row, decoded.
    pub async fn fetch_all<Q>(&self, query: Q) -> Result<Vec<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let prepared = query.prepare()?;
        let mut rows = self.driver.rows(prepared.query).await?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().await.map_err(|e| self.driver.error(e))? {
            out.push(Q::Shape::decode(&row, &prepared.columns)?);
        }
        Ok(out)
    }

    /// The only row; [`Error::NoRows`] or [`Error::TooManyRows`] otherwise.
    pub async fn fetch_one<Q>(&self, query: Q) -> Result<RowOf<Q>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        self.fetch_optional(query).await?.ok_or(Error::NoRows)
    }

    /// The only row, or `None` for none; [`Error::TooManyRows`] for several.
    pub async fn fetch_optional<Q>(&self, query: Q) -> Result<Option<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let prepared = query.prepare()?;
        let mut rows = self.driver.rows(prepared.query).await?;
        let Some(first) = rows.next().await.map_err(|e| self.driver.error(e))? else {
            return Ok(None);
        };
        if rows
            .next()
            .await
            .map_err(|e| self.driver.error(e))?
            .is_some()
        {
            return Err(Error::TooManyRows);
        }
        Q::Shape::decode(&first, &prepared.columns).map(Some)
    }

    /// A lazy stream of decoded rows. It holds about `fetch_size` rows at a time however large
    /// the result, and one pool connection, released when the stream ends or is dropped.
    pub async fn stream<Q>(&self, query: Q) -> Result<RowStream<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send + 'static,
    {
        let prepared = query.prepare()?;
        let rows = self.driver.rows(prepared.query).await?;
        // The driver and column names travel in the stream's state: nothing is copied per row.
        let state = (rows, self.driver.clone(), prepared.columns.into_owned());
        let inner = stream::unfold(Some(state), |state| async move {
            let (mut rows, driver, columns) = state?;
            match rows.next().await {
                Ok(Some(row)) => {
                    let decoded = Q::Shape::decode(&row, &columns);
                    Some((decoded, Some((rows, driver, columns))))
                }
                Ok(None) => None,
                Err(e) => Some((Err(driver.error(e)), None)),
            }
        });
        Ok(RowStream(inner.boxed()))
    }

    /// Runs a write (or any statement) and discards its rows.
    pub async fn execute<Q: Statement>(&self, query: Q) -> Result<Executed> {
        let prepared = query.prepare()?;
        let mut rows = self.driver.rows(prepared.query).await?;
        let mut count = 0;
        while rows
            .next()
            .await
            .map_err(|e| self.driver.error(e))?
            .is_some()
        {
            count += 1;
        }
        Ok(Executed { rows: count })
    }

    /// Begins an explicit transaction: commit it, or drop or roll it back to undo everything.
    pub async fn begin(&self) -> Result<Transaction> {
        Transaction::begin(self.driver.clone()).await
    }

    /// Runs `work` in one write transaction and commits it. Transient failures (deadlocks,
    /// lost connections) rerun the whole closure with bounded backoff; any error rolls back
    /// everything the attempt did.
    ///
    /// ```no_run
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let n: i64 = client
    ///     .write(async |tx| {
    ///         tx.execute(typher::raw::<()>("CREATE (:Tag {name: $n})").param("n", "x")).await?;
    ///         tx.fetch_one(typher::raw::<i64>("MATCH (t:Tag) RETURN count(t)")).await
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn write<F, T>(&self, work: F) -> Result<T>
    where
        F: AsyncFnMut(&Transaction) -> Result<T>,
    {
        self.managed(work).await
    }

    /// Runs `work` in one transaction meant for reads, with the same retries as [`Client::write`].
    ///
    /// neo4rs 0.9 without its unstable features cannot begin a transaction in read access
    /// mode, so on a cluster this does not route to a follower yet; on a single server it
    /// behaves like a read transaction.
    pub async fn read<F, T>(&self, work: F) -> Result<T>
    where
        F: AsyncFnMut(&Transaction) -> Result<T>,
    {
        self.managed(work).await
    }

    /// Runs `work` until it commits, gives up on a permanent error, or runs out of attempts.
    /// The closure borrows the transaction for its own run only: it can neither commit nor
    /// roll back (those take the transaction by value) nor keep it past its end.
    async fn managed<F, T>(&self, mut work: F) -> Result<T>
    where
        F: AsyncFnMut(&Transaction) -> Result<T>,
    {
        let policy = self.settings.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let error = match self.begin().await {
                Err(e) => e,
                Ok(tx) => match work(&tx).await {
                    Ok(value) => match tx.commit().await {
                        Ok(()) => return Ok(value),
                        Err(e) => e,
                    },
                    Err(e) => {
                        // The work failed: undo it. A rollback failure changes nothing the
                        // caller can act on, so the work's error is the one reported.
                        let _ = tx.rollback().await;
                        e
                    }
                },
            };
            if !error.is_transient() {
                return Err(error);
            }
            if attempt >= policy.max_attempts {
                return Err(Error::RetriesExhausted {
                    attempts: attempt,
                    last: Box::new(error),
                });
            }
            tokio::time::sleep(policy.backoff(attempt)).await;
        }
    }
}

/// A lazy stream of decoded rows; see [`Client::stream`].
pub struct RowStream<T>(BoxStream<'static, Result<T>>);

impl<T> Stream for RowStream<T> {
    type Item = Result<T>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}
