//! `WITH person AS coactor`: afterwards the node is `Person.alias(Coactor)`, not `Person`.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .with(Person.as_alias(Coactor))
        .return_(Person.name);
}
