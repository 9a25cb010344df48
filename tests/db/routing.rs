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
