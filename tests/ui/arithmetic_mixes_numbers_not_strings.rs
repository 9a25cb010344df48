//! Integers and floats mix in arithmetic; a number and a string do not.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(Movie.released * Movie.title);
}
