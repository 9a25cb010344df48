//! typher against raw neo4rs on the same server and the same Cypher, interleaved in one run.
//!
//! `cargo bench --bench fetch` (embedded ArcadeDB unless `NEO4J_URI` is set). Reports the
//! median of interleaved rounds for:
//! - a 100 000-row result: typher `fetch_all` vs neo4rs `execute` + `row.to` (rows/s, ratio);
//! - a 1-row query: latency of each and the ratio;
//! - decoding alone on rows already fetched: serde (what typher uses) vs hand-written
//!   matching on cloned `BoltType`s (what generated decoders could do through neo4rs' API).
//!
//! `BENCH_ROWS` and `BENCH_ROUNDS` override the sizes.

mod common;
use common::{env_number, median};

use neo4rs::{query, BoltType, Row};
use serde::Deserialize;
use std::time::{Duration, Instant};
use typher::prelude::*;
use typher::{raw, Client};

/// The benchmark's rows.
#[derive(Node, Debug, Clone, Deserialize)]
pub struct BenchRow {
    #[node(unique)]
    pub id: i64,
    pub name: String,
    pub score: f64,
}

/// The same row decoded by neo4rs from the column names (typher names each column after
/// its property key).
#[derive(Deserialize)]
struct RawRow {
    id: i64,
    name: String,
    score: f64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = env_number("BENCH_ROWS", 100_000);
    let rounds = env_number("BENCH_ROUNDS", 9);
    let (database, client, graph) = common::connect().await?;
    let settings = database.settings();

    load(&client, rows).await?;
    println!(
        "server: {}   rows: {rows}   rounds: {rounds}   fetch size: {}",
        settings.uri, settings.fetch_size
    );

    // 1. Many rows.
    let typed = match_(BenchRow).return_((BenchRow.id, BenchRow.name, BenchRow.score));
    let text = typed.to_cypher().text().to_owned();
    println!("query: {text}");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate who goes first, so neither always meets a warm or cold server.
        for turn in 0..2 {
            if (round + turn) % 2 == 0 {
                let start = Instant::now();
                let out = client.fetch_all(&typed).await?;
                ours.push(start.elapsed());
                assert_eq!(out.len(), rows);
            } else {
                let start = Instant::now();
                let mut stream = graph.execute(query(&text)).await?;
                let mut out = Vec::with_capacity(rows);
                while let Some(row) = stream.next().await? {
                    out.push(row.to::<RawRow>()?);
                }
                theirs.push(start.elapsed());
                assert_eq!(out.len(), rows);
                std::hint::black_box(
                    out.iter().map(|r| r.id + r.name.len() as i64).sum::<i64>() as f64
                        + out[0].score,
                );
            }
        }
    }
    let (ours, theirs) = (median(ours), median(theirs));
    let rate = |d: Duration| rows as f64 / d.as_secs_f64();
    println!("\n{rows}-row result (median of {rounds}):");
    println!(
        "  typher fetch_all        {:>9.0} rows/s  ({ours:?})",
        rate(ours)
    );
    println!(
        "  neo4rs execute + row.to {:>9.0} rows/s  ({theirs:?})",
        rate(theirs)
    );
    println!(
        "  ratio typher/neo4rs time: {:.3}",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );

    // 2. One row.
    let one = match_(BenchRow)
        .filter(BenchRow.id.eq(rows as i64 / 2))
        .return_(BenchRow.name);
    let one_text = one.to_cypher().text().to_owned();
    let iterations = env_number("BENCH_LATENCY_ITERATIONS", 1000);
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for i in 0..iterations * 2 {
        if i % 2 == 0 {
            let start = Instant::now();
            let name = client.fetch_one(&one).await?;
            ours.push(start.elapsed());
            std::hint::black_box(name);
        } else {
            let start = Instant::now();
            let mut stream = graph
                .execute(query(&one_text).param("p0", rows as i64 / 2))
                .await?;
            let row = stream.next().await?.ok_or("no row")?;
            let name: String = row.get("name")?;
            while stream.next().await?.is_some() {}
            theirs.push(start.elapsed());
            std::hint::black_box(name);
        }
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!("\n1-row query (median of {iterations}):");
    println!("  typher fetch_one  {ours:?}");
    println!("  neo4rs execute    {theirs:?}");
    println!(
        "  ratio typher/neo4rs latency: {:.3}",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );

    // 3. Decoding alone, on rows already in memory.
    let mut stream = graph.execute(query(&text)).await?;
    let mut fetched: Vec<Row> = Vec::with_capacity(rows);
    while let Some(row) = stream.next().await? {
        fetched.push(row);
    }
    let columns = typed.to_cypher().columns().to_vec();
    let (mut serde_times, mut manual_times) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        let decoded: Vec<(i64, String, f64)> = fetched
            .iter()
            .map(|row| {
                Ok::<_, neo4rs::DeError>((
                    row.get(&columns[0])?,
                    row.get(&columns[1])?,
                    row.get(&columns[2])?,
                ))
            })
            .collect::<Result<_, _>>()?;
        serde_times.push(start.elapsed());
        std::hint::black_box(decoded);

        let start = Instant::now();
        let decoded: Vec<(i64, String, f64)> = fetched
            .iter()
            .map(|row| {
                let id = match row.get::<BoltType>(&columns[0])? {
                    BoltType::Integer(i) => i.value,
                    _ => 0,
                };
                let name = match row.get::<BoltType>(&columns[1])? {
                    BoltType::String(s) => s.value,
                    _ => String::new(),
                };
                let score = match row.get::<BoltType>(&columns[2])? {
                    BoltType::Float(f) => f.value,
                    _ => 0.0,
                };
                Ok::<_, neo4rs::DeError>((id, name, score))
            })
            .collect::<Result<_, _>>()?;
        manual_times.push(start.elapsed());
        std::hint::black_box(decoded);
    }
    let (serde_time, manual_time) = (median(serde_times), median(manual_times));
    println!("\nDecoding {rows} fetched rows (median of {rounds}):");
    println!(
        "  serde (typher)                  {:>10.0} rows/s",
        rate(serde_time)
    );
    println!(
        "  hand-matched cloned BoltType    {:>10.0} rows/s",
        rate(manual_time)
    );
    println!(
        "  ratio serde/hand-matched time: {:.3}",
        serde_time.as_secs_f64() / manual_time.as_secs_f64()
    );

    Ok(())
}

async fn load(client: &Client, rows: usize) -> typher::Result<()> {
    client
        .execute(raw::<()>("MATCH (n:BenchRow) DETACH DELETE n"))
        .await?;
    client
        .execute(raw::<()>(
            "CREATE CONSTRAINT bench_row_id IF NOT EXISTS FOR (b:BenchRow) REQUIRE b.id IS UNIQUE",
        ))
        .await?;
    let batch = 10_000;
    for start in (0..rows).step_by(batch) {
        let end = (start + batch).min(rows);
        client
            .execute(
                raw::<()>("UNWIND range($from, $to - 1) AS i CREATE (:BenchRow {id: i, name: 'row ' + toString(i), score: i * 0.5})")
                    .param("from", start)
                    .param("to", end),
            )
            .await?;
    }
    Ok(())
}
