//! Installing, listing and dropping the models' constraints and indexes on the real server.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::prelude::*;
use typher::raw;
use typher::schema_tools::Error;
use typher::schema_tools::{
    drop_installed, list, ElementKind, Migrations, Model, ModelProperty, Schema, StepState,
};

/// Held by every test here that installs typher's items: `drop_installed` drops them all.
static SCHEMA: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
    let _schema = SCHEMA.lock().await;
    let db = client().await;
    let schema = schema();
    schema.drop(&db).await.unwrap();
    let names: Vec<String> = schema.items().iter().map(|i| i.name.clone()).collect();

    let mut created = schema.install(&db).await.unwrap();
    created.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(created, expected);
    let again = schema.install(&db).await.unwrap();
    assert!(
        again.is_empty(),
        "a second install creates nothing: {again:?}"
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
        matches!(twice, Err(typher::exec::Error::ConstraintViolation { .. })),
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

/// A gauge, for the drift check.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct DriftGauge {
    #[node(unique)]
    pub code: String,
    pub reading: f64,
    pub tags: Option<Vec<String>>,
}

/// A gauge feeds another.
#[derive(Relationship, Debug, Clone, Serialize, Deserialize)]
#[relationship(type = "DRIFT_FEEDS", from = DriftGauge, to = DriftGauge)]
pub struct DriftFeeds {
    pub weight: i64,
}

#[tokio::test]
async fn diff_reports_missing_extra_undeclared_and_mistyped() {
    let _schema = SCHEMA.lock().await;
    let db = client().await;
    let schema = Schema::new()
        .node::<DriftGauge>()
        .relationship::<DriftFeeds>();
    let clear = "MATCH (g:DriftGauge) DETACH DELETE g";
    db.execute(raw::<()>(clear)).await.unwrap();
    schema.drop(&db).await.unwrap();
    db.execute(raw::<()>(
        "CREATE (a:DriftGauge {code: 'g1', reading: 1.5, tags: []}), \
                (b:DriftGauge {code: 'g2', reading: 'high', tags: ['x']}), \
                (c:DriftGauge {code: 'g3'}), \
                (a)-[:DRIFT_FEEDS {weight: 2}]->(b), (b)-[:DRIFT_FEEDS {weight: 0.5}]->(c)",
    ))
    .await
    .unwrap();

    let drift = schema.diff(&db, 100).await.unwrap();
    let ours = |label: &str| label.starts_with("Drift") || label.starts_with("DRIFT");
    let missing: Vec<&str> = drift.missing.iter().map(|i| i.name.as_str()).collect();
    let expected: Vec<&str> = schema.items().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(missing, expected, "nothing is installed yet");
    assert!(drift.undeclared_labels.contains(&"Person".to_owned()));
    assert!(drift.undeclared_types.contains(&"ACTED_IN".to_owned()));
    assert!(!drift.undeclared_labels.iter().any(|l| ours(l)));
    let mismatches: Vec<(&str, &str, &str, u64, u64)> = drift
        .mismatches
        .iter()
        .filter(|m| ours(&m.label))
        .map(|m| {
            (
                m.label.as_str(),
                m.property.as_str(),
                m.found.as_str(),
                m.count,
                m.sampled,
            )
        })
        .collect();
    assert_eq!(
        mismatches,
        [
            ("DriftGauge", "reading", "NULL", 1, 3),
            ("DriftGauge", "reading", "STRING", 1, 3),
            ("DRIFT_FEEDS", "weight", "FLOAT", 1, 2),
        ],
        "{drift}"
    );
    assert!(drift.to_string().contains(
        "type mismatch: DriftGauge.reading: 1 of 3 sampled nodes hold STRING, the model declares FLOAT"
    ));

    // Mend the data and install: no drift left for these models.
    db.execute(raw::<()>(
        "MATCH (g:DriftGauge) WHERE g.reading IS NULL OR NOT g.reading IS :: FLOAT SET g.reading = 0.0",
    ))
    .await
    .unwrap();
    db.execute(raw::<()>("MATCH ()-[f:DRIFT_FEEDS]->() SET f.weight = 1"))
        .await
        .unwrap();
    schema.install(&db).await.unwrap();
    let drift = schema.diff(&db, 100).await.unwrap();
    assert!(drift.missing.is_empty(), "{drift}");
    assert!(!drift.mismatches.iter().any(|m| ours(&m.label)), "{drift}");
    assert!(
        !drift
            .extra
            .iter()
            .any(|i| i.name.starts_with("typher_drift")),
        "{drift}"
    );

    // A model that no longer declares `reading`: its installed items are extra.
    let older = Schema::new().model(Model {
        entity: ElementKind::Node,
        label: "DriftGauge".into(),
        extra_labels: vec![],
        properties: vec![ModelProperty {
            key: "code".into(),
            cypher_type: Some("STRING".into()),
            unique: true,
            ..ModelProperty::default()
        }],
    });
    let drift = older.diff(&db, 100).await.unwrap();
    let mut extra: Vec<&str> = drift
        .extra
        .iter()
        .filter(|i| i.name.starts_with("typher_drift"))
        .map(|i| i.name.as_str())
        .collect();
    extra.sort_unstable();
    assert_eq!(
        extra,
        [
            "typher_drift_feeds_weight_exists",
            "typher_drift_feeds_weight_type",
            "typher_driftgauge_reading_exists",
            "typher_driftgauge_reading_type",
            "typher_driftgauge_tags_type",
        ],
        "{drift}"
    );
    assert!(drift.undeclared_types.contains(&"DRIFT_FEEDS".to_owned()));

    schema.drop(&db).await.unwrap();
    db.execute(raw::<()>(clear)).await.unwrap();
}

