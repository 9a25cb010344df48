//! Clear errors for bad data, bad credentials and unreachable servers.

use super::support::{client, settings};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use typher::exec::Error;
use typher::prelude::*;
use typher::{raw, Client, Settings};

/// A node whose stored data the tests make deliberately wrong.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gadget {
    pub name: String,
    pub weight: i64,
}

#[tokio::test]
async fn typed_decode_error_names_the_column_and_property() {
    let db = client().await;
    db.execute(raw::<()>(
        "CREATE (:Gadget {name: 'anvil', weight: 'heavy'})",
    ))
    .await
    .unwrap();
    let err = db
        .fetch_all(
            match_(Gadget)
                .filter(Gadget.name.eq("anvil"))
                .return_(Gadget),
        )
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            column,
            path,
            message,
        } => {
            assert_eq!(column, "gadget");
            assert_eq!(path, "weight");
            assert!(message.contains("heavy"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(
        err.to_string().contains("column `gadget` at `weight`"),
        "{err}"
    );
}

#[tokio::test]
async fn tuple_decode_error_names_the_column() {
    let db = client().await;
    let err = db
        .fetch_all(raw::<(String, i64)>("RETURN 'a' AS a, 'not a number' AS b").columns(["a", "b"]))
        .await
        .unwrap_err();
    match err {
        Error::Decode {
            column, message, ..
        } => {
            assert_eq!(column, "b");
            assert!(message.contains("not a number"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn wrong_password_is_an_authentication_error() {
    let mut bad = settings();
    bad.password = "not-the-password".into();
    let err = Client::connect(bad)
        .await
        .err()
        .expect("a wrong password must fail");
    assert!(
        matches!(err, Error::Authentication { ref user, .. } if user == "root" || !user.is_empty()),
        "{err:?}"
    );
    assert!(err.to_string().contains("authentication failed"), "{err}");
}

#[tokio::test]
async fn refused_connection_is_a_connection_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = Settings::builder()
        .uri(format!("127.0.0.1:{port}"))
        .user("root")
        .password("x")
        .build();
    let started = Instant::now();
    let err = Client::connect(settings)
        .await
        .err()
        .expect("nothing listens there");
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(90),
        "took {:?}",
        started.elapsed()
    );
}

/// Settings a caller can get wrong, each a typed error rather than a panic.
#[tokio::test]
async fn bad_settings_are_typed_errors_not_panics() {
    for (uri, fetch, pool, says) in [
        // (uri, fetch_size, max_connections, what the message names)
        ("", 500usize, 16usize, "empty"),
        ("   ", 500, 16, "empty"),
        ("http://127.0.0.1:7687", 500, 16, "scheme"),
        ("bolt://127.0.0.1:7687", 0, 16, "fetch_size"),
        ("bolt://127.0.0.1:7687", 500, 0, "max_connections"),
        ("bolt://127.0.0.1:notaport", 500, 16, "port"),
    ] {
        let settings = Settings::builder()
            .uri(uri)
            .user("root")
            .password("x")
            .fetch_size(fetch)
            .max_connections(pool)
            .build();
        let err = Client::connect(settings)
            .await
            .err()
            .unwrap_or_else(|| panic!("`{uri}` must be refused"));
        assert!(matches!(err, Error::Config(_)), "{uri}: {err:?}");
        assert!(err.to_string().contains(says), "{uri}: {err}");
    }
}

/// A password in the URI never appears in an error, and neither does the password setting.
#[tokio::test]
async fn credentials_never_appear_in_errors() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = Settings::builder()
        .uri(format!("bolt://admin:hunter2@127.0.0.1:{port}"))
        .user("root")
        .password("s3cret-password")
        .build();
    let shown = format!("{settings:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("s3cret"),
        "{shown}"
    );
    let err = Client::connect(settings)
        .await
        .err()
        .expect("nothing listens there");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
    }
}

/// Serializes as a list holding itself `levels` deep, without building the value.
struct Deep(usize);

impl serde::Serialize for Deep {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(1))?;
        if self.0 > 0 {
            seq.serialize_element(&Deep(self.0 - 1))?;
        }
        seq.end()
    }
}

/// A parameter nested 100,000 deep is a typed error, not a stack overflow of the process.
#[tokio::test]
async fn deeply_nested_parameter_is_refused() {
    let db = client().await;
    let err = db
        .fetch_all(raw::<i64>("RETURN size($deep) AS n").param("deep", Deep(100_000)))
        .await
        .unwrap_err();
    match err {
        Error::Parameter { name, message } => {
            assert_eq!(name, "deep");
            assert!(message.contains("deeper than 100 levels"), "{message}");
        }
        other => panic!("expected a parameter error, got {other:?}"),
    }
}

/// NaN is refused the same way in typed comparisons as in raw parameters, before sending.
#[tokio::test]
async fn nan_is_refused_in_typed_queries_as_in_raw_ones() {
    #[derive(Node, Debug, Clone, serde::Deserialize)]
    struct Gauge {
        #[allow(dead_code)]
        level: f64,
    }
    let db = client().await;
    for query in [
        match_(Gauge)
            .filter(Gauge.level.gt(f64::NAN))
            .return_(Gauge.level),
        match_(Gauge)
            .filter(Gauge.level.lt(f64::INFINITY))
            .return_(Gauge.level),
    ] {
        match db.fetch_all(query).await.unwrap_err() {
            Error::Parameter { name, message } => {
                assert_eq!(name, "p0");
                assert!(message.contains("not a finite number"), "{message}");
            }
            other => panic!("expected a parameter error, got {other:?}"),
        }
    }
    let raw_err = db
        .fetch_all(raw::<f64>("RETURN $x AS x").param("x", f64::NAN))
        .await
        .unwrap_err();
    assert!(
        raw_err.to_string().contains("not a finite number"),
        "{raw_err}"
    );
}

#[tokio::test]
async fn a_raw_column_that_does_not_fit_names_what_the_server_sent() {
    let db = client().await;
    for (query, found) in [
        ("RETURN null AS n", "null"),
        ("RETURN 3.5 AS n", "the float 3.5"),
        ("RETURN [1, 2] AS n", "a list of 2 items"),
    ] {
        let err = db.fetch_all(raw::<i64>(query)).await.unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Decode { .. }), "{query}: {err:?}");
        assert!(
            text.contains(found) && !text.contains("map"),
            "{query}: {text}"
        );
    }
}
