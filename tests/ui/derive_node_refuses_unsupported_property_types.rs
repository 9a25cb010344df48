//! Property types are checked at the field.
use typher::prelude::*;

pub struct Address {
    pub street: String,
}

#[derive(Node)]
pub struct Person {
    pub name: String,
    pub address: Address,
}

fn main() {}
