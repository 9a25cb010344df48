// db.labels() yields strings: a name declared as an integer cannot hold them.
use typher::prelude::*;

fn main() {
    let count = name!(count: i64);
    let _ = call_procedure(db::labels(), count);
}
