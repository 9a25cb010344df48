// `COLLECT { .. }` makes a list of one column.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_(collect_of(Person, |q| {
        q.match_(Person.again())
            .rel(ACTED_IN)
            .to(Movie)
            .return_((Movie.title, Movie.released))
    }));
}
