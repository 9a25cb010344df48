//! Every branch of a CASE gives the first branch's type.
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;
use typher::prelude::*;

fn main() {
    let _ = match_(Movie).return_(
        case()
            .when(Movie.released.lt(1990), "classic")
            .otherwise(2000),
    );
}
