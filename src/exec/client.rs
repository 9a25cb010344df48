//! The client: statements on pooled connections, and transactions over the same pool.

use super::counters::Executed;
use super::driver::{Access, Driver, DriverQuery, DriverRows, Lease, Record, Scope};
use super::error::{Error, Result};
use super::executor::Executor;
use super::log::QueryLog;
use super::settings::Settings;
use super::statement::{labels, Again, Prepared};
use super::stream::RowStream;
use super::txn::{ManagedTransaction, Transaction};
use crate::dsl::ast::QueryAst;
use futures_util::future::BoxFuture;
use futures_util::{ready, Stream};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Instrument;
use typher_bolt::TxOptions;

/// What `connect` asks a server for its version.
pub(crate) const VERSION_QUERY: &str =
    "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version";

/// What a row stream carries between rows: the rows come first, so they are dropped (and
/// give the connection back) before the lease.
struct Streaming {
    rows: DriverRows,
    lease: Lease,
    driver: Driver,
    /// The labels the statement names, to name a broken constraint.
    labels: Vec<&'static str>,
    log: QueryLog,
    count: usize,
    ended: bool,
}

impl Drop for Streaming {
    fn drop(&mut self) {
        // A stream dropped early (`fetch_optional`, a caller that stops reading) still ends
        // its span.
        if !self.ended {
            self.log.finished(self.count);
        }
    }
}

/// The rows of an auto-commit statement on a pooled connection. Rows the driver holds
/// already are handed out at once; only when it holds none does the stream wait for the
/// server's next batch (bounded by the read timeout), so a row costs no future of its own.
struct Records {
    /// The state between rows; away while a batch is awaited.
    state: Option<Box<Streaming>>,
    /// The wait for the next batch, which has the state until it ends.
    waiting: Option<BatchWait>,
}

/// The wait for a stream's next batch: it hands the state back with the first row.
type BatchWait = BoxFuture<'static, (Box<Streaming>, Result<Option<Record>>)>;

impl Streaming {
    /// Counts a row handed out, or ends the stream's span.
    fn handed(&mut self, next: Result<Option<Record>>) -> Option<Result<Record>> {
        match next {
            Ok(Some(record)) => {
                self.count += 1;
                Some(Ok(record))
            }
            Ok(None) => {
                self.ended = true;
                self.log.finished(self.count);
                None
            }
            Err(e) => {
                self.ended = true;
                self.log.failed(&e);
                Some(Err(e))
            }
        }
    }
}

impl Stream for Records {
    type Item = Result<Record>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.waiting.is_none() {
            let Some(mut state) = this.state.take() else {
                return Poll::Ready(None);
            };
            if let Some(record) = Driver::buffered(&mut state.rows) {
                let handed = state.handed(Ok(Some(record)));
                this.state = Some(state);
                return Poll::Ready(handed);
            }
            this.waiting = Some(Box::pin(async move {
                let span = state.log.span().clone();
                let next = state
                    .driver
                    .next(&mut state.lease, &mut state.rows)
                    .instrument(span)
                    .await;
                let next = match next {
                    Err(e) => Err(state.driver.name_constraint(e, &state.labels).await),
                    other => other,
                };
                (state, next)
            }));
        }
        let waiting = this.waiting.as_mut().expect("a wait is set above");
        let (mut state, next) = ready!(waiting.as_mut().poll(cx));
        this.waiting = None;
        let handed = state.handed(next);
        if !state.ended {
            this.state = Some(state);
        }
        Poll::Ready(handed)
    }
}

/// Runs typed and raw queries against one database through a connection pool; its queries
/// come from [`Executor`] (`fetch_all`, `fetch_one`, `fetch_optional`, `stream`, `execute`).
#[derive(Clone)]
pub struct Client {
    driver: Driver,
    settings: Settings,
    /// The database, user, and transaction timeout and metadata its queries run with.
    scope: Arc<Scope>,
}

/// Bookmarks: what a client's committed transactions left, so that another client's next
/// transaction sees them (causal consistency). Hand them over with
/// [`Client::bookmarks`] and [`Client::add_bookmarks`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookmarks(Vec<String>);

