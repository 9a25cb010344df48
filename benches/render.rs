//! Building and rendering typed queries, no database: `cargo bench --bench render`.
//!
//! The figure the project tracks is `three_hops_aggregate_order`: a 3-hop pattern with three
//! conditions, an aggregate and `ORDER BY`, built and rendered from scratch each iteration.
//! `three_hops_plain` is the same without the aggregate.

use typher::prelude::*;

/// A person.
#[derive(Node)]
pub struct Person {
    pub name: String,
    pub born: Option<i64>,
}

/// A movie.
#[derive(Node)]
pub struct Movie {
    pub title: String,
    pub released: i64,
}

/// Acting credit.
#[derive(Relationship)]
#[relationship(type = "ACTED_IN", from = Person, to = Movie)]
pub struct ActedIn {
    pub roles: Vec<String>,
}

/// A person follows another.
#[derive(Relationship)]
#[relationship(type = "FOLLOWS", from = Person, to = Person)]
pub struct Follows;

/// The followed person.
#[derive(Alias)]
pub struct Friend;

/// The friend's friend.
#[derive(Alias)]
pub struct Other;

/// The far end of a quantified path pattern.
#[derive(Alias)]
pub struct Far;

fn main() {
    divan::main();
}

/// The 3-hop query with three conditions, an aggregate and `ORDER BY`, not yet rendered.
fn aggregate_query() -> impl Rendered {
    {
        let friend = Person.alias(Friend);
        let other = Person.alias(Other);
        let movies = name!(movies);
        match_(Person)
            .rel(FOLLOWS)
            .to(friend)
            .rel(FOLLOWS)
            .to(other)
            .rel(ACTED_IN)
            .to(Movie)
            .filter(Person.name.eq("Tom Hanks") & other.born.gt(1960) & Movie.released.ge(2000))
            .return_((other.name, count(Movie).as_(movies)))
            .order_by((movies.desc(), other.name))
            .limit(10)
    }
}

/// A finished query whose rendering the benchmark reads.
trait Rendered {
    fn compiled(&self) -> &typher::CompiledQuery;
}

impl<O, R, P> Rendered for typher::dsl::Returning<O, R, P> {
    fn compiled(&self) -> &typher::CompiledQuery {
        typher::dsl::Returning::compiled(self)
    }
}

/// What a caller reads of a rendering: its text and parameters.
fn used(q: &typher::CompiledQuery) -> usize {
    q.text().len() + q.params().len()
}

#[divan::bench]
fn three_hops_aggregate_order() -> usize {
    used(aggregate_query().compiled())
}

#[divan::bench]
fn build_only() -> impl Rendered {
    aggregate_query()
}

#[divan::bench]
fn render_only(bencher: divan::Bencher) {
    bencher
        .with_inputs(aggregate_query)
        .bench_local_values(|q| used(q.compiled()));
}

#[divan::bench]
fn three_hops_plain() -> usize {
    let other = Person.alias(Other);
    let q = match_(Person)
        .rel(FOLLOWS)
        .to(Person.alias(Friend))
        .rel(FOLLOWS)
        .to(other)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.name.eq("Tom Hanks") & other.born.gt(1960) & Movie.released.ge(2000))
        .return_((other.name, Movie.title))
        .order_by(Movie.title)
        .limit(10);
    used(q.compiled())
}

/// A variable-length step bound to a path, with its length returned.
#[divan::bench]
fn variable_length_path() -> usize {
    let friend = Person.alias(Friend);
    let route = name!(route: typher::dsl::Path<Person, Follows>);
    let q = match_(Person.having(Person.name, "Tom Hanks"))
        .rel(FOLLOWS.hops(1..=3))
        .to(friend)
        .as_path(route)
        .filter(friend.born.gt(1960))
        .return_((friend.name, length(route)))
        .order_by(length(route))
        .limit(10);
    used(q.compiled())
}

/// An `EXISTS` subquery in `WHERE`, importing the outer person.
#[divan::bench]
fn exists_subquery() -> usize {
    let q = match_(Person)
        .filter(
            Person.born.gt(1960)
                & exists(Person, |q| {
                    q.match_(Person.again())
                        .rel(ACTED_IN)
                        .to(Movie)
                        .filter(Movie.released.ge(2000))
                }),
        )
        .return_(Person.name);
    used(q.compiled())
}

/// A quantified path pattern with a condition inside, continued after it.
#[divan::bench]
fn quantified_path_pattern() -> usize {
    let friend = Person.alias(Friend);
    let q = match_(Person.having(Person.name, "Tom Hanks"))
        .repeat(1..=3, |hop| {
            hop.rel(FOLLOWS).to(friend).filter(friend.born.gt(1960))
        })
        .then(Person.alias(Far))
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Movie.title);
    used(q.compiled())
}