#[tokio::test]
async fn migrations_apply_once_refuse_changes_and_roll_back_failures() {
    let _schema = SCHEMA.lock().await;
    let db = client().await;
    let reset = async || {
        db.execute(raw::<()>(
            "MATCH (n) WHERE n:__TypherMigration OR n:MigItem DELETE n",
        ))
        .await
        .unwrap();
        db.execute(raw::<()>("DROP INDEX mig_item_n IF EXISTS"))
            .await
            .unwrap();
    };
    reset().await;
    let count = async || -> i64 {
        db.fetch_one(raw::<i64>("MATCH (n:MigItem) RETURN count(n)"))
            .await
            .unwrap()
    };
    let steps = || {
        Migrations::new()
            .cypher(
                1,
                "two items",
                "CREATE (:MigItem {n: 1});\nCREATE (:MigItem {n: 2});",
            )
            .cypher(
                2,
                "index items",
                "CREATE INDEX mig_item_n IF NOT EXISTS FOR (i:MigItem) ON (i.n)",
            )
            .rust(3, "flag items", async |tx| {
                tx.execute(raw::<()>("MATCH (i:MigItem) SET i.flagged = true"))
                    .await?;
                Ok(())
            })
    };

    let applied = steps().migrate(&db).await.unwrap();
    let versions: Vec<u64> = applied.iter().map(|a| a.version).collect();
    assert_eq!(versions, [1, 2, 3]);
    assert_eq!(count().await, 2);
    let flagged: i64 = db
        .fetch_one(raw::<i64>(
            "MATCH (i:MigItem {flagged: true}) RETURN count(i)",
        ))
        .await
        .unwrap();
    assert_eq!(flagged, 2);
    assert!(list(&db).await.unwrap().has("mig_item_n"));

    // Applied once: a second run does nothing.
    assert!(steps().migrate(&db).await.unwrap().is_empty());
    assert_eq!(count().await, 2);
    let status = steps().status(&db).await.unwrap();
    assert!(status
        .iter()
        .all(|s| matches!(s.state, StepState::Applied { .. })));

    // A changed applied step is refused before anything runs.
    let changed = Migrations::new()
        .cypher(
            1,
            "two items",
            "CREATE (:MigItem {n: 1}); CREATE (:MigItem {n: 20})",
        )
        .cypher(4, "more", "CREATE (:MigItem {n: 4})");
    let refused = changed.migrate(&db).await;
    assert!(
        matches!(&refused, Err(Error::Migration { version: 1, reason, .. }) if reason.contains("changed")),
        "{refused:?}"
    );
    assert_eq!(count().await, 2, "nothing ran");
    let status = changed.status(&db).await.unwrap();
    assert!(matches!(status[0].state, StepState::Changed { .. }));
    assert_eq!(
        status
            .iter()
            .filter(|s| s.state == StepState::Unknown)
            .count(),
        2
    );

    // A failing step rolls back whole and is not recorded.
    let failing = steps().cypher(
        4,
        "fails halfway",
        "CREATE (:MigItem {n: 4}); CALL typher.no_such_procedure()",
    );
    let failed = failing.migrate(&db).await;
    assert!(
        matches!(
            &failed,
            Err(Error::Migration {
                version: 4,
                source: Some(_),
                ..
            })
        ),
        "{failed:?}"
    );
    assert_eq!(
        count().await,
        2,
        "the step's first statement was rolled back"
    );
    let status = failing.status(&db).await.unwrap();
    assert_eq!(status[3].state, StepState::Pending);
    assert_eq!(status.len(), 4);

    reset().await;
}

