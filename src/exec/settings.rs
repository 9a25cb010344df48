//! Connection settings, explicit or from `NEO4J_*` environment variables.

use super::error::{Error, Result};
use std::time::Duration;
use typed_builder::TypedBuilder;

/// Where and how to connect. Build with [`Settings::builder`] or [`Settings::from_env`].
///
/// `Debug` shows every field but the password.
///
/// ```
/// use std::time::Duration;
/// let settings = typher::Settings::builder()
///     .uri("neo4j+s://db.example.org")
///     .user("neo4j")
///     .password("secret")
///     .max_connections(32_usize)
///     .read_timeout(Duration::from_secs(120))
///     .build();
/// assert_eq!(settings.connect_timeout, Duration::from_secs(30));
/// assert!(!format!("{settings:?}").contains("secret"));
/// ```
#[derive(Clone, TypedBuilder)]
#[builder(field_defaults(setter(into)))]
#[non_exhaustive]
pub struct Settings {
    /// Bolt address, such as `bolt://127.0.0.1:7687`, `neo4j+s://host` or `127.0.0.1:7687`.
    /// Credentials written into it (`bolt://user:password@host`) stand in for an empty
    /// `user`/`password` and are never shown in `Debug` or errors.
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
    /// Bounds opening one connection: TCP connect, the Bolt handshake and authentication.
    /// Fires as [`Error::Timeout`] with [`Wait::Connect`](super::Wait::Connect).
    #[builder(default = Duration::from_secs(30))]
    pub connect_timeout: Duration,
    /// Bounds each wait for the server's next message (a query's first rows, each further
    /// batch, a commit): a dead or half-open connection fails after this long instead of
    /// hanging. Raise it above the longest time any of your queries computes before
    /// answering. Fires as [`Wait::Read`](super::Wait::Read).
    #[builder(default = Duration::from_secs(30))]
    pub read_timeout: Duration,
    /// Bounds waiting for a free pooled connection while all `max_connections` are held by
    /// streams or transactions. Fires as [`Wait::PoolAcquisition`](super::Wait::PoolAcquisition).
    #[builder(default = Duration::from_secs(30))]
    pub acquire_timeout: Duration,
    /// How managed transactions retry transient failures.
    #[builder(default)]
    pub retry: RetryPolicy,
    /// A pooled connection idle for longer than this is checked with a `RESET` (one round
    /// trip) before a query uses it, as the official drivers' `liveness_check_timeout`;
    /// `None` (the default) checks none. A connection the server closed is noticed without
    /// a round trip either way.
    #[builder(default)]
    pub liveness_check_timeout: Option<Duration>,
    /// The newest Bolt version to offer: the newest both sides speak is used.
    #[builder(default)]
    pub bolt_version: BoltVersion,
    /// The least severe notification the server should send (`Warning` leaves hints out,
    /// `Off` sends none); the server's default when `None`. Needs Bolt 5.2.
    #[builder(default)]
    pub notification_severity: Option<NotificationSeverity>,
    /// Notification categories the server should leave out (`"HINT"`, `"UNRECOGNIZED"`,
    /// `"PERFORMANCE"`, `"DEPRECATION"`, ...). Needs Bolt 5.2.
    #[builder(default)]
    pub disabled_notification_categories: Vec<String>,
}

/// The least severe notification a server sends ([`Settings::notification_severity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationSeverity {
    /// Warnings and information.
    Information,
    /// Warnings only.
    Warning,
    /// None at all.
    Off,
}

/// Which Bolt versions a client offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BoltVersion {
    /// Bolt 5.4 down to 5.0, then 4.4: the newest the server speaks.
    #[default]
    Latest,
    /// Bolt 4.4 only (for servers or proxies without Bolt 5, and for testing).
    V4_4,
}

/// How managed transactions ([`Client::write`](super::Client::write)) retry transient
/// failures: jittered exponential backoff, bounded by a total time, as the official drivers do.
///
/// ```
/// use std::time::Duration;
/// let patient = typher::RetryPolicy::default().with_max_retry_time(Duration::from_secs(120));
/// assert_eq!(patient.max_retry_time, Duration::from_secs(120));
/// assert_eq!(typher::RetryPolicy::default().max_retry_time, Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// No retry starts after this much time since the first attempt; `Duration::ZERO`
    /// disables retries.
    pub max_retry_time: Duration,
    /// The wait before the second attempt, before jitter; doubles each time.
    pub initial_backoff: Duration,
    /// Upper bound of one wait, before jitter.
    pub max_backoff: Duration,
    /// Each wait is scaled by a random factor in `1 - jitter ..= 1 + jitter`, so writers
    /// that collided once do not collide again; `0.0` to `1.0`.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retry_time: Duration::from_secs(30),
            initial_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_secs(5),
            jitter: 0.5,
        }
    }
}

