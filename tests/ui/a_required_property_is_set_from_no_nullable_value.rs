//! `SET movie.title = movie.tagline` would wipe the title where there is no tagline, and the
//! node would no longer decode: a required property takes only a value that is never null.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).set(Movie.title.to(Movie.tagline));
}
