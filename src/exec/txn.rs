//! Explicit transactions: typed queries, then commit or roll back; and the handle a managed
//! transaction's closure gets.

use super::counters::Executed;
use super::driver::{Access, Driver, Record, Scope, Txn};
use super::error::{Error, Result};
use super::executor::Executor;
use super::log::QueryLog;
use super::statement::{labels, Prepared};
use super::stream::RowStream;
use std::sync::Arc;
use tokio::sync::Mutex;
use tracing::Instrument;

/// An open transaction. Queries run in it see each other's writes; nothing is visible to
/// others until [`Transaction::commit`]. Dropping it without committing rolls it back at
/// once, so it holds no locks past its end. Its queries come from [`Executor`].
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
    shared: Arc<Shared>,
}

/// The transaction a managed transaction's closure runs its queries in
/// ([`Client::write`](super::Client::write), [`Client::read`](super::Client::read)). It can
/// run queries ([`Executor`]) but neither commit nor roll back: the client does that when the
/// closure ends. It is an owned handle, so the closure's future can be sent to another
/// task (`tokio::spawn`); a copy kept past the closure's end runs nothing (its queries fail:
/// the transaction has ended).
///
/// ```no_run
/// # use typher::Executor;
/// # async fn demo(client: typher::Client) -> typher::Result<()> {
/// let name = String::from("a");
/// let task = tokio::spawn(async move {
///     client
///         .write(async |tx| {
///             tx.execute(typher::raw::<()>("CREATE (:Tag {name: $n})").param("n", name.as_str()))
///                 .await
///         })
///         .await
/// });
/// task.await.expect("the task ran")?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ManagedTransaction {
    shared: Arc<Shared>,
}

/// What a transaction and the handles lent to a managed transaction's closure share.
struct Shared {
    driver: Driver,
    /// The transaction while it is open on the server, with the connection it runs on.
    open: Mutex<Option<Txn>>,
}

fn finished() -> Error {
    Error::Config(
        "the transaction has ended (committed or rolled back): a managed transaction's handle runs queries only inside its closure".into(),
    )
}

impl Transaction {
    pub(crate) async fn begin(driver: Driver, access: Access, scope: &Scope) -> Result<Self> {
        let lease = driver.lease(access, scope).await?;
        let txn = driver.begin(lease, access, scope);
        tracing::debug!(target: "typher::transaction", "transaction begun");
        Ok(Self {
            shared: Arc::new(Shared {
                driver,
                open: Mutex::new(Some(txn)),
            }),
        })
    }

    /// The handle a managed transaction's closure gets.
    pub(crate) fn managed(&self) -> ManagedTransaction {
        ManagedTransaction {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Shared {
    /// Every row of `prepared` and what it changed; a broken constraint is named.
    async fn rows(&self, prepared: Prepared<'_>) -> Result<(Vec<Record>, Executed)> {
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
}

impl Transaction {
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
        let txn = self.shared.open.lock().await.take().ok_or_else(finished)?;
        let result = self.shared.driver.commit(txn).await;
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
        let txn = self.shared.open.lock().await.take().ok_or_else(finished)?;
        let result = self.shared.driver.rollback(txn).await;
        tracing::debug!(target: "typher::transaction", "transaction rolled back");
        result
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        // A handle lent to a managed closure may still hold the lock (a query it left
        // running in a task of its own): then roll back once it lets go.
        let open = self.shared.open.try_lock().map(|mut open| open.take());
        match open {
            Ok(None) => {}
            Ok(Some(txn)) => {
                tracing::debug!(target: "typher::transaction", "transaction dropped uncommitted: rolling back");
                self.shared.driver.abandon(txn);
            }
            Err(_) => {
                if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                    let shared = Arc::clone(&self.shared);
                    runtime.spawn(async move {
                        if let Some(txn) = shared.open.lock().await.take() {
                            shared.driver.abandon(txn);
                        }
                    });
                }
            }
        }
    }
}

impl Shared {
    async fn records(&self, prepared: Prepared<'_>) -> Result<RowStream<Record>> {
        let (records, _) = self.rows(prepared).await?;
        Ok(RowStream::read(records))
    }

    async fn run(
        &self,
        prepared: Prepared<'_>,
        keep_rows: bool,
    ) -> Result<(Vec<Record>, Executed)> {
        let (records, mut executed) = self.rows(prepared).await?;
        executed.rows_returned = records.len();
        Ok((if keep_rows { records } else { Vec::new() }, executed))
    }
}

impl Executor for Transaction {
    async fn records<'a>(&'a self, prepared: Prepared<'a>) -> Result<RowStream<Record>> {
        self.shared.records(prepared).await
    }

    async fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> Result<(Vec<Record>, Executed)> {
        self.shared.run(prepared, keep_rows).await
    }
}

impl Executor for ManagedTransaction {
    async fn records<'a>(&'a self, prepared: Prepared<'a>) -> Result<RowStream<Record>> {
        self.shared.records(prepared).await
    }

    async fn run<'a>(
        &'a self,
        prepared: Prepared<'a>,
        keep_rows: bool,
    ) -> Result<(Vec<Record>, Executed)> {
        self.shared.run(prepared, keep_rows).await
    }
}
