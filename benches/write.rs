//! Writes: one batched query against one query per node, and typher's batch against the
//! same Cypher through raw neo4rs, on the same server, interleaved in one run.
//!
//! `cargo bench --bench write` (embedded ArcadeDB unless `NEO4J_URI` is set). Reports the
//! median of interleaved rounds for creating `BENCH_NODES` nodes (10 000 by default):
//! - typher `unwind(rows(..)).create(..)` (one query) vs typher `create(..)` per node;
//! - typher's batch vs the same Cypher and parameter through neo4rs `Graph::run`.
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

async fn clear(client: &Client) -> typher::Result<()> {
    client
        .execute(match_(WriteRow).detach_delete(WriteRow))
        .await
        .map(drop)
}

async fn count(client: &Client) -> typher::Result<i64> {
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
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        for turn in 0..2 {
            let typed_first = (round + turn) % 2 == 0;
            let started = Instant::now();
            if typed_first {
                let done = client.execute(batch()).await?;
                assert_eq!(done.counters.nodes_created, nodes as u64);
                ours.push(started.elapsed());
            } else {
                // The same rows built as neo4rs values, in the timed part as typher's are.
                let list: Vec<neo4rs::BoltType> = data
                    .iter()
                    .map(|r| {
                        let mut map = neo4rs::BoltMap::new();
                        map.put("id".into(), r.id.into());
                        map.put("name".into(), r.name.clone().into());
                        map.put("score".into(), r.score.into());
                        neo4rs::BoltType::Map(map)
                    })
                    .collect();
                let list = neo4rs::BoltType::List(neo4rs::BoltList::from(list));
                graph.run(neo4rs::query(&text).param("p0", list)).await?;
                theirs.push(started.elapsed());
            }
            assert_eq!(count(&client).await?, nodes as i64);
            clear(&client).await?;
        }
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "batch of {nodes}: typher {:.1} ms, raw neo4rs {:.1} ms, ratio {:.3} (target: at most 1.05)",
        ours.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        ours.as_secs_f64() / theirs.as_secs_f64()
    );

    // 2. One query per node.
    let mut each = Vec::new();
    for _ in 0..slow_rounds {
        let started = Instant::now();
        for item in &data {
            client.execute(create(item.clone())).await?;
        }
        each.push(started.elapsed());
        assert_eq!(count(&client).await?, nodes as i64);
        clear(&client).await?;
    }
    let each = median(each);
    println!(
        "one query per node: {:.1} ms ({:.0} µs a node); the batch is {:.0}x faster (target: at least 50x)",
        each.as_secs_f64() * 1e3,
        each.as_secs_f64() * 1e6 / nodes as f64,
        each.as_secs_f64() / ours.as_secs_f64()
    );
    Ok(())
}
