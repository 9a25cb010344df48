//! Only typher's queries are statements: a hand-made one could skip the parameter checks.
use typher::exec::decode::ByName;
use typher::exec::{Prepared, Statement};

struct Handmade;

impl Statement for Handmade {
    type Shape = ByName<i64>;
    fn prepare(&self) -> typher::exec::Result<Prepared<'_>> {
        unimplemented!()
    }
}

fn main() {}
