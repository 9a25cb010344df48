//! A movie bound by OPTIONAL MATCH may be null: Neo4j fails on a null relationship end
//! (and ArcadeDB creates an empty node), so writing a relationship to it is refused.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .optional_match(Movie)
        .filter(Movie.title.eq("Heat"))
        .create_rel(Person, Directed, Movie);
}
