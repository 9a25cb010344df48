//! A WITH that does not carry a named value ends its scope: the message names it (`movies`), not its type.
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
        .with(Person)
        .return_((Person.name, movies));
}
