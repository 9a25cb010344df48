//! `IN` takes a list of the value's type: a year is not in a list of strings.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Movie.released.is_in(ACTED_IN.roles))
        .return_(Movie.title);
}
