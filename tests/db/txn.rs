//! Explicit and managed transactions: commit, rollback, failure, retry.

use super::support::{client, client_with, settings};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use typher::exec::Error;
use typher::prelude::*;
use typher::{raw, Client, RetryPolicy};

/// Written by these tests only, so they never disturb the movies fixture.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[node(unique)]
    pub name: String,
    pub attempt: Option<i64>,
}

async fn tags(db: &Client, prefix: &str) -> Vec<String> {
    let mut names = db
        .fetch_all(
            match_(Tag)
                .filter(Tag.name.starts_with(prefix))
                .return_(Tag.name),
        )
        .await
        .unwrap();
    names.sort();
    names
}

fn create(name: &str) -> typher::exec::Raw<typher::exec::decode::ByName<()>> {
    raw::<()>("CREATE (:Tag {name: $name})").param("name", name)
}

async fn with_constraint() -> Client {
    let db = client().await;
    db.execute(raw::<()>(
        "CREATE CONSTRAINT tag_name IF NOT EXISTS FOR (t:Tag) REQUIRE t.name IS UNIQUE",
    ))
    .await
    .unwrap();
    db
}

#[tokio::test]
async fn explicit_commit_makes_writes_visible() {
    let db = with_constraint().await;
    let tx = db.begin().await.unwrap();
    tx.execute(create("commit-a")).await.unwrap();
    tx.execute(create("commit-b")).await.unwrap();
    let inside = tx
        .fetch_all(
            match_(Tag)
                .filter(Tag.name.starts_with("commit-"))
                .return_(Tag.name),
        )
        .await
        .unwrap();
    assert_eq!(inside.len(), 2, "a transaction sees its own writes");
    tx.commit().await.unwrap();
    assert_eq!(tags(&db, "commit-").await, ["commit-a", "commit-b"]);
}

#[tokio::test]
async fn explicit_rollback_undoes_everything() {
    let db = with_constraint().await;
    let tx = db.begin().await.unwrap();
    tx.execute(create("rollback-a")).await.unwrap();
    tx.rollback().await.unwrap();
    assert!(tags(&db, "rollback-").await.is_empty());
}

#[tokio::test]
async fn dropping_a_transaction_rolls_it_back() {
    let db = with_constraint().await;
    {
        let tx = db.begin().await.unwrap();
        tx.execute(create("dropped-a")).await.unwrap();
    }
    assert!(tags(&db, "dropped-").await.is_empty());
}

#[tokio::test]
async fn a_failed_transaction_persists_nothing() {
    let db = with_constraint().await;
    db.execute(create("failed-existing")).await.unwrap();
    let tx = db.begin().await.unwrap();
    tx.execute(create("failed-new")).await.unwrap();
    // The violation surfaces on the write itself (Neo4j) or at commit (ArcadeDB).
    let outcome = match tx.execute(create("failed-existing")).await {
        Ok(_) => tx.commit().await,
        Err(e) => {
            tx.rollback().await.unwrap();
            Err(e)
        }
    };
    let err = outcome.unwrap_err();
    assert_eq!(
        err.code(),
        Some("Neo.ClientError.Schema.ConstraintValidationFailed"),
        "{err}"
    );
    assert_eq!(tags(&db, "failed-").await, ["failed-existing"]);
}

#[tokio::test]
async fn a_managed_handle_kept_past_its_closure_runs_nothing() {
    let db = with_constraint().await;
    let mut kept = None;
    db.write(|tx| {
        kept = Some(tx.clone());
        async move { tx.execute(create("kept-inside")).await }
    })
    .await
    .unwrap();
    let late = kept.unwrap().execute(create("kept-outside")).await;
    let err = late.expect_err("the transaction has ended");
    assert!(
        err.to_string().contains("the transaction has ended"),
        "{err}"
    );
    assert_eq!(tags(&db, "kept-").await, ["kept-inside"]);
}

