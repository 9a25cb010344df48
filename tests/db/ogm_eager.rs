//! Eager loading against the real server: nested typed values, one query on the wire for
//! 100 nodes with their related nodes, and cardinality checked on what was loaded.

use super::support::{client, settings};
use serde::{Deserialize, Serialize};
use typher::ogm::Error;
use typher::prelude::*;
use typher::{raw, Client};
use typher_testkit::{FaultProxy, Message};

/// A viewer (written by these tests only).
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
}

/// A film.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Film {
    pub title: String,
}

/// A viewer watched a film.
#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[relationship(type = "WATCHED", from = Viewer, to = Film)]
pub struct Watched {}

/// A viewer made a film; a film has exactly one maker.
#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[relationship(type = "MADE", from = Viewer, to = Film, cardinality(end = One))]
pub struct Made {}

/// 100 viewers `{prefix}-v00..99`, 10 films `{prefix}-f0..9`; viewer `i` watched films
/// `i % 10`, `(i + 1) % 10` and `(i + 2) % 10`; film `j` was made by viewer `j`.
async fn load_graph(db: &Client, prefix: &str) {
    db.execute(
        raw::<()>("UNWIND range(0, 9) AS j CREATE (:Film {title: $prefix + '-f' + toString(j)})")
            .param("prefix", prefix),
    )
    .await
    .unwrap();
    db.execute(
        raw::<()>(
            "UNWIND range(0, 99) AS i \
             CREATE (v:Viewer {name: $prefix + '-v' + right('0' + toString(i), 2)}) \
             WITH v, i UNWIND [i % 10, (i + 1) % 10, (i + 2) % 10] AS j \
             MATCH (f:Film {title: $prefix + '-f' + toString(j)}) CREATE (v)-[:WATCHED]->(f)",
        )
        .param("prefix", prefix),
    )
    .await
    .unwrap();
    db.execute(
        raw::<()>(
            "UNWIND range(0, 9) AS j \
             MATCH (v:Viewer {name: $prefix + '-v0' + toString(j)}), \
                   (f:Film {title: $prefix + '-f' + toString(j)}) CREATE (v)-[:MADE]->(f)",
        )
        .param("prefix", prefix),
    )
    .await
    .unwrap();
}

fn titles(films: &[Identified<Film>]) -> Vec<&str> {
    let mut out: Vec<_> = films.iter().map(|f| f.title.as_str()).collect();
    out.sort_unstable();
    out
}

#[tokio::test]
async fn a_hundred_viewers_with_their_films_load_in_one_query() {
    let db = client().await;
    load_graph(&db, "eager").await;
    let proxy = FaultProxy::start(&settings().uri).await.unwrap();
    let through = Client::connect(proxy.settings(&settings())).await.unwrap();
    // A first query opens the connection, so only the load itself is counted below.
    through
        .fetch_one(raw::<i64>("RETURN 1 AS one"))
        .await
        .unwrap();

    let before = proxy.sent(Message::Run);
    let viewers = Viewer::nodes()
        .filter(Viewer.name.starts_with("eager-v"))
        .order_by(Viewer.name)
        .including(WATCHED)
        .all(&through)
        .await
        .unwrap();
    assert_eq!(
        proxy.sent(Message::Run) - before,
        1,
        "one query for every viewer and film"
    );

    assert_eq!(viewers.len(), 100);
    assert_eq!(viewers[0].name, "eager-v00");
    assert_eq!(
        titles(&viewers[0].related),
        ["eager-f0", "eager-f1", "eager-f2"]
    );
    assert_eq!(
        titles(&viewers[99].related),
        ["eager-f0", "eager-f1", "eager-f9"]
    );
    assert!(viewers.iter().all(|v| v.related.len() == 3));
    // The loaded films are saved entities: their ids find them again.
    let mut film = viewers[5].related[0].clone();
    film.refresh(&through).await.unwrap();
    assert_eq!(film.title, viewers[5].related[0].title);

    // Two levels: viewers, their films, each film's maker; still one query.
    let before = proxy.sent(Message::Run);
    let deep = Viewer::nodes()
        .filter(Viewer.name.eq("eager-v13"))
        .including(WATCHED.then(MADE))
        .all(&through)
        .await
        .unwrap();
    assert_eq!(proxy.sent(Message::Run) - before, 1);
    let films = &deep[0].related;
    let mut pairs: Vec<(String, Vec<String>)> = films
        .iter()
        .map(|f| {
            let makers = f.related.iter().map(|m| m.name.clone()).collect();
            (f.title.clone(), makers)
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("eager-f3".to_owned(), vec!["eager-v03".to_owned()]),
            ("eager-f4".to_owned(), vec!["eager-v04".to_owned()]),
            ("eager-f5".to_owned(), vec!["eager-v05".to_owned()]),
        ]
    );
}

#[tokio::test]
async fn a_loaded_film_without_its_one_maker_is_reported() {
    let db = client().await;
    load_graph(&db, "broken").await;
    db.execute(raw::<()>(
        "MATCH (:Viewer {name: 'broken-v04'})-[m:MADE]->(:Film {title: 'broken-f4'}) DELETE m",
    ))
    .await
    .unwrap();
    let loaded = Viewer::nodes()
        .filter(Viewer.name.eq("broken-v13"))
        .including(WATCHED.then(MADE))
        .all(&db)
        .await;
    match loaded {
        Err(Error::Cardinality {
            label: "Film",
            relationship: "MADE",
            count: 0,
            loaded: true,
            ..
        }) => {}
        other => panic!("expected the film without a maker reported, got {other:?}"),
    }
    // Viewers whose films all have their maker load fine.
    let fine = Viewer::nodes()
        .filter(Viewer.name.eq("broken-v20"))
        .including(WATCHED.then(MADE))
        .first(&db)
        .await
        .unwrap()
        .expect("viewer 20");
    assert_eq!(fine.related.len(), 3);
}
