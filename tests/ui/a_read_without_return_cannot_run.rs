//! A query that reads but writes nothing cannot run without RETURN.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

async fn run(client: &typher::Client) {
    let _ = client.execute(match_(Person)).await;
}
fn main() {}
