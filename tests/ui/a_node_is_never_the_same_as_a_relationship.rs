//! `a = b` compares two nodes or two relationships, never a node with a relationship.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.is_same(ACTED_IN));
}
