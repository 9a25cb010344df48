//! After an aggregating `RETURN`, `ORDER BY` may read only what it returns.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, count(Movie)))
        .order_by(Movie.released);
}
