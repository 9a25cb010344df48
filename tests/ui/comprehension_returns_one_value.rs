// A pattern comprehension makes a list of one value per match.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_(comprehension(Person, |q| {
        q.match_(Person.again()).rel(DIRECTED).to(Movie).return_((Movie.title, Movie.released))
    }));
}
