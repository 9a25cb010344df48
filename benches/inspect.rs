//! `typher inspect` on a generated graph: `BENCH_INSPECT_NODES` nodes (100 000 by default) in
//! five labels and `BENCH_INSPECT_RELS` relationships (500 000) in five types, with integer,
//! float, boolean, date, string and sometimes-missing properties.
//!
//! `cargo bench --bench inspect` (embedded ArcadeDB unless `NEO4J_URI` is set). Reports the
//! median of `BENCH_ROUNDS` (3) inspections at the default sample (1 000), at 10 000 and at
//! 1 000 000 (every node and relationship),
//! against the target of 10 s. There is no raw-neo4rs side: the work is the server's, and
//! typher's own share is the decoding of a few hundred summary rows.

mod common;
use common::{env_number, median};
use typher::Executor;

use std::time::{Duration, Instant};
use typher::schema_tools::{inspect, InspectOptions};
use typher::{raw, Client};

const LABELS: [&str; 5] = ["InsUser", "InsPost", "InsTag", "InsGroup", "InsPlace"];
const TYPES: [(&str, usize, usize); 5] = [
    ("INS_WROTE", 0, 1),
    ("INS_TAGGED", 1, 2),
    ("INS_MEMBER_OF", 0, 3),
    ("INS_LIVES_IN", 0, 4),
    ("INS_FOLLOWS", 0, 0),
];

async fn clear(client: &Client) -> typher::Result<()> {
    for label in LABELS {
        loop {
            let deleted: i64 = client
                .fetch_one(raw::<i64>(format!(
                    "MATCH (n:{label}) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS c"
                )))
                .await?;
            if deleted == 0 {
                break;
            }
        }
    }
    Ok(())
}

async fn generate(client: &Client, nodes: usize, rels: usize) -> typher::Result<()> {
    let per_label = (nodes / LABELS.len()) as i64;
    for label in LABELS {
        client
            .execute(raw::<()>(format!(
                "CREATE INDEX {label}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"
            )))
            .await?;
        let mut from = 0;
        while from < per_label {
            let to = (from + 10_000).min(per_label) - 1;
            client
                .execute(
                    raw::<()>(format!(
                        "UNWIND range($from, $to) AS i CREATE (:{label} {{id: i, \
                         name: 'n' + toString(i), score: toFloat(i) / 3.0, active: i % 2 = 0, \
                         since: date('2020-01-01') + duration({{days: i % 1000}}), \
                         nick: CASE WHEN i % 3 = 0 THEN 'x' + toString(i) END, \
                         tags: ['a', 'b']}})"
                    ))
                    .param("from", from)
                    .param("to", to),
                )
                .await?;
            from = to + 1;
        }
    }
    let per_type = (rels / TYPES.len()) as i64;
    for (ty, start, end) in TYPES {
        let (a, b) = (LABELS[start], LABELS[end]);
        let mut from = 0;
        while from < per_type {
            let to = (from + 20_000).min(per_type) - 1;
            client
                .execute(
                    raw::<()>(format!(
                        "UNWIND range($from, $to) AS i \
                         MATCH (a:{a} {{id: i % $n}}), (b:{b} {{id: (i * 7 + 3) % $n}}) \
                         CREATE (a)-[:{ty} {{weight: i % 10, at: i}}]->(b)"
                    ))
                    .param("from", from)
                    .param("to", to)
                    .param("n", per_label),
                )
                .await?;
            from = to + 1;
        }
    }
    for label in LABELS {
        client
            .execute(raw::<()>(format!("DROP INDEX {label}_id IF EXISTS")))
            .await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let nodes = env_number("BENCH_INSPECT_NODES", 100_000);
    let rels = env_number("BENCH_INSPECT_RELS", 500_000);
    let rounds = env_number("BENCH_ROUNDS", 3);
    let (database, client, _graph) = common::connect().await?;
    clear(&client).await?;
    let started = Instant::now();
    generate(&client, nodes, rels).await?;
    println!(
        "generated {nodes} nodes and {rels} relationships in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for sample in [1_000, 10_000, 1_000_000] {
        let mut times: Vec<Duration> = Vec::new();
        let mut found = None;
        for _ in 0..rounds {
            let started = Instant::now();
            let options = InspectOptions {
                sample,
                relationship_properties: true,
            };
            found = Some(inspect(&client, options, |_| {}).await?);
            times.push(started.elapsed());
        }
        let found = found.expect("at least one round");
        let median = median(times);
        println!(
            "inspect, sample {sample}: median {:.3} s over {rounds} rounds ({} labels, {} types; \
             target < 10 s: {})",
            median.as_secs_f64(),
            found.nodes.len(),
            found.relationships.len(),
            if median < Duration::from_secs(10) {
                "met"
            } else {
                "MISSED"
            }
        );
    }
    clear(&client).await?;
    drop(database);
    Ok(())
}
