//! The OGM against raw neo4rs on the same server and the same Cypher, interleaved in one run.
//!
//! `cargo bench --bench ogm` (embedded ArcadeDB unless `NEO4J_URI` is set). Reports medians:
//! - hydrating `BENCH_ENTITIES` nodes (100 000 by default) as `Identified<T>` through
//!   `T::nodes().all(..)` vs the same query through neo4rs `execute` + `row.get` into an
//!   equivalent struct (target: within 1.1x);
//! - `create_many` of `BENCH_NODES` entities (10 000 by default) vs one `create` per entity
//!   (target: at least 50x);
//! - eager loading `BENCH_PERSONS` persons (1 000) with their movies (5 each, of 200)
//!   through `nodes().including(..)` vs the same query through neo4rs into equivalent
//!   structs (target: within 1.2x).
//!
//! `BENCH_ROUNDS` (5) and `BENCH_SLOW_ROUNDS` (1) set the rounds.

mod common;
use common::{env_number, median};

use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use typher::prelude::*;
use typher::Client;

/// The benchmark's entities.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct OgmRow {
    pub id: i64,
    pub name: String,
    pub score: f64,
}

/// What raw neo4rs decodes the same column into.
#[derive(Deserialize)]
struct RawSaved {
    #[allow(dead_code)]
    element_id: String,
    #[allow(dead_code)]
    labels: Vec<String>,
    data: OgmRow,
}

/// A person of the eager-loading case.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct OgmPerson {
    pub name: String,
    pub born: i64,
}

/// A movie of the eager-loading case.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct OgmMovie {
    pub title: String,
    pub released: i64,
}

/// A person acted in a movie.
#[derive(Relationship, Debug, Clone, Serialize, Deserialize)]
#[relationship(type = "OGM_ACTED_IN", from = OgmPerson, to = OgmMovie)]
pub struct OgmActedIn {}

/// What raw neo4rs decodes a node with its identity into.
#[derive(Deserialize)]
struct RawNode<T> {
    #[allow(dead_code)]
    element_id: String,
    #[allow(dead_code)]
    labels: Vec<String>,
    data: T,
}

/// What raw neo4rs decodes a person with their movies into.
#[derive(Deserialize)]
struct RawLoaded {
    node: RawNode<OgmPerson>,
    related: Vec<RawNode<OgmMovie>>,
}

fn rows(from: i64, count: usize) -> Vec<OgmRow> {
    (from..from + count as i64)
        .map(|id| OgmRow {
            id,
            name: format!("entity {id}"),
            score: id as f64 / 7.0,
        })
        .collect()
}

async fn clear(client: &Client) -> typher::exec::Result<()> {
    client
        .execute(match_(OgmRow).detach_delete(OgmRow))
        .await
        .map(drop)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let entities = env_number("BENCH_ENTITIES", 100_000);
    let nodes = env_number("BENCH_NODES", 10_000);
    let rounds = env_number("BENCH_ROUNDS", 5);
    let slow_rounds = env_number("BENCH_SLOW_ROUNDS", 1);
    let (database, client, graph) = common::connect().await?;
    println!(
        "server: {}   entities: {entities}   nodes: {nodes}   rounds: {rounds}",
        database.settings().uri
    );
    clear(&client).await?;

    // 1. Hydration.
    for start in (0..entities).step_by(10_000) {
        let count = 10_000.min(entities - start);
        OgmRow::create_many(&client, rows(start as i64, count)).await?;
    }
    let set = OgmRow::nodes();
    let text = set.query().to_cypher().text().to_owned();
    let column = set.query().to_cypher().columns()[0].clone();
    println!("hydration query: {text}");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        for turn in 0..2 {
            let started = Instant::now();
            if (round + turn) % 2 == 0 {
                let all = set.all(&client).await?;
                assert_eq!(all.len(), entities);
                ours.push(started.elapsed());
            } else {
                let mut result = graph.execute(neo4rs::query(&text)).await?;
                let mut all = Vec::new();
                while let Some(row) = result.next().await? {
                    all.push(row.get::<RawSaved>(&column)?);
                }
                assert_eq!(all.len(), entities);
                assert!(all.iter().all(|r| !r.data.name.is_empty()));
                theirs.push(started.elapsed());
            }
        }
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "hydrating {entities} entities: typher {:.1} ms, raw neo4rs {:.1} ms, ratio {:.3} (target: at most 1.1)",
        ms(ours),
        ms(theirs),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    clear(&client).await?;

    // 2. create_many against one create per entity.
    let batch = rows(0, nodes);
    let mut many = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let saved = OgmRow::create_many(&client, batch.clone()).await?;
        many.push(started.elapsed());
        assert_eq!(saved.len(), nodes);
        clear(&client).await?;
    }
    let mut each = Vec::new();
    for _ in 0..slow_rounds {
        let started = Instant::now();
        for row in batch.clone() {
            row.create(&client).await?;
        }
        each.push(started.elapsed());
        clear(&client).await?;
    }
    let (many, each) = (median(many), median(each));
    println!(
        "creating {nodes} entities: create_many {:.1} ms, one create each {:.1} ms ({:.0} µs an entity); create_many is {:.0}x faster (target: at least 50x)",
        ms(many),
        ms(each),
        each.as_secs_f64() * 1e6 / nodes as f64,
        each.as_secs_f64() / many.as_secs_f64()
    );

    // 3. Eager loading against the same query through raw neo4rs.
    let persons = env_number("BENCH_PERSONS", 1_000);
    eager(&client, &graph, persons, rounds).await?;
    Ok(())
}

