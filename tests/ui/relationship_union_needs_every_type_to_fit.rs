//! In `A.or(B)` every type must fit the step; FOLLOWS ends at Person, not Movie.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN.or(FOLLOWS)).to(Movie);
}
