//! A filter may only read labels the pattern binds.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).filter(Movie.released.gt(2000));
}
