//! Faults between client and server, made by a loopback proxy in front of the real server:
//! every wait is bounded and says which bound fired, lost commits are never retried, and a
//! dropped transaction rolls back at once.

use super::support::{client, settings};
use super::txn::Tag;
use futures_util::StreamExt;
use std::future::Future;
use std::time::{Duration, Instant};
use typher::exec::Error;
use typher::prelude::*;
use typher::{raw, Client, Settings, Wait};
use typher_testkit::{FaultProxy, Message};

const LIMIT: Duration = Duration::from_millis(800);

/// A proxy in front of the test server, and settings through it with short timeouts.
async fn proxied() -> (FaultProxy, Settings) {
    client().await;
    let direct = settings();
    let proxy = FaultProxy::start(&direct.uri)
        .await
        .expect("start the proxy");
    let mut through = proxy.settings(&direct);
    through.connect_timeout = LIMIT;
    through.read_timeout = LIMIT;
    through.acquire_timeout = LIMIT;
    (proxy, through)
}

/// Runs `future`, failing the test (instead of hanging it) after 20 s; returns its output
/// and how long it took.
async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let out = tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("hung for 20 s: a wait is not bounded");
    (out, started.elapsed())
}

fn assert_timeout<T: std::fmt::Debug>(result: Result<T, Error>, expected: Wait, took: Duration) {
    match result {
        Err(Error::Timeout { wait, after, .. }) => {
            assert_eq!(wait, expected);
            assert_eq!(after, LIMIT);
        }
        other => panic!("expected a {expected} timeout, got {other:?}"),
    }
    assert!(
        took >= LIMIT && took < LIMIT + Duration::from_millis(1500),
        "{expected} timeout after {took:?}"
    );
    eprintln!("{expected} timeout reported after {took:?}");
}

async fn count_tags(name: &str) -> i64 {
    client()
        .await
        .fetch_one(match_(Tag).filter(Tag.name.eq(name)).return_(count(Tag)))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_server_that_accepts_but_never_answers_fails_the_connect_timeout() {
    let (proxy, through) = proxied().await;
    proxy.stall();
    let (result, took) = timed(Client::connect(through)).await;
    assert_timeout(result.map(drop), Wait::Connect, took);
    let message = Error::Timeout {
        wait: Wait::Connect,
        after: LIMIT,
        uri: proxy.address().into(),
    }
    .to_string();
    assert!(message.contains("connect_timeout"), "{message}");
}

#[tokio::test]
async fn a_stream_whose_server_goes_silent_fails_the_read_timeout() {
    let (proxy, mut through) = proxied().await;
    through.fetch_size = 10;
    let db = Client::connect(through).await.unwrap();
    let mut rows = db
        .stream(raw::<i64>("UNWIND range(1, 1000) AS i RETURN i"))
        .await
        .unwrap();
    assert_eq!(rows.next().await.unwrap().unwrap(), 1);
    proxy.stall();
    let (result, took) = timed(async {
        loop {
            match rows.next().await {
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err::<(), _>(e),
                None => return Ok(()),
            }
        }
    })
    .await;
    assert_timeout(result, Wait::Read, took);
}

#[tokio::test]
async fn a_pooled_connection_to_a_silent_peer_fails_within_the_read_timeout_and_the_pool_recovers()
{
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    let one = raw::<i64>("RETURN 1");
    assert_eq!(db.fetch_one(&one).await.unwrap(), 1);
    proxy.stall();
    let (result, took) = timed(db.fetch_one(&one)).await;
    assert_timeout(result, Wait::Read, took);
    proxy.resume();
    let (again, _) = timed(db.fetch_one(&one)).await;
    assert_eq!(again.unwrap(), 1, "the broken connection was replaced");
}

#[tokio::test]
async fn an_exhausted_pool_fails_the_acquisition_timeout() {
    let (_proxy, mut through) = proxied().await;
    through.max_connections = 1;
    through.fetch_size = 10;
    let db = Client::connect(through).await.unwrap();
    let held = db
        .stream(raw::<i64>("UNWIND range(1, 1000) AS i RETURN i"))
        .await
        .unwrap();
    let (result, took) = timed(db.fetch_one(raw::<i64>("RETURN 1"))).await;
    assert_timeout(result, Wait::PoolAcquisition, took);
    drop(held);
    let tx = db.begin().await.unwrap();
    let (result, took) = timed(db.begin()).await;
    assert_timeout(result.map(drop), Wait::PoolAcquisition, took);
    drop(tx);
    let (free, _) = timed(db.fetch_one(raw::<i64>("RETURN 1"))).await;
    assert_eq!(
        free.unwrap(),
        1,
        "a dropped transaction gives its connection back"
    );
}

#[tokio::test]
async fn a_managed_write_whose_commit_reply_is_lost_is_not_retried() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    proxy.lose_commit_replies(true);
    let (result, _) = timed(db.write(async |tx| {
        tx.execute(raw::<()>("CREATE (:Tag {name: 'lost-commit-managed'})"))
            .await
    }))
    .await;
    assert!(
        matches!(result, Err(Error::CommitOutcomeUnknown { .. })),
        "{result:?}"
    );
    assert!(!result.unwrap_err().is_transient());
    assert_eq!(proxy.sent(Message::Commit), 1, "one commit, no retry");
    assert_eq!(count_tags("lost-commit-managed").await, 1, "written once");
}

