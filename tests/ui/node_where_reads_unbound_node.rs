// A WHERE inside a node pattern reads the node and what is bound before it: not a later node.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie.where_(Person.born.gt(1960))).rel(ACTED_IN).from(Person);
}
