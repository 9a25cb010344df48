//! The execution layer's errors: connecting, running statements, decoding rows.

/// Everything that can go wrong when talking to the database; the OGM and the schema tools
/// have errors of their own, and [`crate::Error`] joins them all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The settings are incomplete or invalid (for example a missing `NEO4J_URI`).
    #[error("configuration: {0}")]
    Config(String),

    /// The server could not be reached, or the connection broke.
    #[error("connection to {uri} failed: {message}")]
    Connection {
        /// The server address.
        uri: String,
        /// What the driver reported.
        message: String,
    },

    /// The server refused the credentials.
    #[error("authentication failed for user `{user}`: {message}")]
    Authentication {
        /// The user name that was refused.
        user: String,
        /// What the server said.
        message: String,
    },

    /// A bounded wait ran out: see [`Wait`] for which, and the setting that bounds it.
    #[error("{wait} timeout: {} within {after:?} (`Settings::{}`) at {uri}", wait.what(), wait.setting())]
    Timeout {
        /// Which wait it was.
        wait: Wait,
        /// The limit that ran out.
        after: std::time::Duration,
        /// The server address.
        uri: String,
    },

    /// A `COMMIT` was sent, but its reply was lost or late: the transaction may or may not
    /// have been committed. Never retried, since that could write twice; make the work
    /// idempotent (MERGE on a key, or a check) if it must be retried.
    #[error("the outcome of the commit is unknown (the connection to {uri} failed before the server confirmed it; the writes may or may not have persisted): {cause}")]
    CommitOutcomeUnknown {
        /// The server address.
        uri: String,
        /// What broke.
        cause: Box<Error>,
    },

    /// The server sent something that is not valid Bolt, or not what the protocol allows
    /// at that point: the connection is dropped, nothing is retried.
    #[error("protocol error on the connection to {uri}: {message}")]
    Protocol {
        /// The server address.
        uri: String,
        /// What was wrong.
        message: String,
    },

    /// The work of a managed transaction ([`Client::write`](crate::Client::write),
    /// [`Client::read`](crate::Client::read)) gave up with an error of a layer above,
    /// converted by `?` (an OGM error such as `NotFound`): the transaction rolled back and
    /// was not retried. [`typher::Error`](crate::Error) turns it back into the error it holds
    /// (`Error::Ogm(..)`); otherwise `downcast_ref` reads it.
    #[error("{0}")]
    Aborted(Box<dyn std::error::Error + Send + Sync>),

    /// The server rejected a query or a transaction, with its Neo4j status code.
    #[error("server error {code}: {message}")]
    Server {
        /// The Neo4j status code, such as `Neo.ClientError.Schema.ConstraintValidationFailed`.
        code: String,
        /// The server's message.
        message: String,
    },

    /// A write broke a schema constraint (a unique property, a node key, a required
    /// property or a property type): the statement failed and nothing of it persisted, a
    /// batch included. The constraint and label are named when the server's message and its
    /// `SHOW CONSTRAINTS` tell them apart: Neo4j's message names the label, the property and
    /// the kind (unique, required, typed); ArcadeDB's names none, so there only a label with
    /// a single constraint the statement could break is named.
    #[error("{}", violation(constraint.as_deref(), label.as_deref(), message))]
    ConstraintViolation {
        /// The Neo4j status code (`Neo.ClientError.Schema.ConstraintValidationFailed`).
        code: String,
        /// The name of the constraint, when it could be told.
        constraint: Option<String>,
        /// The label (or relationship type) the constraint is on, when it could be told.
        label: Option<String>,
        /// The server's message.
        message: String,
    },

    /// A plain `DELETE` met a node that still has relationships: the statement failed and
    /// nothing was deleted. Delete the relationships first, or use `DETACH DELETE`
    /// ([`Query::detach_delete`](crate::dsl::Query::detach_delete)).
    #[error("cannot delete a node that still has relationships; delete them first or use DETACH DELETE (`.detach_delete(..)`): {message}")]
    NodeStillConnected {
        /// The status code the server sent.
        code: String,
        /// The server's message.
        message: String,
    },

    /// A value that came back did not fit the Rust type the query promised.
    #[error("cannot decode column `{column}`{}: {message}", at_path(path))]
    Decode {
        /// The result column (its Cypher expression, or name).
        column: String,
        /// Where inside the value decoding failed, such as `born` or `[1].roles[0]`.
        path: String,
        /// What was expected and what came, as serde reports it.
        message: String,
    },

    /// A parameter value cannot be sent to the server.
    #[error("parameter `{name}` cannot be sent: {message}")]
    Parameter {
        /// The parameter name.
        name: String,
        /// Why not.
        message: String,
    },

    /// `fetch_one` found no row.
    #[error("expected exactly one row, found none")]
    NoRows,

    /// `fetch_one` found more than one row.
    #[error("expected exactly one row, found more than one")]
    TooManyRows,

    /// A managed transaction kept failing with transient errors.
    #[error("transaction failed after {attempts} attempts in {elapsed:?} (`RetryPolicy::max_retry_time`); last error: {last}")]
    RetriesExhausted {
        /// How many times the transaction ran.
        attempts: u32,
        /// Time from the first attempt until giving up.
        elapsed: std::time::Duration,
        /// The last error.
        last: Box<Error>,
    },

    /// The server is a Neo4j older than typher supports (5.26): it lacks forms typher
    /// renders (`CALL (x) {}`, `OPTIONAL CALL`, dynamic labels).
    #[error("{server} {version} is not supported: typher needs Neo4j 5.26 or later (5.26 LTS, 2025.x, Aura)")]
    UnsupportedServer {
        /// The server's name, as `dbms.components()` reports it.
        server: String,
        /// Its version.
        version: String,
    },

    /// Any other driver failure.
    #[error("driver: {0}")]
    Driver(String),
}

