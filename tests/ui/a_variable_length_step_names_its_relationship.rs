//! A variable-length step from a label its relationship does not reach is reported with the relationship type, not typher internals.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie)
        .rel(FOLLOWS.hops(1..=3))
        .from(Person)
        .return_(Person.name);
}
