//! `sum(count(movie))` is refused by Cypher: aggregate in two steps.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(sum(count(Movie)));
}
