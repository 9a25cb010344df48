//! `starts_with` works on string properties only.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).filter(Movie.released.starts_with("19"));
}
