//! ON CREATE SET may read only what is in scope.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = merge(Person.having(Person.name, "Ann")).on_create_set(Movie.released.to(1));
}
