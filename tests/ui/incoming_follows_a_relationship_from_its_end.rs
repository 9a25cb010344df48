//! `movie.incoming(FOLLOWS)`: a FOLLOWS relationship never ends at a movie.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let movie: typher::Identified<Movie> = todo!();
    let _ = movie.incoming(FOLLOWS);
}
