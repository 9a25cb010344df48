//! Bookmarks between clients, and a client's scope (database, user, transaction timeout and
//! metadata), checked on the wire through a proxy.

use super::support::{client, settings};
use typher::{raw, Client, Executor};
use typher_testkit::FaultProxy;

async fn through_proxy() -> (FaultProxy, Client) {
    client().await;
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let db = Client::connect(proxy.settings(&settings())).await.unwrap();
    (proxy, db)
}

#[tokio::test]
async fn bookmarks_carry_a_write_to_another_client() {
    let writer = client().await;
    let (proxy, reader) = through_proxy().await;
    writer
        .write(async |tx| {
            tx.execute(raw::<()>("CREATE (:Tag {name: 'causal-1'})"))
                .await
        })
        .await
        .unwrap();
    let bookmarks = writer.bookmarks();
    assert!(!bookmarks.is_empty(), "a commit leaves a bookmark");
    reader.add_bookmarks(&bookmarks);
    let seen: i64 = reader
        .fetch_one(raw::<i64>(
            "MATCH (t:Tag {name: 'causal-1'}) RETURN count(t)",
        ))
        .await
        .unwrap();
    assert_eq!(seen, 1);
    let sent = bookmarks.as_strings()[0].as_bytes();
    assert!(
        proxy.client_sent(sent),
        "the reader sent the writer's bookmark"
    );
    // A commit on the reader replaces what it held with its own bookmark.
    reader
        .write(async |tx| tx.execute(raw::<()>("RETURN 1")).await)
        .await
        .unwrap();
    assert_ne!(reader.bookmarks(), bookmarks);
    assert_eq!(reader.bookmarks().as_strings().len(), 1);
}

#[tokio::test]
async fn a_scoped_client_sends_its_database_user_timeout_and_metadata() {
    let (proxy, db) = through_proxy().await;
    let elsewhere = db.database("no-such-database");
    let error = elsewhere
        .fetch_one(raw::<i64>("RETURN 1"))
        .await
        .expect_err("no such database");
    assert!(error.to_string().contains("no-such-database"), "{error}");
    assert!(proxy.client_sent(b"no-such-database"));
    // The original client still runs on its own database.
    let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap();
    assert_eq!(one, 1);

    let tagged = db
        .transaction_timeout(std::time::Duration::from_secs(7))
        .transaction_metadata([("app", "causal-test")]);
    tagged
        .write(async |tx| tx.execute(raw::<()>("RETURN 1")).await)
        .await
        .unwrap();
    assert!(proxy.client_sent(b"tx_timeout"));
    assert!(proxy.client_sent(b"tx_metadata"));
    assert!(proxy.client_sent(b"causal-test"));

    // Impersonation goes out as `imp_user` (whether the server honours it is its affair).
    let _ = db
        .as_user("impersonated-user")
        .fetch_one(raw::<i64>("RETURN 1"))
        .await;
    assert!(proxy.client_sent(b"imp_user"));
    assert!(proxy.client_sent(b"impersonated-user"));
}