#[tokio::test]
async fn migrations_revert_plan_and_embed() {
    let _schema = SCHEMA.lock().await;
    let db = client().await;
    let reset = async || {
        db.execute(raw::<()>(
            "MATCH (n) WHERE n:__TypherMigration OR n:EmbItem OR n:__TypherMigrationLock DELETE n",
        ))
        .await
        .unwrap();
        db.execute(raw::<()>("DROP INDEX emb_item_n IF EXISTS"))
            .await
            .unwrap();
    };
    reset().await;
    let count = async || -> i64 {
        db.fetch_one(raw::<i64>("MATCH (n:EmbItem) RETURN count(n)"))
            .await
            .unwrap()
    };
    let embedded = typher::embed_migrations!("tests/migrations");
    assert_eq!(embedded.versions(), [1, 2]);

    // A dry run tells what would run and writes nothing.
    let plan = embedded.plan(&db).await.unwrap();
    assert_eq!(plan.len(), 2);
    assert_eq!(
        plan[0].statements,
        ["CREATE (:EmbItem {n: 1})", "CREATE (:EmbItem {n: 2})"]
    );
    assert_eq!(count().await, 0);
    assert!(embedded
        .status(&db)
        .await
        .unwrap()
        .iter()
        .all(|s| s.state == StepState::Pending));

    let applied = embedded.migrate(&db).await.unwrap();
    assert_eq!(applied.len(), 2);
    assert_eq!(count().await, 2);
    let status = embedded.status(&db).await.unwrap();
    assert_eq!(
        status.iter().map(|s| s.reversible).collect::<Vec<_>>(),
        [true, false]
    );
    let json = serde_json::to_value(&status).unwrap();
    assert_eq!(json[0]["state"], "applied", "{json}");
    assert!(json[0]["applied_at"].is_string(), "{json}");

    // The latest step has no down script: revert refuses, and changes nothing.
    let refused = embedded.revert(&db).await;
    assert!(
        matches!(&refused, Err(Error::Migration { version: 2, reason, .. }) if reason.contains("irreversible")),
        "{refused:?}"
    );
    // Without it, version 1 is the latest: its plan is its down script, then it is undone
    // and forgotten, and applied again by the next run.
    let first = typher::schema_tools::Migrations::new()
        .cypher(
            1,
            "embedded items",
            "CREATE (:EmbItem {n: 1}); CREATE (:EmbItem {n: 2})",
        )
        .down("MATCH (i:EmbItem) DELETE i")
        .cypher(
            2,
            "embedded index",
            "CREATE INDEX emb_item_n IF NOT EXISTS FOR (i:EmbItem) ON (i.n)",
        )
        .down("DROP INDEX emb_item_n IF EXISTS");
    let plan = first.revert_plan(&db).await.unwrap().unwrap();
    assert_eq!(plan.version, 2);
    assert_eq!(plan.statements, ["DROP INDEX emb_item_n IF EXISTS"]);
    assert!(
        list(&db).await.unwrap().has("emb_item_n"),
        "a plan drops nothing"
    );
    assert_eq!(first.revert(&db).await.unwrap().map(|r| r.version), Some(2));
    assert!(!list(&db).await.unwrap().has("emb_item_n"));
    assert_eq!(first.revert(&db).await.unwrap().map(|r| r.version), Some(1));
    assert_eq!(count().await, 0);
    assert_eq!(
        first.revert(&db).await.unwrap(),
        None,
        "nothing left to revert"
    );
    assert_eq!(embedded.migrate(&db).await.unwrap().len(), 2);
    assert_eq!(count().await, 2);

    // A Rust step undone by a Rust function, in the transaction that forgets it.
    let rusty = || {
        first
            .clone()
            .rust(3, "flag items", async |tx| {
                tx.execute(raw::<()>("MATCH (i:EmbItem) SET i.flag = true"))
                    .await?;
                Ok(())
            })
            .down_rust(async |tx| {
                tx.execute(raw::<()>("MATCH (i:EmbItem) REMOVE i.flag"))
                    .await?;
                Ok(())
            })
    };
    let flagged = async || -> i64 {
        db.fetch_one(raw::<i64>("MATCH (i:EmbItem {flag: true}) RETURN count(i)"))
            .await
            .unwrap()
    };
    assert_eq!(rusty().migrate(&db).await.unwrap().len(), 1);
    assert_eq!(flagged().await, 2);
    assert_eq!(
        rusty().revert_plan(&db).await.unwrap().unwrap().statements,
        ["(a Rust function)"]
    );
    assert_eq!(
        rusty().revert(&db).await.unwrap().map(|r| r.version),
        Some(3)
    );
    assert_eq!(flagged().await, 0);
    assert_eq!(count().await, 2, "the steps before it stay");

    // A held lock makes a run wait, then fail clearly; nothing ran.
    db.execute(raw::<()>(
        "CREATE (:__TypherMigrationLock {name: 'migrations', holder: 'a crashed run', since: datetime()})",
    ))
    .await
    .unwrap();
    let more = first.clone().cypher(3, "more", "CREATE (:EmbItem {n: 3})");
    let locked = more
        .clone()
        .lock_timeout(std::time::Duration::from_millis(600))
        .migrate(&db)
        .await;
    assert!(
        matches!(&locked, Err(Error::Locked { holder, .. }) if holder.contains("a crashed run")),
        "{locked:?}"
    );
    assert!(locked
        .unwrap_err()
        .to_string()
        .contains("typher migrate unlock"));
    assert_eq!(count().await, 2);
    assert!(typher::schema_tools::Migrations::unlock(&db).await.unwrap());
    assert_eq!(more.migrate(&db).await.unwrap().len(), 1);
    assert_eq!(count().await, 3);

    // Two runs at once: one applies, the other waits for the lock and finds nothing to do.
    let slow = || {
        more.clone().rust(4, "slow", async |tx| {
            tx.execute(raw::<()>("CREATE (:EmbItem {n: 4})")).await?;
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            Ok(())
        })
    };
    let other = super::support::client().await;
    let (one, two) = (slow(), slow());
    let (a, b) = tokio::join!(one.migrate(&db), two.migrate(&other));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 1, "applied once: {a:?} {b:?}");
    let fours: i64 = db
        .fetch_one(raw::<i64>("MATCH (n:EmbItem {n: 4}) RETURN count(n)"))
        .await
        .unwrap();
    assert_eq!(fours, 1);

    reset().await;
}

