//! A later `MATCH` can continue from `again()` only when that node is bound.
#[path = "../fixture/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).match_(Movie.again());
}
