// A path variable names the whole pattern of a MATCH, not the part inside `.repeat(..)`.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let route = name!(route: Path<Person, Follows>);
    let _ = match_(Person).repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person).as_path(route));
}
