//! Over a network: typher, raw neo4rs and the official Python driver through one proxy that
//! delays every byte 20 ms each way (as a user of a remote server sees it), counting the
//! Bolt messages and round trips each operation costs.
//!
//! `cargo bench --bench network` (embedded ArcadeDB unless `NEO4J_URI` is set). For each
//! operation and client it reports the median latency, the round trips and messages per
//! operation, and the latency ratio to the Python driver. Operations:
//! - `read`: a one-row auto-commit read (`RETURN 1`);
//! - `read_tx`: a managed read transaction with that one query;
//! - `write_tx`: a managed write transaction creating one node;
//! - `batch`: 10 000 nodes created by one `UNWIND` (typher's typed batch; the others
//!   auto-commit the same Cypher).
//!
//! The Python driver runs `benches/network.py` (`python3 -m pip install neo4j` is tried
//! when it is missing; without it that column is left out). `BENCH_ROUNDS` (15) and
//! `BENCH_DELAY_MS` (20) override the sizes.

mod common;
use common::{env_number, median, neo4rs_graph};

use neo4rs::{query, Graph};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use typher::prelude::*;
use typher::{raw, Client, Settings};
use typher_testkit::{FaultProxy, Traffic};

/// The batch's nodes.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct NetRow {
    pub id: i64,
    pub name: String,
    pub score: f64,
}

const OPS: [&str; 4] = ["read", "read_tx", "write_tx", "batch"];

/// One client's result for one operation.
struct Measured {
    latency: Duration,
    round_trips: f64,
    messages: f64,
}

fn per_op(traffic: Traffic, rounds: usize) -> (f64, f64) {
    (
        traffic.round_trips as f64 / rounds as f64,
        traffic.messages as f64 / rounds as f64,
    )
}

async fn typher_op(client: &Client, op: &str, batch: &[NetRow]) -> typher::exec::Result<()> {
    match op {
        "read" => client
            .fetch_one(raw::<i64>("RETURN 1 AS x"))
            .await
            .map(drop),
        "read_tx" => client
            .read(async |tx| tx.fetch_one(raw::<i64>("RETURN 1 AS x")).await)
            .await
            .map(drop),
        "write_tx" => {
            client
                .write(async |tx| {
                    tx.execute(raw::<()>("CREATE (n:NetRow {id: -1})"))
                        .await
                        .map(drop)
                })
                .await
        }
        _ => {
            let row = name!(row: NetRow);
            client
                .execute(unwind(rows(batch), row).create(NetRow.value(row)))
                .await
                .map(drop)
        }
    }
}

async fn neo4rs_op(graph: &Graph, op: &str, batch: &neo4rs::BoltType) -> Result<(), neo4rs::Error> {
    match op {
        "read" => {
            let mut rows = graph.execute(query("RETURN 1 AS x")).await?;
            while rows.next().await?.is_some() {}
            Ok(())
        }
        "read_tx" => {
            let mut txn = graph.start_txn().await?;
            let mut rows = txn.execute(query("RETURN 1 AS x")).await?;
            while rows.next(txn.handle()).await?.is_some() {}
            txn.commit().await.map(drop)
        }
        "write_tx" => {
            let mut txn = graph.start_txn().await?;
            txn.run(query("CREATE (n:NetRow {id: -1})")).await?;
            txn.commit().await.map(drop)
        }
        _ => graph
            .run(
                query("UNWIND $rows AS row CREATE (n:NetRow) SET n = row")
                    .param("rows", batch.clone()),
            )
            .await
            .map(drop),
    }
}

/// Times `rounds` runs of `op`, after one to warm up, counting the proxy's traffic.
async fn measure<F, Fut>(proxy: &FaultProxy, rounds: usize, mut op: F) -> Measured
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    op().await;
    proxy.reset_traffic();
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        op().await;
        samples.push(started.elapsed());
    }
    let (round_trips, messages) = per_op(proxy.traffic(), rounds);
    Measured {
        latency: median(samples),
        round_trips,
        messages,
    }
}

