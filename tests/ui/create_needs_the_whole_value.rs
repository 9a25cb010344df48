//! CREATE of a node needs its whole value: a bare label would leave required properties out.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = create(Person);
}
