//! What can go wrong talking Bolt.

/// A Bolt client error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection failed or closed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The server sent something that is not valid Bolt, or not what the protocol allows at
    /// that point.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The server speaks none of the protocol versions this client offers.
    #[error("the server speaks none of the Bolt versions offered (5.0 to 5.4, 4.4)")]
    NoVersion,
    /// The server refused a request: its Neo4j status code and message.
    #[error("{code}: {message}")]
    Server {
        /// The status code, as `Neo.ClientError.Statement.SyntaxError`.
        code: String,
        /// The server's message.
        message: String,
    },
    /// The server ignored a request because an earlier one in the same pipeline failed,
    /// or the transaction had already failed.
    #[error("the server ignored the request after an earlier failure")]
    Ignored,
    /// The server sent nothing for the read timeout.
    #[error("the server sent nothing for {0:?}")]
    TimedOut(std::time::Duration),
    /// A value does not fit the type it is decoded into.
    #[error("{0}")]
    Decode(String),
}

impl Error {
    /// Whether the connection can no longer be used: an I/O or protocol failure.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            Error::Io(_) | Error::Protocol(_) | Error::NoVersion | Error::TimedOut(_)
        )
    }
}