#[tokio::test]
async fn managed_write_commits_and_returns_the_value() {
    let db = with_constraint().await;
    let count = db
        .write(async |tx| {
            tx.execute(create("managed-a")).await?;
            tx.execute(create("managed-b")).await?;
            tx.fetch_one(raw::<i64>(
                "MATCH (t:Tag) WHERE t.name STARTS WITH 'managed-' RETURN count(t)",
            ))
            .await
        })
        .await
        .unwrap();
    assert_eq!(count, 2);
    assert_eq!(tags(&db, "managed-").await, ["managed-a", "managed-b"]);
}

#[tokio::test]
async fn managed_write_error_rolls_back_and_is_not_retried() {
    let db = with_constraint().await;
    let attempts = AtomicU32::new(0);
    let result: Result<(), Error> = db
        .write(async |tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            tx.execute(create("aborted-a")).await?;
            Err(Error::Config("the work decided to fail".into()))
        })
        .await;
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(tags(&db, "aborted-").await.is_empty());
}

#[tokio::test]
async fn ogm_calls_use_question_mark_inside_managed_work() {
    let db = with_constraint().await;
    let clear = "MATCH (t:Tag) WHERE t.name STARTS WITH 'ogm-in-tx-' DELETE t";
    db.execute(raw::<()>(clear)).await.unwrap();
    let attempts = AtomicU32::new(0);
    // `?` on an OGM call inside the closure: its error ends the work, rolls back what the
    // transaction wrote, is not retried, and comes out as the OGM error it was.
    let run = async || -> typher::Result<()> {
        db.write(async |tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            Tag {
                name: "ogm-in-tx-a".into(),
                attempt: None,
            }
            .create(&tx)
            .await?;
            Tag::nodes()
                .filter(Tag.name.eq("ogm-in-tx-nobody"))
                .get(&tx)
                .await?;
            Ok(())
        })
        .await?;
        Ok(())
    };
    let result = run().await;
    assert!(
        matches!(
            result,
            Err(typher::Error::Ogm(typher::ogm::Error::NotFound {
                label: "Tag"
            }))
        ),
        "{result:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(tags(&db, "ogm-in-tx-").await.is_empty());

    // An OGM call that succeeds commits with the rest.
    let created = db
        .write(async |tx| {
            let tag = Tag {
                name: "ogm-in-tx-b".into(),
                attempt: Some(1),
            }
            .create(&tx)
            .await?;
            Ok(tag.attempt)
        })
        .await
        .unwrap();
    assert_eq!(created, Some(1));
    assert_eq!(tags(&db, "ogm-in-tx-").await, ["ogm-in-tx-b"]);
    db.execute(raw::<()>(clear)).await.unwrap();
}

#[tokio::test]
async fn managed_write_retries_transient_failures() {
    let db = with_constraint().await;
    let attempts = AtomicU32::new(0);
    let value = db
        .write(async |tx| {
            let attempt = attempts.fetch_add(1, Ordering::SeqCst) + 1;
            tx.execute(
                raw::<()>("CREATE (:Tag {name: $name, attempt: $attempt})")
                    .param("name", format!("retry-{attempt}"))
                    .param("attempt", attempt),
            )
            .await?;
            if attempt < 3 {
                return Err(Error::Server {
                    code: "Neo.TransientError.Transaction.DeadlockDetected".into(),
                    message: "simulated deadlock".into(),
                });
            }
            Ok(attempt)
        })
        .await
        .unwrap();
    assert_eq!(value, 3);
    // Only the attempt that committed left anything behind.
    assert_eq!(tags(&db, "retry-").await, ["retry-3"]);
}

