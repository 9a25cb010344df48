// A path variable holds a `Path<N, R>`, not any value.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let p = name!(p: i64);
    let _ = match_(Person).rel(FOLLOWS).to(Person.alias(Coactor)).as_path(p);
}
