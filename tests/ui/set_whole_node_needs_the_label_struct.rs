//! SET of a whole node from a value of another label is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let heat = Movie { title: "Heat".into(), released: 1995, tagline: None };
    let _ = match_(Person).set(Person.assign(heat));
}
