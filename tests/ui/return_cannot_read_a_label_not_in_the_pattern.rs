//! RETURN may only read labels the pattern binds.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_(Movie.title);
}
