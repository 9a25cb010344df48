//! A step from a node of several labels must fit every one: a movie follows no one.
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
    let _ = match_(Credit::node()).rel(FOLLOWS).to(Person).return_(Person.name);
}
