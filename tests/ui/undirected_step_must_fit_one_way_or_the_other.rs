// An undirected step compiles when the relationship fits one way round or the other
// (`(:Movie)-[:ACTED_IN]-(:Person)` does); FOLLOWS joins persons only, so a movie at
// either end fits neither way.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _fits_backwards = match_(Movie).rel(ACTED_IN).either(Person);
    let _ = match_(Movie).rel(FOLLOWS).either(Person);
}
