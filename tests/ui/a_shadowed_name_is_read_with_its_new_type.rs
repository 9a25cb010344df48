//! `WITH toString(x) AS x`: afterwards `x` is the text, and the integer `x` is gone.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use typher::prelude::*;

fn main() {
    let (x, text) = (name!(x), name!(x: String));
    let _ = unwind([1, 2, 3], x)
        .with(x.to_string().as_(text))
        .return_(x + 1);
}
