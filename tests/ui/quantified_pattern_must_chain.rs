// Each repetition of a quantified pattern starts where the last one ended: a pattern from
// Person to Movie cannot repeat.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).repeat(1..=3, |hop| hop.rel(ACTED_IN).to(Movie));
}
