//! CREATE of a relationship between labels it does not connect is refused: ACTED_IN runs from Person to Movie.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie)
        .match_(Person)
        .create_rel(Movie, ActedIn { roles: vec![] }, Person);
}
