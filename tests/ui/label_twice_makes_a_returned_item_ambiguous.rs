//! Returning a label that occurs twice is ambiguous.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(FOLLOWS).to(Person).return_(Person.name);
}
