//! The one folder that touches neo4rs: the pool, every bounded wait, error mapping,
//! parameters ([`params`]) and result rows ([`Record`]).
//!
//! neo4rs 0.9 is a release candidate whose API still moves, and its own timeouts leave gaps
//! (the Bolt handshake and a pool wait are unbounded); everything else in typher goes
//! through the few functions here, and each of them is bounded by one of the
//! [`Settings`] timeouts, reported as [`Wait`] when it fires.
//!
//! The pool is typher's own: a semaphore of `max_connections` leases, each lending one
//! single-connection neo4rs `Graph`. That way a wait for a free lease, opening a connection
//! and waiting for the server are three separate, separately bounded steps.

mod params;
mod record;

pub(crate) use params::query;
pub use record::Record;

/// What a new connection runs to prove it works.
pub(crate) const PROBE: &str = "RETURN 1";
/// What the driver reads to name the properties of a violated constraint.
pub(crate) const CONSTRAINT_LOOKUP: &str = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties";

use super::counters::Counters;
use super::error::{Error, Wait};
use super::settings::Settings;
use neo4rs::{Config, ConfigBuilder, DetachedRowStream, Graph, Query, Txn};

/// A query as the driver sends it: text and parameters.
pub(crate) type DriverQuery = Query;
/// An auto-commit query's rows, read while its lease is held.
pub(crate) type DriverRows = DetachedRowStream;
/// An open transaction on the server.
pub(crate) type DriverTxn = Txn;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A connected pool plus what error messages need to name, and the secrets they must not.
#[derive(Clone)]
pub(crate) struct Driver {
    shared: Arc<Shared>,
}

struct Shared {
    /// What every new connection is built from (the password included: never shown).
    config: Config,
    /// Connections not lent out; `true` once the connection has answered.
    idle: Mutex<Vec<(Graph, bool)>>,
    permits: Arc<Semaphore>,
    max_connections: usize,
    connect_timeout: Duration,
    read_timeout: Duration,
    acquire_timeout: Duration,
    /// The address without credentials.
    uri: String,
    user: String,
    /// Passwords to scrub from anything the driver reports.
    secrets: Vec<String>,
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
    graph: Option<Graph>,
    reusable: bool,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let (true, Some(graph)) = (self.reusable, self.graph.take()) {
            if let Ok(mut idle) = self.driver.shared.idle.lock() {
                idle.push((graph, true));
            }
        } else {
            tracing::debug!(target: "typher::pool", "connection discarded");
        }
    }
}

impl Lease {
    fn graph(&self) -> &Graph {
        self.graph
            .as_ref()
            .expect("a lease holds its connection until dropped")
    }

    /// The connection must not be reused.
    pub(crate) fn poison(&mut self) {
        self.reusable = false;
    }

