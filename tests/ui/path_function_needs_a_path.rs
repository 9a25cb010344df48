// `length`, `nodes` and `relationships` take a path variable, not a property.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).return_(length(Person.name));
}
