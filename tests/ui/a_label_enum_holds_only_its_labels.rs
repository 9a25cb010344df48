//! `Item::of(node)` takes a node of one of the enum's labels only.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[derive(Labels)]
pub enum Cast {
    Person(Person),
}

fn main() {
    let _ = match_(Movie).return_(Cast::of(Movie));
}
