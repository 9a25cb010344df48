//! `Some(..)` or `None` may be stored in an optional property only: a required one keeps a
//! value.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).set(Movie.released.to(Some(1999)));
}
