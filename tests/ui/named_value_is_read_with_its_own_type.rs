//! `movies` holds an `i64` count: comparing it with a string is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let movies = name!(movies);
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .filter(movies.eq("many"))
        .return_(Person.name);
}
