//! A flattened field holds no property: it must say it keeps the undeclared ones.
use std::collections::BTreeMap;
use typher::prelude::*;

#[derive(Node, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub title: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
}

fn main() {}
