//! The one folder that touches the Bolt client ([`typher_bolt`]): the pool, every bounded
//! wait, error mapping, parameters ([`params`]) and result rows ([`Record`]).
//!
//! Every wait here is bounded by one of the [`Settings`] timeouts, reported as [`Wait`]
//! when it fires. The pool is a semaphore of `max_connections` leases, each lending one
//! connection; a wait for a free lease, opening a connection and waiting for the server are
//! three separate, separately bounded steps. A connection goes back to the pool as it is:
//! one that ended cleanly is used again with nothing sent in between, one with a failure or
//! an abandoned stream puts a `RESET` in front of its next request (in the same write).

mod params;
mod record;
mod routing;
mod summary;

pub(crate) use params::{bolt_of as to_bolt, query, DriverQuery};
pub use record::Record;

/// What the driver reads to name the properties of a violated constraint.
pub(crate) const CONSTRAINT_LOOKUP: &str =
    "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties";

use super::counters::Executed;
use super::error::{Error, Wait};
use super::settings::{BoltVersion, NotificationSeverity, Settings};
use params::Params;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use summary::report;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use typher_bolt::{Auth, Connection, Options, Stream, TxOptions, Version};

/// An auto-commit query's rows, read while its lease is held, and the bookmarks it began
/// with.
pub(crate) struct DriverRows {
    stream: Stream,
    bookmarks: Vec<String>,
}

/// An open transaction on the server, the connection it runs on, and the bookmarks it
/// began with (replaced by its own once it commits).
pub(crate) struct Txn {
    lease: Lease,
    bookmarks: Vec<String>,
}

/// Where and how a client's queries run: the database, the user to run as, and the
/// transactions' timeout and metadata. [`Client::database`](crate::Client::database) and
/// its siblings make a client with another scope over the same pool.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    auto: TxOptions,
    read_tx: TxOptions,
    write_tx: TxOptions,
}

impl Scope {
    pub(crate) fn new(options: TxOptions) -> Self {
        Self {
            read_tx: TxOptions {
                read: true,
                ..options.clone()
            },
            write_tx: options.clone(),
            auto: options,
        }
    }

    /// The options every transaction of this scope begins with.
    pub(crate) fn options(&self) -> &TxOptions {
        &self.auto
    }

    fn access(&self, access: Access) -> &TxOptions {
        match access {
            Access::Read => &self.read_tx,
            Access::Write => &self.write_tx,
        }
    }
}

impl Txn {
    /// The connection must not be reused.
    pub(crate) fn poison(&mut self) {
        self.lease.poison();
    }
}

/// A connected pool plus what error messages need to name, and the secrets they must not.
#[derive(Clone)]
pub(crate) struct Driver {
    shared: Arc<Shared>,
}

struct Shared {
    /// How every new connection authenticates (the password included: never shown).
    options: Options,
    /// `host:port`.
    address: String,
    /// The scope of a client made from the settings: the database they name.
    scope: Scope,
    /// The bookmarks of the latest transactions (causal consistency): sent with every
    /// transaction, replaced by what each commit returns.
    bookmarks: Mutex<Vec<String>>,
    fetch_size: i64,
    /// Connections not lent out.
    idle: Mutex<Vec<Idle>>,
    /// Idle longer than this, a connection is checked with a `RESET` before use.
    liveness_check: Option<Duration>,
    /// Client-side routing, for `neo4j://` URIs.
    routing: Option<routing::Routing>,
    permits: Arc<Semaphore>,
    max_connections: usize,
    connect_timeout: Duration,
    acquire_timeout: Duration,
    /// The address without credentials.
    uri: String,
    user: String,
    /// Passwords to scrub from anything the driver reports.
    secrets: Vec<String>,
}

/// A connection in the pool: where it goes, and since when it waits.
struct Idle {
    address: String,
    connection: Connection,
    since: Instant,
}

/// What a transaction is for: a routing server sends reads to followers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Read,
    Write,
}

