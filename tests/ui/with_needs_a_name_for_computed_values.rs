//! `WITH` carries bindings and named values; a computed value needs `.as_(name)`.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).with((Person, Person.born)).return_(Person.name);
}
