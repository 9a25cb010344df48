//! A unit struct owns its name in the value namespace, where the label const must go.
use typher::prelude::*;

#[derive(Node)]
pub struct Tag;

fn main() {}