impl RetryPolicy {
    /// No retries: the first transient failure is returned.
    pub fn never() -> Self {
        Self {
            max_retry_time: Duration::ZERO,
            ..Self::default()
        }
    }

    /// This policy with another total retry time.
    pub fn with_max_retry_time(self, max_retry_time: Duration) -> Self {
        Self {
            max_retry_time,
            ..self
        }
    }

    /// This policy with other bounds of one wait (before jitter): the first, and the largest.
    pub fn with_backoff(self, initial_backoff: Duration, max_backoff: Duration) -> Self {
        Self {
            initial_backoff,
            max_backoff,
            ..self
        }
    }

    /// This policy with another jitter (clamped to `0.0..=1.0` when used).
    pub fn with_jitter(self, jitter: f64) -> Self {
        Self { jitter, ..self }
    }

    /// The wait after failed attempt number `attempt` (1-based), before jitter.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.initial_backoff
            .checked_mul(factor)
            .map_or(self.max_backoff, |d| d.min(self.max_backoff))
    }

    /// The wait after failed attempt `attempt`, with jitter from `random` (in `0.0..1.0`).
    pub(crate) fn jittered(&self, attempt: u32, random: f64) -> Duration {
        let jitter = self.jitter.clamp(0.0, 1.0);
        self.backoff(attempt)
            .mul_f64(1.0 - jitter + 2.0 * jitter * random.clamp(0.0, 1.0))
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let uri = Address::parse(&self.uri).map_or_else(|_| "<invalid>".to_owned(), |a| a.shown());
        f.debug_struct("Settings")
            .field("uri", &uri)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("database", &self.database)
            .field("fetch_size", &self.fetch_size)
            .field("max_connections", &self.max_connections)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("retry", &self.retry)
            .field("liveness_check_timeout", &self.liveness_check_timeout)
            .field("bolt_version", &self.bolt_version)
            .field("notification_severity", &self.notification_severity)
            .field(
                "disabled_notification_categories",
                &self.disabled_notification_categories,
            )
            .finish()
    }
}

/// The schemes typher understands.
const SCHEMES: &[&str] = &[
    "bolt",
    "bolt+s",
    "bolt+ssc",
    "neo4j",
    "neo4j+s",
    "neo4j+ssc",
];

/// A server address split into its parts; credentials in it are kept apart, never shown.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Address {
    scheme: Option<String>,
    credentials: Option<(String, String)>,
    host_port: String,
}

/// Shows the address without its credentials.
impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Address({})", self.shown())
    }
}

impl Address {
    /// Parses `scheme://[user:password@]host[:port]` or `host:port`.
    pub(crate) fn parse(uri: &str) -> Result<Self> {
        let uri = uri.trim();
        if uri.is_empty() {
            return Err(Error::Config(
                "the URI is empty; give an address such as bolt://127.0.0.1:7687".into(),
            ));
        }
        let (scheme, rest) = match uri.split_once("://") {
            Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
            None => (None, uri),
        };
        if let Some(scheme) = &scheme {
            if !SCHEMES.contains(&scheme.as_str()) {
                return Err(Error::Config(format!(
                    "unsupported scheme `{scheme}`; use one of {} (or plain host:port)",
                    SCHEMES.join("://, ") + "://"
                )));
            }
        }
        let rest = rest.trim_end_matches('/');
        let (credentials, host_port) = match rest.rsplit_once('@') {
            Some((info, host)) => {
                let (user, password) = info.split_once(':').unwrap_or((info, ""));
                (Some((user.to_owned(), password.to_owned())), host)
            }
            None => (None, rest),
        };
        if host_port.is_empty() || host_port.contains('/') {
            return Err(Error::Config(format!(
                "`{}` is no server address; give host:port, such as 127.0.0.1:7687",
                Self::mask(scheme.as_deref(), host_port)
            )));
        }
        // `[::1]:7687` for IPv6, else `host:port`; the port is optional.
        let port = match host_port.strip_prefix('[') {
            Some(v6) => v6.split_once("]:").map(|(_, port)| port),
            None => host_port.rsplit_once(':').map(|(_, port)| port),
        };
        if let Some(port) = port.filter(|p| p.parse::<u16>().is_err()) {
            return Err(Error::Config(format!(
                "the port `{port}` of {} is not a number from 0 to 65535",
                Self::mask(scheme.as_deref(), host_port)
            )));
        }
        Ok(Self {
            scheme,
            credentials,
            host_port: host_port.to_owned(),
        })
    }

    fn mask(scheme: Option<&str>, host_port: &str) -> String {
        match scheme {
            Some(scheme) => format!("{scheme}://{host_port}"),
            None => host_port.to_owned(),
        }
    }

