//! After `WITH DISTINCT`, `ORDER BY` reads only what the `WITH` carried.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with(Person)
        .distinct()
        .order_by(Movie.title)
        .return_(Person.name);
}