impl Bookmarks {
    /// Bookmarks from their text, as another process sent them.
    pub fn from_strings(bookmarks: impl IntoIterator<Item = String>) -> Self {
        Self(bookmarks.into_iter().collect())
    }

    /// Whether there is none (nothing committed yet, or a server without bookmarks).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bookmarks as text, to send elsewhere.
    pub fn as_strings(&self) -> &[String] {
        &self.0
    }
}

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
    ///
    /// A Neo4j older than 5.26 is refused ([`Error::UnsupportedServer`]): it lacks forms
    /// typher renders. The version is read with `dbms.components()`; a server without that
    /// procedure (ArcadeDB) is taken as it is.
    pub async fn connect(settings: Settings) -> Result<Self> {
        let driver = Driver::connect(&settings)?;
        driver.ping().await?;
        let scope = Arc::new(driver.scope().clone());
        let client = Self {
            driver,
            settings,
            scope,
        };
        client.check_version().await?;
        Ok(client)
    }

    /// Refuses a Neo4j older than 5.26.
    async fn check_version(&self) -> Result<()> {
        let components = crate::raw::<(String, String)>(VERSION_QUERY).columns(["name", "version"]);
        let rows = match self.fetch_all(components).await {
            Ok(rows) => rows,
            // No such procedure: not a Neo4j.
            Err(Error::Server { .. }) => return Ok(()),
            Err(other) => return Err(other),
        };
        for (server, version) in rows {
            if server.starts_with("Neo4j") && !supported(&version) {
                return Err(Error::UnsupportedServer { server, version });
            }
        }
        Ok(())
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

    /// This client with its scope changed by `change`; the pool and bookmarks are shared.
    fn scoped(&self, change: impl FnOnce(&mut TxOptions)) -> Client {
        let mut options = self.scope.options().clone();
        change(&mut options);
        Client {
            driver: self.driver.clone(),
            settings: self.settings.clone(),
            scope: Arc::new(Scope::new(options)),
        }
    }

    /// A client whose queries and transactions run on database `name` (same pool,
    /// same bookmarks): per query, `client.database("audit").execute(q)`.
    ///
    /// ```no_run
    /// # use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let audit = client.database("audit");
    /// audit.execute(typher::raw::<()>("CREATE (:Event {at: datetime()})")).await?;
    /// # Ok(()) }
    /// ```
    pub fn database(&self, name: impl Into<String>) -> Client {
        let name = name.into();
        self.scoped(|options| options.database = Some(name))
    }

    /// A client whose queries run as `user` (impersonation: the connecting user needs the
    /// `IMPERSONATE` privilege on Neo4j).
    ///
    /// ```no_run
    /// # use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let jane = client.as_user("jane");
    /// let n: i64 = jane.fetch_one(typher::raw::<i64>("MATCH (n) RETURN count(n)")).await?;
    /// # Ok(()) }
    /// ```
    pub fn as_user(&self, user: impl Into<String>) -> Client {
        let user = user.into();
        self.scoped(|options| options.impersonate = Some(user))
    }

    /// A client whose transactions the server ends after `timeout`.
    ///
    /// ```no_run
    /// # use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let quick = client.transaction_timeout(std::time::Duration::from_secs(5));
    /// quick.execute(typher::raw::<()>("MATCH (n) SET n.seen = true")).await?;
    /// # Ok(()) }
    /// ```
    pub fn transaction_timeout(&self, timeout: std::time::Duration) -> Client {
        self.scoped(|options| options.timeout = Some(timeout))
    }

    /// A client whose transactions carry `metadata` (shown by `SHOW TRANSACTIONS` and in
    /// the server's query log).
    ///
    /// ```no_run
    /// # use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let tagged = client.transaction_metadata([("app", "billing")]);
    /// tagged.execute(typher::raw::<()>("MATCH (n) RETURN n LIMIT 1")).await?;
    /// # Ok(()) }
    /// ```
    pub fn transaction_metadata<K, V>(&self, metadata: impl IntoIterator<Item = (K, V)>) -> Client
    where
        K: Into<String>,
        V: Into<crate::dsl::Value>,
    {
        let metadata: typher_bolt::Map = metadata
            .into_iter()
            .map(|(k, v)| (k.into(), super::driver::to_bolt(&v.into())))
            .collect();
        self.scoped(|options| options.metadata = metadata)
    }

    /// The bookmarks of the transactions this client (and its clones) committed last:
    /// give them to another client ([`Client::add_bookmarks`]) so its next transaction
    /// sees those writes.
    ///
    /// ```no_run
    /// # use typher::Executor;
    /// # async fn demo(writer: &typher::Client, reader: &typher::Client) -> typher::Result<()> {
    /// writer.execute(typher::raw::<()>("CREATE (:Tag {name: 'new'})")).await?;
    /// reader.add_bookmarks(&writer.bookmarks());
    /// let n: i64 = reader.fetch_one(typher::raw::<i64>("MATCH (t:Tag {name: 'new'}) RETURN count(t)")).await?;
    /// assert_eq!(n, 1);
    /// # Ok(()) }
    /// ```
    pub fn bookmarks(&self) -> Bookmarks {
        Bookmarks(self.driver.bookmarks())
    }

    /// Makes this client's next transactions wait until the server has what `bookmarks`
    /// stand for.
    pub fn add_bookmarks(&self, bookmarks: &Bookmarks) {
        self.driver.add_bookmarks(bookmarks.0.iter().cloned());
    }

    /// Names the constraint a failed statement broke, when the server did not.
    async fn named<T>(&self, result: Result<T>, tree: Option<&QueryAst>) -> Result<T> {
        match result {
            Err(e @ Error::ConstraintViolation { .. }) => {
                Err(self.driver.name_constraint(e, &labels(tree)).await)
            }
            other => other,
        }
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
        Transaction::begin(self.driver.clone(), Access::Write, &self.scope).await
    }

    /// Begins a transaction for reading or writing (a managed transaction's attempt).
    pub(crate) async fn begin_for(&self, read: bool) -> Result<Transaction> {
        let access = if read { Access::Read } else { Access::Write };
        Transaction::begin(self.driver.clone(), access, &self.scope).await
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
    /// use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let n: i64 = client
    ///     .write(async |tx| {
    ///         tx.execute(typher::raw::<()>("CREATE (:Tag {name: $n})").param("n", "x")).await?;
    ///         tx.fetch_one(typher::raw::<i64>("MATCH (t:Tag) RETURN count(t)")).await
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn write<F, Fut, T>(&self, work: F) -> Result<T>
    where
        F: FnMut(ManagedTransaction) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.managed(Access::Write, work).await
    }

    /// Runs `work` in one read transaction, with the same retries as [`Client::write`].
    ///
    /// The transaction begins in read access mode: a cluster with server-side routing runs
    /// it on a follower, and a write inside it fails there.
    ///
    /// ```no_run
    /// use typher::Executor;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let count: i64 = client
    ///     .read(async |tx| tx.fetch_one(typher::raw::<i64>("MATCH (n) RETURN count(n)")).await)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn read<F, Fut, T>(&self, work: F) -> Result<T>
    where
        F: FnMut(ManagedTransaction) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.managed(Access::Read, work).await
    }

    /// How long to wait before attempt `attempt + 1` after `error`; the error itself when it
    /// is permanent, [`Error::RetriesExhausted`] when the policy's time has run out.
    pub(crate) fn retry_wait(
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
        query: DriverQuery<'_>,
        again: &dyn Again,
    ) -> Result<(Vec<Record>, Executed)> {
        let started = Instant::now();
        let mut attempt = 0;
        let mut next = Some(query);
        loop {
            attempt += 1;
            let query = match next.take() {
                Some(query) => query,
                None => again.query()?,
            };
            match Box::pin(self.driver.atomic(query, &self.scope)).await {
                Ok(done) => return Ok(done),
                Err(error) => {
                    let wait = self.retry_wait(attempt, started, error)?;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Runs `work` until it commits, gives up on a permanent error, or runs out of attempts.
    /// The closure gets a handle that runs queries only: it can neither commit nor roll back,
    /// and a copy kept past the closure's end runs nothing.
    async fn managed<F, Fut, T>(&self, access: Access, mut work: F) -> Result<T>
    where
        F: FnMut(ManagedTransaction) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(target: "typher::transaction", "transaction", attempt);
            let outcome = async {
                let tx = Transaction::begin(self.driver.clone(), access, &self.scope).await?;
                match work(tx.managed()).await {
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

/// How an auto-commit statement runs: a typed query that only reads goes to a reader (on a
/// cluster); anything else, raw Cypher included, to the writer.
fn access_of(tree: Option<&crate::dsl::ast::QueryAst>) -> Access {
    if tree.is_some_and(crate::dsl::ast::QueryAst::reads_only) {
        Access::Read
    } else {
        Access::Write
    }
}

impl Executor for Client {
    async fn records<'a>(&'a self, prepared: Prepared<'a>) -> Result<RowStream<Record>> {
        let log = QueryLog::start(&prepared);
        if prepared.atomic {
            let result = Box::pin(self.atomic(prepared.query, prepared.source))
                .instrument(log.span().clone())
                .await
                .map(|(records, _)| records);
            let result = self.named(result, prepared.tree).await;
            log.end(&result, Vec::len);
            return result.map(RowStream::read);
        }
        let opened = async {
            let access = access_of(prepared.tree);
            let mut lease = self.driver.lease(access, &self.scope).await?;
            let rows = self
                .driver
                .rows(&mut lease, prepared.query, &self.scope, access)
                .await?;
            Ok((rows, lease))
        }
        .instrument(log.span().clone())
        .await;
        let (rows, lease) = match self.named(opened, prepared.tree).await {
            Ok(opened) => opened,
            Err(e) => {
                log.failed(&e);
                return Err(e);
            }
        };
        let state = Streaming {
            rows,
            lease,
            driver: self.driver.clone(),
            // Only a write can break a constraint: a read's stream walks no tree for it.
            labels: labels(prepared.tree.filter(|tree| tree.writes())),
            log,
            count: 0,
            ended: false,
        };
        Ok(RowStream::new(Records {
            state: Some(Box::new(state)),
            waiting: None,
        }))
    }

    async fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> Result<(Vec<Record>, Executed)> {
        let log = QueryLog::start(&prepared);
        let result = async {
            if prepared.atomic {
                let (records, mut executed) =
                    Box::pin(self.atomic(prepared.query, prepared.source)).await?;
                executed.rows_returned = records.len();
                return Ok((if keep_rows { records } else { Vec::new() }, executed));
            }
            let access = access_of(prepared.tree);
            let mut lease = self.driver.lease(access, &self.scope).await?;
            let mut rows = self
                .driver
                .rows(&mut lease, prepared.query, &self.scope, access)
                .await?;
            let mut kept = Vec::new();
            let mut rows_returned = 0;
            while let Some(record) = self.driver.next(&mut lease, &mut rows).await? {
                rows_returned += 1;
                if keep_rows {
                    kept.push(record);
                }
            }
            let mut executed = self.driver.finish(&mut lease, rows).await?;
            executed.rows_returned = rows_returned;
            Ok((kept, executed))
        }
        .instrument(log.span().clone())
        .await;
        let result = self.named(result, prepared.tree).await;
        log.end(&result, |(_, done)| done.rows_returned);
        result
    }
}

/// Whether a Neo4j version is one typher supports: 5.26 and later 5.x, and every calendar
/// release (2025.01 on). A version that cannot be read is given the benefit of the doubt.
fn supported(version: &str) -> bool {
    let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), _) if major >= 2025 => true,
        (Some(5), Some(minor)) => minor >= 26,
        (Some(major), _) if (6..2025).contains(&major) => true,
        (Some(_), _) => false,
        (None, _) => true,
    }
}

#[cfg(test)]
mod version_tests {
    use super::supported;

    #[test]
    fn neo4j_5_26_and_later_are_supported() {
        for ok in [
            "5.26.0",
            "5.26.12",
            "5.27.0",
            "2025.01.0",
            "2025.10.1-enterprise",
            "odd",
        ] {
            assert!(supported(ok), "{ok}");
        }
        for old in ["5.25.1", "5.20.0", "5.0.0", "4.4.30"] {
            assert!(!supported(old), "{old}");
        }
    }
}
