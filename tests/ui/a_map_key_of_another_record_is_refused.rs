//! A key handle reads only maps of its own record.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[derive(Record, serde::Deserialize)]
pub struct Card {
    pub who: String,
}

#[derive(Record, serde::Deserialize)]
pub struct Poster {
    pub title: String,
}

fn main() {
    let card = name!(card);
    let _ = match_(Person)
        .with(Card::map(Person.name).as_(card))
        .return_(card.key(Poster.title));
}
