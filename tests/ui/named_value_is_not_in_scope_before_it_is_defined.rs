//! A name is in scope only after the `WITH` (or `UNWIND`) that defines it.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let movies = name!(movies: i64);
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(movies.ge(2))
        .with((Person, count(Movie).as_(movies)))
        .return_(Person.name);
}
