//! `#[node(rename)]` alone would make typher and serde disagree on the key.
use typher::prelude::*;

#[derive(Node, serde::Deserialize)]
pub struct Person {
    #[node(rename = "yearBorn")]
    pub year_born: i64,
}

fn main() {}
