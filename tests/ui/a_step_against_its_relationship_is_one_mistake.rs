//! A step written the wrong way round (both ends wrong) is reported once, at its start.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).from(Movie).return_(Person.name);
}
