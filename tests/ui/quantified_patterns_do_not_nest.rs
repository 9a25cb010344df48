// Quantified path patterns do not nest: repeat the inner step with `.hops(..)` instead, or
// write the second repetition after `.then(..)`.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).repeat(1..=3, |hop| {
        hop.repeat(2, |inner| inner.rel(FOLLOWS).to(Person))
            .then(Person)
    });
}
