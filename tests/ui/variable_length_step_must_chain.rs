// A variable-length step walks the relationship again from each node it reaches, so its
// far end must be able to start one: ACTED_IN runs from Person to Movie only.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN.hops(1..=3)).to(Movie);
}
