//! ACTED_IN ends at a Movie; ending it at a Person is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).to(Person.alias(Coactor));
}
