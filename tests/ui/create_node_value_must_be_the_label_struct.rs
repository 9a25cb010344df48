//! CREATE of a Person node from a Movie value is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let heat = Movie { title: "Heat".into(), released: 1995, tagline: None };
    let _ = create(Person.value(heat));
}
