//! # The typher guide
//!
//! A user's guide, from adding the dependency to running migrations at start-up. Each chapter
//! is a module of its own; their examples are compiled (and where they need no server, run)
//! as doc tests, so they stay true to the API. The API reference is the rest of this
//! documentation: start at [`prelude`](crate::prelude).
//!
//! 1. [Getting started](getting_started): dependencies, models, connecting to your own Neo4j,
//!    a first write and a first typed read, handling errors.
//! 2. [Models](models): `#[derive(Node)]`, `#[derive(Relationship)]` and every attribute
//!    they take, aliases, records, label enums, property types, serde renames.
//! 3. [Reading](reading): patterns, filters, projections and row types, aggregation, `WITH`,
//!    paths, subqueries, `UNION`, named parameters, raw Cypher.
//! 4. [Writing](writing): `CREATE`, `MERGE`, `SET`, `REMOVE`, `DELETE`, batches, what changed.
//! 5. [Transactions and errors](transactions_and_errors): managed and explicit
//!    transactions, retries and [`RetryPolicy`](crate::RetryPolicy), timeouts, matching
//!    error kinds.
//! 6. [The OGM](the_ogm): entities, node sets, relationship managers and cardinality, eager
//!    loading, optimistic locking, hooks.
//! 7. [Schema and migrations](schema_and_migrations): constraints and indexes from the
//!    models, drift, versioned migrations, the `typher` command line.
//! 8. [Testing your app](testing): a real, empty database per test.
//! 9. [Performance](performance): round trips, pipelining, streaming, batches, what the
//!    benchmarks measure.
//! 10. [Coming from neomodel](coming_from_neomodel): the Python OGM's concepts in typher.
//! 11. [Coming from neo4rs](coming_from_neo4rs): from Cypher strings and `Row::get` to
//!     typed queries.

#[doc = include_str!("getting_started.md")]
pub mod getting_started {}

#[doc = include_str!("models.md")]
pub mod models {}

#[doc = include_str!("reading.md")]
pub mod reading {}

#[doc = include_str!("writing.md")]
pub mod writing {}

#[doc = include_str!("transactions_and_errors.md")]
pub mod transactions_and_errors {}

#[doc = include_str!("ogm.md")]
pub mod the_ogm {}

#[doc = include_str!("schema_and_migrations.md")]
pub mod schema_and_migrations {}

#[doc = include_str!("testing.md")]
pub mod testing {}

#[doc = include_str!("performance.md")]
pub mod performance {}

#[doc = include_str!("coming_from_neomodel.md")]
pub mod coming_from_neomodel {}

#[doc = include_str!("coming_from_neo4rs.md")]
pub mod coming_from_neo4rs {}
