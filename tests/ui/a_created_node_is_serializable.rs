//! CREATE sends a node struct as one map parameter, so the struct needs `serde::Serialize`: said plainly.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;
#[derive(Node, Debug, Clone)]
pub struct Studio {
    pub name: String,
}

fn main() {
    let _ = create(Studio {
        name: "Ghibli".into(),
    });
}
