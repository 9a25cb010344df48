//! Both sides of `&` are checked against the pattern.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).filter(Person.born.gt(1950) & Movie.released.gt(2000));
}
