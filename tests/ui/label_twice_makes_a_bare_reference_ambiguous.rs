//! Person occurs twice (actor and co-actor): a bare `Person` reference is ambiguous.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(Person)
        .filter(Person.name.eq("Tom Hanks"));
}