#[tokio::test]
async fn a_typed_write_in_one_round_trip_whose_reply_is_lost_is_not_retried() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    proxy.lose_commit_replies(true);
    // BEGIN, RUN, PULL and COMMIT go out in one write; every answer is lost.
    let tag = |name: &str| Tag {
        name: name.into(),
        attempt: None,
    };
    let (result, _) =
        timed(db.execute(create(tag("lost-reply-typed-a")).create(tag("lost-reply-typed-b"))))
            .await;
    assert!(
        matches!(result, Err(Error::CommitOutcomeUnknown { .. })),
        "{result:?}"
    );
    assert_eq!(proxy.sent(Message::Commit), 1, "one commit, no retry");
    // The proxy closes at the first answer after COMMIT went out, which with pipelining may
    // come before the server ran COMMIT: the write persisted once or not at all, never twice.
    assert!(
        count_tags("lost-reply-typed-a").await <= 1,
        "never written twice"
    );
}

#[tokio::test]
async fn an_explicit_commit_whose_reply_is_lost_says_the_outcome_is_unknown() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    let tx = db.begin().await.unwrap();
    tx.execute(raw::<()>("CREATE (:Tag {name: 'lost-commit-explicit'})"))
        .await
        .unwrap();
    proxy.lose_commit_replies(true);
    let (result, _) = timed(tx.commit()).await;
    let message = match result {
        Err(e @ Error::CommitOutcomeUnknown { .. }) => e.to_string(),
        other => panic!("expected CommitOutcomeUnknown, got {other:?}"),
    };
    assert!(
        message.contains("may or may not have persisted"),
        "{message}"
    );
    assert_eq!(count_tags("lost-commit-explicit").await, 1);
    proxy.lose_commit_replies(false);
    assert_eq!(
        db.fetch_one(raw::<i64>("RETURN 1")).await.unwrap(),
        1,
        "the client keeps working on a new connection"
    );
}

#[tokio::test]
async fn a_managed_write_cut_before_commit_is_retried_and_written_once() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    let mut attempts = 0;
    let proxy = &proxy;
    let (result, _) = timed(db.write(|tx| {
        attempts += 1;
        let first = attempts == 1;
        async move {
            tx.execute(raw::<()>("CREATE (:Tag {name: 'cut-then-retried'})"))
                .await?;
            if first {
                proxy.cut();
            }
            tx.fetch_one(raw::<i64>("RETURN 1")).await
        }
    }))
    .await;
    assert_eq!(result.unwrap(), 1);
    assert_eq!(attempts, 2);
    assert_eq!(count_tags("cut-then-retried").await, 1);
}

#[tokio::test]
async fn dropping_an_uncommitted_transaction_rolls_it_back_at_once() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    let tx = db.begin().await.unwrap();
    tx.execute(raw::<()>("CREATE (:Tag {name: 'dropped-at-once'})"))
        .await
        .unwrap();
    assert_eq!(proxy.sent(Message::Rollback), 0);
    drop(tx);
    // No further query: the rollback must not wait for the next use of the connection.
    let ((), took) = timed(async {
        while proxy.sent(Message::Rollback) == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    eprintln!("rollback sent {took:?} after the drop");
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(count_tags("dropped-at-once").await, 0);
}

#[tokio::test]
async fn credentials_in_the_uri_appear_in_no_error_or_debug() {
    let (proxy, through) = proxied().await;
    let mut secret = through.clone();
    secret.uri = format!("bolt://root:hunter2-secret@{}", proxy.address());
    secret.password = String::new();
    proxy.stall();
    let error = Client::connect(secret.clone()).await.map(drop).unwrap_err();
    for shown in [
        error.to_string(),
        format!("{error:?}"),
        format!("{secret:?}"),
    ] {
        assert!(!shown.contains("hunter2-secret"), "{shown}");
    }
}

/// `"mode": "r"` in Bolt's PackStream: the key and value of a read transaction's BEGIN.
const READ_MODE: &[u8] = &[0x84, b'm', b'o', b'd', b'e', 0x81, b'r'];

#[tokio::test]
async fn managed_reads_ask_for_read_access() {
    let (proxy, through) = proxied().await;
    let db = Client::connect(through).await.unwrap();
    let n: i64 = db
        .write(async |tx| tx.fetch_one(raw::<i64>("RETURN 1")).await)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(
        !proxy.client_sent(READ_MODE),
        "a write transaction is no read"
    );
    let n: i64 = db
        .read(async |tx| tx.fetch_one(raw::<i64>("RETURN 2")).await)
        .await
        .unwrap();
    assert_eq!(n, 2);
    assert!(
        proxy.client_sent(READ_MODE),
        "a read transaction begins in read mode"
    );
}
