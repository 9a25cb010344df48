//! What typher tells `tracing`: each query's text, parameter names and outcome, never a
//! parameter's value; retries with their cause.

use super::support::client;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing::instrument::WithSubscriber;
use typher::prelude::*;
use typher::{raw, Error};

use super::movies::*;

/// Everything written to the log, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// A subscriber writing everything to `log`, for one test's futures.
fn subscriber(log: &Captured) -> tracing::Dispatch {
    let log = log.clone();
    let dispatch = tracing::Dispatch::new(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || log.clone())
            .finish(),
    );
    // A call site first reached by another test, while no subscriber was alive, may have
    // cached "never": ask every call site again now that this one exists.
    tracing::callsite::rebuild_interest_cache();
    dispatch
}

#[tokio::test]
async fn queries_are_traced_with_parameter_names_but_never_values() {
    let db = client().await;
    let log = Captured::default();
    let dispatch = subscriber(&log);
    let secret = "Keanu Reeves";
    let born = db
        .fetch_one(
            match_(Person)
                .filter(Person.name.eq(secret))
                .return_(Person.born),
        )
        .with_subscriber(dispatch.clone())
        .await
        .unwrap();
    assert_eq!(born, Some(1964));
    let failing = db
        .fetch_all(raw::<i64>("RETURN $secret_value +* 1").param("secret_value", "hunter2"))
        .with_subscriber(dispatch.clone())
        .await;
    assert!(failing.is_err());
    let text = log.text();
    assert!(
        text.contains("MATCH (person:Person) WHERE person.name = $p0 RETURN person.born AS born"),
        "{text}"
    );
    assert!(text.contains(r#"params=["p0"]"#), "{text}");
    assert!(text.contains("rows=1"), "{text}");
    assert!(text.contains("elapsed_ms="), "{text}");
    assert!(
        text.contains("query failed")
            && text.contains(r#"code="Neo.ClientError.Statement.SyntaxError""#),
        "{text}"
    );
    assert!(text.contains(r#"params=["secret_value"]"#), "{text}");
    for value in [secret, "hunter2"] {
        assert!(
            !text.contains(value),
            "a parameter value reached the log: {text}"
        );
    }
}

#[tokio::test]
async fn retries_are_traced_with_their_cause() {
    let db = client().await;
    let log = Captured::default();
    let dispatch = subscriber(&log);
    let mut failed_once = false;
    db.write(async |tx| {
        if !failed_once {
            failed_once = true;
            return Err(Error::Server {
                code: "Neo.TransientError.Transaction.DeadlockDetected".into(),
                message: "simulated".into(),
            });
        }
        tx.fetch_one(raw::<i64>("RETURN 1")).await
    })
    .with_subscriber(dispatch.clone())
    .await
    .unwrap();
    let text = log.text();
    assert!(text.contains("retrying a transaction"), "{text}");
    assert!(
        text.contains(r#"code="Neo.TransientError.Transaction.DeadlockDetected""#),
        "{text}"
    );
    assert!(text.contains("transaction{attempt=1}"), "{text}");
    assert!(text.contains("transaction{attempt=2}"), "{text}");
    assert!(text.contains("transaction begun"), "{text}");
}
