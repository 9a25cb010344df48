//! Client-side routing for `neo4j://`: the routing table comes from the seed router (here
//! through a proxy), and queries go to the members it names (here the server itself, past
//! the proxy).

use super::support::{client, settings};
use typher::{raw, Client, Executor};
use typher_testkit::FaultProxy;

#[tokio::test]
async fn queries_go_where_the_routing_table_says() {
    client().await;
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let mut seeded = proxy.settings(&settings());
    seeded.uri = format!("neo4j://{}", proxy.address());
    let db = Client::connect(seeded).await.unwrap();
    for _ in 0..5 {
        let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
        assert_eq!(one, 1);
    }
    let n: i64 = db
        .read(async |tx| tx.fetch_one(raw::<i64>("RETURN 2")).await)
        .await
        .unwrap();
    assert_eq!(n, 2);
    // Only the routing connection went through the seed; the queries went to the member
    // the table names (the server's own address).
    assert_eq!(proxy.traffic().connections, 1);
    assert!(
        proxy.client_sent(b"address"),
        "HELLO and ROUTE carry the routing context"
    );
    // The seed router's connection was asked for the table, and then nothing else.
    assert_eq!(proxy.sent(typher_testkit::Message::Run), 0);
}

/// `mode` = `r` as PackStream writes it in a RUN's extra map.
const READ_MODE: &[u8] = &[0x84, b'm', b'o', b'd', b'e', 0x81, b'r'];

/// A client whose every byte passes a proxy of its own, so what the proxy recorded is what
/// this client sent.
async fn proxied() -> (FaultProxy, Client) {
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let db = Client::connect(proxy.settings(&settings())).await.unwrap();
    (proxy, db)
}

#[tokio::test]
async fn a_typed_query_that_only_reads_runs_in_read_mode() {
    use super::movies::*;
    use typher::prelude::*;
    client().await;

    let (proxy, db) = proxied().await;
    let titles = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.released.gt(2100))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert!(titles.is_empty());
    assert!(
        proxy.client_sent(READ_MODE),
        "a typed read asks for a reader"
    );

    let (proxy, db) = proxied().await;
    db.execute(
        match_(Movie)
            .filter(Movie.title.eq("no such movie"))
            .set(Movie.released.to(1)),
    )
    .await
    .unwrap();
    assert!(
        !proxy.client_sent(READ_MODE),
        "a typed write goes to the writer"
    );

    let (proxy, db) = proxied().await;
    db.fetch_all(raw::<i64>("MATCH (m:Movie) RETURN count(m)"))
        .await
        .unwrap();
    assert!(
        !proxy.client_sent(READ_MODE),
        "raw Cypher may write: it goes to the writer"
    );

    let (proxy, db) = proxied().await;
    let label = name!(label);
    db.fetch_all(call_procedure(db::labels(), label).return_(label))
        .await
        .unwrap();
    assert!(
        !proxy.client_sent(READ_MODE),
        "a procedure may write: it goes to the writer"
    );
}
