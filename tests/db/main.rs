//! Integration tests against a real Bolt + Cypher server (never a mock): `NEO4J_URI` if
//! set, else an embedded ArcadeDB started for this process.

use typher_testkit::{movies, movies_data as data};
mod support;

#[path = "../frontend/lint.rs"]
mod lint;

mod blocking;
mod causal;
mod constructs;
mod differential;
mod errors;
mod faults;
mod ogm;
mod ogm_eager;
mod ogm_related;
mod patterns;
mod pool;
mod projection;
mod raw;
mod reads;
mod round_trips;
mod routing;
mod schema_tools;
mod summary;
mod tls;
mod tracing;
mod txn;
mod writes;
