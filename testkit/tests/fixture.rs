//! A user's tests with the fixture: two tests run at the same time, each on its own empty
//! database, and neither sees the other's data.

use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Barrier;
use typher::prelude::*;
use typher_testkit::TestDatabase;

#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub title: String,
}

/// Both tests wait here while their databases are alive, so they overlap.
static BOTH: LazyLock<Barrier> = LazyLock::new(|| Barrier::new(2));

async fn meet() {
    tokio::time::timeout(Duration::from_secs(300), BOTH.wait())
        .await
        .expect("the two fixture tests run in parallel (run them without --test-threads=1)");
}

async fn sees_only_its_own(title: &str) -> Result<(), Box<dyn std::error::Error>> {
    let db = TestDatabase::new().await?;
    assert!(
        db.isolated(),
        "this test needs databases of their own: the embedded server, or a Neo4j that can \
         CREATE DATABASE (Enterprise); on Community Edition tests take turns instead"
    );
    assert_eq!(
        db.fetch_all(match_(Task).return_(Task.title)).await?,
        Vec::<String>::new(),
        "a new database is empty"
    );
    Task {
        title: title.to_owned(),
    }
    .create(&*db)
    .await?;
    meet().await;
    // Both databases exist and hold one task each: this one sees its own only.
    assert_eq!(
        db.fetch_all(match_(Task).return_(Task.title)).await?,
        [title]
    );
    let everything = db
        .fetch_all(typher::raw::<i64>("MATCH (n) RETURN count(n) AS n"))
        .await?;
    assert_eq!(everything, [1]);
    let settings = db.settings();
    meet().await;
    drop(db);
    // Dropped with the fixture: a client of that database no longer finds it.
    let gone = typher::Client::connect(settings).await?;
    let error = gone
        .fetch_all(match_(Task).return_(Task.title))
        .await
        .expect_err("the database was dropped");
    assert!(error.to_string().contains("not"), "{error}");
    Ok(())
}

#[tokio::test]
async fn first_test_sees_only_its_own_data() -> Result<(), Box<dyn std::error::Error>> {
    sees_only_its_own("first").await
}

#[tokio::test]
async fn second_test_sees_only_its_own_data() -> Result<(), Box<dyn std::error::Error>> {
    sees_only_its_own("second").await
}

#[tokio::test]
async fn the_movies_graph_loads_into_a_test_database() -> Result<(), Box<dyn std::error::Error>> {
    use typher_testkit::movies::*;
    let db = TestDatabase::with_movies().await?;
    let titles = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.title.eq("The Matrix"))
                .return_(Movie.title),
        )
        .await?;
    assert_eq!(titles, ["The Matrix"]);
    Ok(())
}
