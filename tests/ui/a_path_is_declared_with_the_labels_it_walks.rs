//! A path's node type is the label its pattern passes through: a path of movies cannot hold people.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let route = name!(route: Path<Movie, Follows>);
    let _ = match_(Person).rel(FOLLOWS).to(Person.alias(Coactor)).as_path(route).return_(route);
}
