// A step from (:Person|Movie) must fit both labels: ACTED_IN never starts at a Movie.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(one_of((Person, Movie))).rel(ACTED_IN).to(Movie);
}
