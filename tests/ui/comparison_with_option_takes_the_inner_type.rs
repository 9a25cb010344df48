//! An `Option<i64>` property compares with an `i64`; `is_null` covers the missing case.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).filter(Person.born.eq(Some(1960)));
}