/// One pooled connection, lent out until dropped. A lease whose connection may be in an
/// unknown state (a timeout or a broken connection) is dropped with it instead of going
/// back to the pool.
pub(crate) struct Lease {
    driver: Driver,
    /// The server the connection goes to (`host:port`).
    address: String,
    connection: Option<Connection>,
    reusable: bool,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let (true, Some(connection)) = (self.reusable, self.connection.take()) {
            let address = std::mem::take(&mut self.address);
            self.driver.idle().push(Idle {
                address,
                connection,
                since: Instant::now(),
            });
        } else {
            tracing::debug!(target: "typher::pool", "connection discarded");
        }
    }
}

impl Lease {
    fn connection(&mut self) -> &mut Connection {
        self.connection
            .as_mut()
            .expect("a lease holds its connection until dropped")
    }

    /// The connection must not be reused.
    pub(crate) fn poison(&mut self) {
        self.reusable = false;
    }

    /// Passes `result` on, poisoning the lease when the error leaves its connection in an
    /// unknown state.
    pub(crate) fn checked<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        if let Err(error) = &result {
            let broken = error.breaks_connection();
            if broken {
                self.poison();
            }
            // A member that failed, or a writer that is no longer the leader, is
            // forgotten until the next routing table.
            if let Some(routing) = &self.driver.shared.routing {
                if broken {
                    routing.forget(&self.address, true);
                } else if error.code().is_some_and(routing::not_a_writer) {
                    routing.forget(&self.address, false);
                }
            }
        }
        result
    }
}

impl Driver {
    /// Builds the pool; connections open lazily, so [`Driver::ping`] checks reachability.
    pub(crate) fn connect(settings: &Settings) -> Result<Self, Error> {
        let address = settings.address()?;
        let (uri_user, uri_password) = address.credentials().unwrap_or(("", ""));
        let user = match settings.user.as_str() {
            "" => uri_user,
            user => user,
        };
        let password = match settings.password.as_str() {
            "" => uri_password,
            password => password,
        };
        let secrets: Vec<String> = [settings.password.as_str(), uri_password]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let auth = match (user, password) {
            ("", "") => Auth::None,
            (user, password) => Auth::Basic {
                user: user.to_owned(),
                password: password.to_owned(),
            },
        };
        let seed = address.host_port();
        let routing = address
            .routes()
            .then(|| routing::Routing::new(seed.clone()));
        let options = Options {
            routing: routing.as_ref().map(|r| r.context.clone()),
            auth,
            agent: concat!("typher/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_version: match settings.bolt_version {
                BoltVersion::Latest => Version::V5_4,
                BoltVersion::V4_4 => Version::V4_4,
            },
            tls: address.tls(),
            read_timeout: Some(settings.read_timeout),
            notifications: typher_bolt::NotificationFilter {
                minimum_severity: settings.notification_severity.map(|s| {
                    match s {
                        NotificationSeverity::Information => "INFORMATION",
                        NotificationSeverity::Warning => "WARNING",
                        NotificationSeverity::Off => "OFF",
                    }
                    .to_owned()
                }),
                disabled_categories: settings.disabled_notification_categories.clone(),
            },
        };
        let database = (!settings.database.is_empty()).then(|| settings.database.clone());
        let scope = Scope::new(TxOptions {
            database,
            ..TxOptions::default()
        });
        Ok(Self {
            shared: Arc::new(Shared {
                options,
                address: seed.clone(),
                routing,
                scope,
                bookmarks: Mutex::new(Vec::new()),
                fetch_size: i64::try_from(settings.fetch_size).unwrap_or(i64::MAX),
                idle: Mutex::new(Vec::new()),
                liveness_check: settings.liveness_check_timeout,
                permits: Arc::new(Semaphore::new(settings.max_connections)),
                max_connections: settings.max_connections,
                connect_timeout: settings.connect_timeout,
                acquire_timeout: settings.acquire_timeout,
                uri: address.shown(),
                user: user.to_owned(),
                secrets,
            }),
        })
    }

