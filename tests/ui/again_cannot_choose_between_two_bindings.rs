//! `again()` on a label bound twice is ambiguous.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(FOLLOWS)
        .to(Person)
        .optional_match(Person.again());
}
