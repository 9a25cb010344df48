//! ACTED_IN goes from Person to Movie; starting it at a Movie is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).rel(ACTED_IN).to(Person);
}
