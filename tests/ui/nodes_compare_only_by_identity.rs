//! Two nodes do not compare with `=` or `<`: they compare by identity (`is_same`).
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(FOLLOWS)
        .to(Person.alias(Coactor))
        .filter(Person.gt(Person.alias(Coactor)))
        .return_(Person.name);
}
