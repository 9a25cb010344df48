//! Typed writes against the real server: what `execute` reports, and the graph afterwards.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::dsl::Link;
use typher::exec::Error;
use typher::prelude::*;
use typher::{raw, Client};

/// Written by these tests only, so they never disturb the movies fixture. Each test uses
/// its own key prefix, so tests running at once never meet.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gizmo {
    #[node(unique)]
    pub sku: String,
    pub price: i64,
    pub note: Option<String>,
}

/// Where gizmos are kept.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shelf {
    #[node(unique)]
    pub code: String,
}

/// A shelf stocks a gizmo.
#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[relationship(type = "STOCKS", from = Shelf, to = Gizmo)]
pub struct Stocks {
    pub qty: i64,
}

/// A second label a gizmo may carry.
#[derive(Node, Debug, Serialize)]
pub struct OnSale {}

fn gizmo(sku: &str, price: i64) -> Gizmo {
    Gizmo {
        sku: sku.into(),
        price,
        note: None,
    }
}

async fn gizmos(db: &Client, prefix: &str) -> Vec<Gizmo> {
    let mut all = db
        .fetch_all(
            match_(Gizmo)
                .filter(Gizmo.sku.starts_with(prefix))
                .return_(Gizmo),
        )
        .await
        .unwrap();
    all.sort_by(|a, b| a.sku.cmp(&b.sku));
    all
}

/// A client of the shared database, once `Gizmo.sku` is unique. Every test here writes
/// through it, so the constraint is created once, before any of them writes a `Gizmo` (an
/// index built while another test writes may miss its nodes; see the OGM tests).
async fn with_unique_sku() -> Client {
    static CONSTRAINED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let db = client().await;
    CONSTRAINED
        .get_or_init(|| async {
            db.execute(raw::<()>(
                "CREATE CONSTRAINT gizmo_sku IF NOT EXISTS FOR (g:Gizmo) REQUIRE g.sku IS UNIQUE",
            ))
            .await
            .unwrap();
        })
        .await;
    db
}

#[tokio::test]
async fn create_reports_what_it_wrote_and_the_node_reads_back_equal() {
    let db = with_unique_sku().await;
    let g = Gizmo {
        sku: "c1-a".into(),
        price: 5,
        note: Some("new".into()),
    };
    let done = db.execute(create(g.clone())).await.unwrap();
    assert_eq!(done.rows_returned, 0);
    assert_eq!(done.counters.nodes_created, 1);
    assert_eq!(done.counters.labels_added, 1);
    assert_eq!(done.counters.properties_set, 3);
    assert_eq!(gizmos(&db, "c1-").await, vec![g]);
}

#[tokio::test]
async fn create_then_return_decodes_the_typed_row() {
    let db = with_unique_sku().await;
    let (sku, price): (String, i64) = db
        .fetch_one(create(gizmo("c2-a", 7)).return_((Gizmo.sku, Gizmo.price)))
        .await
        .unwrap();
    assert_eq!((sku.as_str(), price), ("c2-a", 7));
}

#[tokio::test]
async fn relationship_between_bound_nodes_is_created_once_with_its_value() {
    let db = with_unique_sku().await;
    db.execute(
        create(Shelf {
            code: "r1-s".into(),
        })
        .create(gizmo("r1-g", 1)),
    )
    .await
    .unwrap();
    let stocked: Stocks = db
        .fetch_one(
            match_(Shelf.having(Shelf.code, "r1-s"))
                .match_(Gizmo.having(Gizmo.sku, "r1-g"))
                .create_rel(Shelf, Stocks { qty: 4 }, Gizmo)
                .return_(STOCKS),
        )
        .await
        .unwrap();
    assert_eq!(stocked, Stocks { qty: 4 });
    let qty: Vec<i64> = db
        .fetch_all(
            match_(Shelf.having(Shelf.code, "r1-s"))
                .rel(STOCKS)
                .to(Gizmo)
                .return_(STOCKS.qty),
        )
        .await
        .unwrap();
    assert_eq!(qty, [4]);
}

