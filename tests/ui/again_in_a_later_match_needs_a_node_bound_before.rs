//! A later `MATCH` can continue from `again()` only when that node is bound.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).match_(Movie.again());
}
