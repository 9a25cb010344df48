//! The shared database of the integration tests: `NEO4J_URI` if set, else one embedded
//! ArcadeDB server per test process, loaded once with the movies fixture.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use tracing::Instrument;
use typher::{Client, Settings};
use typher_testkit::Database;

static DATABASE: OnceLock<Result<Database, String>> = OnceLock::new();
static LOADED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// Settings of the shared database; panics with instructions if there is none.
pub fn settings() -> Settings {
    install_log();
    let database =
        DATABASE.get_or_init(|| Database::from_env_or_embedded().map_err(|e| e.to_string()));
    match database {
        Ok(db) => db.settings(),
        Err(e) => panic!(
            "no database for the integration tests: {e}\n\
             The tests start an embedded ArcadeDB server through `python3 -m pip`; install \
             python3 with pip, or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to a Neo4j 5."
        ),
    }
}

/// A client of the shared database with the movies fixture loaded.
pub async fn client() -> Client {
    let client = Client::connect(settings())
        .await
        .expect("connect to the test database");
    LOADED
        .get_or_init(|| async {
            super::data::load(&client)
                .await
                .expect("load the movies fixture");
        })
        .await;
    client
}

/// A client with its own settings (pool size and the like), fixture loaded.
pub async fn client_with(settings: Settings) -> Client {
    client().await;
    Client::connect(settings)
        .await
        .expect("connect to the test database")
}

/// The lines of the process-wide log that belong to a [`traced`] run.
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Writes the formatted lines of [`traced`] runs (marked by their span) into [`LOG`].
struct MarkedLines;

impl std::io::Write for MarkedLines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        if text.contains("traced{run=") {
            LOG.lock().unwrap().push(text.into_owned());
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs one global TRACE subscriber before any query runs, so every call site sees it
/// from its first use (a scoped subscriber races with call sites other tests register).
fn install_log() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| MarkedLines)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
    });
}

/// Runs `work` inside its own marked span; returns its output and what it logged.
pub async fn traced<T>(work: impl Future<Output = T>) -> (T, String) {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    install_log();
    let run = RUNS.fetch_add(1, Ordering::SeqCst);
    let out = work.instrument(tracing::info_span!("traced", run)).await;
    let marker = format!("traced{{run={run}}}");
    let lines = LOG.lock().unwrap();
    let text = lines
        .iter()
        .filter(|l| l.contains(&marker))
        .cloned()
        .collect();
    (out, text)
}
