//! Round trips and messages per operation, counted by a proxy between client and server:
//! what pipelining promises, asserted on the wire.

use super::support::{client, settings};
use super::txn::Tag;
use futures_util::StreamExt;
use typher::prelude::*;
use typher::{raw, Client};
use typher_testkit::{FaultProxy, Traffic};

/// A client through a fresh proxy, its connection opened and the traffic count at zero.
async fn counted() -> (FaultProxy, Client) {
    client().await;
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let mut through = proxy.settings(&settings());
    through.max_connections = 1;
    through.fetch_size = 2;
    let db = Client::connect(through).await.unwrap();
    proxy.reset_traffic();
    (proxy, db)
}

fn traffic(messages: usize, round_trips: usize) -> Traffic {
    Traffic {
        messages,
        round_trips,
        connections: 0,
    }
}

#[tokio::test]
async fn an_auto_commit_read_is_one_round_trip() {
    let (proxy, db) = counted().await;
    for n in 1..=3 {
        let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
        assert_eq!(one, 1);
        // RUN + PULL in one write, and no RESET when the connection is reused.
        assert_eq!(proxy.traffic(), traffic(2 * n, n), "after {n} reads");
    }
}

#[tokio::test]
async fn a_typed_write_is_one_round_trip_in_its_own_transaction() {
    let (proxy, db) = counted().await;
    let tag = |name: &str| Tag {
        name: name.into(),
        attempt: None,
    };
    // One node is created by an auto-commit query: RUN and PULL.
    let done = db.execute(create(tag("round-trip-1"))).await.unwrap();
    assert_eq!(done.counters.nodes_created, 1);
    assert_eq!(proxy.traffic(), traffic(2, 1));
    proxy.reset_traffic();
    // Anything more runs in a transaction of its own: BEGIN, RUN, PULL, COMMIT in one write.
    let done = db
        .execute(
            match_(Tag)
                .filter(Tag.name.eq("round-trip-1"))
                .set(Tag.attempt.to(1)),
        )
        .await
        .unwrap();
    assert_eq!(done.counters.properties_set, 1);
    assert_eq!(proxy.traffic(), traffic(4, 1));
}

#[tokio::test]
async fn a_managed_transaction_is_two_round_trips_plus_one_per_further_query() {
    let (proxy, db) = counted().await;
    let n: i64 = db
        .read(async |tx| tx.fetch_one(raw::<i64>("RETURN 2")).await)
        .await
        .unwrap();
    assert_eq!(n, 2);
    // BEGIN + RUN + PULL, then COMMIT.
    assert_eq!(proxy.traffic(), traffic(4, 2));
    proxy.reset_traffic();
    let sum: i64 = db
        .write(async |tx| {
            let a = tx.fetch_one(raw::<i64>("RETURN 3")).await?;
            let b = tx.fetch_one(raw::<i64>("RETURN 4")).await?;
            Ok(a + b)
        })
        .await
        .unwrap();
    assert_eq!(sum, 7);
    assert_eq!(proxy.traffic(), traffic(6, 3));
}

#[tokio::test]
async fn a_stream_asks_for_each_next_batch_once() {
    let (proxy, db) = counted().await;
    let rows: Vec<i64> = db
        .stream(raw::<i64>("UNWIND range(1, 5) AS n RETURN n"))
        .await
        .unwrap()
        .map(|row| row.unwrap())
        .collect()
        .await;
    assert_eq!(rows, [1, 2, 3, 4, 5]);
    // Fetch size 2: RUN + PULL, then a PULL for each further batch.
    assert_eq!(proxy.traffic(), traffic(4, 3));
}

#[tokio::test]
async fn a_failure_costs_no_extra_round_trip_on_the_next_query() {
    let (proxy, db) = counted().await;
    db.fetch_one(raw::<i64>("RETURN nonsense("))
        .await
        .expect_err("a syntax error");
    proxy.reset_traffic();
    let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
    assert_eq!(one, 1);
    // RESET goes out with RUN + PULL, in the same write.
    assert_eq!(proxy.traffic(), traffic(3, 1));
}

#[tokio::test]
async fn a_connection_the_server_closed_while_idle_is_replaced_unnoticed() {
    let (proxy, db) = counted().await;
    proxy.cut();
    // Give the close time to arrive.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
    assert_eq!(one, 1);
    assert_eq!(
        proxy.traffic().connections,
        1,
        "a new connection was opened"
    );
}

#[tokio::test]
async fn a_liveness_check_costs_a_round_trip_only_when_asked_for() {
    client().await;
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let mut through = proxy.settings(&settings());
    through.max_connections = 1;
    through.liveness_check_timeout = Some(std::time::Duration::ZERO);
    let db = Client::connect(through).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    proxy.reset_traffic();
    let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
    assert_eq!(one, 1);
    // RESET, answered, then RUN + PULL.
    assert_eq!(proxy.traffic(), traffic(3, 2));
}

#[tokio::test]
async fn create_many_and_get_or_create_are_one_round_trip_each() {
    let (proxy, db) = counted().await;
    let tags = |prefix: &str| -> Vec<Tag> {
        (0..1000)
            .map(|i| Tag {
                name: format!("{prefix}-{i}"),
                attempt: None,
            })
            .collect()
    };
    let created = Tag::create_many(&db, tags("rt-many")).await.unwrap();
    assert_eq!(created.len(), 1000);
    // One write: BEGIN, RUN, PULL of every row, COMMIT (the fetch size of 2 does not split it).
    assert_eq!(proxy.traffic(), traffic(4, 1));
    proxy.reset_traffic();
    let merged = Tag::get_or_create(&db, tags("rt-many"), Tag.name)
        .await
        .unwrap();
    assert_eq!(merged.len(), 1000);
    assert!(
        merged.iter().all(|(_, created)| !created),
        "every node existed"
    );
    assert_eq!(proxy.traffic(), traffic(4, 1));
}
