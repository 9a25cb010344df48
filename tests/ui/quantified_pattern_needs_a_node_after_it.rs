// A quantified path pattern is followed by a node (`.then(..)`), never directly by a step.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
        .rel(ACTED_IN)
        .to(Movie);
}
