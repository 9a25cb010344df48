// A procedure's columns are yielded one by one, in order: two names for one column is wrong.
use typher::prelude::*;

fn main() {
    let _ = call_procedure(db::labels(), (name!(a: String), name!(b: String)));
}
