//! Installing, listing and dropping the models' constraints and indexes on the real server.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::prelude::*;
use typher::schema_tools::{drop_installed, list, Schema};
use typher::{raw, Error};

/// A widget: unique, indexed, typed and required properties.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct Widget {
    #[node(unique)]
    pub sku: String,
    #[node(index)]
    pub price: f64,
    #[node(text_index)]
    pub blurb: Option<String>,
}

/// A bolt, identified by its maker and size together.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct Bolt {
    #[node(key)]
    pub maker: String,
    #[node(key)]
    pub size: i64,
}

/// A widget holds bolts; each serial number once.
#[derive(Relationship, Debug, Clone, Serialize, Deserialize)]
#[relationship(type = "HOLDS", from = Widget, to = Bolt)]
pub struct Holds {
    #[relationship(unique)]
    pub serial: String,
}

fn schema() -> Schema {
    Schema::new()
        .node::<Widget>()
        .node::<Bolt>()
        .relationship::<Holds>()
}

#[tokio::test]
async fn install_is_idempotent_enforced_listed_and_dropped() {
    let db = client().await;
    let schema = schema();
    schema.drop(&db).await.unwrap();
    let names: Vec<String> = schema.items().iter().map(|i| i.name.clone()).collect();

    let mut created = schema.install(&db).await.unwrap();
    created.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(created, expected);
    assert!(
        schema.install(&db).await.unwrap().is_empty(),
        "a second install creates nothing"
    );

    let installed = list(&db).await.unwrap();
    for name in &names {
        assert!(installed.has(name), "{name} is listed");
    }
    let text = installed
        .indexes
        .iter()
        .find(|i| i.name == "typher_widget_blurb_text");
    assert_eq!(text.map(|i| i.index), Some(true));
    assert!(
        installed.all().any(|i| !i.is_typher()),
        "the fixture's own constraints are listed"
    );

    // The database enforces them.
    let widget = "CREATE (:Widget {sku: 'schema-w1', price: 1.5})";
    db.execute(raw::<()>(widget)).await.unwrap();
    let twice = db.execute(raw::<()>(widget)).await;
    assert!(
        matches!(twice, Err(Error::ConstraintViolation { .. })),
        "{twice:?}"
    );
    let untyped = db
        .execute(raw::<()>(
            "CREATE (:Widget {sku: 'schema-w2', price: 'cheap'})",
        ))
        .await;
    assert!(untyped.is_err(), "a string price is refused: {untyped:?}");
    let bolt = "CREATE (:Bolt {maker: 'acme', size: 8})";
    db.execute(raw::<()>(bolt)).await.unwrap();
    assert!(
        db.execute(raw::<()>(bolt)).await.is_err(),
        "the node key holds"
    );

    // Dropping removes exactly typher's, and only this schema's with `drop`.
    let mut dropped = schema.drop(&db).await.unwrap();
    dropped.sort();
    assert_eq!(dropped, expected);
    let after = list(&db).await.unwrap();
    assert!(names.iter().all(|n| !after.has(n)));
    assert!(
        after.all().any(|i| !i.is_typher()),
        "constraints typher did not install stay"
    );
    db.execute(raw::<()>(widget)).await.unwrap();
    db.execute(raw::<()>(
        "MATCH (n) WHERE n:Widget OR n:Bolt DETACH DELETE n",
    ))
    .await
    .unwrap();

    // `drop_installed` drops whatever typher installed, from any schema, and nothing else.
    // (Here, not in a test of its own: the tests share one database.)
    let community = Schema::new().node::<Bolt>().for_community();
    assert!(
        community.items().is_empty(),
        "a node key needs Enterprise Edition"
    );
    Schema::new()
        .node::<Widget>()
        .for_community()
        .install(&db)
        .await
        .unwrap();
    let dropped = drop_installed(&db).await.unwrap();
    assert!(dropped.iter().all(|n| n.starts_with("typher_")));
    assert!(dropped.contains(&"typher_widget_sku_unique".to_owned()));
    let after = list(&db).await.unwrap();
    assert!(!after.all().any(|i| i.is_typher()));
    assert!(after.all().any(|i| !i.is_typher()));
}
