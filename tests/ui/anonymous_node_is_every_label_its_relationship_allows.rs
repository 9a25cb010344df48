// After `-[:ACTED_IN]->()` the anonymous node is a Movie; FOLLOWS cannot start there.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).to(()).rel(FOLLOWS).to(Person.alias(Coactor));
}
