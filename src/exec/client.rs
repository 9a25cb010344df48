//! The client: typed fetches, lazy streams, writes and transactions over one pool.

use super::counters::Executed;
use super::decode::RowDecoder;
use super::driver::Lease;
use super::driver::{Access, Driver};
use super::error::{Error, Result};
use super::log::QueryLog;
use super::settings::Settings;
use super::statement::Statement;
use super::txn::Transaction;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Instrument;

/// What a row stream carries between rows.
struct Streaming {
    rows: neo4rs::DetachedRowStream,
    lease: Lease,
    driver: Driver,
    columns: Vec<String>,
    log: QueryLog,
    count: usize,
}

/// Runs typed and raw queries against one database through a connection pool.
#[derive(Clone)]
pub struct Client {
    driver: Driver,
    settings: Settings,
}

/// The row type of statement `Q`.
pub type RowOf<Q> = <<Q as Statement>::Shape as super::decode::Shape>::Row;

impl Client {
    /// Connects and checks the server answers, so a wrong address or password fails here.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let settings = typher::Settings::builder()
    ///     .uri("bolt://127.0.0.1:7687")
    ///     .user("neo4j")
    ///     .password("secret")
    ///     .build();
    /// let client = typher::Client::connect(settings).await?;
    /// # Ok(()) }
    /// ```
    pub async fn connect(settings: Settings) -> Result<Self> {
        let driver = Driver::connect(&settings)?;
        driver.ping().await?;
        Ok(Self { driver, settings })
    }

    /// Connects with [`Settings::from_env`].
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// // NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE)
    /// let client = typher::Client::from_env().await?;
    /// # Ok(()) }
    /// ```
    pub async fn from_env() -> Result<Self> {
        Self::connect(Settings::from_env()?).await
    }

