//! `toUpper` works on strings only.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(Movie.released.to_upper());
}
