//! A relationship needs its type and its endpoints.
use typher::prelude::*;

#[derive(Node)]
pub struct Person {
    pub name: String,
}

#[derive(Relationship)]
#[relationship(from = Person, to = Person)]
pub struct Knows;

fn main() {}