    /// The settings this client was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every row, decoded.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let movies: Vec<(String, i64)> = client
    ///     .fetch_all(match_(Person).rel(ACTED_IN).to(Movie)
    ///         .filter(Person.name.eq("Tom Hanks"))
    ///         .return_((Movie.title, Movie.released)))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch_all<Q>(&self, query: Q) -> Result<Vec<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let prepared = query.prepare()?;
        let log = QueryLog::start(&prepared);
        let columns = &prepared.columns;
        let mut out = Vec::new();
        let result = if prepared.atomic {
            async {
                let (rows, _) =
                    Box::pin(self.atomic(prepared.query, || query.prepare().map(|p| p.query)))
                        .await?;
                rows.iter()
                    .map(|row| Q::Shape::decode(row, columns))
                    .collect::<Result<Vec<_>>>()
            }
            .instrument(log.span().clone())
            .await
        } else {
            self.each_row(prepared.query, |row| {
                out.push(Q::Shape::decode(&row, columns)?);
                Ok(())
            })
            .instrument(log.span().clone())
            .await
            .map(|()| out)
        };
        let result = self.named(result, prepared.text).await;
        log.end(&result, Vec::len);
        result
    }

    /// The only row; [`Error::NoRows`] or [`Error::TooManyRows`] otherwise.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let born: Option<i64> = client
    ///     .fetch_one(match_(Person).filter(Person.name.eq("Meg Ryan")).return_(Person.born))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch_one<Q>(&self, query: Q) -> Result<RowOf<Q>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        self.fetch_optional(query).await?.ok_or(Error::NoRows)
    }

    /// The only row, or `None` for none; [`Error::TooManyRows`] for several.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let found: Option<Person> = client
    ///     .fetch_optional(match_(Person).filter(Person.name.eq("Nobody")).return_(Person))
    ///     .await?;
    /// assert!(found.is_none());
    /// # Ok(()) }
    /// ```
    pub async fn fetch_optional<Q>(&self, query: Q) -> Result<Option<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
    {
        let prepared = query.prepare()?;
        let log = QueryLog::start(&prepared);
        let columns = &prepared.columns;
        let atomic = prepared.atomic;
        let result = async {
            if atomic {
                let (rows, _) =
                    Box::pin(self.atomic(prepared.query, || query.prepare().map(|p| p.query)))
                        .await?;
                return match rows.as_slice() {
                    [] => Ok(None),
                    [row] => Q::Shape::decode(row, columns).map(Some),
                    _ => Err(Error::TooManyRows),
                };
            }
            let mut lease = self.driver.lease().await?;
            let mut rows = self.driver.rows(&mut lease, prepared.query).await?;
            let Some(first) = self.driver.next(&mut lease, &mut rows).await? else {
                return Ok(None);
            };
            if self.driver.next(&mut lease, &mut rows).await?.is_some() {
                return Err(Error::TooManyRows);
            }
            Q::Shape::decode(&first, columns).map(Some)
        }
        .instrument(log.span().clone())
        .await;
        let result = self.named(result, prepared.text).await;
        log.end(&result, |row| usize::from(row.is_some()));
        result
    }

    /// A lazy stream of decoded rows. It holds about `fetch_size` rows at a time however large
    /// the result, and one pool connection, released when the stream ends or is dropped.
    /// Each wait for the next batch is bounded by [`Settings::read_timeout`].
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// use futures_util::TryStreamExt;
    /// let mut titles = client.stream(match_(Movie).return_(Movie.title)).await?;
    /// while let Some(title) = titles.try_next().await? {
    ///     println!("{title}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn stream<Q>(&self, query: Q) -> Result<RowStream<RowOf<Q>>>
    where
        Q: Statement,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send + 'static,
    {
        let prepared = query.prepare()?;
        let log = QueryLog::start(&prepared);
        let opened = async {
            let mut lease = self.driver.lease().await?;
            let rows = self.driver.rows(&mut lease, prepared.query).await?;
            Ok((rows, lease))
        }
        .instrument(log.span().clone())
        .await;
        let (rows, lease) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                log.failed(&e);
                return Err(e);
            }
        };
        // The driver and column names travel in the stream's state: nothing is copied per row.
        // The rows come first, so they are dropped (and give the connection back) before the lease.
        let state = Streaming {
            rows,
            lease,
            driver: self.driver.clone(),
            columns: prepared.columns.into_owned(),
            log,
            count: 0,
        };
        let inner = stream::unfold(Some(state), |state| async move {
            let mut state = state?;
            let next = state
                .driver
                .next(&mut state.lease, &mut state.rows)
                .instrument(state.log.span().clone())
                .await;
            match next {
                Ok(Some(row)) => {
                    state.count += 1;
                    let decoded = Q::Shape::decode(&row, &state.columns);
                    Some((decoded, Some(state)))
                }
                Ok(None) => {
                    state.log.finished(state.count);
                    None
                }
                Err(e) => {
                    state.log.failed(&e);
                    Some((Err(e), None))
                }
            }
        });
        Ok(RowStream(inner.boxed()))
    }

    /// Runs a write (or any statement), discards its rows and reports what it changed
    /// ([`Executed::counters`]).
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// client
    ///     .execute(typher::raw::<()>("CREATE (:Tag {name: $name})").param("name", "new"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn execute<Q: Statement>(&self, query: Q) -> Result<Executed> {
        let prepared = query.prepare()?;
        let log = QueryLog::start(&prepared);
        let atomic = prepared.atomic;
        let result = async {
            if atomic {
                let (rows, counters) =
                    Box::pin(self.atomic(prepared.query, || query.prepare().map(|p| p.query)))
                        .await?;
                return Ok(Executed {
                    rows_returned: rows.len(),
                    counters,
                });
            }
            let mut lease = self.driver.lease().await?;
            let mut rows = self.driver.rows(&mut lease, prepared.query).await?;
            let mut rows_returned = 0;
            while self.driver.next(&mut lease, &mut rows).await?.is_some() {
                rows_returned += 1;
            }
            let counters = self.driver.finish(&mut lease, rows).await?;
            Ok(Executed {
                rows_returned,
                counters,
            })
        }
        .instrument(log.span().clone())
        .await;
        let result = self.named(result, prepared.text).await;
        log.end(&result, |done| done.rows_returned);
        result
    }

    /// Names the constraint a failed statement broke, when the server did not.
    async fn named<T>(&self, result: Result<T>, text: &str) -> Result<T> {
        match result {
            Err(e @ Error::ConstraintViolation { .. }) => {
                Err(self.driver.name_constraint(e, text).await)
            }
            other => other,
        }
    }

    /// Runs `query` on a pooled connection and hands every row to `row`.
    async fn each_row(
        &self,
        query: neo4rs::Query,
        mut row: impl FnMut(neo4rs::Row) -> Result<()>,
    ) -> Result<()> {
        let mut lease = self.driver.lease().await?;
        let mut rows = self.driver.rows(&mut lease, query).await?;
        while let Some(next) = self.driver.next(&mut lease, &mut rows).await? {
            row(next)?;
        }
        Ok(())
    }

    /// Begins an explicit transaction: commit it, or drop or roll it back to undo everything.
    /// Dropping it uncommitted rolls it back at once (in the background), so it holds no
    /// locks.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tx = client.begin().await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'a'})")).await?;
    /// tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'b'})")).await?;
    /// tx.commit().await?; // both, or (on error, or dropped) neither
    /// # Ok(()) }
    /// ```
    pub async fn begin(&self) -> Result<Transaction> {
        Transaction::begin(self.driver.clone(), Access::Write).await
    }

    /// Runs `work` in one write transaction and commits it. Transient failures (deadlocks,
    /// lost connections, timeouts) rerun the whole closure after a jittered, growing wait,
    /// until [`RetryPolicy::max_retry_time`](super::RetryPolicy::max_retry_time) has passed;
    /// any error rolls back everything the attempt did.
    ///
    /// A commit whose reply is lost is **not** retried: nobody knows whether it persisted, so
    /// the call fails with [`Error::CommitOutcomeUnknown`]. Work that must survive that
    /// (by retrying it yourself) should be idempotent: MERGE on a key rather than CREATE.
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
        self.managed(Access::Write, work).await
    }

    /// Runs `work` in one read transaction, with the same retries as [`Client::write`].
    ///
    /// With the `unstable-routing` feature the transaction begins in read access mode, so a
    /// cluster (`neo4j://` URI) runs it on a follower, and a write inside it fails. Without
    /// it, neo4rs 0.9 cannot ask for read mode, and this runs like [`Client::write`].
    ///
    /// ```no_run
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let count: i64 = client
    ///     .read(async |tx| tx.fetch_one(typher::raw::<i64>("MATCH (n) RETURN count(n)")).await)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn read<F, T>(&self, work: F) -> Result<T>
    where
        F: AsyncFnMut(&Transaction) -> Result<T>,
    {
        self.managed(Access::Read, work).await
    }

    /// How long to wait before attempt `attempt + 1` after `error`; the error itself when it
    /// is permanent, [`Error::RetriesExhausted`] when the policy's time has run out.
    fn retry_wait(
        &self,
        attempt: u32,
        started: Instant,
        error: Error,
    ) -> Result<std::time::Duration> {
        let policy = self.settings.retry;
        if !error.is_transient() {
            return Err(error);
        }
        let wait = policy.jittered(attempt, fastrand::f64());
        let elapsed = started.elapsed();
        if elapsed.saturating_add(wait) >= policy.max_retry_time {
            tracing::debug!(
                target: "typher::transaction",
                attempts = attempt,
                elapsed_ms = elapsed.as_millis() as u64,
                code = error.code().unwrap_or_else(|| error.kind()),
                "giving up on a transaction"
            );
            return Err(Error::RetriesExhausted {
                attempts: attempt,
                elapsed,
                last: Box::new(error),
            });
        }
        tracing::info!(
            target: "typher::transaction",
            attempt,
            wait_ms = wait.as_millis() as u64,
            code = error.code().unwrap_or_else(|| error.kind()),
            "retrying a transaction after a transient error"
        );
        Ok(wait)
    }

    /// Runs a typed write in its own transaction, retried on transient errors (it rolled
    /// back whole, so running it again is safe) like [`Client::write`]. A retry builds the
    /// query `again`: a batch's parameters are never copied for a retry that never comes.
    async fn atomic(
        &self,
        query: neo4rs::Query,
        again: impl Fn() -> Result<neo4rs::Query>,
    ) -> Result<(Vec<neo4rs::Row>, crate::exec::Counters)> {
        let started = Instant::now();
        let mut attempt = 0;
        let mut next = Some(query);
        loop {
            attempt += 1;
            let query = match next.take() {
                Some(query) => query,
                None => again()?,
            };
            match Box::pin(self.driver.atomic(query)).await {
                Ok(done) => return Ok(done),
                Err(error) => {
                    let wait = self.retry_wait(attempt, started, error)?;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Runs `work` until it commits, gives up on a permanent error, or runs out of attempts.
    /// The closure borrows the transaction for its own run only: it can neither commit nor
    /// roll back (those take the transaction by value) nor keep it past its end.
    async fn managed<F, T>(&self, access: Access, mut work: F) -> Result<T>
    where
        F: AsyncFnMut(&Transaction) -> Result<T>,
    {
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(target: "typher::transaction", "transaction", attempt);
            let outcome = async {
                let tx = Transaction::begin(self.driver.clone(), access).await?;
                match work(&tx).await {
                    Ok(value) => tx.commit().await.map(|()| value),
                    Err(e) => {
                        // The work failed: undo it. A rollback failure changes nothing the
                        // caller can act on, so the work's error is the one reported.
                        let _ = tx.rollback().await;
                        Err(e)
                    }
                }
            }
            .instrument(span)
            .await;
            let error = match outcome {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            let wait = self.retry_wait(attempt, started, error)?;
            tokio::time::sleep(wait).await;
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
