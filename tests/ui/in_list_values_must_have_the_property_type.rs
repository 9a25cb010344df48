//! The values of `in_list` must have the property type.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).filter(Person.name.in_list([1, 2]));
}
