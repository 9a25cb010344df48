//! A `create_or_update` keyed on another label's property is one error, where the key is passed.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

async fn run(client: &typher::Client, movies: Vec<Movie>) {
    let _ = Movie::create_or_update(client, movies, Person.name).await;
}

fn main() {}
