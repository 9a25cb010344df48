// `released` is an integer property; an inline value must be one too.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie.having(Movie.released, "1999")).return_(Movie.title);
}
