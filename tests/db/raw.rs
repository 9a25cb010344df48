//! Raw Cypher through the same client and decoding.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::exec::Error;
use typher::{raw, Executor};

#[derive(Debug, PartialEq, Deserialize)]
struct NameBorn {
    name: String,
    born: Option<i64>,
}

#[tokio::test]
async fn raw_single_column_with_parameter() {
    let db = client().await;
    let titles: Vec<String> = db
        .fetch_all(
            raw::<String>(
                "MATCH (m:Movie) WHERE m.released > $year RETURN m.title ORDER BY m.title",
            )
            .param("year", 2005),
        )
        .await
        .unwrap();
    assert_eq!(
        titles,
        ["Charlie Wilson's War", "Cloud Atlas", "The Da Vinci Code"]
    );
}

#[tokio::test]
async fn raw_struct_by_column_names() {
    let db = client().await;
    let row = db
        .fetch_one(
            raw::<NameBorn>(
                "MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name, p.born AS born",
            )
            .param("name", "Halle Berry"),
        )
        .await
        .unwrap();
    assert_eq!(
        row,
        NameBorn {
            name: "Halle Berry".into(),
            born: Some(1966)
        }
    );
}

#[tokio::test]
async fn raw_tuple_by_named_columns() {
    let db = client().await;
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            raw::<(String, i64)>(
                "MATCH (p:Person)-[:ACTED_IN]->(m:Movie) WHERE p.name = $name \
                 RETURN m.released AS year, m.title AS title ORDER BY year LIMIT 2",
            )
            .param("name", "Tom Hanks")
            .columns(["title", "year"]),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("Joe Versus the Volcano".to_owned(), 1990),
            ("A League of Their Own".to_owned(), 1992)
        ]
    );
}

#[tokio::test]
async fn serialize_struct_as_a_map_parameter() {
    #[derive(Serialize)]
    struct Filter<'a> {
        name: &'a str,
        min_rating: u8,
    }
    let db = client().await;
    let titles: Vec<String> = db
        .fetch_all(
            raw::<String>(
                "MATCH (p:Person)-[r:REVIEWED]->(m:Movie) \
                 WHERE p.name = $filter.name AND r.rating >= $filter.min_rating RETURN m.title",
            )
            .param(
                "filter",
                Filter {
                    name: "Jessica Thompson",
                    min_rating: 90,
                },
            ),
        )
        .await
        .unwrap();
    let mut titles = titles;
    titles.sort();
    assert_eq!(titles, ["Cloud Atlas", "Jerry Maguire"]);
}

#[tokio::test]
async fn unsendable_parameters_fail_before_reaching_the_server() {
    let db = client().await;
    let too_big = db
        .fetch_all(raw::<i64>("RETURN $n").param("n", u64::MAX))
        .await;
    match too_big {
        Err(Error::Parameter { name, message }) => {
            assert_eq!(name, "n");
            assert!(message.contains("18446744073709551615"), "{message}");
        }
        other => panic!("expected a parameter error, got {other:?}"),
    }
    let nan = db
        .fetch_all(raw::<f64>("RETURN $x").param("x", f64::NAN))
        .await;
    assert!(
        matches!(nan, Err(Error::Parameter { ref name, .. }) if name == "x"),
        "{nan:?}"
    );
}

#[tokio::test]
async fn server_errors_carry_the_neo4j_code() {
    let db = client().await;
    let err = db
        .fetch_all(raw::<i64>("RETURN FROM WHERE"))
        .await
        .unwrap_err();
    match err {
        Error::Server { code, .. } => assert!(code.starts_with("Neo."), "{code}"),
        other => panic!("expected a server error, got {other:?}"),
    }
}

/// Odd names escaped by typher reach the server exactly as written.
#[tokio::test]
async fn escaped_names_round_trip_through_the_server() {
    let db = client().await;
    for name in [
        "first name",
        "a`b",
        "x`) DETACH DELETE n //",
        "Café",
        "日本語",
        "match",
        "1st",
        "🎬 scene",
        "back\\slash",
    ] {
        let key = typher::dsl::escape_name(name);
        let keys: Vec<String> = db
            .fetch_all(
                raw::<Vec<String>>(format!(
                    "CREATE (n:NameProbe) SET n.{key} = $v WITH n, keys(n) AS keys DELETE n RETURN keys"
                ))
                .param("v", 1),
            )
            .await
            .unwrap()
            .concat();
        assert_eq!(keys, [name], "{name} rendered as {key}");
    }
}
