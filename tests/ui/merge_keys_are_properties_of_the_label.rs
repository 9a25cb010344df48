//! Persons are merged by properties of `Person`, not of `Movie`.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

async fn run(client: &typher::Client, people: Vec<Person>) {
    let _ = Person::get_or_create(client, people, Movie.title).await;
}
fn main() {}