    /// Passes `result` on, poisoning the lease when the error leaves its connection in an
    /// unknown state.
    pub(crate) fn checked<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        if result.as_ref().is_err_and(Error::breaks_connection) {
            self.poison();
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
        let shown = address.shown();
        let secrets: Vec<String> = [settings.password.as_str(), uri_password]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        // neo4rs bounds TCP connect and each read by one duration of its own; typher's
        // timeouts below fire first, so the error says which wait it was.
        let inner_timeout = settings
            .connect_timeout
            .max(settings.read_timeout)
            .saturating_add(Duration::from_secs(1));
        let config = ConfigBuilder::new()
            .uri(address.connect_to().as_str())
            .user(user)
            .password(password)
            .db(settings.database.as_str())
            .fetch_size(settings.fetch_size)
            .max_connections(1)
            .connection_timeout(inner_timeout)
            .build()
            .map_err(|e| {
                Error::Config(scrub(
                    format!("invalid settings for {shown}: {e}"),
                    &secrets,
                ))
            })?;
        let driver = Self {
            shared: Arc::new(Shared {
                config,
                idle: Mutex::new(Vec::new()),
                permits: Arc::new(Semaphore::new(settings.max_connections)),
                max_connections: settings.max_connections,
                connect_timeout: settings.connect_timeout,
                read_timeout: settings.read_timeout,
                acquire_timeout: settings.acquire_timeout,
                uri: shown,
                user: user.to_owned(),
                secrets,
            }),
        };
        // Build one connection now, so invalid settings fail here rather than at first use.
        let graph = driver.new_graph()?;
        driver.idle().push((graph, false));
        Ok(driver)
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<(Graph, bool)>> {
        // A panic while holding this lock cannot leave the list inconsistent.
        self.shared
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn new_graph(&self) -> Result<Graph, Error> {
        Graph::connect(self.shared.config.clone()).map_err(|e| self.error(e))
    }

    /// A pooled connection: waits at most `acquire_timeout` for a free one, and opens a new
    /// one (bounded by `connect_timeout`) when none is idle.
    pub(crate) async fn lease(&self) -> Result<Lease, Error> {
        let started = Instant::now();
        let permit = tokio::time::timeout(
            self.shared.acquire_timeout,
            Arc::clone(&self.shared.permits).acquire_owned(),
        )
        .await
        .map_err(|_| self.timeout(Wait::PoolAcquisition, self.shared.acquire_timeout))?
        .map_err(|_| Error::Driver("the connection pool was closed".into()))?;
        let waited = started.elapsed();
        let idle = self.idle().pop();
        let (graph, connected) = match idle {
            Some(idle) => idle,
            None => (self.new_graph()?, false),
        };
        let mut lease = Lease {
            driver: self.clone(),
            graph: Some(graph),
            reusable: true,
            _permit: permit,
        };
        if !connected {
            let opened = Instant::now();
            let probe = async {
                let mut rows = lease.graph().execute(neo4rs::query(PROBE)).await?;
                while rows.next().await?.is_some() {}
                Ok(())
            };
            if let Err(e) = self
                .bounded(Wait::Connect, self.shared.connect_timeout, probe)
                .await
            {
                lease.poison();
                return Err(e);
            }
            tracing::debug!(
                target: "typher::pool",
                uri = %self.shared.uri,
                elapsed_ms = opened.elapsed().as_millis() as u64,
                "connection opened"
            );
        }
        tracing::trace!(
            target: "typher::pool",
            waited_ms = waited.as_millis() as u64,
            available = self.shared.permits.available_permits(),
            max = self.shared.max_connections,
            "connection acquired"
        );
        Ok(lease)
    }

    /// Checks the server answers, so a bad address or password fails at connect time.
    pub(crate) async fn ping(&self) -> Result<(), Error> {
        let lease = self.lease().await?;
        drop(lease);
        Ok(())
    }

    /// Runs `future`, bounded by `limit`; a driver error is translated, an elapsed limit
    /// becomes [`Error::Timeout`] naming `wait`.
    pub(crate) async fn bounded<T>(
        &self,
        wait: Wait,
        limit: Duration,
        future: impl Future<Output = Result<T, neo4rs::Error>>,
    ) -> Result<T, Error> {
        match tokio::time::timeout(limit, future).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(neo4rs::Error::ConnectionTimedOut)) | Err(_) => Err(self.timeout(wait, limit)),
            Ok(Err(e)) => Err(self.error(e)),
        }
    }

    /// Runs `future`, bounded by the read timeout.
    pub(crate) async fn read<T>(
        &self,
        future: impl Future<Output = Result<T, neo4rs::Error>>,
    ) -> Result<T, Error> {
        self.bounded(Wait::Read, self.shared.read_timeout, future)
            .await
    }

    fn timeout(&self, wait: Wait, after: Duration) -> Error {
        Error::Timeout {
            wait,
            after,
            uri: self.shared.uri.clone(),
        }
    }

    /// Runs a query in its own auto-commit transaction on `lease`; the stream must be read
    /// while the lease is held.
    pub(crate) async fn rows(
        &self,
        lease: &mut Lease,
        query: Query,
    ) -> Result<DetachedRowStream, Error> {
        let result = self.read(lease.graph().execute(query)).await;
        lease.checked(result)
    }

