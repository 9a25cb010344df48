//! ACTED_IN occurs twice: reading its property needs an alias.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN)
        .from(Person.alias(Coactor))
        .return_(ACTED_IN.roles);
}
