//! `released + 0.5` mixes an integer property with a float.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(Movie.released + 0.5);
}