    /// The next row of an auto-commit stream running on `lease`.
    pub(crate) async fn next(
        &self,
        lease: &mut Lease,
        rows: &mut DetachedRowStream,
    ) -> Result<Option<Record>, Error> {
        let result = self.read(rows.next()).await;
        lease.checked(result).map(|row| row.map(Record::new))
    }

    /// The next row an auto-commit stream holds already, without waiting for the server.
    pub(crate) fn buffered(rows: &mut DetachedRowStream) -> Option<Record> {
        rows.pop().map(Record::new)
    }

    /// Ends an auto-commit stream whose rows were all read, and returns what it changed.
    pub(crate) async fn finish(
        &self,
        lease: &mut Lease,
        rows: DetachedRowStream,
    ) -> Result<Counters, Error> {
        let result = self.read(rows.finish()).await;
        lease
            .checked(result)
            .map(|summary| counters(summary.stats()))
    }

    /// Runs one statement in its own explicit write transaction: every row and what it
    /// changed once committed; rolled back (nothing persists) on any error.
    pub(crate) async fn atomic(&self, query: Query) -> Result<(Vec<Record>, Counters), Error> {
        let mut lease = self.lease().await?;
        let mut txn = self.begin(&mut lease, Access::Write).await?;
        let result = self.txn_rows(&mut txn, query).await;
        let result = lease.checked(result);
        match result {
            Ok(done) => {
                let committed = self.commit(txn).await;
                if committed.is_err() {
                    lease.poison();
                }
                committed.map(|()| done)
            }
            Err(e) => {
                if self.rollback(txn).await.is_err() {
                    lease.poison();
                }
                Err(e)
            }
        }
    }

    /// Begins an explicit transaction on `lease`, in read access mode for `Access::Read`
    /// when neo4rs can (the `unstable-routing` feature); a routing server then sends it to a
    /// follower.
    pub(crate) async fn begin(&self, lease: &mut Lease, access: Access) -> Result<Txn, Error> {
        #[cfg(feature = "unstable-routing")]
        let begin = lease.graph().start_txn_as(
            match access {
                Access::Read => neo4rs::Operation::Read,
                Access::Write => neo4rs::Operation::Write,
            },
            None,
        );
        #[cfg(not(feature = "unstable-routing"))]
        let begin = {
            let _ = access;
            lease.graph().start_txn()
        };
        let result = self.read(begin).await;
        lease.checked(result)
    }

    /// Fetches every row of a query run inside `txn`, and what it changed.
    pub(crate) async fn txn_rows(
        &self,
        txn: &mut Txn,
        query: Query,
    ) -> Result<(Vec<Record>, Counters), Error> {
        let mut stream = self.read(txn.execute(query)).await?;
        let mut rows = Vec::new();
        while let Some(row) = self.read(stream.next(txn.handle())).await? {
            rows.push(Record::new(row));
        }
        let summary = self.read(stream.finish(txn.handle())).await?;
        Ok((rows, counters(summary.stats())))
    }

    /// Commits `txn`. A server's refusal means nothing was committed; a lost or late reply
    /// means nobody knows, which is [`Error::CommitOutcomeUnknown`] and never retried.
    pub(crate) async fn commit(&self, txn: Txn) -> Result<(), Error> {
        match self.read(async { txn.commit().await.map(drop) }).await {
            Ok(()) => Ok(()),
            Err(
                e @ (Error::Server { .. }
                | Error::Authentication { .. }
                | Error::ConstraintViolation { .. }
                | Error::NodeStillConnected { .. }),
            ) => Err(e),
            Err(e) => Err(Error::CommitOutcomeUnknown {
                uri: self.shared.uri.clone(),
                cause: Box::new(e),
            }),
        }
    }

    /// Rolls `txn` back. A server that already failed the transaction answers `Ignored`:
    /// nothing of it persists, which is what a rollback wants, so that counts as success.
    pub(crate) async fn rollback(&self, txn: Txn) -> Result<(), Error> {
        match self.read(txn.rollback()).await {
            Err(Error::Server { code, .. }) if code == "Neo.ServerError.Ignored" => Ok(()),
            other => other,
        }
    }

