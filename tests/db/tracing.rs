//! What typher tells `tracing`: each query's text, parameter names and outcome, never a
//! parameter's value; retries with their cause.

use super::support::{client, traced};
use typher::exec::Error;
use typher::prelude::*;
use typher::raw;

use super::movies::*;

#[tokio::test]
async fn queries_are_traced_with_parameter_names_but_never_values() {
    let db = client().await;
    let secret = "Keanu Reeves";
    let ((born, failing), text) = traced(async {
        let born = db
            .fetch_one(
                match_(Person)
                    .filter(Person.name.eq(secret))
                    .return_(Person.born),
            )
            .await;
        let failing = db
            .fetch_all(raw::<i64>("RETURN $secret_value +* 1").param("secret_value", "hunter2"))
            .await;
        (born, failing)
    })
    .await;
    assert_eq!(born.unwrap(), Some(1964));
    assert!(failing.is_err());
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
    let mut failed_once = false;
    let (written, text) = traced(db.write(|tx| {
        let fail = !std::mem::replace(&mut failed_once, true);
        async move {
            if fail {
                return Err(Error::Server {
                    code: "Neo.TransientError.Transaction.DeadlockDetected".into(),
                    message: "simulated".into(),
                });
            }
            tx.fetch_one(raw::<i64>("RETURN 1")).await
        }
    }))
    .await;
    assert_eq!(written.unwrap(), 1);
    assert!(text.contains("retrying a transaction"), "{text}");
    assert!(
        text.contains(r#"code="Neo.TransientError.Transaction.DeadlockDetected""#),
        "{text}"
    );
    assert!(text.contains("transaction{attempt=1}"), "{text}");
    assert!(text.contains("transaction{attempt=2}"), "{text}");
    assert!(text.contains("transaction begun"), "{text}");
}
