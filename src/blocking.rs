//! A blocking client for scripts, command lines and tests without an async runtime, as
//! `reqwest::blocking` is to `reqwest`: each call runs the async [`crate::Client`] on a
//! runtime of its own and waits for it.
//!
//! ```no_run
//! # use typher::prelude::*;
//! # use typher_testkit::movies::*;
//! # fn demo() -> typher::exec::Result<()> {
//! let client = typher::blocking::Client::connect(
//!     typher::Settings::builder().uri("bolt://127.0.0.1:7687").user("neo4j").password("secret").build(),
//! )?;
//! let titles: Vec<String> = client.fetch_all(match_(Movie).return_(Movie.title))?;
//! let n: i64 = client.write(|tx| {
//!     tx.execute(typher::raw::<()>("CREATE (:Tag {name: 'blocking'})"))?;
//!     tx.fetch_one(typher::raw::<i64>("MATCH (t:Tag) RETURN count(t)"))
//! })?;
//! # Ok(()) }
//! ```
//!
//! Calling it from inside an async runtime panics (tokio forbids blocking a runtime's
//! thread); use [`crate::Client`] there.

use crate::exec::decode::RowDecoder;
use crate::exec::{self, Executed, Executor, Result, RowOf, Settings, Statement};
use std::sync::Arc;
use std::time::Instant;
use tokio::runtime::Runtime;

/// A blocking client: the same pool, retries and timeouts as [`crate::Client`].
#[derive(Clone)]
pub struct Client {
    inner: exec::Client,
    runtime: Arc<Runtime>,
}

/// An explicit transaction of a blocking client: queries, then commit or roll back;
/// dropped uncommitted, it rolls back.
pub struct Transaction {
    inner: Option<exec::Transaction>,
    runtime: Arc<Runtime>,
}

fn runtime() -> Result<Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            exec::Error::Config(format!("cannot start the blocking client's runtime: {e}"))
        })
}

/// The queries both a blocking client and its transactions run.
macro_rules! queries {
    ($target:ident) => {
        /// Every row, decoded ([`Executor::fetch_all`]).
        pub fn fetch_all<Q>(&self, query: Q) -> Result<Vec<RowOf<Q>>>
        where
            Q: Statement + Send,
            Q::Shape: RowDecoder,
            RowOf<Q>: Send,
        {
            self.runtime.block_on(self.$target()?.fetch_all(query))
        }

        /// Exactly one row ([`Executor::fetch_one`]).
        pub fn fetch_one<Q>(&self, query: Q) -> Result<RowOf<Q>>
        where
            Q: Statement + Send,
            Q::Shape: RowDecoder,
            RowOf<Q>: Send,
        {
            self.runtime.block_on(self.$target()?.fetch_one(query))
        }

        /// At most one row ([`Executor::fetch_optional`]).
        pub fn fetch_optional<Q>(&self, query: Q) -> Result<Option<RowOf<Q>>>
        where
            Q: Statement + Send,
            Q::Shape: RowDecoder,
            RowOf<Q>: Send,
        {
            self.runtime.block_on(self.$target()?.fetch_optional(query))
        }

        /// Every row and the result summary ([`Executor::fetch_all_with_summary`]).
        pub fn fetch_all_with_summary<Q>(&self, query: Q) -> Result<(Vec<RowOf<Q>>, Executed)>
        where
            Q: Statement + Send,
            Q::Shape: RowDecoder,
            RowOf<Q>: Send,
        {
            self.runtime
                .block_on(self.$target()?.fetch_all_with_summary(query))
        }

        /// Runs a statement for what it changes ([`Executor::execute`]).
        pub fn execute<Q>(&self, query: Q) -> Result<Executed>
        where
            Q: Statement + Send,
        {
            self.runtime.block_on(self.$target()?.execute(query))
        }
    };
}

impl Client {
    /// Connects, as [`crate::Client::connect`] does.
    pub fn connect(settings: Settings) -> Result<Self> {
        let runtime = Arc::new(runtime()?);
        let inner = runtime.block_on(exec::Client::connect(settings))?;
        Ok(Self { inner, runtime })
    }

    /// Connects with [`Settings::from_env`].
    pub fn from_env() -> Result<Self> {
        Self::connect(Settings::from_env()?)
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &exec::Client {
        &self.inner
    }

    fn client(&self) -> Result<&exec::Client> {
        Ok(&self.inner)
    }

    queries!(client);

    /// Begins an explicit transaction.
    pub fn begin(&self) -> Result<Transaction> {
        let inner = self.runtime.block_on(self.inner.begin())?;
        Ok(Transaction {
            inner: Some(inner),
            runtime: Arc::clone(&self.runtime),
        })
    }

    /// Runs `work` in one write transaction and commits it, retrying transient failures as
    /// [`crate::Client::write`] does. `work` must not commit or roll back the transaction.
    pub fn write<T>(&self, work: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        self.managed(false, work)
    }

    /// Runs `work` in one read transaction, with the same retries.
    pub fn read<T>(&self, work: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        self.managed(true, work)
    }

    fn managed<T>(&self, read: bool, mut work: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = (|| {
                let inner = self.runtime.block_on(self.inner.begin_for(read))?;
                let mut tx = Transaction {
                    inner: Some(inner),
                    runtime: Arc::clone(&self.runtime),
                };
                match work(&tx) {
                    Ok(value) => tx.finish(true).map(|()| value),
                    Err(e) => {
                        let _ = tx.finish(false);
                        Err(e)
                    }
                }
            })();
            let error = match outcome {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            let wait = self.inner.retry_wait(attempt, started, error)?;
            std::thread::sleep(wait);
        }
    }
}

impl Transaction {
    fn transaction(&self) -> Result<&exec::Transaction> {
        self.inner.as_ref().ok_or_else(|| {
            exec::Error::Config("the transaction has already been committed or rolled back".into())
        })
    }

    queries!(transaction);

    fn finish(&mut self, commit: bool) -> Result<()> {
        let inner = self.inner.take().ok_or_else(|| {
            exec::Error::Config("the transaction has already been committed or rolled back".into())
        })?;
        if commit {
            self.runtime.block_on(inner.commit())
        } else {
            self.runtime.block_on(inner.rollback())
        }
    }

    /// Makes every write of the transaction durable and visible.
    pub fn commit(mut self) -> Result<()> {
        self.finish(true)
    }

    /// Undoes every write of the transaction.
    pub fn rollback(mut self) -> Result<()> {
        self.finish(false)
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if self.inner.is_some() {
            let _ = self.finish(false);
        }
    }
}
