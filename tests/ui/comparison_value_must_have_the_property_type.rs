//! `born` is an integer property; a string is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).filter(Person.born.gt("1960"));
}
