//! A node set of persons cannot filter on a movie's property.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = Person::nodes().filter(Movie.released.gt(1990));
}
