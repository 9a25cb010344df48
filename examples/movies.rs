//! The movies graph end to end: with no `NEO4J_URI` set, starts the embedded ArcadeDB server,
//! loads the fixture with batched writes, and prints typed answers.
//!
//! Run with `cargo run --example movies` (or point `NEO4J_URI`, `NEO4J_USER`,
//! `NEO4J_PASSWORD` at a Neo4j 5 to run against it instead; the fixture replaces every
//! `Person` and `Movie` there).

use typher::prelude::*;
use typher_testkit::movies::*;
use typher_testkit::movies_data as data;
use typher_testkit::Database;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let database = Database::from_env_or_embedded()?;
    if let Database::Embedded(_) = database {
        println!(
            "started the embedded ArcadeDB server at {}",
            database.settings().uri
        );
    }
    let client = database.client().await?;
    data::load(&client).await?;

    let titles: Vec<(String, i64)> = client
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .return_((Movie.title, Movie.released))
                .order_by(Movie.released),
        )
        .await?;
    println!("\nTom Hanks' movies:");
    for (title, released) in &titles {
        println!("  {released}  {title}");
    }

    let coactor = Person.alias(Coactor);
    let coactors: Vec<String> = client
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(ACTED_IN.alias(CoRole))
                .from(coactor)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(coactor.name)
                .distinct()
                .order_by(coactor.name),
        )
        .await?;
    println!("\nHis co-actors: {}", coactors.join(", "));

    let directed: Vec<(String, Option<String>)> = client
        .fetch_all(
            match_(Person)
                .filter(Person.name.in_list(["Tom Hanks", "Meg Ryan"]))
                .optional_match(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .return_((Person.name, Movie.title))
                .order_by(Person.name),
        )
        .await?;
    println!("\nWhat they directed (OPTIONAL MATCH decodes as Option):");
    for (name, title) in directed {
        println!("  {name}: {}", title.as_deref().unwrap_or("-"));
    }

    let cloud_atlas: Movie = client
        .fetch_one(
            match_(Movie)
                .filter(Movie.title.eq("Cloud Atlas"))
                .return_(Movie),
        )
        .await?;
    println!("\nA whole node as its struct: {cloud_atlas:?}");

    let reviews: Vec<(String, i64, String)> = client
        .fetch_all(
            match_(Person)
                .rel(REVIEWED)
                .to(Movie)
                .filter(REVIEWED.rating.ge(90))
                .return_((Movie.title, REVIEWED.rating, REVIEWED.summary))
                .order_by(REVIEWED.rating.desc()),
        )
        .await?;
    println!("\nReviews rated 90 or more:");
    for (title, rating, summary) in reviews {
        println!("  {rating}  {title}: {summary}");
    }

    // WITH re-scopes the query; `movies` is a typed name (an i64 count).
    let movies = name!(movies);
    let busiest: Vec<(String, i64)> = client
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .with((Person, count(Movie).as_(movies)))
                .filter(movies.ge(4))
                .return_((Person.name, movies))
                .order_by((movies.desc(), Person.name))
                .limit(3),
        )
        .await?;
    println!("\nThe busiest actors (WITH, count, ORDER BY a named value):");
    for (name, count) in busiest {
        println!("  {count}  {name}");
    }

    let era = name!(era);
    let eras: Vec<(String, i64)> = client
        .fetch_all(
            match_(Movie)
                .with(
                    case()
                        .when(Movie.released.lt(1990), "before 1990")
                        .when(Movie.released.lt(2000), "the nineties")
                        .otherwise("since 2000")
                        .as_(era),
                )
                .return_((era, count_all()))
                .order_by(era),
        )
        .await?;
    println!("\nMovies per era (CASE, then an aggregate grouped by it):");
    for (era, count) in eras {
        println!("  {era}: {count}");
    }
    Ok(())
}
