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
