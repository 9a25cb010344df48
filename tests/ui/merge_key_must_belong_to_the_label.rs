//! MERGE on a property of another label is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = merge(Person.having(Movie.title, "Heat"));
}
