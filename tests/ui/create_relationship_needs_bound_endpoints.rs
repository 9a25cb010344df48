//! CREATE of a relationship needs both nodes bound before.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).create_rel(Person, ActedIn { roles: vec![] }, Movie);
}
