// A variable-length step still runs its relationship's way: ACTED_IN runs from Person to
// Movie, so a walk of it cannot start at a Movie (use `.from(..)` or `.either(..)`).
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).rel(ACTED_IN.hops(1..=3)).to(Person);
}
