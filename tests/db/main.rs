//! Integration tests against a real Bolt + Cypher server (never a mock).

#[path = "../fixture/data.rs"]
mod data;
#[path = "../fixture/movies.rs"]
mod movies;
mod support;

mod reads;
