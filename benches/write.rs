//! Writes: one batched query against one query per node, and typher against the same
//! Cypher through raw neo4rs, on the same server, interleaved in one run.
//!
//! `cargo bench --bench write` (embedded ArcadeDB unless `NEO4J_URI` is set). Reports the
//! median of interleaved rounds for creating `BENCH_NODES` nodes (10 000 by default):
//! - typher's batch, `unwind(rows(..)).create(..)`, which runs in one explicit transaction
//!   (atomic), vs the same Cypher and parameter through neo4rs in an explicit transaction
//!   (like for like) and through neo4rs `Graph::run` (auto-commit);
//! - typher `create(..)` per node vs the same through neo4rs `Graph::run`, and the batch
//!   vs the per-node loop.
//!
//! `BENCH_NODES` and `BENCH_ROUNDS` override the sizes; the per-node loop runs
//! `BENCH_SLOW_ROUNDS` times (3 by default), since each round sends `BENCH_NODES` queries.

mod common;
use common::{env_number, median};

use serde::{Deserialize, Serialize};
use std::time::Instant;
use typher::prelude::*;
use typher::Client;

/// The benchmark's nodes.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct WriteRow {
    pub id: i64,
    pub name: String,
    pub score: f64,
}

async fn clear(client: &Client) -> typher::exec::Result<()> {
    client
        .execute(match_(WriteRow).detach_delete(WriteRow))
        .await
        .map(drop)
}

async fn count(client: &Client) -> typher::exec::Result<i64> {
    client
        .fetch_one(match_(WriteRow).return_(count_all()))
        .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let nodes = env_number("BENCH_NODES", 10_000);
    let rounds = env_number("BENCH_ROUNDS", 7);
    let slow_rounds = env_number("BENCH_SLOW_ROUNDS", 3);
    let (database, client, graph) = common::connect().await?;
    let settings = database.settings();
    let data: Vec<WriteRow> = (0..nodes as i64)
        .map(|id| WriteRow {
            id,
            name: format!("node {id}"),
            score: id as f64 / 3.0,
        })
        .collect();
    let row = name!(row);
    let batch = || unwind(rows(&data), row).create(WriteRow.value(row));
    let text = batch().to_cypher().text().to_owned();
    println!(
        "server: {}   nodes: {nodes}   rounds: {rounds}",
        settings.uri
    );
    println!("batch query: {text}");
    clear(&client).await?;

    // 1. typher's batch against raw neo4rs running the same Cypher with the same parameter.
    let neo4rs_rows = || {
        let list: Vec<neo4rs::BoltType> = data.iter().map(bolt_row).collect();
        neo4rs::BoltType::List(neo4rs::BoltList::from(list))
    };
    let (mut ours, mut theirs_txn, mut theirs_auto) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        for turn in 0..3 {
            let started = Instant::now();
            // The neo4rs rows are built in the timed part, as typher's are.
            match (round + turn) % 3 {
                0 => {
                    let done = client.execute(batch()).await?;
                    assert_eq!(done.counters.nodes_created, nodes as u64);
                    ours.push(started.elapsed());
                }
                1 => {
                    let mut txn = graph.start_txn().await?;
                    txn.run(neo4rs::query(&text).param("p0", neo4rs_rows()))
                        .await?;
                    txn.commit().await?;
                    theirs_txn.push(started.elapsed());
                }
                _ => {
                    graph
                        .run(neo4rs::query(&text).param("p0", neo4rs_rows()))
                        .await?;
                    theirs_auto.push(started.elapsed());
                }
            }
            assert_eq!(count(&client).await?, nodes as i64);
            clear(&client).await?;
        }
    }
    let (ours, theirs_txn, theirs_auto) = (median(ours), median(theirs_txn), median(theirs_auto));
    println!(
        "batch of {nodes}: typher {:.1} ms; raw neo4rs in a transaction {:.1} ms (ratio {:.3}, \
         target: at most 1.05); raw neo4rs auto-commit {:.1} ms (ratio {:.3})",
        ms(ours),
        ms(theirs_txn),
        ours.as_secs_f64() / theirs_txn.as_secs_f64(),
        ms(theirs_auto),
        ours.as_secs_f64() / theirs_auto.as_secs_f64(),
    );

    // 2. One query per node, typher and raw neo4rs taking turns.
    let (mut each, mut each_raw) = (Vec::new(), Vec::new());
    let node_query = create_node_query(&data[0]);
    for round in 0..slow_rounds * 2 {
        let started = Instant::now();
        if round % 2 == 0 {
            for item in &data {
                client.execute(create(item.clone())).await?;
            }
            each.push(started.elapsed());
        } else {
            for item in &data {
                graph
                    .run(neo4rs::query(&node_query).param("p0", bolt_row(item)))
                    .await?;
            }
            each_raw.push(started.elapsed());
        }
        assert_eq!(count(&client).await?, nodes as i64);
        clear(&client).await?;
    }
    let (each, each_raw) = (median(each), median(each_raw));
    let per_node = |d: std::time::Duration| d.as_secs_f64() * 1e6 / nodes as f64;
    println!(
        "one query per node: typher {:.1} ms ({:.0} µs a node), raw neo4rs {:.1} ms ({:.0} µs a node)",
        ms(each),
        per_node(each),
        ms(each_raw),
        per_node(each_raw),
    );
    println!(
        "the batch is {:.0}x faster than typher per node (target: at least 50x), {:.0}x than raw neo4rs per node",
        each.as_secs_f64() / ours.as_secs_f64(),
        each_raw.as_secs_f64() / ours.as_secs_f64(),
    );
    Ok(())
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One row as neo4rs values, built field by field as a raw neo4rs user would.
fn bolt_row(r: &WriteRow) -> neo4rs::BoltType {
    let mut map = neo4rs::BoltMap::new();
    map.put("id".into(), r.id.into());
    map.put("name".into(), r.name.clone().into());
    map.put("score".into(), r.score.into());
    neo4rs::BoltType::Map(map)
}

/// The Cypher typher sends for one node, so raw neo4rs runs the very same text.
fn create_node_query(sample: &WriteRow) -> String {
    let text = create(sample.clone()).to_cypher().text().to_owned();
    assert_eq!(text, "CREATE (write_row:WriteRow $p0)");
    text
}
