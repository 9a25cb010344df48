//! Both sides of a UNION return one row type: a name and a year do not mix.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .return_(Person.name)
        .union(match_(Movie).return_(Movie.released));
}
