//! The OGM's optimistic-locking version counts saves: it must be an `i64`.
use typher::prelude::*;

#[derive(Node, serde::Serialize, serde::Deserialize)]
pub struct Memo {
    pub text: String,
    #[node(version)]
    pub version: String,
}

fn main() {}
