//! Connection settings, explicit or from `NEO4J_*` environment variables.

use super::error::{Error, Result};
use std::time::Duration;
use typed_builder::TypedBuilder;

/// Where and how to connect. Build with [`Settings::builder`] or [`Settings::from_env`].
///
/// `Debug` shows every field but the password.
#[derive(Clone, TypedBuilder)]
#[builder(field_defaults(setter(into)))]
pub struct Settings {
    /// Bolt address, such as `bolt://127.0.0.1:7687` or `127.0.0.1:7687`.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// The database every query runs against; always named, never the server's default.
    #[builder(default = "neo4j".to_owned())]
    pub database: String,
    /// Rows fetched per round trip while streaming; a stream holds at most about this many.
    #[builder(default = 500)]
    pub fetch_size: usize,
    /// Pool size: how many connections (and so live streams or transactions) at once.
    #[builder(default = 16)]
    pub max_connections: usize,
    /// Bounds connecting *and every read* in neo4rs, so it must outlast the slowest query.
    #[builder(default = Duration::from_secs(300))]
    pub connection_timeout: Duration,
    /// How managed transactions retry transient failures.
    #[builder(default)]
    pub retry: RetryPolicy,
}

/// Bounded exponential backoff for managed transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubles each time.
    pub initial_backoff: Duration,
    /// Upper bound of one wait.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt number `attempt` (1-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .map_or(self.max_backoff, |d| d.min(self.max_backoff))
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("uri", &self.uri)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("database", &self.database)
            .field("fetch_size", &self.fetch_size)
            .field("max_connections", &self.max_connections)
            .field("connection_timeout", &self.connection_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl Settings {
    /// Reads `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD` and `NEO4J_DATABASE` (default `neo4j`).
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Like [`Settings::from_env`], reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let required = |key: &str| {
            lookup(key).filter(|v| !v.is_empty()).ok_or_else(|| {
                Error::Config(format!(
                    "{key} is not set; set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (and optionally NEO4J_DATABASE)"
                ))
            })
        };
        Ok(Self::builder()
            .uri(required("NEO4J_URI")?)
            .user(required("NEO4J_USER")?)
            .password(required("NEO4J_PASSWORD")?)
            .database(lookup("NEO4J_DATABASE").unwrap_or_else(|| "neo4j".to_owned()))
            .build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn env_settings_need_uri_user_and_password() {
        let vars: HashMap<&str, &str> = [("NEO4J_URI", "bolt://h:1"), ("NEO4J_USER", "u")]
            .into_iter()
            .collect();
        let err = Settings::from_lookup(|k| vars.get(k).map(|v| v.to_string())).unwrap_err();
        assert!(
            err.to_string().contains("NEO4J_PASSWORD is not set"),
            "{err}"
        );
    }

    #[test]
    fn env_settings_default_the_database() {
        let vars: HashMap<&str, &str> = [
            ("NEO4J_URI", "bolt://h:1"),
            ("NEO4J_USER", "u"),
            ("NEO4J_PASSWORD", "p"),
        ]
        .into_iter()
        .collect();
        let s = Settings::from_lookup(|k| vars.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(
            (s.uri.as_str(), s.database.as_str()),
            ("bolt://h:1", "neo4j")
        );
        assert_eq!(s.connection_timeout, Duration::from_secs(300));
    }

    #[test]
    fn debug_output_hides_the_password() {
        let s = Settings::builder()
            .uri("h:1")
            .user("u")
            .password("s3cret!")
            .build();
        let shown = format!("{s:?}");
        assert!(!shown.contains("s3cret!"), "{shown}");
        assert!(
            shown.contains("<redacted>") && shown.contains("h:1"),
            "{shown}"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1), Duration::from_millis(50));
        assert_eq!(p.backoff(3), Duration::from_millis(200));
        assert_eq!(p.backoff(10), Duration::from_secs(2));
        assert_eq!(p.backoff(200), Duration::from_secs(2));
    }
}
