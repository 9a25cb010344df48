//! Each value of a record's map has its field's type.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[derive(Record, serde::Deserialize)]
pub struct Card {
    pub who: String,
    pub year: Option<i64>,
}

fn main() {
    let _ = match_(Person).return_(Card::map(Person.born, Person.name));
}
