//! [`TestDatabase`]: an isolated, empty database per test, on one server per test process.

use crate::{Database, EmbeddedServer, Error, Result};
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;
use typher::{raw, Client, Executor, Settings};

/// The server of this test process: `NEO4J_URI` if set, else an embedded one, started by the
/// first test that asks (a `static` is never dropped: the server dies with the process).
static SERVER: OnceLock<std::result::Result<Database, String>> = OnceLock::new();

/// Serialises the tests of a process on a Neo4j that cannot create databases (Community
/// Edition): they take turns on its one database, emptied before each.
static SHARED_DEFAULT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// An empty database of its own for one test, dropped with it.
///
/// The server is the Neo4j that `NEO4J_URI`, `NEO4J_USER` and `NEO4J_PASSWORD` name, or
/// else an embedded ArcadeDB started once per test process (installed through `python3 -m
/// pip` on first use and cached). Each `TestDatabase` is a database created for it
/// (`CREATE DATABASE` on Neo4j Enterprise, a new database on the embedded server), so tests
/// run in parallel without seeing each other's data. On Neo4j Community Edition, which has
/// one database, the tests of a process take turns on it instead, and it is emptied (data,
/// constraints and indexes) before each.
///
/// It dereferences to a connected [`Client`].
///
/// ```no_run
/// use typher::prelude::*;
/// use typher_testkit::TestDatabase;
///
/// #[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
/// pub struct Task { pub title: String, pub done: bool }
///
/// #[tokio::test]
/// async fn tasks_are_stored() -> Result<(), Box<dyn std::error::Error>> {
///     let db = TestDatabase::new().await?;
///     Task { title: "write tests".into(), done: false }.create(&*db).await?;
///     let titles = db.fetch_all(match_(Task).return_(Task.title)).await?;
///     assert_eq!(titles, ["write tests"]);
///     Ok(())
/// }
/// ```
pub struct TestDatabase {
    client: Client,
    settings: Settings,
    owned: Owned,
}

/// How the database was made, so it can be unmade.
enum Owned {
    /// A database on the embedded server, dropped over its HTTP API.
    Embedded { name: String },
    /// A database created on a Neo4j Enterprise server, dropped through `system`.
    Created { name: String },
    /// The default database of a Neo4j that cannot create more, held for this test.
    Shared(#[allow(dead_code)] tokio::sync::MutexGuard<'static, ()>),
}

impl std::fmt::Debug for TestDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestDatabase")
            .field("name", &self.name())
            .finish_non_exhaustive()
    }
}

impl TestDatabase {
    /// Creates an empty database for this test and connects to it.
    pub async fn new() -> Result<Self> {
        let server = tokio::task::spawn_blocking(|| {
            SERVER
                .get_or_init(|| Database::from_env_or_embedded().map_err(|e| e.to_string()))
                .as_ref()
                .map_err(|e| {
                    Error::Embedded(format!(
                        "{e}\nThe test database is an embedded ArcadeDB installed through \
                         `python3 -m pip`: install python3 with pip, or set NEO4J_URI, \
                         NEO4J_USER and NEO4J_PASSWORD to a Neo4j 5.26 or later."
                    ))
                })
        })
        .await
        .map_err(|e| Error::Embedded(format!("starting the server: {e}")))??;
        let name = fresh_name();
        match server {
            Database::Embedded(embedded) => {
                let command = format!("create database {name}");
                let embedded_ref: &'static EmbeddedServer = embedded;
                tokio::task::spawn_blocking(move || embedded_ref.command(&command))
                    .await
                    .map_err(|e| Error::Embedded(format!("creating a database: {e}")))??;
                let settings = with_database(embedded.settings(), &name);
                Self::connect(settings, Owned::Embedded { name }).await
            }
            Database::External(_) => {
                let base = server.settings();
                let created = async {
                    let system = Client::connect(with_database(base.clone(), "system")).await?;
                    system
                        .execute(raw::<()>(format!("CREATE DATABASE `{name}` WAIT")))
                        .await
                }
                .await;
                match created {
                    Ok(_) => {
                        let settings = with_database(base, &name);
                        Self::connect(settings, Owned::Created { name }).await
                    }
                    // Community Edition, Aura, or no right to create one: take turns.
                    Err(_) => {
                        let guard = SHARED_DEFAULT.lock().await;
                        let db = Self::connect(base, Owned::Shared(guard)).await?;
                        db.empty().await?;
                        Ok(db)
                    }
                }
            }
        }
    }

