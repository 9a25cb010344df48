//! `.order_by(..)` then `.distinct()` would let a key read what DISTINCT removes.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .return_(Person.name)
        .order_by(Person.born)
        .distinct();
}