    /// The scope the settings name.
    pub(crate) fn scope(&self) -> &Scope {
        &self.shared.scope
    }

    /// The bookmarks the next transaction waits for.
    pub(crate) fn bookmarks(&self) -> Vec<String> {
        self.shared
            .bookmarks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Adds bookmarks another client handed over.
    pub(crate) fn add_bookmarks(&self, more: impl IntoIterator<Item = String>) {
        let mut held = self
            .shared
            .bookmarks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for bookmark in more {
            if !held.contains(&bookmark) {
                held.push(bookmark);
            }
        }
    }

    /// A transaction that began with `sent` committed as `new`: `new` replaces them.
    fn learned(&self, sent: &[String], new: Option<&str>) {
        let Some(new) = new else {
            return;
        };
        let mut held = self
            .shared
            .bookmarks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.retain(|b| !sent.contains(b));
        if !held.iter().any(|b| b == new) {
            held.push(new.to_owned());
        }
    }

    /// `base` with the bookmarks held now.
    fn with_bookmarks(&self, base: &TxOptions) -> TxOptions {
        TxOptions {
            bookmarks: self.bookmarks(),
            ..base.clone()
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Idle>> {
        // A panic while holding this lock cannot leave the list inconsistent.
        self.shared
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A pooled connection for `access` in `scope`: waits at most `acquire_timeout` for a
    /// free one, and opens a new one (bounded by `connect_timeout`) when none is idle. With
    /// routing, it goes to a writer or a reader of the scope's database, the routing table
    /// fetched first when it is missing or stale.
    pub(crate) async fn lease(&self, access: Access, scope: &Scope) -> Result<Lease, Error> {
        let started = Instant::now();
        let permit = tokio::time::timeout(
            self.shared.acquire_timeout,
            Arc::clone(&self.shared.permits).acquire_owned(),
        )
        .await
        .map_err(|_| self.timeout(Wait::PoolAcquisition, self.shared.acquire_timeout))?
        .map_err(|_| Error::Driver("the connection pool was closed".into()))?;
        let waited = started.elapsed();
        let address = match &self.shared.routing {
            None => self.shared.address.clone(),
            Some(routing) => self.route(routing, access, scope.options()).await?,
        };
        let connection = self.connection_to(&address).await?;
        tracing::trace!(
            target: "typher::pool",
            waited_ms = waited.as_millis() as u64,
            available = self.shared.permits.available_permits(),
            max = self.shared.max_connections,
            "connection acquired"
        );
        Ok(Lease {
            driver: self.clone(),
            address,
            connection: Some(connection),
            reusable: true,
            _permit: permit,
        })
    }

    /// An idle connection to `address`, or a new one. A connection the server closed while
    /// it sat idle is dropped here, not found out by the query that would use it.
    async fn connection_to(&self, address: &str) -> Result<Connection, Error> {
        loop {
            let idle = {
                let mut idle = self.idle();
                let at = idle.iter().rposition(|i| i.address == address);
                at.map(|at| idle.swap_remove(at))
            };
            let Some(Idle {
                mut connection,
                since,
                ..
            }) = idle
            else {
                break;
            };
            if !connection.is_open() {
                tracing::debug!(target: "typher::pool", "idle connection closed by the server: dropped");
                continue;
            }
            let stale = self
                .shared
                .liveness_check
                .is_some_and(|limit| since.elapsed() > limit);
            if !stale || self.read(connection.reset()).await.is_ok() {
                return Ok(connection);
            }
            tracing::debug!(target: "typher::pool", "idle connection failed its liveness check: dropped");
        }
        let opened = Instant::now();
        let open = Connection::connect(address, &self.shared.options);
        let connection = self
            .bounded(Wait::Connect, self.shared.connect_timeout, open)
            .await;
        if connection.is_err() {
            if let Some(routing) = &self.shared.routing {
                routing.forget(address, true);
            }
        }
        let connection = connection?;
        tracing::debug!(
            target: "typher::pool",
            address,
            bolt = %connection.version(),
            elapsed_ms = opened.elapsed().as_millis() as u64,
            "connection opened"
        );
        Ok(connection)
    }

    /// The member `access` goes to, fetching the routing table of `options`' database
    /// first when the one held cannot serve it.
    async fn route(
        &self,
        routing: &routing::Routing,
        access: Access,
        options: &TxOptions,
    ) -> Result<String, Error> {
        let database = options.database.clone();
        if let Some(member) = routing.pick(&database, access) {
            return Ok(member);
        }
        let mut last = None;
        for router in routing.routers(&database) {
            let asked = async {
                let mut connection = self.connection_to(&router).await?;
                let bookmarks = self.bookmarks();
                let rt = self
                    .read(connection.route(
                        &routing.context,
                        &bookmarks,
                        database.as_deref(),
                        options.impersonate.as_deref(),
                    ))
                    .await;
                if rt.is_ok() {
                    self.idle().push(Idle {
                        address: router.clone(),
                        connection,
                        since: Instant::now(),
                    });
                }
                rt
            };
            match asked.await {
                Ok(rt) => match routing::Table::parse(&rt, Instant::now()) {
                    Some(table) => {
                        tracing::debug!(target: "typher::pool", router = %router, writers = ?table.writers, readers = ?table.readers, "routing table fetched");
                        routing.learn(database.clone(), table);
                        if let Some(member) = routing.pick(&database, access) {
                            return Ok(member);
                        }
                        last = Some(Error::Connection {
                            uri: self.shared.uri.clone(),
                            message: format!(
                                "the routing table has no {} (a leader election may be under way)",
                                match access {
                                    Access::Read => "reader",
                                    Access::Write => "writer",
                                }
                            ),
                        });
                    }
                    None => {
                        last = Some(Error::Protocol {
                            uri: self.shared.uri.clone(),
                            message: format!("{router} sent no routing table"),
                        })
                    }
                },
                Err(e) => {
                    routing.forget(&router, true);
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| Error::Connection {
            uri: self.shared.uri.clone(),
            message: "no routing server answered".into(),
        }))
    }

    /// Checks the server answers, so a bad address or password fails at connect time.
    pub(crate) async fn ping(&self) -> Result<(), Error> {
        let lease = self.lease(Access::Write, self.scope()).await?;
        drop(lease);
        Ok(())
    }

    /// Runs `future`, bounded by `limit`; a Bolt error is translated, an elapsed limit
    /// becomes [`Error::Timeout`] naming `wait`.
    pub(crate) async fn bounded<T>(
        &self,
        wait: Wait,
        limit: Duration,
        future: impl Future<Output = Result<T, typher_bolt::Error>>,
    ) -> Result<T, Error> {
        match tokio::time::timeout(limit, future).await {
            Ok(Ok(value)) => Ok(value),
            Err(_) | Ok(Err(typher_bolt::Error::TimedOut(_))) => Err(self.timeout(wait, limit)),
            Ok(Err(e)) => Err(self.error(e)),
        }
    }

    /// Runs `future`, whose every wait for the server the connection bounds by the read
    /// timeout itself (a timer only when a wait is due); translates its error.
    pub(crate) async fn read<T>(
        &self,
        future: impl Future<Output = Result<T, typher_bolt::Error>>,
    ) -> Result<T, Error> {
        future.await.map_err(|e| self.error(e))
    }

    fn timeout(&self, wait: Wait, after: Duration) -> Error {
        Error::Timeout {
            wait,
            after,
            uri: self.shared.uri.clone(),
        }
    }

    /// Runs a query in its own auto-commit transaction on `lease`: `RUN` and the first
    /// `PULL` in one write. The stream must be read while the lease is held.
    pub(crate) async fn rows(
        &self,
        lease: &mut Lease,
        query: DriverQuery<'_>,
        scope: &Scope,
        access: Access,
    ) -> Result<DriverRows, Error> {
        // `mode: "r"` for a read: a cluster with server-side routing runs it on a reader.
        let options = self.with_bookmarks(scope.access(access));
        let params = Params(&query.params);
        let run =
            lease
                .connection()
                .run(query.text, &params, Some(&options), self.shared.fetch_size);
        let result = self.read(run).await;
        lease.checked(result).map(|stream| DriverRows {
            stream,
            bookmarks: options.bookmarks,
        })
    }

    /// The next row of an auto-commit stream running on `lease`.
    pub(crate) async fn next(
        &self,
        lease: &mut Lease,
        rows: &mut DriverRows,
    ) -> Result<Option<Record>, Error> {
        let result = self.read(rows.stream.next(lease.connection())).await;
        if let (Ok(None), Some(summary)) = (&result, rows.stream.summary()) {
            // The query committed: its bookmark stands for it from now on.
            self.learned(&rows.bookmarks, summary.bookmark());
        }
        let fields = rows.stream.fields();
        lease
            .checked(result)
            .map(|row| row.map(|values| Record::new(Arc::clone(fields), values)))
    }

    /// The next row an auto-commit stream holds already, without waiting for the server.
    pub(crate) fn buffered(rows: &mut DriverRows) -> Option<Record> {
        let values = rows.stream.buffered()?;
        Some(Record::new(Arc::clone(rows.stream.fields()), values))
    }

    /// Ends an auto-commit stream whose rows were all read, and returns what it changed.
    pub(crate) async fn finish(
        &self,
        lease: &mut Lease,
        rows: DriverRows,
    ) -> Result<Executed, Error> {
        let started = rows.stream.started().clone();
        let result = self.read(rows.stream.finish(lease.connection())).await;
        if let Ok(summary) = &result {
            self.learned(&rows.bookmarks, summary.bookmark());
        }
        let server = lease.connection().server().to_owned();
        lease
            .checked(result)
            .map(|summary| report(&summary, Some(&started), &server))
    }

    /// Runs one statement in its own explicit write transaction, `BEGIN`, `RUN`, `PULL` and
    /// `COMMIT` in one write (one round trip): every row and what it changed once
    /// committed. A failure the server reports means nothing persisted; a connection lost
    /// or a timeout once the write went out is [`Error::CommitOutcomeUnknown`].
    pub(crate) async fn atomic(
        &self,
        query: DriverQuery<'_>,
        scope: &Scope,
    ) -> Result<(Vec<Record>, Executed), Error> {
        let mut lease = self.lease(Access::Write, scope).await?;
        let params = Params(&query.params);
        let shared = &self.shared;
        let options = self.with_bookmarks(&scope.write_tx);
        let result = lease
            .connection()
            .run_committed(query.text, &params, &options)
            .await;
        match result {
            Ok(done) => {
                self.learned(&options.bookmarks, done.commit.bookmark());
                let records = done
                    .rows
                    .into_iter()
                    .map(|values| Record::new(Arc::clone(&done.fields), values))
                    .collect();
                let server = lease.connection().server();
                Ok((records, report(&done.summary, None, server)))
            }
            Err(failed) if failed.maybe_committed => {
                lease.poison();
                Err(Error::CommitOutcomeUnknown {
                    uri: shared.uri.clone(),
                    cause: Box::new(self.error(failed.error)),
                })
            }
            Err(failed) => lease.checked(Err(self.error(failed.error))),
        }
    }

    /// Begins an explicit transaction on `lease`, in read access mode for `Access::Read`
    /// (a routing server sends it to a reader). `BEGIN` goes out with the first query.
    pub(crate) fn begin(&self, mut lease: Lease, access: Access, scope: &Scope) -> Txn {
        let options = self.with_bookmarks(scope.access(access));
        lease.connection().begin(&options);
        Txn {
            lease,
            bookmarks: options.bookmarks,
        }
    }

    /// Fetches every row of a query run inside `txn`, and what it changed.
    pub(crate) async fn txn_rows(
        &self,
        txn: &mut Txn,
        query: DriverQuery<'_>,
    ) -> Result<(Vec<Record>, Executed), Error> {
        let fetch = self.shared.fetch_size;
        let connection = txn.lease.connection();
        let result = async {
            let params = Params(&query.params);
            let mut stream = self
                .read(connection.run(query.text, &params, None, fetch))
                .await?;
            let mut rows = Vec::new();
            loop {
                let values = match stream.buffered() {
                    Some(values) => values,
                    None => match self.read(stream.next(connection)).await? {
                        Some(values) => values,
                        None => break,
                    },
                };
                rows.push(Record::new(Arc::clone(stream.fields()), values));
            }
            let started = stream.started().clone();
            let summary = self.read(stream.finish(connection)).await?;
            Ok((rows, report(&summary, Some(&started), connection.server())))
        }
        .await;
        txn.lease.checked(result)
    }

    /// Commits `txn`. A server's refusal means nothing was committed; a lost or late reply
    /// means nobody knows, which is [`Error::CommitOutcomeUnknown`] and never retried.
    pub(crate) async fn commit(&self, mut txn: Txn) -> Result<(), Error> {
        let result = self.read(txn.lease.connection().commit()).await;
        match result {
            Ok(summary) => {
                self.learned(&txn.bookmarks, summary.bookmark());
                Ok(())
            }
            Err(
                e @ (Error::Server { .. }
                | Error::Authentication { .. }
                | Error::ConstraintViolation { .. }
                | Error::NodeStillConnected { .. }),
            ) => Err(e),
            Err(e) => {
                txn.poison();
                Err(Error::CommitOutcomeUnknown {
                    uri: self.shared.uri.clone(),
                    cause: Box::new(e),
                })
            }
        }
    }

    /// Rolls `txn` back. A server that already failed the transaction answers `Ignored`:
    /// nothing of it persists, which is what a rollback wants, so that counts as success.
    pub(crate) async fn rollback(&self, mut txn: Txn) -> Result<(), Error> {
        let result = self.read(txn.lease.connection().rollback()).await;
        let result = txn.lease.checked(result);
        match result {
            Err(Error::Server { code, .. }) if code == "Neo.ServerError.Ignored" => Ok(()),
            Err(e) => {
                txn.poison();
                Err(e)
            }
            Ok(()) => Ok(()),
        }
    }

    /// Rolls back a transaction its owner dropped: at once in the background when a tokio
    /// runtime runs, else by closing its connection, which makes the server roll it back.
    pub(crate) fn abandon(&self, mut txn: Txn) {
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let driver = self.clone();
                runtime.spawn(async move {
                    if let Err(e) = driver.rollback(txn).await {
                        tracing::debug!(target: "typher::transaction", error = %e, "rollback of a dropped transaction failed");
                    }
                });
            }
            Err(_) => {
                txn.poison();
                drop(txn);
            }
        }
    }

    /// Translates a Bolt error into typher's, naming the server or user involved and
    /// never a password.
    pub(crate) fn error(&self, error: typher_bolt::Error) -> Error {
        match self.translate(error) {
            Error::Connection { uri, message } => Error::Connection {
                uri,
                message: self.scrub(message),
            },
            Error::Authentication { user, message } => Error::Authentication {
                user,
                message: self.scrub(message),
            },
            Error::Protocol { uri, message } => Error::Protocol {
                uri,
                message: self.scrub(message),
            },
            Error::Server { code, message } => Error::Server {
                code,
                message: self.scrub(message),
            },
            Error::Driver(message) => Error::Driver(self.scrub(message)),
            other => other,
        }
    }

    fn translate(&self, error: typher_bolt::Error) -> Error {
        use typher_bolt::Error as E;
        let uri = || self.shared.uri.clone();
        match error {
            E::Server { code, message } if code.starts_with("Neo.ClientError.Security.") => {
                Error::Authentication {
                    user: self.shared.user.clone(),
                    message: format!("{code}: {message}"),
                }
            }
            E::Server { code, message } => classify(&code, &message),
            E::Io(e) => Error::Connection {
                uri: uri(),
                message: match e.kind() {
                    std::io::ErrorKind::UnexpectedEof => "the server closed the connection".into(),
                    _ => e.to_string(),
                },
            },
            E::TimedOut(after) => Error::Timeout {
                wait: Wait::Read,
                after,
                uri: uri(),
            },
            e @ E::NoVersion => Error::Connection {
                uri: uri(),
                message: e.to_string(),
            },
            E::Protocol(message) => Error::Protocol {
                uri: uri(),
                message,
            },
            E::Ignored => Error::Server {
                code: "Neo.ServerError.Ignored".into(),
                message:
                    "the server ignored the request because the transaction had already failed"
                        .into(),
            },
            E::Decode(message) => Error::Decode {
                column: String::new(),
                path: String::new(),
                message,
            },
            other => Error::Driver(other.to_string()),
        }
    }

    fn scrub(&self, text: String) -> String {
        scrub(text, &self.shared.secrets)
    }
}

/// A server error, told apart by what it means: a constraint violation, a `DELETE` of a
/// connected node, or any other.
fn classify(code: &str, message: &str) -> Error {
    let (code, message) = (code.to_owned(), message.to_owned());
    if message.contains("still has relationships") {
        Error::NodeStillConnected { code, message }
    } else if code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
        // Neo4j: "Node(12) already exists with label `Person` and property `name` = 'Ann'".
        let label = quoted_after(&message, "label `");
        Error::ConstraintViolation {
            code,
            constraint: None,
            label,
            message,
        }
    } else {
        Error::Server { code, message }
    }
}

/// The name quoted in backticks right after `marker` in `text`.
fn quoted_after(text: &str, marker: &str) -> Option<String> {
    let rest = &text[text.find(marker)? + marker.len()..];
    Some(rest[..rest.find('`')?].to_owned())
}

/// A constraint as `SHOW CONSTRAINTS` lists it.
#[derive(serde::Deserialize)]
struct ShownConstraint {
    name: String,
    /// `UNIQUENESS`, `NODE_KEY`, `NODE_PROPERTY_EXISTENCE`, `NODE_PROPERTY_TYPE` ..
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(rename = "labelsOrTypes", default)]
    labels: Option<Vec<String>>,
    #[serde(default)]
    properties: Option<Vec<String>>,
}

impl Driver {
    /// Names the constraint a [`Error::ConstraintViolation`] broke when the server did not:
    /// among the constraints `SHOW CONSTRAINTS` lists, those on one of the `labels` the
    /// statement names (and on a property the message names); one left is the one.
    pub(crate) async fn name_constraint(&self, error: Error, labels: &[&str]) -> Error {
        let Error::ConstraintViolation {
            code,
            constraint: None,
            label,
            message,
        } = error
        else {
            return error;
        };
        // Only on a free connection: a transaction holding the last one must not wait.
        let free = self.shared.permits.available_permits() > 0;
        let shown = async {
            if !free {
                return Ok(Vec::new());
            }
            let mut lease = self.lease(Access::Write, self.scope()).await?;
            let mut rows = self
                .rows(
                    &mut lease,
                    DriverQuery::new(CONSTRAINT_LOOKUP),
                    self.scope(),
                    Access::Write,
                )
                .await?;
            let mut shown = Vec::new();
            while let Some(row) = self.next(&mut lease, &mut rows).await? {
                if let Ok(c) = row.to::<ShownConstraint>() {
                    shown.push(c);
                }
            }
            Ok::<_, Error>(shown)
        }
        .await
        .unwrap_or_default();
        let (constraint, label) = broken(&shown, label, labels, &message);
        Error::ConstraintViolation {
            code,
            constraint,
            label,
            message,
        }
    }
}

/// Which of the `shown` constraints a violation with `message` broke, and its label: the
/// one left after keeping those on the violation's label (else on one of the statement's
/// `labels`), of the kind the message tells, on the properties it names.
fn broken(
    shown: &[ShownConstraint],
    label: Option<String>,
    labels: &[&str],
    message: &str,
) -> (Option<String>, Option<String>) {
    let candidates: Vec<&ShownConstraint> = shown
        .iter()
        .filter(|c| {
            c.labels.iter().flatten().any(|l| match &label {
                Some(known) => l == known,
                None => labels.contains(&l.as_str()),
            })
        })
        .filter(|c| {
            // Neo4j tells the kind: "already exists" (unique, key), "must have the
            // property" (existence, key), "of wrong type" (type). ArcadeDB does not.
            let kind = c.kind.as_deref().unwrap_or("");
            let kinds: &[&str] = if message.contains("already exists") {
                &["UNIQUE", "KEY"]
            } else if message.contains("must have the property") {
                &["EXISTENCE", "KEY"]
            } else if message.contains("of wrong type") {
                &["TYPE"]
            } else {
                &[""]
            };
            kinds.iter().any(|k| kind.contains(k))
        })
        .filter(|c| {
            // Neo4j names the property (`.. and property `name` = ..`); ArcadeDB does not.
            !message.contains("property `")
                || c.properties
                    .iter()
                    .flatten()
                    .all(|p| message.contains(&format!("`{p}`")))
        })
        .collect();
    let (constraint, label) = match candidates.as_slice() {
        [one] => (
            Some(one.name.clone()),
            label.or_else(|| one.labels.iter().flatten().next().cloned()),
        ),
        _ => (None, label),
    };
    (constraint, label)
}

/// `text` with every secret replaced by `***`.
fn scrub(text: String, secrets: &[String]) -> String {
    secrets
        .iter()
        .fold(text, |text, secret| text.replace(secret.as_str(), "***"))
}

#[cfg(test)]
mod tests {
    use super::{broken, ShownConstraint};

