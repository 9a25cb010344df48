//! REMOVE of a required property is refused: every Person has a name.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).remove(Person.name);
}
