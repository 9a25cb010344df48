//! `$year` holds an `i64`: binding a string to it is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let year = param::<i64>("year");
    let _ = match_(Movie)
        .filter(Movie.released.ge(year))
        .return_(Movie.title)
        .bind(year, "1999");
}
