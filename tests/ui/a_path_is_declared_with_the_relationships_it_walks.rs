//! A path's relationship type is the relationship its pattern walks: FOLLOWS steps are no ActedIn values.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let route = name!(route: Path<Person, ActedIn>);
    let _ = match_(Person)
        .rel(FOLLOWS.hops(1..=3))
        .to(Person.alias(Coactor))
        .shortest_path(route)
        .return_(route);
}