    /// Like [`TestDatabase::new`], loaded with the movies graph of [`crate::movies`].
    pub async fn with_movies() -> Result<Self> {
        let db = Self::new().await?;
        crate::movies_data::load(&db.client)
            .await
            .map_err(|e| Error::Embedded(format!("loading the movies graph: {e}")))?;
        Ok(db)
    }

    async fn connect(settings: Settings, owned: Owned) -> Result<Self> {
        let client = Client::connect(settings.clone()).await?;
        Ok(Self {
            client,
            settings,
            owned,
        })
    }

    /// Deletes every node, constraint and index.
    async fn empty(&self) -> Result<()> {
        self.client
            .execute(raw::<()>("MATCH (n) DETACH DELETE n"))
            .await?;
        #[derive(serde::Deserialize)]
        struct Named {
            name: String,
        }
        for (kind, list) in [
            ("CONSTRAINT", "SHOW CONSTRAINTS YIELD name RETURN name"),
            (
                "INDEX",
                "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name",
            ),
        ] {
            for item in self.client.fetch_all(raw::<Named>(list)).await? {
                self.client
                    .execute(raw::<()>(format!(
                        "DROP {kind} `{}` IF EXISTS",
                        item.name.replace('`', "``")
                    )))
                    .await?;
            }
        }
        Ok(())
    }

    /// A client of this database.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Settings that connect to this database (for a second client, or a process).
    pub fn settings(&self) -> Settings {
        self.settings.clone()
    }

    /// Whether the database is this test's own: false on a server that cannot create
    /// databases (Neo4j Community Edition), whose one database the tests take turns on.
    pub fn isolated(&self) -> bool {
        !matches!(self.owned, Owned::Shared(_))
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.settings.database
    }
}

impl std::ops::Deref for TestDatabase {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.owned {
            Owned::Embedded { name } => {
                if let Some(Ok(Database::Embedded(server))) = SERVER.get() {
                    let _ = server.command(&format!("drop database {name}"));
                }
            }
            Owned::Created { name } => {
                // Drop cannot await: a short-lived runtime on its own thread does.
                let settings = with_database(self.settings.clone(), "system");
                let statement = format!("DROP DATABASE `{name}` IF EXISTS");
                let dropping = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let system = Client::connect(settings).await.ok()?;
                        system.execute(raw::<()>(statement)).await.ok()
                    })
                });
                let _ = dropping.join();
            }
            Owned::Shared(_) => {}
        }
    }
}

/// `settings` on the database `name`.
fn with_database(mut settings: Settings, name: &str) -> Settings {
    settings.database = name.to_owned();
    settings
}

/// A database name no other test of any process uses: letters and digits only, which both
/// Neo4j and ArcadeDB accept unquoted.
fn fresh_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "typhertest{}n{}r{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        fastrand::u32(..)
    )
}

/// `root:typher-embedded` (the embedded server's credentials) in base64, for HTTP.
const ROOT_AUTHORIZATION: &str = "cm9vdDp0eXBoZXItZW1iZWRkZWQ=";

impl EmbeddedServer {
    /// Runs a server command (`create database x`, `drop database x`) over the HTTP API.
    pub(crate) fn command(&self, command: &str) -> Result<()> {
        let body = format!("{{\"command\":\"{command}\"}}");
        let failed = |e: String| Error::Embedded(format!("`{command}` failed: {e}"));
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.http)).map_err(|e| failed(e.to_string()))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| failed(e.to_string()))?;
        let request = format!(
            "POST /api/v1/server HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Basic {}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.http,
            ROOT_AUTHORIZATION,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .map_err(|e| failed(e.to_string()))?;
        if response.starts_with("HTTP/1.1 200") {
            Ok(())
        } else {
            Err(failed(response.lines().last().unwrap_or("").to_owned()))
        }
    }
}
