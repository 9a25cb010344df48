//! After `RETURN DISTINCT person.name`, `ORDER BY person.born` is refused (the server would too).
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person)
        .return_(Person.name)
        .distinct()
        .order_by(Person.born);
}
