//! REMOVE of a required property is refused: every Person has a name.
#[path = "../fixture/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).remove(Person.name);
}
