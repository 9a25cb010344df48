//! `MATCH (person:Person)-[:FOLLOWS]->(person:Person)` would be one node in Cypher, but a
//! second `Person` here would be a new node: say which, with `.again()` or an alias.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(FOLLOWS).to(Person).return_(count_all());
}
