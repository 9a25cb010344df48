//! Prints the Cypher and parameters of a handful of typed queries.
//!
//! Run with `cargo run --example quickstart`.

use typher::prelude::*;

#[derive(Node, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    #[node(unique)]
    pub name: String,
    pub born: Option<i64>,
}

#[derive(Node, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Movie {
    #[node(unique)]
    pub title: String,
    pub released: i64,
    pub tagline: Option<String>,
}

#[derive(Relationship, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[relationship(type = "ACTED_IN", from = Person, to = Movie)]
pub struct ActedIn {
    pub roles: Vec<String>,
}

#[derive(Relationship, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[relationship(type = "DIRECTED", from = Person, to = Movie)]
pub struct Directed;

/// The other actor in a co-actor query.
#[derive(Alias)]
pub struct Coactor;

fn show(title: &str, cypher: typher::CompiledQuery) {
    println!("-- {title}\n{cypher}\n");
}

fn main() {
    // The quickstart: actors born after 1960 and their movies.
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.born.gt(1960))
        .return_((Person.name, Movie.title));
    show("actors born after 1960", q.to_cypher());

    // Tom Hanks' movies, newest first.
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.name.eq("Tom Hanks"))
        .return_((Movie.title, Movie.released))
        .order_by(Movie.released.desc());
    show("Tom Hanks' movies", q.to_cypher());

    // Co-actors: the same label twice, told apart by an alias.
    let coactor = Person.alias(Coactor);
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(Coactor))
        .from(coactor)
        .filter(Person.name.eq("Tom Hanks"))
        .return_(coactor.name)
        .distinct()
        .order_by(coactor.name)
        .limit(5);
    show("Tom Hanks' co-actors", q.to_cypher());

    // People who acted in and directed the same movie: `again()` closes the cycle.
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(DIRECTED)
        .from(Person.again())
        .return_((Person.name, Movie.title));
    show("actor-directors", q.to_cypher());

    // Everyone, with the movies they directed if any (decodes as `Option`).
    let q = match_(Person)
        .optional_match(Person.again())
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, Movie.title));
    show("people and what they directed", q.to_cypher());
}
