//! Two labels whose identities collide (forced here) still cannot stand for each other:
//! reading `Beta` where only `Alpha` is bound is refused.
use typher::prelude::*;

#[derive(Node)]
#[node(__identity = "same")]
pub struct Alpha {
    pub x: i64,
}

#[derive(Node)]
#[node(__identity = "same")]
pub struct Beta {
    pub y: i64,
}

fn main() {
    let _ = match_(Alpha).filter(Beta.y.eq(1)).return_(Alpha.x);
}