    /// The address without credentials: what messages show.
    pub(crate) fn shown(&self) -> String {
        Self::mask(self.scheme.as_deref(), &self.host_port)
    }

    /// `host:port` to connect to, with Bolt's port 7687 when none is given. A routing
    /// scheme (`neo4j://`) connects to the one server it names.
    pub(crate) fn host_port(&self) -> String {
        let has_port = match self.host_port.strip_prefix('[') {
            Some(v6) => v6.contains("]:"),
            None => self.host_port.contains(':'),
        };
        if has_port {
            self.host_port.clone()
        } else {
            format!("{}:7687", self.host_port)
        }
    }

    /// Whether the scheme routes (`neo4j://`, `neo4j+s://`, ..): a routing table says where
    /// reads and writes go.
    pub(crate) fn routes(&self) -> bool {
        self.scheme
            .as_deref()
            .is_some_and(|s| s.starts_with("neo4j"))
    }

    /// The encryption the scheme asks for: `+s` verifies the certificate against the
    /// platform's trust store, `+ssc` accepts a self-signed one.
    pub(crate) fn tls(&self) -> typher_bolt::Tls {
        match self.scheme.as_deref().and_then(|s| s.split_once('+')) {
            Some((_, "s")) => typher_bolt::Tls::Verified,
            Some((_, _)) => typher_bolt::Tls::TrustAny,
            None => typher_bolt::Tls::Off,
        }
    }

    /// The user name and password the URI carried, if any.
    pub(crate) fn credentials(&self) -> Option<(&str, &str)> {
        self.credentials
            .as_ref()
            .map(|(u, p)| (u.as_str(), p.as_str()))
    }
}

impl Settings {
    /// Checks the settings: a usable address, a fetch size and a pool of at least one.
    /// Credentials in the URI (`bolt://user:password@host`) are taken apart from it: they
    /// stand in for empty `user`/`password` settings and are never shown.
    pub(crate) fn address(&self) -> Result<Address> {
        let address = Address::parse(&self.uri)?;
        if self.fetch_size == 0 {
            return Err(Error::Config("fetch_size must be at least 1".into()));
        }
        if self.max_connections == 0 {
            return Err(Error::Config("max_connections must be at least 1".into()));
        }
        Ok(address)
    }

    /// Reads `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD` and `NEO4J_DATABASE` (default `neo4j`).
    ///
    /// ```
    /// let vars = [("NEO4J_URI", "bolt://127.0.0.1:7687"), ("NEO4J_USER", "neo4j")];
    /// let lookup = |key: &str| vars.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string());
    /// let error = typher::Settings::from_lookup(lookup).unwrap_err();
    /// assert!(error.to_string().contains("NEO4J_PASSWORD is not set"));
    /// ```
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
    fn addresses_parse_and_hide_credentials() {
        for (uri, shown) in [
            ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"),
            ("127.0.0.1:7687", "127.0.0.1:7687"),
            ("neo4j+s://db.example.org", "neo4j+s://db.example.org"),
            ("bolt://[::1]:7687/", "bolt://[::1]:7687"),
            ("BOLT://u:p@h:1", "bolt://h:1"),
        ] {
            assert_eq!(Address::parse(uri).unwrap().shown(), shown, "{uri}");
        }
        let with = Address::parse("bolt://neo:p@ss:word@h:1").unwrap();
        assert_eq!(with.credentials(), Some(("neo", "p@ss:word")));
        assert_eq!(with.shown(), "bolt://h:1");
        let err = Address::parse("ftp://u:hunter2@h:1")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("scheme `ftp`") && !err.contains("hunter2"),
            "{err}"
        );
        let err = Address::parse("bolt://u:hunter2@h:port")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`port`") && !err.contains("hunter2"), "{err}");
    }

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
        assert_eq!(
            (s.connect_timeout, s.read_timeout, s.acquire_timeout),
            (
                Duration::from_secs(30),
                Duration::from_secs(30),
                Duration::from_secs(30)
            )
        );
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
        assert_eq!(p.backoff(1), Duration::from_millis(20));
        assert_eq!(p.backoff(3), Duration::from_millis(80));
        assert_eq!(p.backoff(10), Duration::from_secs(5));
        assert_eq!(p.backoff(200), Duration::from_secs(5));
    }

    #[test]
    fn jitter_spreads_each_wait_around_its_backoff() {
        let p = RetryPolicy::default();
        assert_eq!(p.jittered(3, 0.0), Duration::from_millis(40));
        assert_eq!(p.jittered(3, 0.5), Duration::from_millis(80));
        assert_eq!(p.jittered(3, 1.0), Duration::from_millis(120));
        let steady = p.with_jitter(0.0);
        assert_eq!(steady.jittered(3, 0.9), Duration::from_millis(80));
    }
}
