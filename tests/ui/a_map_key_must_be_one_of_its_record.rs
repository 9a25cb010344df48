//! A map built from a record has that record's keys and no other.
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
    let card = name!(card);
    let _ = match_(Person)
        .with(Card::map(Person.name, Person.born).as_(card))
        .return_(card.key(Card.title));
}
