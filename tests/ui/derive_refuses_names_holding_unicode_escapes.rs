//! Neo4j reads `\u..` in a name as a unicode escape (with any number of `u`), so a name
//! holding one would not round-trip: the derive refuses it.
use typher::prelude::*;

#[derive(Node, serde::Serialize)]
pub struct Probe {
    #[serde(rename = "x\\uu0060) DETACH DELETE n //")]
    pub tricky: String,
}

fn main() {}
