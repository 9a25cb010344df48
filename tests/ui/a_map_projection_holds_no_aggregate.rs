//! `RETURN person {.name, movies: count(movie)}` is refused by Neo4j: aggregate in WITH first.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[derive(serde::Deserialize)]
pub struct Card {
    pub name: String,
    pub movies: i64,
}

fn main() {
    let movies = name!(movies);
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Person.project::<Card, _>((Person.name, count(Movie).as_(movies))));
}
