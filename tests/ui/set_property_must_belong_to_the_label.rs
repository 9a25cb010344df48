//! SET of a property the label does not have is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).set(Person.title.to("Dr"));
}
