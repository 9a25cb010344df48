//! After `WITH`, only what it carried is in scope: `Movie` was not carried.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with(Person)
        .return_(Movie.title);
}
