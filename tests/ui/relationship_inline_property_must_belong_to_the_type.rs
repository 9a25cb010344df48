// Inline properties of a step are the relationship type's own.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN.having(REVIEWED.rating, 100)).to(Movie);
}
