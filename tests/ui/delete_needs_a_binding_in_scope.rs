//! DELETE of a binding that is not in scope is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).detach_delete(Movie);
}
