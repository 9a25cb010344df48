//! [`Executor`]: one way to run a statement, on the pool or inside a transaction, so code
//! that runs queries (the OGM, a user's repository) works on both.
//!
//! As in sqlx, a runner implements two methods, [`Executor::records`] (the rows of a prepared
//! statement, undecoded) and [`Executor::run`] (run it, count what it changed, its rows
//! kept or not); everything a caller uses (`fetch_all`, `fetch_one`, `fetch_optional`,
//! `stream`, `execute`, `fetch_all_with_counters`) is written once, here, on top of them.

use super::counters::{Counters, Executed};
use super::decode::RowDecoder;
use super::driver::Record;
use super::error::{Error, Result};
use super::statement::{Prepared, RowOf, Statement};
use super::stream::RowStream;
use core::future::Future;
use futures_util::{StreamExt, TryStreamExt};

/// The future of [`Executor::execute`]: boxed (a statement's future is large), and so a
/// query that cannot run is reported once, where it is passed, not again where the future
/// is awaited.
pub type Running<'a, T> = core::pin::Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Runs statements: a [`Client`](super::Client) (each on a pooled connection) or a
/// [`Transaction`](super::Transaction) (all inside it, committed or rolled back together).
///
/// ```no_run
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// async fn people(db: &impl typher::Executor) -> typher::exec::Result<Vec<Person>> {
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
    /// The rows of a prepared statement, undecoded, as they come. A typed write (one whose
    /// statement asks to run atomically) runs in a transaction of its own.
    fn records<'a>(
        &'a self,
        prepared: Prepared<'a>,
    ) -> impl Future<Output = Result<RowStream<Record>>> + Send + 'a;

    /// Runs a prepared statement and reports what it changed; its rows are kept when
    /// `keep_rows` (else read and dropped as they come, and counted).
    fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> impl Future<Output = Result<(Vec<Record>, Executed)>> + Send + 'a;

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
    fn fetch_all<Q>(&self, query: Q) -> impl Future<Output = Result<Vec<RowOf<Q>>>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(async move {
            let prepared = query.prepare()?;
            let columns = prepared.columns.clone();
            let mut records = self.records(prepared).await?;
            let mut out = Vec::new();
            while let Some(record) = records.next().await {
                out.push(Q::Shape::decode(&record?, &columns)?);
            }
            Ok(out)
        })
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
    fn fetch_one<Q>(&self, query: Q) -> impl Future<Output = Result<RowOf<Q>>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        async move { self.fetch_optional(query).await?.ok_or(Error::NoRows) }
    }

    /// The only row, or `None` for none; [`Error::TooManyRows`] for several. Reads at most
    /// two rows.
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
    fn fetch_optional<Q>(&self, query: Q) -> impl Future<Output = Result<Option<RowOf<Q>>>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(async move {
            let prepared = query.prepare()?;
            let columns = prepared.columns.clone();
            let mut records = self.records(prepared).await?;
            let Some(first) = records.try_next().await? else {
                return Ok(None);
            };
            if records.try_next().await?.is_some() {
                return Err(Error::TooManyRows);
            }
            Q::Shape::decode(&first, &columns).map(Some)
        })
    }

    /// A lazy stream of decoded rows. On a client it holds about `fetch_size` rows at a time
    /// however large the result, and one pool connection, released when the stream ends or
    /// is dropped; each wait for the next batch is bounded by
    /// [`Settings::read_timeout`](super::Settings::read_timeout). In a transaction the rows
    /// are read first, then handed out.
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
    fn stream<Q>(&self, query: Q) -> impl Future<Output = Result<RowStream<RowOf<Q>>>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send + 'static,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(async move {
            let prepared = query.prepare()?;
            // Owned once, travelling in the stream's state: nothing is copied per row.
            let columns = prepared.columns.clone().into_owned();
            let records = self.records(prepared).await?;
            Ok(RowStream::new(records.map(move |record| {
                record.and_then(|record| Q::Shape::decode(&record, &columns))
            })))
        })
    }

    /// Runs a write (or any statement), discards its rows and reports what it changed
    /// ([`Executed::counters`]).
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// client
    ///     .execute(typher::raw::<()>("CREATE (:Tag {name: $name})").param("name", "new"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    fn execute<'a, Q>(&'a self, query: Q) -> Running<'a, Executed>
    where
        Q: Statement + Send + 'a,
    {
        // Boxed: a statement's future is large, and callers nest it in their own; and a
        // query that cannot run is reported once, where it is passed.
        Box::pin(async move { Ok(self.run(query.prepare()?, false).await?.1) })
    }

    /// Every row, decoded, and what the statement changed: for a write with `RETURN`
    /// whose rows and counters are both wanted.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let (names, changed) = client
    ///     .fetch_all_with_counters(
    ///         match_(Person).filter(Person.born.is_null()).set(Person.born.to(1970)).return_(Person.name),
    ///     )
    ///     .await?;
    /// assert_eq!(changed.properties_set, names.len() as u64);
    /// # Ok(()) }
    /// ```
    fn fetch_all_with_counters<Q>(
        &self,
        query: Q,
    ) -> impl Future<Output = Result<(Vec<RowOf<Q>>, Counters)>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        // Boxed: a statement's future is large, and callers nest it in their own.
        Box::pin(async move {
            let (rows, executed) = self.fetch_all_with_summary(query).await?;
            Ok((rows, executed.counters))
        })
    }

    /// Every row, decoded, and the whole result summary: counters, the kind of statement,
    /// notifications, timings, the server, and the plan of an `EXPLAIN` or `PROFILE`.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let (titles, summary) = client
    ///     .fetch_all_with_summary(match_(Movie).return_(Movie.title))
    ///     .await?;
    /// for warning in &summary.notifications {
    ///     eprintln!("{}: {}", warning.code, warning.description);
    /// }
    /// # Ok(()) }
    /// ```
    fn fetch_all_with_summary<Q>(
        &self,
        query: Q,
    ) -> impl Future<Output = Result<(Vec<RowOf<Q>>, Executed)>> + Send
    where
        Q: Statement + Send,
        Q::Shape: RowDecoder,
        RowOf<Q>: Send,
    {
        Box::pin(async move {
            let prepared = query.prepare()?;
            let columns = prepared.columns.clone();
            let (records, executed) = self.run(prepared, true).await?;
            let rows = records
                .iter()
                .map(|record| Q::Shape::decode(record, &columns))
                .collect::<Result<Vec<_>>>()?;
            Ok((rows, executed))
        })
    }
}

impl<E: Executor> Executor for &E {
    fn records<'a>(
        &'a self,
        prepared: Prepared<'a>,
    ) -> impl Future<Output = Result<RowStream<Record>>> + Send + 'a {
        (**self).records(prepared)
    }

    fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> impl Future<Output = Result<(Vec<Record>, Executed)>> + Send + 'a {
        (**self).run(prepared, keep_rows)
    }
}
