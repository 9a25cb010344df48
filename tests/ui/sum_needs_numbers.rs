//! `sum` adds numbers; a title is a string.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(sum(Movie.title));
}
