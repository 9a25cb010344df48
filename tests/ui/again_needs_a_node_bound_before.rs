//! `again()` refers to a node bound earlier; Movie is not bound yet.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).to(Movie.again());
}
