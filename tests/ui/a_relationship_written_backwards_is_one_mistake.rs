//! CREATE of a relationship with its ends swapped is reported once, at its start.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie)
        .match_(Person)
        .create_rel(Movie, Directed, Person);
}
