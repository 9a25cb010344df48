//! `.either(..)` needs the relationship to fit both ways round.
#[path = "../fixture/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).either(Movie);
}