#[tokio::test]
async fn managed_write_gives_up_after_the_retry_time() {
    with_constraint().await;
    let mut patient = settings();
    let budget = Duration::from_millis(800);
    patient.retry = RetryPolicy::default()
        .with_max_retry_time(budget)
        .with_backoff(Duration::from_millis(20), Duration::from_millis(200));
    let db = client_with(patient).await;
    let attempts = AtomicU32::new(0);
    let started = Instant::now();
    let result: Result<(), Error> = db
        .write(async |_tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            Err(Error::Server {
                code: "Neo.TransientError.General.DatabaseUnavailable".into(),
                message: "simulated".into(),
            })
        })
        .await;
    let took = started.elapsed();
    match result {
        Err(Error::RetriesExhausted {
            attempts: n,
            elapsed,
            last,
        }) => {
            assert_eq!(n, attempts.load(Ordering::SeqCst));
            assert!(n >= 3, "waits of 20, 40, 80 ms fit in 800 ms: {n} attempts");
            // No wait is taken past the budget; the last attempt starts within it and may
            // end a little after (it opens a transaction on a server that may be busy).
            assert!(elapsed < budget + Duration::from_millis(250), "{elapsed:?}");
            assert!(last.is_transient());
        }
        other => panic!("expected RetriesExhausted, got {other:?}"),
    }
    assert!(took < budget + Duration::from_millis(500), "{took:?}");
}

#[tokio::test]
async fn a_policy_without_retries_runs_once() {
    let mut once = settings();
    once.retry = RetryPolicy::never();
    let db = client_with(once).await;
    let attempts = AtomicU32::new(0);
    let result: Result<(), Error> = db
        .write(async |_tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            Err(Error::Server {
                code: "Neo.TransientError.Transaction.DeadlockDetected".into(),
                message: "simulated".into(),
            })
        })
        .await;
    assert!(
        matches!(result, Err(Error::RetriesExhausted { attempts: 1, .. })),
        "{result:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn managed_read_runs_typed_queries() {
    let db = client().await;
    let (born, titles) = db
        .read(async |tx| {
            let born = tx
                .fetch_one(
                    match_(Person)
                        .filter(Person.name.eq("Meg Ryan"))
                        .return_(Person.born),
                )
                .await?;
            let titles = tx
                .fetch_all(
                    match_(Person)
                        .rel(ACTED_IN)
                        .to(Movie)
                        .filter(Person.name.eq("Meg Ryan"))
                        .return_(Movie.title),
                )
                .await?;
            Ok((born, titles))
        })
        .await
        .unwrap();
    assert_eq!(born, Some(1961));
    assert_eq!(titles.len(), 4);
}

use super::movies::{Movie, Person, ACTED_IN};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_writers_on_one_counter_all_succeed_through_retries() {
    let db = client().await;
    db.execute(raw::<()>(
        "MERGE (c:Counter {name: 'contended'}) SET c.n = 0",
    ))
    .await
    .unwrap();
    const TASKS: i64 = 16;
    const EACH: i64 = 5;
    let started = Instant::now();
    let runs = std::sync::Arc::new(AtomicU32::new(0));
    let writers = (0..TASKS).map(|_| {
        let db = db.clone();
        let runs = runs.clone();
        tokio::spawn(async move {
            for _ in 0..EACH {
                // A plain `async` closure reading a local, inside `tokio::spawn`.
                db.write(async |tx| {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tx.execute(raw::<()>(
                        "MATCH (c:Counter {name: 'contended'}) SET c.n = c.n + 1",
                    ))
                    .await
                })
                .await?;
            }
            Ok::<_, Error>(())
        })
    });
    for writer in futures_util::future::join_all(writers).await {
        writer.unwrap().unwrap();
    }
    let n: i64 = db
        .fetch_one(raw::<i64>(
            "MATCH (c:Counter {name: 'contended'}) RETURN c.n",
        ))
        .await
        .unwrap();
    assert_eq!(n, TASKS * EACH, "every increment counted once");
    let runs = runs.load(Ordering::SeqCst);
    assert!(
        runs > (TASKS * EACH) as u32,
        "the writers should have collided and retried: {runs} attempts"
    );
    eprintln!(
        "{} increments by {TASKS} writers in {:?}, {runs} attempts",
        TASKS * EACH,
        started.elapsed(),
    );
}
