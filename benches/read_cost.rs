//! Client CPU per one-row read, for callgrind: typher or raw neo4rs runs `READS` one-row
//! auto-commit reads on the embedded server (or `NEO4J_URI`) after ten to warm up.
//!
//! ```text
//! cargo bench --bench read_cost --no-run
//! valgrind --tool=callgrind target/release/deps/read_cost-* typher 100
//! valgrind --tool=callgrind target/release/deps/read_cost-* typher 600
//! ```
//! Instructions per read = (total at 600 - total at 100) / 500; the same with `neo4rs`.
//! Without valgrind it prints the mean wall time per read.
//!
//! `read_cost stream N` instead streams `N` rows (`UNWIND range(1, N)`) through typher and
//! prints the process's peak resident memory before and after (Linux `VmHWM`).

mod common;

use neo4rs::query;
use std::time::Instant;
use typher::{raw, Executor};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let who = args.next().unwrap_or_else(|| "typher".into());
    let reads: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let (_database, client, graph) = common::connect().await?;
    if who == "stream" {
        let before = peak_kib();
        let mut rows = client
            .stream(raw::<i64>("UNWIND range(1, $n) AS x RETURN x").param("n", reads as i64))
            .await?;
        let mut sum = 0i64;
        while let Some(row) = futures_util::StreamExt::next(&mut rows).await {
            sum += row?;
        }
        std::hint::black_box(sum);
        println!(
            "streamed {reads} rows: peak resident {} KiB before, {} KiB after",
            before,
            peak_kib()
        );
        return Ok(());
    }
    let started = Instant::now();
    for _ in 0..reads + 10 {
        match who.as_str() {
            "neo4rs" => {
                let mut rows = graph.execute(query("RETURN 1 AS x")).await?;
                while let Some(row) = rows.next().await? {
                    std::hint::black_box(row.get::<i64>("x")?);
                }
            }
            _ => {
                let x: i64 = client.fetch_one(raw::<i64>("RETURN 1 AS x")).await?;
                std::hint::black_box(x);
            }
        }
    }
    println!(
        "{who}: {reads} reads (+10 warm-up), {:?} per read",
        started.elapsed() / (reads as u32 + 10)
    );
    Ok(())
}

/// The process's peak resident memory in KiB (`VmHWM`), 0 where `/proc` has none.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
