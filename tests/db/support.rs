//! The shared database of the integration tests: `NEO4J_URI` if set, else one embedded
//! ArcadeDB server per test process, loaded once with the movies fixture.

use std::sync::OnceLock;
use typher::{Client, Settings};
use typher_testkit::Database;

static DATABASE: OnceLock<Result<Database, String>> = OnceLock::new();
static LOADED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// Settings of the shared database; panics with instructions if there is none.
pub fn settings() -> Settings {
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
