//! `WHERE count(movie) > 2` is refused by Cypher: aggregate in WITH, then filter the name.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(count(Movie).gt(2))
        .return_(Person.name);
}
