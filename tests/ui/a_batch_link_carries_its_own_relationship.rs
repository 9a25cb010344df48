//! A batch of links of one relationship type writes that type: a `Reviewed` link is no `ACTED_IN`.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;
use typher::dsl::Link;

fn main() {
    let link = name!(link);
    let _ = unwind(
        rows(&[Link::<String, _, String>::new(
            "Ann",
            Reviewed { summary: "ok".into(), rating: 5 },
            "Heat",
        )]),
        link,
    )
    .match_(Person.having(Person.name, link.from()))
    .match_(Movie.having(Movie.title, link.to()))
    .create_rel(Person, ACTED_IN.value(link.rel()), Movie);
}