/// The statements a traced run sent: each query span's text and parameter names, once.
fn sent(log: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut rest = log;
    while let Some(at) = rest.find("query{statement=") {
        rest = &rest[at + "query{statement=".len()..];
        let Some(end) = rest.find(" params=[") else {
            break;
        };
        // The field is written as Rust's Debug of the text: quoted, escaped.
        let quoted = &rest[..end];
        let text = serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.to_owned());
        let names_end = rest[end..].find(']').map_or(rest.len(), |i| end + i);
        let params = rest[end + " params=[".len()..names_end]
            .split(',')
            .map(|p| p.trim().trim_matches('"').to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if !out.iter().any(|(t, _)| *t == text) {
            out.push((text, params));
        }
        rest = &rest[end..];
    }
    out
}

/// A label of its own for the front-end run, so its writes and constraints meet no other test.
#[derive(Node, Debug, Clone, Serialize, Deserialize)]
pub struct Lintable {
    #[node(unique)]
    pub code: String,
    #[node(index)]
    pub weight: f64,
    #[node(text_index)]
    pub note: Option<String>,
}

#[derive(Relationship, Debug, Clone, Serialize, Deserialize)]
#[relationship(type = "LINTED_WITH", from = Lintable, to = Lintable)]
pub struct LintedWith {
    #[relationship(unique)]
    pub tag: String,
}

