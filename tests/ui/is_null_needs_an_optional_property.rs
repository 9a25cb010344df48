//! A required property is never null, so `is_null` is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).filter(Movie.title.is_null());
}
