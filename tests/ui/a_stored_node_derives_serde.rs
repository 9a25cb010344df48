//! The OGM writes and reads a node struct through serde: a struct without `Serialize` and
//! `Deserialize` is told so, not shown every `create` method of every crate.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use typher::prelude::*;

#[derive(Node, Debug, Clone)]
pub struct Studio {
    pub name: String,
}

async fn run(client: &typher::Client) {
    let _ = Studio { name: "Ghibli".into() }.create(client).await;
}

fn main() {}
