//! The OGM's relationship managers against the real server: reads, writes, cardinality
//! kept by the writing query (also between concurrent writers), and broken rules reported
//! on load.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::ogm::Error;
use typher::prelude::*;
use typher::schema::Cardinality;
use typher::{raw, Client};

/// A crew member (written by these tests only; each test uses its own name prefix).
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crew {
    #[node(unique)]
    pub name: String,
}

/// A ship.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ship {
    #[node(unique)]
    pub name: String,
}

/// A crew member serves on at most one ship; a ship has one or more crew.
#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[relationship(
    type = "SERVES_ON",
    from = Crew,
    to = Ship,
    cardinality(start = ZeroOrOne, end = OneOrMore)
)]
pub struct ServesOn {
    pub rank: String,
}

/// A crew member trusts another, with no rule.
#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[relationship(type = "TRUSTS", from = Crew, to = Crew)]
pub struct Trusts {
    pub since: i64,
}

fn rank(rank: &str) -> ServesOn {
    ServesOn { rank: rank.into() }
}

async fn crew(db: &Client, names: &[&str]) -> Vec<Identified<Crew>> {
    let values = names.iter().map(|n| Crew { name: (*n).into() }).collect();
    Crew::create_many(db, values).await.unwrap()
}

async fn ships(db: &Client, names: &[&str]) -> Vec<Identified<Ship>> {
    let values = names.iter().map(|n| Ship { name: (*n).into() }).collect();
    Ship::create_many(db, values).await.unwrap()
}

/// How many `SERVES_ON` relationships the node named `name` has, counted in plain Cypher.
async fn serves(db: &Client, name: &str) -> i64 {
    db.fetch_one(
        raw::<i64>("MATCH (n {name: $name})-[r:SERVES_ON]-() RETURN count(r) AS n")
            .param("name", name),
    )
    .await
    .unwrap()
}

fn assert_refused(result: Result<impl std::fmt::Debug, Error>, label: &str, count: u64) {
    match result {
        Err(Error::Cardinality {
            label: l,
            count: c,
            loaded: false,
            relationship: "SERVES_ON",
            ..
        }) if l == label && c == count => {}
        other => panic!("expected a refused write at `{label}` ({count}), got {other:?}"),
    }
}