#[tokio::test]
async fn merge_creates_once_then_matches() {
    let db = with_unique_sku().await;
    let upsert = |price: i64| {
        merge(Gizmo.having(Gizmo.sku, "m1-a"))
            .on_create_set(Gizmo.assign(gizmo("m1-a", price)))
            .on_match_set(Gizmo.price.to(price))
    };
    let first = db.execute(upsert(1)).await.unwrap();
    assert_eq!(first.counters.nodes_created, 1);
    let second = db.execute(upsert(2)).await.unwrap();
    assert_eq!(second.counters.nodes_created, 0);
    assert_eq!(second.counters.properties_set, 1);
    assert_eq!(gizmos(&db, "m1-").await, vec![gizmo("m1-a", 2)]);
}

#[tokio::test]
async fn merge_of_a_relationship_never_doubles_it() {
    let db = with_unique_sku().await;
    db.execute(
        create(Shelf {
            code: "m2-s".into(),
        })
        .create(gizmo("m2-g", 1)),
    )
    .await
    .unwrap();
    let stock = || {
        match_(Shelf.having(Shelf.code, "m2-s"))
            .match_(Gizmo.having(Gizmo.sku, "m2-g"))
            .merge_rel(Shelf, STOCKS, Gizmo)
            .on_create_set(STOCKS.qty.to(1))
            .on_match_set(STOCKS.qty.to(STOCKS.qty + 1))
            .return_(STOCKS.qty)
    };
    assert_eq!(db.fetch_one(stock()).await.unwrap(), 1);
    assert_eq!(db.fetch_one(stock()).await.unwrap(), 2);
    let count: i64 = db
        .fetch_one(
            match_(Shelf.having(Shelf.code, "m2-s"))
                .rel(STOCKS)
                .to(Gizmo)
                .return_(count_all()),
        )
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn set_and_remove_change_properties_and_labels() {
    let db = with_unique_sku().await;
    db.execute(create(Gizmo {
        sku: "s1-a".into(),
        price: 10,
        note: Some("old".into()),
    }))
    .await
    .unwrap();
    let one = || match_(Gizmo.having(Gizmo.sku, "s1-a"));
    let set = db
        .execute(one().set((Gizmo.price.to(Gizmo.price * 2), Gizmo.labeled(OnSale))))
        .await
        .unwrap();
    assert_eq!(set.counters.properties_set, 1);
    assert_eq!(set.counters.labels_added, 1);
    let labels: Vec<String> = db.fetch_one(one().return_(labels(Gizmo))).await.unwrap();
    assert!(labels.contains(&"OnSale".to_owned()), "{labels:?}");

    let removed = db
        .execute(one().remove((Gizmo.note, Gizmo.labeled(OnSale))))
        .await
        .unwrap();
    assert_eq!(removed.counters.labels_removed, 1);
    assert_eq!(gizmos(&db, "s1-").await, vec![gizmo("s1-a", 20)]);

    db.execute(one().set(Gizmo.update(Gizmo {
        sku: "s1-a".into(),
        price: 3,
        note: Some("patched".into()),
    })))
    .await
    .unwrap();
    assert_eq!(gizmos(&db, "s1-").await[0].note.as_deref(), Some("patched"));
}

#[tokio::test]
async fn dynamic_labels_are_parameters() {
    let db = with_unique_sku().await;
    db.execute(create(gizmo("d1-a", 1))).await.unwrap();
    let odd = "Odd`) DETACH DELETE n //";
    let done = db
        .execute(match_(Gizmo.having(Gizmo.sku, "d1-a")).set(Gizmo.dynamic_label(odd)))
        .await
        .unwrap();
    assert_eq!(done.counters.labels_added, 1);
    let labels: Vec<String> = db
        .fetch_one(match_(Gizmo.having(Gizmo.sku, "d1-a")).return_(labels(Gizmo)))
        .await
        .unwrap();
    assert!(labels.contains(&odd.to_owned()), "{labels:?}");
    assert_eq!(gizmos(&db, "d1-").await.len(), 1);
}

#[tokio::test]
async fn deleting_a_connected_node_is_refused_and_detach_deletes_it() {
    let db = with_unique_sku().await;
    db.execute(
        create(Shelf {
            code: "x1-s".into(),
        })
        .create(gizmo("x1-g", 1))
        .create_rel(Shelf, Stocks { qty: 1 }, Gizmo),
    )
    .await
    .unwrap();
    let shelf = || match_(Shelf.having(Shelf.code, "x1-s"));
    let err = db.execute(shelf().delete(Shelf)).await.unwrap_err();
    assert!(matches!(err, Error::NodeStillConnected { .. }), "{err:?}");
    assert!(err.to_string().contains("DETACH DELETE"), "{err}");
    let left: i64 = db
        .fetch_one(shelf().rel(STOCKS).to(Gizmo).return_(count_all()))
        .await
        .unwrap();
    assert_eq!(left, 1, "nothing was deleted");

    let rel = db
        .execute(shelf().rel(STOCKS).to(Gizmo).delete(STOCKS))
        .await
        .unwrap();
    assert_eq!(rel.counters.relationships_deleted, 1);
    let gone = db.execute(shelf().detach_delete(Shelf)).await.unwrap();
    assert_eq!(gone.counters.nodes_deleted, 1);
    let shelves: i64 = db.fetch_one(shelf().return_(count_all())).await.unwrap();
    assert_eq!(shelves, 0);
}

#[tokio::test]
async fn batches_create_merge_and_connect_in_one_query_each() {
    let db = with_unique_sku().await;
    let row = name!(row);
    let first: Vec<Gizmo> = (0..100).map(|i| gizmo(&format!("b1-{i:03}"), i)).collect();
    let created = db
        .execute(unwind(rows(&first), row).create(Gizmo.value(row)))
        .await
        .unwrap();
    assert_eq!(created.counters.nodes_created, 100);
    // A `None` is no property at all, as when the row is set whole: two keys a node.
    assert_eq!(created.counters.properties_set, 200);
    let with_note: i64 = db
        .fetch_one(raw::<i64>(
            "MATCH (g:Gizmo) WHERE g.sku STARTS WITH 'b1-' AND 'note' IN keys(g) RETURN count(*)",
        ))
        .await
        .unwrap();
    assert_eq!(with_note, 0);

    // Half of these exist: merge by key creates the other half and updates the rest.
    let second: Vec<Gizmo> = (50..150)
        .map(|i| gizmo(&format!("b1-{i:03}"), 1000 + i))
        .collect();
    let merged = db
        .execute(
            unwind(rows(&second), row)
                .merge(Gizmo.having(Gizmo.sku, row.get(Gizmo.sku)))
                .on_create_set(Gizmo.assign(row))
                .on_match_set(Gizmo.update(row)),
        )
        .await
        .unwrap();
    assert_eq!(merged.counters.nodes_created, 50);
    let all = gizmos(&db, "b1-").await;
    assert_eq!(all.len(), 150);
    assert_eq!(all[0].price, 0);
    assert_eq!(all[149].price, 1149);

    db.execute(create(Shelf {
        code: "b1-s".into(),
    }))
    .await
    .unwrap();
    let link = name!(link);
    let links: Vec<Link<String, Stocks, String>> = (0..10)
        .map(|i| Link::new("b1-s", Stocks { qty: i }, format!("b1-{i:03}")))
        .collect();
    let connected = db
        .execute(
            unwind(rows(&links), link)
                .match_(Shelf.having(Shelf.code, link.from()))
                .match_(Gizmo.having(Gizmo.sku, link.to()))
                .create_rel(Shelf, STOCKS.value(link.rel()), Gizmo),
        )
        .await
        .unwrap();
    assert_eq!(connected.counters.relationships_created, 10);
    let total: i64 = db
        .fetch_one(
            match_(Shelf.having(Shelf.code, "b1-s"))
                .rel(STOCKS)
                .to(Gizmo)
                .return_(sum(STOCKS.qty)),
        )
        .await
        .unwrap();
    assert_eq!(total, 45);
}

#[tokio::test]
async fn import_in_transactions_writes_every_row() {
    let db = with_unique_sku().await;
    let row = name!(row);
    let many: Vec<Gizmo> = (0..10).map(|i| gizmo(&format!("t1-{i}"), i)).collect();
    let done = db
        .execute(
            unwind(rows(&many), row).call_in_transactions(row, 3, |q| q.create(Gizmo.value(row))),
        )
        .await
        .unwrap();
    assert_eq!(done.counters.nodes_created, 10);
    assert_eq!(gizmos(&db, "t1-").await.len(), 10);
}

#[tokio::test]
async fn foreach_writes_once_per_item() {
    let db = with_unique_sku().await;
    db.execute(create(gizmo("f1-a", 0))).await.unwrap();
    let step = name!(step);
    db.execute(
        match_(Gizmo.having(Gizmo.sku, "f1-a")).foreach(step, vec![1, 2, 3], |q| {
            q.set(Gizmo.price.to(Gizmo.price + step))
        }),
    )
    .await
    .unwrap();
    assert_eq!(gizmos(&db, "f1-").await[0].price, 6);
}

#[tokio::test]
async fn a_constraint_violation_in_a_batch_names_the_constraint_and_writes_nothing() {
    let db = with_unique_sku().await;
    db.execute(create(gizmo("v1-taken", 1))).await.unwrap();
    let row = name!(row);
    let batch = vec![
        gizmo("v1-new-a", 1),
        gizmo("v1-taken", 2),
        gizmo("v1-new-b", 3),
    ];
    let err = db
        .execute(unwind(rows(&batch), row).create(Gizmo.value(row)))
        .await
        .unwrap_err();
    match &err {
        Error::ConstraintViolation {
            constraint, label, ..
        } => {
            assert_eq!(constraint.as_deref(), Some("gizmo_sku"), "{err}");
            assert_eq!(label.as_deref(), Some("Gizmo"), "{err}");
        }
        other => panic!("expected a constraint violation, got {other:?}"),
    }
    assert!(err.to_string().contains("gizmo_sku"), "{err}");
    assert_eq!(
        err.code(),
        Some("Neo.ClientError.Schema.ConstraintValidationFailed")
    );
    assert_eq!(gizmos(&db, "v1-").await, vec![gizmo("v1-taken", 1)]);
}

#[tokio::test]
async fn a_managed_write_failing_half_way_leaves_nothing() {
    let db = with_unique_sku().await;
    db.execute(create(gizmo("w1-taken", 1))).await.unwrap();
    let err = db
        .write(async |tx| {
            tx.execute(create(gizmo("w1-first", 1))).await?;
            tx.execute(create(Shelf {
                code: "w1-s".into(),
            }))
            .await?;
            tx.execute(create(gizmo("w1-taken", 2))).await?;
            Ok(())
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ConstraintViolation { .. }), "{err:?}");
    assert_eq!(gizmos(&db, "w1-").await, vec![gizmo("w1-taken", 1)]);
    let shelves: i64 = db
        .fetch_one(match_(Shelf.having(Shelf.code, "w1-s")).return_(count_all()))
        .await
        .unwrap();
    assert_eq!(shelves, 0);
}

/// `FINISH` runs what comes before it and returns no rows.
#[tokio::test]
async fn a_finished_query_runs_its_writes_and_returns_no_rows() {
    let db = with_unique_sku().await;
    let created = db
        .execute(create(gizmo("fin-a", 3)).finish())
        .await
        .unwrap();
    assert_eq!(created.rows_returned, 0);
    assert_eq!(created.counters.nodes_created, 1);
    let raised = db
        .execute(
            match_(Gizmo)
                .filter(Gizmo.sku.starts_with("fin-"))
                .set(Gizmo.price.to(4))
                .finish(),
        )
        .await
        .unwrap();
    assert_eq!(raised.rows_returned, 0);
    assert_eq!(raised.counters.properties_set, 1);
    assert_eq!(gizmos(&db, "fin-").await, vec![gizmo("fin-a", 4)]);
}
