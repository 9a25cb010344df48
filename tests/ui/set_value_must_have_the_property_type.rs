//! SET of a value of the wrong type is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).set(Movie.released.to("nineteen ninety-nine"));
}
