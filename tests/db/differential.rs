//! The same queries through typher's own Bolt client and through raw neo4rs (the reference
//! client), rows compared value by value.

use super::support::{client, settings};
use futures_util::TryStreamExt;
use serde_json::Value as Json;
use typher::{raw, Executor};

/// Queries whose rows both clients read into JSON the same way: scalars, lists, maps,
/// nodes and relationships (as their properties), temporal values.
const QUERIES: &[&str] = &[
    "RETURN 1 AS i, -129 AS j, 9223372036854775807 AS big, 2.5 AS f, true AS b, null AS n",
    "RETURN 'text' AS s, '' AS empty, 'ünïcødé ✓' AS u",
    "RETURN [1, 2, 3] AS l, [] AS e, ['a', null] AS mixed, {k: 1, m: {n: [true]}} AS m",
    "UNWIND range(1, 1200) AS x RETURN x, x * 2 AS y",
    "MATCH (m:Movie) RETURN m ORDER BY m.title",
    "MATCH (p:Person)-[r:ACTED_IN]->(m:Movie) RETURN r, p.name AS name ORDER BY name, m.title",
    "RETURN date('2024-02-29') AS d, localdatetime('2024-02-29T12:34:56.789') AS ldt",
    "RETURN datetime('2024-02-29T12:34:56.5+02:00') AS dt",
];

async fn neo4rs_rows(graph: &neo4rs::Graph, query: &str) -> Vec<Json> {
    let mut stream = graph.execute(neo4rs::query(query)).await.unwrap();
    let mut rows = Vec::new();
    while let Some(row) = stream.next().await.unwrap() {
        rows.push(row.to::<Json>().unwrap());
    }
    rows
}

#[tokio::test]
async fn rows_read_the_same_through_both_clients() {
    let db = client().await;
    let s = settings();
    let graph = neo4rs::Graph::connect(
        neo4rs::ConfigBuilder::new()
            .uri(s.uri.as_str())
            .user(s.user.as_str())
            .password(s.password.as_str())
            .db(s.database.as_str())
            .build()
            .unwrap(),
    )
    .unwrap();
    for &query in QUERIES {
        let ours: Vec<Json> = db
            .stream(raw::<Json>(query))
            .await
            .unwrap()
            .try_collect()
            .await
            .unwrap();
        let theirs = neo4rs_rows(&graph, query).await;
        assert!(!ours.is_empty(), "{query}");
        assert_eq!(ours, theirs, "{query}");
    }
}
