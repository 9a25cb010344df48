//! The OGM's errors: what it refuses or does not find, and what the execution layer
//! reported underneath.

use crate::exec;
use crate::schema::Cardinality;

/// What can go wrong in an OGM operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `get` found no node (or the node to save, refresh or delete is gone).
    #[error("no `{label}` matches")]
    NotFound {
        /// The label looked for.
        label: &'static str,
    },

    /// `get` found more than one node.
    #[error("more than one `{label}` matches; `get` expects exactly one")]
    NotUnique {
        /// The label looked for.
        label: &'static str,
    },

    /// An entity was saved from a stale copy: its version property changed since it was
    /// loaded (optimistic locking). Nothing was written; refresh it and try again.
    #[error("`{label}` {element_id} was changed by someone else since version {version} was loaded; nothing was written")]
    Stale {
        /// The label.
        label: &'static str,
        /// The node's element id.
        element_id: String,
        /// The version the stale copy holds.
        version: i64,
    },

    /// The copy's element id now belongs to another node of its label: the node the copy
    /// was loaded from is gone and the server gave its id to a new node (ArcadeDB does so at
    /// once), whose node key differs. Nothing was written, read or deleted.
    #[error("`{label}` {element_id} now holds another node (its `#[node(key)]` properties differ from this copy's): the node this copy was loaded from is gone, and nothing was written; a node key changes through a query, not `save`")]
    Replaced {
        /// The label.
        label: &'static str,
        /// The element id the copy holds.
        element_id: String,
    },

    /// A relationship write would break the relationship type's declared cardinality
    /// (nothing was written), or a load found stored relationships that break it.
    #[error("{}", cardinality_message(.label, .element_id, .relationship, *.count, *.rule, *.loaded))]
    Cardinality {
        /// The label of the node whose count breaks the rule.
        label: &'static str,
        /// That node's element id.
        element_id: String,
        /// The relationship type.
        relationship: &'static str,
        /// How many relationships of the type the node has (`loaded`), or would have.
        count: u64,
        /// The declared cardinality at the node's end.
        rule: Cardinality,
        /// Whether a load found it (else a write was refused and wrote nothing).
        loaded: bool,
    },

    /// A hook refused the operation; nothing was written by it.
    #[error("`{label}::{hook}` refused: {message}")]
    Hook {
        /// The label.
        label: &'static str,
        /// The hook (`pre_save`, `pre_delete`, ..).
        hook: &'static str,
        /// What the hook said.
        message: String,
    },

    /// The query failed underneath: connection, server, constraint, decoding.
    #[error(transparent)]
    Exec(#[from] exec::Error),
}

/// `Result` with the OGM's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn cardinality_message(
    label: &str,
    element_id: &str,
    relationship: &str,
    count: u64,
    rule: Cardinality,
    loaded: bool,
) -> String {
    if loaded {
        format!(
            "`{label}` {element_id} has {count} `{relationship}` relationships, breaking its declared rule of {rule}"
        )
    } else {
        format!(
            "`{label}` {element_id} would have {count} `{relationship}` relationships, breaking its rule of {rule}; nothing was written"
        )
    }
}

/// Lets `?` end a managed transaction's work with an OGM error: the transaction rolls back
/// and is not retried, and [`crate::Error`] gives the OGM error back. A failure underneath
/// stays what it was (and is retried when transient).
impl From<Error> for exec::Error {
    fn from(error: Error) -> Self {
        match error {
            Error::Exec(e) => e,
            other => exec::Error::Aborted(Box::new(other)),
        }
    }
}