/// Whether `python3` can import the official driver, installing it once if not.
fn python_driver() -> bool {
    let importable = || {
        Command::new("python3")
            .args(["-c", "import neo4j"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if importable() {
        return true;
    }
    eprintln!("installing the official Python driver (python3 -m pip install neo4j)");
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "neo4j"])
        .status();
    importable()
}

/// The Python driver's run of `op` through the proxy; `None` if it fails.
fn python_op(proxy: &FaultProxy, settings: &Settings, op: &str, rounds: usize) -> Option<Measured> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/network.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(format!("bolt://{}", proxy.address()))
        .args([&settings.user, &settings.password, &settings.database, op])
        .arg(rounds.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut lines = BufReader::new(child.stdout.take()?).lines();
    if lines.next()?.ok()? != "ready" {
        return None;
    }
    proxy.reset_traffic();
    writeln!(child.stdin.take()?, "go").ok()?;
    let mut samples = Vec::new();
    for line in lines {
        let line = line.ok()?;
        if line == "done" {
            break;
        }
        samples.push(Duration::from_secs_f64(line.parse().ok()?));
    }
    let (round_trips, messages) = per_op(proxy.traffic(), rounds);
    let _ = child.wait();
    (samples.len() == rounds).then(|| Measured {
        latency: median(samples),
        round_trips,
        messages,
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds = env_number("BENCH_ROUNDS", 15);
    let delay = Duration::from_millis(env_number("BENCH_DELAY_MS", 20) as u64);
    let (database, direct, _) = common::connect().await?;
    let settings = database.settings();
    let proxy = FaultProxy::start(&settings.uri).await?;
    proxy.delay(delay);
    let through = proxy.settings(&settings);
    let client = Client::connect(through.clone()).await?;
    let graph = neo4rs_graph(&through)?;
    let python = python_driver();
    let batch: Vec<NetRow> = (0..10_000)
        .map(|i| NetRow {
            id: i,
            name: format!("n{i}"),
            score: i as f64 / 2.0,
        })
        .collect();
    let bolt_batch = neo4rs::BoltType::List(neo4rs::BoltList {
        value: batch
            .iter()
            .map(|r| {
                let mut map = neo4rs::BoltMap::new();
                map.put("id".into(), r.id.into());
                map.put("name".into(), r.name.as_str().into());
                map.put("score".into(), r.score.into());
                neo4rs::BoltType::Map(map)
            })
            .collect(),
    });

    println!(
        "server: {}   delay: {} ms each way   rounds: {rounds}   python driver: {}",
        settings.uri,
        delay.as_millis(),
        if python { "yes" } else { "not installed" }
    );
    println!(
        "\n{:<9} {:<7} {:>10} {:>12} {:>9} {:>10}",
        "op", "client", "median ms", "round trips", "messages", "vs python"
    );
    for op in OPS {
        let rounds = if op == "batch" { rounds.min(5) } else { rounds };
        let ours = measure(&proxy, rounds, || async {
            typher_op(&client, op, &batch).await.expect("typher");
        })
        .await;
        let theirs = measure(&proxy, rounds, || async {
            neo4rs_op(&graph, op, &bolt_batch).await.expect("neo4rs");
        })
        .await;
        let py = if python {
            python_op(&proxy, &settings, op, rounds)
        } else {
            None
        };
        let base = py.as_ref().map(|p| p.latency.as_secs_f64());
        for (name, m) in [
            ("typher", Some(&ours)),
            ("neo4rs", Some(&theirs)),
            ("python", py.as_ref()),
        ] {
            let Some(m) = m else { continue };
            let ratio = base.map_or("-".to_owned(), |b| {
                format!("{:.2}", m.latency.as_secs_f64() / b)
            });
            println!(
                "{op:<9} {name:<7} {:>10.1} {:>12.1} {:>9.1} {:>10}",
                m.latency.as_secs_f64() * 1000.0,
                m.round_trips,
                m.messages,
                ratio
            );
        }
    }
    direct.execute(match_(NetRow).detach_delete(NetRow)).await?;
    Ok(())
}
