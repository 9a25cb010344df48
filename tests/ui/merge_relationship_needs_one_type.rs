//! MERGE of a relationship needs one type: a union of types cannot be created.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).match_(Movie).merge_rel(Person, ACTED_IN.or(DIRECTED), Movie);
}
