//! Every item of a returned tuple must be bound.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_((Person.name, Movie.title));
}
