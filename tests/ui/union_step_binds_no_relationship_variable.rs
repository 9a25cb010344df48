//! A step over several types binds no variable, so its properties cannot be read.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN.or(DIRECTED))
        .to(Movie)
        .return_(ACTED_IN.roles);
}
