//! A subquery that imports `Person` and then matches `Person` would match a new person,
//! disconnected from the outer row: continue from the import with `Person.again()`.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_((
        Person.name,
        count_of(Person, |q| q.match_(Person).rel(ACTED_IN).to(Movie)),
    ));
}