/// The waits typher bounds; each has its own setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Wait {
    /// Opening a connection: TCP, the Bolt handshake and authentication
    /// ([`Settings::connect_timeout`](super::Settings::connect_timeout)).
    Connect,
    /// Waiting for the server's next message while a query, a commit or a rollback runs
    /// ([`Settings::read_timeout`](super::Settings::read_timeout)).
    Read,
    /// Waiting for a free pooled connection while all are held by streams or transactions
    /// ([`Settings::acquire_timeout`](super::Settings::acquire_timeout)).
    PoolAcquisition,
}

impl Wait {
    fn what(self) -> &'static str {
        match self {
            Wait::Connect => "the server did not complete opening a connection",
            Wait::Read => "the server sent nothing",
            Wait::PoolAcquisition => {
                "no pooled connection became free (all are held by open streams or transactions)"
            }
        }
    }

    fn setting(self) -> &'static str {
        match self {
            Wait::Connect => "connect_timeout",
            Wait::Read => "read_timeout",
            Wait::PoolAcquisition => "acquire_timeout",
        }
    }
}

impl std::fmt::Display for Wait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Wait::Connect => "connect",
            Wait::Read => "read",
            Wait::PoolAcquisition => "pool acquisition",
        })
    }
}

fn violation(constraint: Option<&str>, label: Option<&str>, message: &str) -> String {
    let what = match (constraint, label) {
        (Some(c), Some(l)) => format!("constraint `{c}` on `{l}`"),
        (Some(c), None) => format!("constraint `{c}`"),
        (None, Some(l)) => format!("a constraint on `{l}`"),
        (None, None) => "a schema constraint".to_owned(),
    };
    format!("the write breaks {what}, so nothing of it was written: {message}")
}

fn at_path(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" at `{path}`")
    }
}

impl Error {
    /// Whether retrying the whole transaction may succeed (Neo4j `TransientError`s, dropped connections).
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Server { code, .. } => {
                (code.starts_with("Neo.TransientError.")
                    && code != "Neo.TransientError.Transaction.Terminated"
                    && code != "Neo.TransientError.Transaction.LockClientStopped")
                    // A cluster member that is no longer the leader: the routing table is
                    // fetched again and the transaction goes to the new one.
                    || code == "Neo.ClientError.Cluster.NotALeader"
                    || code == "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
            }
            Error::Connection { .. } | Error::Timeout { .. } => true,
            _ => false,
        }
    }

    /// Whether the connection that reported this may be in an unknown state.
    pub(crate) fn breaks_connection(&self) -> bool {
        matches!(
            self,
            Error::Connection { .. } | Error::Timeout { .. } | Error::Protocol { .. }
        )
    }

    /// A short name of the kind of error, for logs.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Error::Config(_) => "config",
            Error::Connection { .. } => "connection",
            Error::Protocol { .. } => "protocol",
            Error::Authentication { .. } => "authentication",
            Error::Timeout {
                wait: Wait::Connect,
                ..
            } => "timeout.connect",
            Error::Timeout {
                wait: Wait::Read, ..
            } => "timeout.read",
            Error::Timeout { .. } => "timeout.pool_acquisition",
            Error::CommitOutcomeUnknown { .. } => "commit_outcome_unknown",
            Error::Server { .. } => "server",
            Error::ConstraintViolation { .. } => "constraint_violation",
            Error::NodeStillConnected { .. } => "node_still_connected",
            Error::Decode { .. } => "decode",
            Error::Parameter { .. } => "parameter",
            Error::NoRows => "no_rows",
            Error::TooManyRows => "too_many_rows",
            Error::RetriesExhausted { .. } => "retries_exhausted",
            Error::UnsupportedServer { .. } => "unsupported_server",
            Error::Driver(_) => "driver",
            Error::Aborted(_) => "aborted",
        }
    }

    /// The Neo4j status code, for server errors.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Server { code, .. }
            | Error::ConstraintViolation { code, .. }
            | Error::NodeStillConnected { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// `Result` with the execution layer's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_name_column_and_path() {
        let e = Error::Decode {
            column: "person".into(),
            path: "born".into(),
            message: "invalid type: string \"x\", expected i64".into(),
        };
        assert_eq!(
            e.to_string(),
            "cannot decode column `person` at `born`: invalid type: string \"x\", expected i64"
        );
        let top = Error::Decode {
            column: "n".into(),
            path: ".".into(),
            message: "m".into(),
        };
        assert_eq!(top.to_string(), "cannot decode column `n`: m");
    }

    #[test]
    fn transient_errors_are_told_apart() {
        let deadlock = Error::Server {
            code: "Neo.TransientError.Transaction.DeadlockDetected".into(),
            message: String::new(),
        };
        let syntax = Error::Server {
            code: "Neo.ClientError.Statement.SyntaxError".into(),
            message: String::new(),
        };
        let terminated = Error::Server {
            code: "Neo.TransientError.Transaction.Terminated".into(),
            message: String::new(),
        };
        assert!(deadlock.is_transient());
        assert!(!syntax.is_transient());
        assert!(!terminated.is_transient());
        assert_eq!(syntax.code(), Some("Neo.ClientError.Statement.SyntaxError"));
    }
}
