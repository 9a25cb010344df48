//! `min` needs ordered values; a list of roles has no order.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(min(ACTED_IN.roles));
}
