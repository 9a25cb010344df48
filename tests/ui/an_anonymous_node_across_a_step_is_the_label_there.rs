//! An anonymous node across an undirected `ACTED_IN` step from a person is a movie, so a
//! `FOLLOWS` step from it is refused, naming the labels that do not fit.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .either(())
        .rel(FOLLOWS)
        .either(Person.alias(Coactor));
}
