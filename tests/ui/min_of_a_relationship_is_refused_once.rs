//! A relationship has no order either: one message, saying what to order by.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).to(Movie).return_(max(ACTED_IN));
}
