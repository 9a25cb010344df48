// `CALL () { .. }` imports nothing, so `Person.again()` has nothing to refer to.
#[path = "../../testkit/src/movies.rs"]
mod movies;

use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Person).call((), |q| {
        q.match_(Person.again()).rel(ACTED_IN).to(Movie).return_(Movie)
    });
}
