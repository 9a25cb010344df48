//! A path's nodes decode as a node struct, an enum of labels, or a type that opts in.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let route = name!(route: Path<String, Follows>);
    let _ = match_(Person).rel(FOLLOWS).to(Person.alias(Coactor)).as_path(route).return_(route);
}
