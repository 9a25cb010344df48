//! Typed read queries with asserted results.

use super::movies::*;
use super::support::client;
use typher::prelude::*;

#[tokio::test]
async fn tom_hanks_movies() {
    let db = client().await;
    let mut titles = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    titles.sort();
    assert_eq!(titles.len(), 12);
    assert_eq!(titles[0], "A League of Their Own");
    assert!(titles.contains(&"Cast Away".to_owned()));
}
