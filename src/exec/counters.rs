//! What a write changed: the counters the server reports in a query's summary, as the
//! official drivers expose them.

/// What [`Client::execute`](super::Client::execute) and
/// [`Transaction::execute`](super::Transaction::execute) report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Executed {
    /// Rows the statement returned (and `execute` discarded): not what it wrote, which
    /// [`Executed::counters`] says.
    pub rows_returned: usize,
    /// What the statement changed in the database.
    pub counters: Counters,
}

/// What a statement changed, as the server counted it.
///
/// ```no_run
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// # async fn demo(client: &typher::Client) -> typher::Result<()> {
/// let done = client
///     .execute(create(Person { name: "Ann".into(), born: Some(1990) }))
///     .await?;
/// assert_eq!(done.counters.nodes_created, 1);
/// assert_eq!(done.counters.labels_added, 1);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Nodes created.
    pub nodes_created: u64,
    /// Nodes deleted.
    pub nodes_deleted: u64,
    /// Relationships created.
    pub relationships_created: u64,
    /// Relationships deleted.
    pub relationships_deleted: u64,
    /// Properties set (a property set twice counts twice).
    pub properties_set: u64,
    /// Labels added to nodes.
    pub labels_added: u64,
    /// Labels removed from nodes.
    pub labels_removed: u64,
    /// Indexes created.
    pub indexes_added: u64,
    /// Indexes dropped.
    pub indexes_removed: u64,
    /// Constraints created.
    pub constraints_added: u64,
    /// Constraints dropped.
    pub constraints_removed: u64,
    /// Changes to the system database (users, databases).
    pub system_updates: u64,
}

impl Counters {
    /// Whether the statement changed anything at all.
    pub fn contains_updates(&self) -> bool {
        *self != Self::default()
    }
}

impl From<&neo4rs::summary::Counters> for Counters {
    fn from(c: &neo4rs::summary::Counters) -> Self {
        Self {
            nodes_created: c.nodes_created,
            nodes_deleted: c.nodes_deleted,
            relationships_created: c.relationships_created,
            relationships_deleted: c.relationships_deleted,
            properties_set: c.properties_set,
            labels_added: c.labels_added,
            labels_removed: c.labels_removed,
            indexes_added: c.indexes_added,
            indexes_removed: c.indexes_removed,
            constraints_added: c.constraints_added,
            constraints_removed: c.constraints_removed,
            system_updates: c.system_updates,
        }
    }
}
