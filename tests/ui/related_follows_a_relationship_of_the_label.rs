use typher::prelude::*;
#[path = "../../testkit/src/movies.rs"]
mod movies;
use movies::*;

fn main() {
    let heat: Identified<Movie> = typher::schema::Identified {
        element_id: "4:x:1".into(),
        labels: Vec::new(),
        data: Movie { title: "Heat".into(), released: 1995, tagline: None },
    };
    // FOLLOWS joins persons: a movie has none to follow.
    let _ = heat.related(FOLLOWS);
}
