// The node after a quantified pattern is where it ends: a Person, not a Movie.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
        .then(Movie);
}
