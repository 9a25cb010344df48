//! A batch whose rows are not the label's struct is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let row = name!(row);
    let movies = vec![Movie { title: "Heat".into(), released: 1995, tagline: None }];
    let _ = unwind(rows(&movies), row).create(Person.value(row));
}
