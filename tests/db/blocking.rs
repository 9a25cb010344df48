//! The blocking client, from plain (non-async) tests.

use super::support::settings;
use typher::blocking::Client;
use typher::raw;

#[test]
fn a_blocking_client_reads_writes_and_rolls_back() {
    let db = Client::connect(settings()).expect("connect");
    let one: i64 = db.fetch_one(raw::<i64>("RETURN 1")).unwrap();
    assert_eq!(one, 1);
    let created: i64 = db
        .write(|tx| {
            tx.execute(raw::<()>("CREATE (:Tag {name: 'blocking-a'})"))?;
            tx.fetch_one(raw::<i64>(
                "MATCH (t:Tag) WHERE t.name STARTS WITH 'blocking-' RETURN count(t)",
            ))
        })
        .unwrap();
    assert_eq!(created, 1);
    let tx = db.begin().unwrap();
    tx.execute(raw::<()>("CREATE (:Tag {name: 'blocking-b'})"))
        .unwrap();
    tx.rollback().unwrap();
    {
        let dropped = db.begin().unwrap();
        dropped
            .execute(raw::<()>("CREATE (:Tag {name: 'blocking-c'})"))
            .unwrap();
    }
    let names: Vec<String> = db
        .read(|tx| {
            tx.fetch_all(raw::<String>(
                "MATCH (t:Tag) WHERE t.name STARTS WITH 'blocking-' RETURN t.name ORDER BY t.name",
            ))
        })
        .unwrap();
    assert_eq!(
        names,
        ["blocking-a"],
        "rolled back and dropped writes are gone"
    );
}
