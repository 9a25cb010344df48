//! `.from(..)` walks a relationship backwards: the new node must be a start label.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).rel(ACTED_IN).from(Movie.alias(Other));
}