    /// Rolls back a transaction its owner dropped: at once in the background when a tokio
    /// runtime runs, else by closing its connection, which makes the server roll it back.
    pub(crate) fn abandon(&self, txn: Txn, mut lease: Lease) {
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let driver = self.clone();
                runtime.spawn(async move {
                    if let Err(e) = driver.rollback(txn).await {
                        tracing::debug!(target: "typher::transaction", error = %e, "rollback of a dropped transaction failed");
                        lease.poison();
                    }
                    drop(lease);
                });
            }
            Err(_) => {
                lease.poison();
                drop(txn);
                drop(lease);
            }
        }
    }

    /// Translates a driver error into typher's, naming the server or user involved and
    /// never a password.
    pub(crate) fn error(&self, error: neo4rs::Error) -> Error {
        match self.translate(error) {
            Error::Connection { uri, message } => Error::Connection {
                uri,
                message: self.scrub(message),
            },
            Error::Authentication { user, message } => Error::Authentication {
                user,
                message: self.scrub(message),
            },
            Error::Driver(message) => Error::Driver(self.scrub(message)),
            other => other,
        }
    }

    fn translate(&self, error: neo4rs::Error) -> Error {
        use neo4rs::Error as E;
        let uri = || self.shared.uri.clone();
        match error {
            E::Neo4j(e) if e.code().starts_with("Neo.ClientError.Security.") => {
                Error::Authentication {
                    user: self.shared.user.clone(),
                    message: format!("{}: {}", e.code(), e.message()),
                }
            }
            E::Neo4j(e) => classify(e.code(), e.message()),
            E::AuthenticationError(message) => Error::Authentication {
                user: self.shared.user.clone(),
                message,
            },
            E::IOError { detail } => Error::Connection {
                uri: uri(),
                message: detail.to_string(),
            },
            e @ (E::ConnectionError
            | E::ConnectionTimedOut
            | E::ServerUnavailableError(_)
            | E::IncompleteBoltExchange
            | E::UnexpectedMessage(_)) => Error::Connection {
                uri: uri(),
                message: e.to_string(),
            },
            E::Ignored(_) | E::RequestIgnoredError => Error::Server {
                code: "Neo.ServerError.Ignored".into(),
                message:
                    "the server ignored the request because the transaction had already failed"
                        .into(),
            },
            E::DeserializationError(e) => Error::Decode {
                column: String::new(),
                path: String::new(),
                message: e.to_string(),
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
            let mut lease = self.lease().await?;
            let mut rows = self
                .rows(&mut lease, neo4rs::query(CONSTRAINT_LOOKUP))
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
        let candidates: Vec<&ShownConstraint> = shown
            .iter()
            .filter(|c| {
                c.labels.iter().flatten().any(|l| match &label {
                    Some(known) => l == known,
                    None => labels.contains(&l.as_str()),
                })
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
        Error::ConstraintViolation {
            code,
            constraint,
            label,
            message,
        }
    }
}

/// `text` with every secret replaced by `***`.
fn scrub(text: String, secrets: &[String]) -> String {
    secrets
        .iter()
        .fold(text, |text, secret| text.replace(secret.as_str(), "***"))
}

/// What a statement changed, as the driver's summary counts it.
fn counters(c: &neo4rs::summary::Counters) -> Counters {
    Counters {
        nodes_created: c.nodes_created,
        nodes_deleted: c.nodes_deleted,
        relationships_created: c.relationships_created,
        relationships_deleted: c.relationships_deleted,
        properties_set: c.properties_set,
        labels_added: c.labels_added,
        labels_removed: c.labels_removed,
        indexes_added: c.indexes_added,
        indexes_removed: c.indexes_removed,
        constraints_added: c.constraints_added,
        constraints_removed: c.constraints_removed,
        system_updates: c.system_updates,
    }
}