    fn shown(name: &str, kind: &str) -> ShownConstraint {
        ShownConstraint {
            name: name.to_owned(),
            kind: Some(kind.to_owned()),
            labels: Some(vec!["Person".to_owned()]),
            properties: Some(vec!["name".to_owned()]),
        }
    }

    /// What typher installs for a `#[node(unique)] name: String`: three constraints on one
    /// property, told apart by the kind Neo4j's message names.
    fn installed() -> Vec<ShownConstraint> {
        vec![
            shown("typher_person_name_type", "NODE_PROPERTY_TYPE"),
            shown("typher_person_name_exists", "NODE_PROPERTY_EXISTENCE"),
            shown("typher_person_name_unique", "UNIQUENESS"),
        ]
    }

    #[test]
    fn neo4js_messages_name_the_broken_constraint() {
        let cases = [
            (
                "Node(12) already exists with label `Person` and property `name` = 'Ann'",
                "typher_person_name_unique",
            ),
            (
                "Node(12) with label `Person` must have the property `name`",
                "typher_person_name_exists",
            ),
            (
                "Node(12) with label `Person` has property `name` of wrong type `Long`. \
                 Allowed types: STRING",
                "typher_person_name_type",
            ),
        ];
        for (message, expected) in cases {
            let label = super::quoted_after(message, "label `");
            let (constraint, label) = broken(&installed(), label, &[], message);
            assert_eq!(constraint.as_deref(), Some(expected), "{message}");
            assert_eq!(label.as_deref(), Some("Person"));
        }
    }

    #[test]
    fn a_message_without_detail_names_only_a_lone_constraint() {
        let message = "Error executing Cypher command: CREATE (p:Person $p0)";
        let (constraint, label) = broken(&installed(), None, &["Person"], message);
        assert_eq!((constraint, label), (None, None));
        let lone = [shown("typher_person_name_unique", "UNIQUENESS")];
        let (constraint, label) = broken(&lone, None, &["Person"], message);
        assert_eq!(constraint.as_deref(), Some("typher_person_name_unique"));
        assert_eq!(label.as_deref(), Some("Person"));
    }
}
