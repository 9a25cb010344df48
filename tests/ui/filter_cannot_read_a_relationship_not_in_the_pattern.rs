//! Relationship properties need that relationship in the pattern.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(REVIEWED.rating.gt(3));
}
