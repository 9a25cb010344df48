//! A label's map literal gives every property, in field order (`null::<T>()` for an
//! optional one left empty).
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = create(Person.value(Person::map(lit("Ann"))));
}
