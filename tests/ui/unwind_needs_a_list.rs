//! `UNWIND` takes a list; a title is one string.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let title = name!(title);
    let _ = match_(Movie).unwind(Movie.title, title).return_(title);
}
