//! The result summary beside the rows: the kind of statement, counters, timings, the
//! server; and `EXPLAIN` / `PROFILE` on typed queries.

use super::movies::*;
use super::support::client;
use typher::exec::QueryType;
use typher::prelude::*;

#[tokio::test]
async fn rows_come_with_their_summary() {
    let db = client().await;
    let (titles, summary) = db
        .fetch_all_with_summary(match_(Movie).return_(Movie.title))
        .await
        .unwrap();
    assert!(!titles.is_empty());
    assert_eq!(summary.rows_returned, titles.len());
    assert_eq!(summary.query_type, Some(QueryType::Read));
    assert!(!summary.counters.contains_updates());
    assert!(
        summary.server.contains("Neo4j") || summary.server.contains("ArcadeDB"),
        "{}",
        summary.server
    );
    assert!(summary.consumed_after.is_some(), "{summary:?}");
}

#[tokio::test]
async fn explain_plans_without_running_and_profile_runs() {
    let db = client().await;
    let query = || {
        match_(Movie)
            .filter(Movie.released.gt(2000))
            .return_(Movie.title)
    };
    let explained = query().explain();
    assert!(explained
        .prepare()
        .unwrap()
        .text()
        .starts_with("EXPLAIN MATCH"));
    let (rows, planned) = db.fetch_all_with_summary(explained).await.unwrap();
    assert!(rows.is_empty(), "EXPLAIN returns no rows");
    let plan = planned.plan.expect("EXPLAIN reports a plan");
    assert!(!plan.operator.is_empty() && !plan.operators().is_empty());
    let (titles, profiled) = db.fetch_all_with_summary(query().profile()).await.unwrap();
    let direct = db.fetch_all(query()).await.unwrap();
    assert_eq!(titles, direct, "PROFILE returns the rows");
    let plan = profiled.plan.expect("PROFILE reports a plan");
    assert!(plan.db_hits.is_some(), "{plan:?}");
}

#[tokio::test]
async fn the_notification_filter_goes_out_in_hello() {
    client().await;
    let direct = super::support::settings();
    let proxy = typher_testkit::FaultProxy::start(&direct.uri)
        .await
        .unwrap();
    let mut through = proxy.settings(&direct);
    through.notification_severity = Some(typher::exec::NotificationSeverity::Warning);
    through.disabled_notification_categories = vec!["HINT".into()];
    let db = typher::Client::connect(through).await.unwrap();
    let one: i64 = db.fetch_one(typher::raw::<i64>("RETURN 1")).await.unwrap();
    assert_eq!(one, 1);
    // Bolt 5.2 and later carry the filter; a connection forced to 4.4 cannot.
    let bolt5 = direct.bolt_version == typher::exec::BoltVersion::Latest;
    assert_eq!(proxy.client_sent(b"notifications_minimum_severity"), bolt5);
    assert_eq!(
        proxy.client_sent(b"notifications_disabled_categories"),
        bolt5
    );
}
