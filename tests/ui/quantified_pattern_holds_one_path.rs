// The pattern inside a quantified path pattern is one path: no comma-separated second one.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).repeat(1..=3, |hop| {
        hop.rel(FOLLOWS).to(Person).also(Movie).rel(ACTED_IN).from(Person.alias(Other))
    });
}
