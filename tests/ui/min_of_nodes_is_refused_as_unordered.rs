//! `min(movie)`: nodes have no order; take the minimum of a property.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(min(Movie));
}
