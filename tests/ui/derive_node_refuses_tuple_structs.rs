//! A node's fields become property keys, so they need names.
use typher::prelude::*;

#[derive(Node)]
pub struct Person(String, i64);

fn main() {}