async fn clear_eager(client: &Client) -> typher::Result<()> {
    client
        .execute(match_(OgmPerson).detach_delete(OgmPerson))
        .await?;
    client
        .execute(match_(OgmMovie).detach_delete(OgmMovie))
        .await?;
    Ok(())
}

async fn eager(
    client: &Client,
    graph: &neo4rs::Graph,
    persons: usize,
    rounds: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    clear_eager(client).await?;
    let people = (0..persons as i64)
        .map(|i| OgmPerson {
            name: format!("person {i:05}"),
            born: 1940 + i % 60,
        })
        .collect();
    OgmPerson::create_many(client, people).await?;
    let movies = (0..200)
        .map(|i| OgmMovie {
            title: format!("movie {i:03}"),
            released: 1950 + i % 70,
        })
        .collect();
    OgmMovie::create_many(client, movies).await?;
    client
        .execute(typher::raw::<()>(
            "MATCH (p:OgmPerson) WITH p, toInteger(substring(p.name, 7)) AS i \
             UNWIND range(0, 4) AS k \
             MATCH (m:OgmMovie {title: 'movie ' + right('00' + toString((i * 7 + k * 31) % 200), 3)}) \
             CREATE (p)-[:OGM_ACTED_IN]->(m)",
        ))
        .await?;
    let loading = OgmPerson::nodes().including(OGM_ACTED_IN);
    let text = loading.query().to_cypher().text().to_owned();
    let column = loading.query().to_cypher().columns()[0].clone();
    println!("eager query: {text}");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..rounds.max(3) * 2 {
        for turn in 0..2 {
            let started = Instant::now();
            if (round + turn) % 2 == 0 {
                let all = loading.all(client).await?;
                assert_eq!(all.len(), persons);
                assert!(all.iter().all(|p| p.related.len() == 5));
                ours.push(started.elapsed());
            } else {
                let mut result = graph.execute(neo4rs::query(&text)).await?;
                let mut all = Vec::new();
                while let Some(row) = result.next().await? {
                    all.push(row.get::<RawLoaded>(&column)?);
                }
                assert_eq!(all.len(), persons);
                assert!(all
                    .iter()
                    .all(|p| p.related.len() == 5 && !p.node.data.name.is_empty()));
                assert!(all
                    .iter()
                    .all(|p| p.related.iter().all(|m| m.data.released > 0)));
                theirs.push(started.elapsed());
            }
        }
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "eager loading {persons} persons with their movies (one query): typher {:.1} ms, raw neo4rs {:.1} ms, ratio {:.3} (target: at most 1.2)",
        ms(ours),
        ms(theirs),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    clear_eager(client).await?;
    Ok(())
}
