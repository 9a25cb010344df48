//! A node bound over several labels is not a `Person`: `Person.name` reads another binding.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[derive(Labels)]
pub enum Credit {
    Person(Person),
    Movie(Movie),
}

fn main() {
    let _ = match_(Credit::node()).return_(Person.name);
}
