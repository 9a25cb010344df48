//! `name!(titles: String)` cannot name a count, which is an `i64`: the name expects an `i64` one.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let titles = name!(titles: String);
    let _ = match_(Movie).return_(count(Movie).as_(titles));
}
