// Cypher's `*1..3` includes 3; a half-open Rust range would say one hop fewer.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(FOLLOWS.hops(1..3)).to(Person.alias(Coactor));
}
