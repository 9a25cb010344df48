//! What a write changed: the counters the server reports in a query's summary, as the
//! official drivers expose them.

/// What [`Executor::execute`](super::Executor::execute) reports.
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
