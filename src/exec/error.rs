//! The one error type of typher.

/// Everything that can go wrong when talking to the database.
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

    /// The server rejected a query or a transaction, with its Neo4j status code.
    #[error("server error {code}: {message}")]
    Server {
        /// The Neo4j status code, such as `Neo.ClientError.Schema.ConstraintValidationFailed`.
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
    #[error("transaction failed after {attempts} attempts; last error: {last}")]
    RetriesExhausted {
        /// How many times the transaction ran.
        attempts: u32,
        /// The last error.
        last: Box<Error>,
    },

    /// The embedded test server could not be provisioned or started.
    #[error("embedded server: {0}")]
    Embedded(String),

    /// Any other driver failure.
    #[error("driver: {0}")]
    Driver(String),
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
                code.starts_with("Neo.TransientError.")
                    && code != "Neo.TransientError.Transaction.Terminated"
                    && code != "Neo.TransientError.Transaction.LockClientStopped"
            }
            Error::Connection { .. } => true,
            _ => false,
        }
    }

    /// The Neo4j status code, for server errors.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Server { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// `Result` with typher's [`Error`].
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
