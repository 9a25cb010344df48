// The subquery imports `Person` only; reading the outer `Movie` needs importing it too.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).rel(ACTED_IN).to(Movie).filter(exists(Person, |q| {
        q.match_(Movie.again()).rel(DIRECTED).from(Person.alias(Director))
    }));
}