#[tokio::test]
async fn relationships_are_read_connected_and_disconnected() {
    let db = client().await;
    let people = crew(&db, &["rel-read-a", "rel-read-b", "rel-read-c"]).await;
    let (a, b, c) = (&people[0], &people[1], &people[2]);
    a.related(TRUSTS)
        .connect(&db, b, Trusts { since: 2001 })
        .await
        .unwrap();
    a.related(TRUSTS)
        .connect(&db, c, Trusts { since: 2002 })
        .await
        .unwrap();
    c.related(TRUSTS)
        .connect(&db, b, Trusts { since: 2003 })
        .await
        .unwrap();

    let trusted = a
        .related(TRUSTS)
        .order_by(Crew.name)
        .all(&db)
        .await
        .unwrap();
    let names: Vec<_> = trusted.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["rel-read-b", "rel-read-c"]);
    let trusting_b = b
        .incoming(TRUSTS)
        .order_by(Crew.name)
        .all(&db)
        .await
        .unwrap();
    let names: Vec<_> = trusting_b.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["rel-read-a", "rel-read-c"]);

    let with_props = a
        .related(TRUSTS)
        .order_by(Crew.name)
        .relationships(&db)
        .await
        .unwrap();
    let since: Vec<_> = with_props
        .iter()
        .map(|(r, p)| (r.since, p.name.as_str()))
        .collect();
    assert_eq!(since, [(2001, "rel-read-b"), (2002, "rel-read-c")]);
    assert_eq!(with_props[0].0.labels, ["TRUSTS"]);

    assert!(a.related(TRUSTS).is_connected(&db, b).await.unwrap());
    assert!(!b.related(TRUSTS).is_connected(&db, a).await.unwrap());
    let filtered = a.related(TRUSTS).filter(Crew.name.ends_with("-c"));
    assert_eq!(filtered.count(&db).await.unwrap(), 1);

    assert_eq!(a.related(TRUSTS).disconnect(&db, b).await.unwrap(), 1);
    assert_eq!(a.related(TRUSTS).disconnect(&db, b).await.unwrap(), 0);
    assert_eq!(a.related(TRUSTS).count(&db).await.unwrap(), 1);
    assert_eq!(a.related(TRUSTS).disconnect_all(&db).await.unwrap(), 1);
    assert_eq!(a.related(TRUSTS).count(&db).await.unwrap(), 0);
    // The other member's relationship is untouched.
    assert_eq!(b.incoming(TRUSTS).count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_write_that_breaks_the_cardinality_is_refused_and_writes_nothing() {
    let db = client().await;
    let people = crew(&db, &["card-ann", "card-bob", "card-cid"]).await;
    let (ann, bob, cid) = (&people[0], &people[1], &people[2]);
    let fleet = ships(&db, &["card-one", "card-two"]).await;
    let (one, two) = (&fleet[0], &fleet[1]);

    ann.related(SERVES_ON)
        .connect(&db, one, rank("captain"))
        .await
        .unwrap();
    // At most one ship per crew member: a second is refused, and nothing is written.
    assert_refused(
        ann.related(SERVES_ON).connect(&db, two, rank("cook")).await,
        "Crew",
        2,
    );
    assert_eq!(serves(&db, "card-ann").await, 1);
    assert_eq!(serves(&db, "card-two").await, 0);

    // Replacing moves her in one query, but not while she is the ship's only crew.
    assert_refused(
        ann.related(SERVES_ON)
            .replace(&db, two, rank("pilot"))
            .await,
        "Ship",
        0,
    );
    assert_eq!(serves(&db, "card-one").await, 1);
    bob.related(SERVES_ON)
        .connect(&db, one, rank("cook"))
        .await
        .unwrap();
    ann.related(SERVES_ON)
        .replace(&db, two, rank("pilot"))
        .await
        .unwrap();
    let on = ann.related(SERVES_ON).relationships(&db).await.unwrap();
    assert_eq!(on.len(), 1);
    assert_eq!(
        (on[0].0.rank.as_str(), on[0].1.name.as_str()),
        ("pilot", "card-two")
    );

    // A ship keeps at least one crew member: her leaving alone is refused.
    assert_refused(ann.related(SERVES_ON).disconnect(&db, two).await, "Ship", 0);
    assert_refused(two.related(SERVES_ON).disconnect_all(&db).await, "Ship", 0);
    assert_refused(ann.related(SERVES_ON).disconnect_all(&db).await, "Ship", 0);
    assert_eq!(serves(&db, "card-two").await, 1);
    // With Cid aboard she may leave.
    cid.related(SERVES_ON)
        .connect(&db, two, rank("cook"))
        .await
        .unwrap();
    assert_eq!(
        ann.related(SERVES_ON).disconnect(&db, two).await.unwrap(),
        1
    );
    assert_eq!(two.related(SERVES_ON).all(&db).await.unwrap().len(), 1);
    // The lock is a hidden counter of the bounded writes a node has seen: the ship keeps
    // one, and sampling the label (what `inspect` and `diff` read) leaves it out.
    let locks = raw::<i64>("MATCH (n:Ship {name: $name}) RETURN n.__typher_lock AS n")
        .param("name", "card-two");
    assert!(db.fetch_one(locks).await.unwrap() >= 1);
    let sampled =
        typher::schema_tools::sample(&db, typher::schema_tools::ElementKind::Node, "Ship", 1000)
            .await
            .unwrap();
    assert!(
        sampled.properties.iter().all(|p| p.key == "name"),
        "{sampled:?}"
    );

    // A gone node is reported as such.
    let gone = typher::schema::Identified {
        element_id: "#0:999999999".into(),
        labels: Vec::new(),
        data: Ship {
            name: "card-gone".into(),
        },
    };
    let missing = ann.related(SERVES_ON).connect(&db, &gone, rank("x")).await;
    assert!(
        matches!(missing, Err(Error::NotFound { label: "Ship" })),
        "{missing:?}"
    );
}

#[tokio::test]
async fn stored_relationships_that_break_the_rule_are_reported_on_load() {
    let db = client().await;
    db.execute(raw::<()>(
        "CREATE (c:Crew {name: 'load-cat'}), (:Ship {name: 'load-x'})<-[:SERVES_ON {rank: 'a'}]-(c), \
         (:Ship {name: 'load-y'})<-[:SERVES_ON {rank: 'b'}]-(c), (:Ship {name: 'load-empty'})",
    ))
    .await
    .unwrap();
    let cat = Crew::nodes()
        .filter(Crew.name.eq("load-cat"))
        .get(&db)
        .await
        .unwrap();
    match cat.related(SERVES_ON).all(&db).await {
        Err(Error::Cardinality {
            label: "Crew",
            count: 2,
            rule: Cardinality::ZeroOrOne,
            loaded: true,
            ..
        }) => {}
        other => panic!("expected a broken rule, got {other:?}"),
    }
    let empty = Ship::nodes()
        .filter(Ship.name.eq("load-empty"))
        .get(&db)
        .await
        .unwrap();
    let error = empty.related(SERVES_ON).all(&db).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("has 0 `SERVES_ON` relationships, breaking its declared rule of one or more"),
        "{error}"
    );
    // A filtered read is no full load, so it is not checked.
    let some = cat
        .related(SERVES_ON)
        .filter(Ship.name.eq("load-x"))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(some.len(), 1);
}

