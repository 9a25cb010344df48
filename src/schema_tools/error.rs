//! The schema tools' errors: a migration refused or failed, migration files that cannot be
//! read, and what the execution layer reported underneath.

use crate::exec;

/// What can go wrong in the schema tools.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A versioned migration was refused (a changed or unknown applied step, steps out of
    /// order) or failed; a failed step left nothing behind and was not recorded.
    #[error("migration {version} `{name}`: {reason}{}", .source.as_ref().map(|e| format!(": {e}")).unwrap_or_default())]
    Migration {
        /// The step's version.
        version: u64,
        /// The step's name.
        name: String,
        /// What is wrong.
        reason: String,
        /// The error the step failed with, if it ran.
        #[source]
        source: Option<Box<exec::Error>>,
    },

    /// A model declares what no statement may say: a `cypher_type` that is no property
    /// type. Nothing was sent.
    #[error("model: {0}")]
    Model(String),

    /// A migrations folder or file cannot be read, or a file is misnamed.
    #[error("migration files: {0}")]
    Files(String),

    /// Another run held the migration lock for longer than the lock timeout. If no run is
    /// active, a crashed one left it: remove it with `typher migrate unlock`
    /// ([`Migrations::unlock`](super::Migrations::unlock)).
    #[error("another migration run holds the lock ({holder}); waited {}s. If no run is active, a crashed one left it: remove it with `typher migrate unlock`", waited.as_secs())]
    Locked {
        /// Who holds it and since when, as the database records it.
        holder: String,
        /// How long this run waited.
        waited: std::time::Duration,
    },

    /// A statement failed underneath: connection, server, decoding.
    #[error(transparent)]
    Exec(#[from] exec::Error),
}

/// `Result` with the schema tools' [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
