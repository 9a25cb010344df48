#[path = "fixture/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

#[test]
fn quickstart() {
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.born.gt(1960))
        .return_((Person.name, Movie.title));
    let c = q.to_cypher();
    println!("{c}");
    let coactor = Person.alias(Coactor);
    let q2 = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(coactor)
        .filter(coactor.name.ne("x") & Person.name.eq("Tom Hanks"))
        .return_((Person.name, coactor.name, ACTED_IN.roles))
        .order_by((coactor.name.desc(), Movie.title));
    println!("{}", q2.to_cypher());
    let q3 = match_(Person)
        .optional_match(Person.again())
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person, Movie.title, Movie));
    fn row<S, O>(_: &typher::dsl::Returning<S, O>) -> Option<O> {
        None
    }
    let _: Option<(Person, Option<String>, Option<Movie>)> = row(&q3);
    println!("{}", q3.to_cypher());
}
