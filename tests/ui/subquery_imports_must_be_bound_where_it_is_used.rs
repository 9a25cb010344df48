// A subquery can import only what the enclosing query has bound.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).filter(exists(Person, |q| {
        q.match_(Person.again()).rel(DIRECTED).to(())
    }));
}
