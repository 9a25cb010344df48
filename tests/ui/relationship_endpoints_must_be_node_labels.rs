//! `from`/`to` must name node labels.
use typher::prelude::*;

#[derive(Node)]
pub struct Person {
    pub name: String,
}

#[derive(Relationship)]
#[relationship(type = "OWNS", from = Person, to = String)]
pub struct Owns;

fn main() {}
