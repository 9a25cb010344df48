// An inline property map takes the properties of the node it stands in.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie.having(Person.name, "Tom Hanks")).return_(Movie.title);
}
