//! What a statement did, as the server's summary reports it: the write counters, the kind
//! of statement, notifications, timings and, for `EXPLAIN`/`PROFILE`, the plan.

use crate::dsl::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// What [`Executor::execute`](super::Executor::execute) reports: the result summary.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Executed {
    /// Rows the statement returned (and `execute` discarded): not what it wrote, which
    /// [`Executed::counters`] says.
    pub rows_returned: usize,
    /// What the statement changed in the database.
    pub counters: Counters,
    /// What kind of statement the server says it was.
    pub query_type: Option<QueryType>,
    /// Warnings and hints the server attached (a deprecated form, a cartesian product, an
    /// unknown label): WARNINGs are also logged through `tracing`.
    pub notifications: Vec<Notification>,
    /// The database it ran on, when the server says.
    pub database: Option<String>,
    /// The server that ran it, as it names itself (`Neo4j/5.26.0`).
    pub server: String,
    /// How long the server took until the first row was available.
    pub available_after: Option<Duration>,
    /// How long the server took until the last row was consumed.
    pub consumed_after: Option<Duration>,
    /// The plan of an `EXPLAIN` (estimated) or `PROFILE` (measured) statement.
    pub plan: Option<Plan>,
}

/// The kind of statement the server says ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryType {
    /// It only read.
    Read,
    /// It only wrote.
    Write,
    /// It read and wrote.
    ReadWrite,
    /// It changed the schema (indexes, constraints).
    Schema,
}

/// A notification the server attached to a statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Notification {
    /// Its code, such as `Neo.ClientNotification.Statement.CartesianProduct`.
    pub code: String,
    /// A short title.
    pub title: String,
    /// What it means.
    pub description: String,
    /// `WARNING` or `INFORMATION`.
    pub severity: String,
    /// Its category (`PERFORMANCE`, `DEPRECATION`, `UNRECOGNIZED`, ...), when sent.
    pub category: Option<String>,
    /// Where in the statement: line and column (1-based) and offset (0-based).
    pub position: Option<(i64, i64, i64)>,
}

/// A step of an `EXPLAIN` or `PROFILE` plan, with the steps it reads from.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Plan {
    /// The operator, such as `NodeByLabelScan` or `Filter`.
    pub operator: String,
    /// The variables it produces.
    pub identifiers: Vec<String>,
    /// Its arguments (estimated rows, the expression, the runtime, ...).
    pub arguments: BTreeMap<String, Value>,
    /// Database hits, measured by `PROFILE`.
    pub db_hits: Option<i64>,
    /// Rows produced, measured by `PROFILE`.
    pub rows: Option<i64>,
    /// The steps it reads from.
    pub children: Vec<Plan>,
}

impl Plan {
    /// Every operator, this one first, depth first.
    pub fn operators(&self) -> Vec<&str> {
        let mut out = vec![self.operator.as_str()];
        for child in &self.children {
            out.extend(child.operators());
        }
        out
    }
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