#[tokio::test]
async fn two_concurrent_connects_to_an_at_most_one_end_let_exactly_one_through() {
    let db = client().await;
    for round in 0..5 {
        let people = crew(&db, &[&format!("race-{round}")]).await;
        let fleet = ships(
            &db,
            &[&format!("race-{round}-a"), &format!("race-{round}-b")],
        )
        .await;
        let tasks: Vec<_> = fleet
            .into_iter()
            .map(|ship| {
                let (db, member) = (db.clone(), people[0].clone());
                tokio::spawn(async move {
                    member
                        .related(SERVES_ON)
                        .connect(&db, &ship, rank("deckhand"))
                        .await
                })
            })
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "round {round}: {results:?}");
        for r in results.iter().filter(|r| r.is_err()) {
            assert!(
                matches!(
                    r,
                    Err(Error::Cardinality {
                        label: "Crew",
                        count: 2,
                        ..
                    })
                ),
                "round {round}: {r:?}"
            );
        }
        assert_eq!(
            serves(&db, &format!("race-{round}")).await,
            1,
            "round {round}"
        );
    }
}

/// Eight crew members leaving one ship at once, a hundred rounds: the ship keeps one (its
/// end is one or more), so exactly seven leave and the last is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_disconnects_keep_a_one_or_more_end() {
    let db = client().await;
    for round in 0..100 {
        let ship = format!("leave-{round}");
        db.execute(
            raw::<()>(
                "CREATE (s:Ship {name: $ship}) WITH s UNWIND range(0, 7) AS i \
                 CREATE (:Crew {name: $ship + '-' + toString(i)})-[:SERVES_ON {rank: 'a'}]->(s)",
            )
            .param("ship", ship.as_str()),
        )
        .await
        .unwrap();
        let ship_node = Ship::nodes()
            .filter(Ship.name.eq(ship.as_str()))
            .get(&db)
            .await
            .unwrap();
        let members = Crew::nodes()
            .filter(Crew.name.starts_with(format!("{ship}-")))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(members.len(), 8);
        let tasks: Vec<_> = members
            .into_iter()
            .map(|member| {
                let (db, ship) = (db.clone(), ship_node.clone());
                tokio::spawn(async move { member.related(SERVES_ON).disconnect(&db, &ship).await })
            })
            .collect();
        let mut left = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(removed) => left += removed,
                refused => assert_refused(refused, "Ship", 0),
            }
        }
        assert_eq!(left, 7, "round {round}");
        assert_eq!(serves(&db, &ship).await, 1, "round {round}");
    }
}
