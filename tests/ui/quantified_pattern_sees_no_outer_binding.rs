// What repeats cannot read the enclosing query's bindings: its scope starts empty.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie)
        .match_(Person)
        .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person.having(Person.born, Movie.released)));
}