#[tokio::test]
async fn every_statement_the_tools_send_passes_neo4js_front_end() {
    let _schema = SCHEMA.lock().await;
    let db = client().await;
    let ((), log) = super::support::traced(async {
        let schema = Schema::new()
            .node::<Lintable>()
            .relationship::<LintedWith>();
        schema.install(&db).await.unwrap();
        let item = Lintable {
            code: "front-1".into(),
            weight: 1.5,
            note: None,
        };
        let mut saved = item.clone().create(&db).await.unwrap();
        Lintable::get_or_create(&db, vec![item], Lintable.code)
            .await
            .unwrap();
        saved.weight = 2.5;
        saved.save(&db).await.unwrap();
        schema.diff(&db, 10).await.unwrap();
        list(&db).await.unwrap();
        typher::schema_tools::inspect(&db, Default::default(), |_| {})
            .await
            .unwrap();
        let steps = Migrations::new()
            .cypher(1, "front end", "RETURN 1")
            .down("RETURN 2");
        steps.status(&db).await.unwrap();
        steps.migrate(&db).await.unwrap();
        steps.revert(&db).await.unwrap();
        Migrations::lock_holder(&db).await.unwrap();
        Migrations::unlock(&db).await.unwrap();
        saved.delete(&db).await.unwrap();
        schema.drop(&db).await.unwrap();
    })
    .await;
    let sent = sent(&log);
    let mut statements: Vec<super::lint::Statement> = sent
        .into_iter()
        .enumerate()
        .map(|(i, (query, params))| super::lint::Statement {
            name: format!("sent #{i}"),
            query,
            params,
        })
        .collect();
    // What the driver sends on its own, outside any query span.
    for query in typher::exec::internal_statements() {
        statements.push(super::lint::Statement {
            name: "driver".into(),
            query: query.to_owned(),
            params: Vec::new(),
        });
    }
    for needle in [
        "CREATE CONSTRAINT",
        "SHOW CONSTRAINTS",
        "SHOW INDEXES",
        "LIMIT $size",
        "db.labels()",
        "DROP CONSTRAINT",
        "MERGE",
        "dbms.components()",
    ] {
        assert!(
            statements.iter().any(|s| s.query.contains(needle)),
            "no statement with {needle} was traced: {log}"
        );
    }
    let found = super::lint::lint(&statements);
    for d in &found {
        println!("{} ({}), {}: {}", d.severity, d.version, d.name, d.message);
    }
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.severity == "error")
        .map(|d| {
            let s = statements.iter().find(|s| s.name == d.name).unwrap();
            format!("{} ({}): {}\n  {}", d.name, d.version, d.message, s.query)
        })
        .collect();
    assert!(
        errors.is_empty(),
        "{} of {} statements refused:\n{}",
        errors.len(),
        statements.len(),
        errors.join("\n")
    );
    println!("{} statements, 0 errors", statements.len());
}
