//! What the server benchmarks share: sizes from the environment, medians, and one server
//! reached both through typher and through raw neo4rs.

use neo4rs::{ConfigBuilder, Graph};
use std::time::Duration;
use typher::Client;
use typher_testkit::Database;

/// `key` from the environment as a number, else `default`.
#[allow(dead_code)]
pub fn env_number(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The median of `samples`.
#[allow(dead_code)]
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The database (`NEO4J_URI`, else embedded), a typher client and a raw neo4rs graph on it;
/// keep the database alive as long as the other two.
pub async fn connect() -> Result<(Database, Client, Graph), Box<dyn std::error::Error>> {
    let database = Database::from_env_or_embedded()?;
    let settings = database.settings();
    let client = Client::connect(settings.clone()).await?;
    let graph = neo4rs_graph(&settings)?;
    Ok((database, client, graph))
}

/// A raw neo4rs graph connecting with `settings` (through a proxy, say).
pub fn neo4rs_graph(settings: &typher::Settings) -> Result<Graph, Box<dyn std::error::Error>> {
    Ok(Graph::connect(
        ConfigBuilder::new()
            .uri(settings.uri.as_str())
            .user(settings.user.as_str())
            .password(settings.password.as_str())
            .db(settings.database.as_str())
            .fetch_size(settings.fetch_size)
            .max_connections(settings.max_connections)
            .build()?,
    )?)
}
