//! The connection pool under concurrency, and streams giving their connection back.

use super::data;
use super::movies::*;
use super::support::{client_with, settings};
use futures_util::{StreamExt, TryStreamExt};
use std::time::Duration;
use typher::prelude::*;
use typher::raw;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_concurrent_queries_through_the_pool() {
    let db = client_with(settings()).await;
    let queries = (0..32).map(|i| {
        let db = db.clone();
        let year = data::MOVIES[i % data::MOVIES.len()].1;
        tokio::spawn(async move {
            let titles = db
                .fetch_all(
                    match_(Movie)
                        .filter(Movie.released.eq(year))
                        .return_(Movie.title),
                )
                .await
                .unwrap();
            (year, titles.len())
        })
    });
    let results = futures_util::future::join_all(queries).await;
    assert_eq!(results.len(), 32);
    for result in results {
        let (year, count) = result.unwrap();
        assert_eq!(count, data::MOVIES.iter().filter(|m| m.1 == year).count());
    }
}

#[tokio::test]
async fn dropped_streams_release_their_connections() {
    let mut small = settings();
    small.max_connections = 2;
    small.fetch_size = 10;
    let db = client_with(small).await;
    for _ in 0..10 {
        let mut stream = db
            .stream(raw::<i64>("UNWIND range(1, 1000) AS i RETURN i"))
            .await
            .unwrap();
        assert_eq!(stream.next().await.unwrap().unwrap(), 1);
        drop(stream);
    }
    let names = tokio::time::timeout(
        Duration::from_secs(30),
        db.fetch_all(
            match_(Person)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Person.name),
        ),
    )
    .await
    .expect("a pool of 2 must keep serving after 10 dropped streams")
    .unwrap();
    assert_eq!(names, ["Tom Hanks"]);
}

#[tokio::test]
async fn a_large_stream_arrives_complete_in_small_batches() {
    let mut small = settings();
    small.fetch_size = 50;
    let db = client_with(small).await;
    let numbers: Vec<i64> = db
        .stream(raw::<i64>("UNWIND range(1, 5000) AS i RETURN i"))
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(numbers.len(), 5000);
    assert_eq!(numbers.iter().sum::<i64>(), 5000 * 5001 / 2);
}
