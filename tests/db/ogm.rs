//! The OGM against the real server: every operation, its errors, and races.

use super::support::client;
use serde::{Deserialize, Serialize};
use typher::ogm::Error;
use typher::prelude::*;
use typher::{raw, Client};

/// Written by these tests only; each test uses its own name prefix.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    #[node(unique)]
    pub handle: String,
    pub age: Option<i64>,
}

/// Like a member, without a unique constraint.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guest {
    pub name: String,
    pub age: Option<i64>,
}

/// A memo with optimistic locking.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Memo {
    pub slug: String,
    pub text: String,
    #[node(version)]
    pub version: i64,
}

/// A member whose hooks clean and check it.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[node(hooks)]
pub struct Login {
    pub email: String,
}

impl typher::ogm::Hooks for Login {
    fn pre_save(&mut self) -> Result<(), String> {
        self.email = self.email.trim().to_lowercase();
        if self.email.contains('@') {
            Ok(())
        } else {
            Err(format!("`{}` is no email address", self.email))
        }
    }

    fn pre_delete(saved: &Identified<Self>) -> Result<(), String> {
        match saved.email.starts_with("keep") {
            true => Err("kept".into()),
            false => Ok(()),
        }
    }
}

fn member(handle: &str, age: Option<i64>) -> Member {
    Member {
        handle: handle.into(),
        age,
    }
}

/// A client of the shared database, once `Member.handle` is unique. Every test here writes
/// through it, so the constraint is created once, before any of them writes a `Member`.
/// When one test created it while another was writing, a prefix query sometimes missed a
/// node just saved (twice in CI runs); an index built under concurrent writes is the
/// likeliest cause, and this order rules it out.
async fn with_unique_handle() -> Client {
    static CONSTRAINED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let db = client().await;
    CONSTRAINED
        .get_or_init(|| async {
            db.execute(raw::<()>(
                "CREATE CONSTRAINT member_handle IF NOT EXISTS \
                 FOR (m:Member) REQUIRE m.handle IS UNIQUE",
            ))
            .await
            .unwrap();
        })
        .await;
    db
}

fn prefixed(prefix: &str) -> typher::ogm::NodeSet<Member> {
    Member::nodes().filter(Member.handle.starts_with(prefix))
}

#[tokio::test]
async fn create_refresh_save_and_delete_round_trip() {
    let db = with_unique_handle().await;
    let mut ann = member("o1-ann", Some(30)).create(&db).await.unwrap();
    assert!(!ann.element_id.is_empty());
    assert_eq!(ann.labels, ["Member"]);
    assert_eq!(ann.data, member("o1-ann", Some(30)));

    ann.age = None;
    if let Err(e) = ann.save(&db).await {
        // Seen once in CI (not reproduced since): say where the node is, to tell a moved
        // element id from a lost node.
        let ids: Vec<String> = db
            .fetch_all(raw::<String>(
                "MATCH (m:Member {handle: 'o1-ann'}) RETURN elementId(m) AS id",
            ))
            .await
            .unwrap();
        panic!(
            "save of {} failed: {e:?}; stored ids: {ids:?}",
            ann.element_id
        );
    }
    let stored = prefixed("o1-").get(&db).await.unwrap();
    assert_eq!(stored, ann);
    // A `None` removed the property, as `SET n = $struct` would.
    let has_age: bool = db
        .fetch_one(raw::<bool>(
            "MATCH (m:Member {handle: 'o1-ann'}) RETURN 'age' IN keys(m)",
        ))
        .await
        .unwrap();
    assert!(!has_age);

    let mut copy = stored.clone();
    ann.age = Some(31);
    ann.save(&db).await.unwrap();
    copy.refresh(&db).await.unwrap();
    assert_eq!(copy.age, Some(31));

    ann.delete(&db).await.unwrap();
    assert_eq!(prefixed("o1-").count(&db).await.unwrap(), 0);
    // A node that is gone. (Not `copy` itself: ArcadeDB gives a deleted node's element id
    // to the next node created, which may be another test's.)
    copy.element_id = "no such element".into();
    let again = copy.clone().delete(&db).await;
    assert!(
        matches!(again, Err(Error::NotFound { label: "Member" })),
        "{again:?}"
    );
    assert!(matches!(
        copy.refresh(&db).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(copy.save(&db).await, Err(Error::NotFound { .. })));
}

#[tokio::test]
async fn save_leaves_other_properties_and_relationships_alone() {
    let db = with_unique_handle().await;
    let mut bob = Guest {
        name: "o2-bob".into(),
        age: Some(40),
    }
    .create(&db)
    .await
    .unwrap();
    db.execute(raw::<()>(
        "MATCH (m:Guest {name: 'o2-bob'}) SET m.note = 'kept' \
         CREATE (m)-[:FOLLOWS]->(:Guest {name: 'o2-eve'})",
    ))
    .await
    .unwrap();
    bob.age = Some(41);
    bob.save(&db).await.unwrap();
    assert_eq!(bob.age, Some(41));
    assert_eq!(bob.labels, ["Guest"]);
    let (note, follows): (String, i64) = db
        .fetch_one(
            raw::<(String, i64)>(
                "MATCH (m:Guest {name: 'o2-bob'}) RETURN m.note, COUNT { (m)-[:FOLLOWS]->() }",
            )
            .columns(["m.note", "COUNT { (m)-[:FOLLOWS]->() }"]),
        )
        .await
        .unwrap();
    assert_eq!((note.as_str(), follows), ("kept", 1));
}

#[tokio::test]
async fn node_sets_filter_order_page_count_and_get_one() {
    let db = with_unique_handle().await;
    let all: Vec<Member> = (0..10)
        .map(|i| member(&format!("o3-{i}"), Some(20 + i)))
        .collect();
    let saved = Member::create_many(&db, all.clone()).await.unwrap();
    // One query, rows back in the order given.
    assert_eq!(
        saved.iter().map(|s| s.data.clone()).collect::<Vec<_>>(),
        all
    );

    let set = prefixed("o3-");
    assert_eq!(set.count(&db).await.unwrap(), 10);
    assert!(set.exists(&db).await.unwrap());
    let older = set.clone().filter(Member.age.ge(25));
    assert_eq!(older.count(&db).await.unwrap(), 5);
    let page = older
        .clone()
        .order_by(Member.age.desc())
        .skip(1)
        .limit(2)
        .all(&db)
        .await
        .unwrap();
    let ages: Vec<_> = page.iter().map(|m| m.age).collect();
    assert_eq!(ages, [Some(28), Some(27)]);
    assert_eq!(older.clone().skip(1).limit(2).count(&db).await.unwrap(), 2);
    let youngest = set.clone().order_by(Member.age).first(&db).await.unwrap();
    assert_eq!(youngest.unwrap().handle, "o3-0");

    let one = set
        .clone()
        .filter(Member.age.eq(23))
        .get(&db)
        .await
        .unwrap();
    assert_eq!(one.handle, "o3-3");
    assert!(matches!(
        set.clone().filter(Member.age.eq(99)).get(&db).await,
        Err(Error::NotFound { label: "Member" })
    ));
    assert!(matches!(
        set.get(&db).await,
        Err(Error::NotUnique { label: "Member" })
    ));
    assert!(!prefixed("o3-none").exists(&db).await.unwrap());
}

#[tokio::test]
async fn get_or_create_and_create_or_update_say_what_they_created() {
    let db = with_unique_handle().await;
    member("o4-a", Some(1)).create(&db).await.unwrap();
    let got = Member::get_or_create(
        &db,
        vec![member("o4-a", Some(100)), member("o4-b", Some(2))],
        Member.handle,
    )
    .await
    .unwrap();
    let seen: Vec<_> = got
        .iter()
        .map(|(m, created)| (m.data.clone(), *created))
        .collect();
    // The existing node is returned as stored, not changed.
    assert_eq!(
        seen,
        [
            (member("o4-a", Some(1)), false),
            (member("o4-b", Some(2)), true)
        ]
    );
    let updated = Member::create_or_update(
        &db,
        vec![member("o4-a", Some(100)), member("o4-c", None)],
        (Member.handle,),
    )
    .await
    .unwrap();
    let seen: Vec<_> = updated.iter().map(|(m, c)| (m.data.clone(), *c)).collect();
    assert_eq!(
        seen,
        [
            (member("o4-a", Some(100)), false),
            (member("o4-c", None), true)
        ]
    );
    assert_eq!(prefixed("o4-").count(&db).await.unwrap(), 3);
    // No node keeps the marker the query used.
    let marked: i64 = db
        .fetch_one(raw::<i64>(
            "MATCH (m:Member) WHERE m.__typher_created IS NOT NULL RETURN count(*)",
        ))
        .await
        .unwrap();
    assert_eq!(marked, 0);
}

#[tokio::test]
async fn a_batch_naming_one_key_twice_creates_it_once() {
    let db = with_unique_handle().await;
    let got = Member::get_or_create(
        &db,
        vec![
            member("o4d-a", Some(1)),
            member("o4d-a", Some(2)),
            member("o4d-b", None),
            member("o4d-a", Some(3)),
        ],
        Member.handle,
    )
    .await
    .unwrap();
    let created: Vec<bool> = got.iter().map(|(_, created)| *created).collect();
    assert_eq!(created, [true, false, true, false]);
    assert_eq!(got[0].0.element_id, got[1].0.element_id);
    assert_eq!(got[0].0.element_id, got[3].0.element_id);
    assert_eq!(prefixed("o4d-a").count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn racing_get_or_create_on_one_key_makes_one_node() {
    let db = with_unique_handle().await;
    for round in 0..5 {
        let key = format!("o5-{round}");
        let race = |db: Client, key: String| async move {
            Member::get_or_create(&db, vec![member(&key, None)], Member.handle).await
        };
        let (a, b) = tokio::join!(race(db.clone(), key.clone()), race(db.clone(), key.clone()));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a[0].0.element_id, b[0].0.element_id, "round {round}");
        assert_eq!(
            u8::from(a[0].1) + u8::from(b[0].1),
            1,
            "exactly one created it, round {round}"
        );
        assert_eq!(prefixed(&key).count(&db).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn a_stale_save_is_refused_and_writes_nothing() {
    let db = with_unique_handle().await;
    let memo = Memo {
        slug: "o6".into(),
        text: "first".into(),
        version: 0,
    };
    let mut mine = memo.create(&db).await.unwrap();
    let mut theirs = mine.clone();
    mine.text = "mine".into();
    mine.save(&db).await.unwrap();
    assert_eq!(mine.version, 1);

    theirs.text = "theirs".into();
    let refused = theirs.save(&db).await;
    assert!(
        matches!(
            &refused,
            Err(Error::Stale {
                label: "Memo",
                version: 0,
                ..
            })
        ),
        "{refused:?}"
    );
    let stored = Memo::nodes()
        .filter(Memo.slug.eq("o6"))
        .get(&db)
        .await
        .unwrap();
    assert_eq!((stored.text.as_str(), stored.version), ("mine", 1));

    theirs.refresh(&db).await.unwrap();
    theirs.text = "theirs".into();
    theirs.save(&db).await.unwrap();
    assert_eq!(theirs.version, 2);
}

/// Eight concurrent saves of one copy, a hundred rounds: each round exactly one save wins
/// and every other is `Stale`, and the stored node is the winner's.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_of_one_copy_have_one_winner() {
    let db = with_unique_handle().await;
    for round in 0..100 {
        let copy = Memo {
            slug: format!("o6r-{round}"),
            text: "first".into(),
            version: 0,
        }
        .create(&db)
        .await
        .unwrap();
        let saves = (0..8).map(|i| {
            let (db, mut copy) = (db.clone(), copy.clone());
            tokio::spawn(async move {
                copy.text = format!("save {i}");
                copy.save(&db).await.map(|()| copy.text.clone())
            })
        });
        let mut won = Vec::new();
        for save in futures_util::future::join_all(saves).await {
            match save.unwrap() {
                Ok(text) => won.push(text),
                Err(Error::Stale { .. }) => {}
                Err(other) => panic!("round {round}: {other}"),
            }
        }
        assert_eq!(won.len(), 1, "round {round}: {won:?} all saved");
        let stored = copy.clone();
        let mut stored = stored;
        stored.refresh(&db).await.unwrap();
        assert_eq!((stored.text.as_str(), stored.version), (won[0].as_str(), 1));
    }
}

#[tokio::test]
async fn hooks_run_around_writes_and_can_refuse() {
    let db = with_unique_handle().await;
    let saved = Login {
        email: "  O7-Ann@Example.org ".into(),
    }
    .create(&db)
    .await
    .unwrap();
    assert_eq!(saved.email, "o7-ann@example.org");

    let refused = Login {
        email: "o7-nobody".into(),
    }
    .create(&db)
    .await;
    assert!(
        matches!(
            &refused,
            Err(Error::Hook {
                hook: "pre_save",
                ..
            })
        ),
        "{refused:?}"
    );
    let batch = Login::create_many(
        &db,
        vec![
            Login {
                email: "o7-b@x.org".into(),
            },
            Login {
                email: "o7-bad".into(),
            },
        ],
    )
    .await;
    assert!(matches!(batch, Err(Error::Hook { .. })));
    let kept = Login {
        email: "keep-o7@x.org".into(),
    }
    .create(&db)
    .await
    .unwrap();
    assert!(matches!(
        kept.delete(&db).await,
        Err(Error::Hook {
            hook: "pre_delete",
            ..
        })
    ));
    let stored: Vec<String> = Login::nodes()
        .filter(Login.email.contains("o7"))
        .order_by(Login.email)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.data.email)
        .collect();
    assert_eq!(stored, ["keep-o7@x.org", "o7-ann@example.org"]);
}

#[tokio::test]
async fn operations_in_a_transaction_roll_back_together() {
    let db = with_unique_handle().await;
    let tx = db.begin().await.unwrap();
    let mut one = member("o8-a", None).create(&tx).await.unwrap();
    one.age = Some(5);
    one.save(&tx).await.unwrap();
    Member::create_many(&tx, vec![member("o8-b", None)])
        .await
        .unwrap();
    assert_eq!(prefixed("o8-").count(&tx).await.unwrap(), 2);
    tx.rollback().await.unwrap();
    assert_eq!(prefixed("o8-").count(&db).await.unwrap(), 0);
}

/// A guest who is also a VIP: created with both labels, loadable as either.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[node(extra_labels = [Guest])]
pub struct Vip {
    pub name: String,
    pub age: Option<i64>,
    pub tier: Option<i64>,
}

/// A scrap of data that keeps the properties it does not declare.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scrap {
    pub slug: String,
    #[node(extras)]
    #[serde(flatten)]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

#[tokio::test]
async fn a_node_with_several_labels_loads_as_each() {
    let db = with_unique_handle().await;
    let vip = Vip {
        name: "multi-vip".into(),
        age: Some(40),
        tier: Some(2),
    }
    .create(&db)
    .await
    .unwrap();
    let mut labels = vip.labels.clone();
    labels.sort();
    assert_eq!(labels, ["Guest", "Vip"]);
    let as_guest = Guest::nodes()
        .filter(Guest.name.eq("multi-vip"))
        .get(&db)
        .await
        .unwrap();
    assert_eq!(as_guest.age, Some(40));
    assert!(as_guest.has_label(Vip) && as_guest.has_label(Guest));

    // Batches and merges write every label too.
    let batch = Vip::create_many(
        &db,
        vec![Vip {
            name: "multi-batch".into(),
            age: None,
            tier: None,
        }],
    )
    .await
    .unwrap();
    assert!(batch[0].has_label(Guest));
    let merged = Vip::get_or_create(
        &db,
        vec![Vip {
            name: "multi-merged".into(),
            age: None,
            tier: Some(1),
        }],
        Vip.name,
    )
    .await
    .unwrap();
    assert!(merged[0].1 && merged[0].0.has_label(Guest));

    // A plain guest becomes a VIP and back; its own label stays.
    let mut guest = Guest {
        name: "multi-plain".into(),
        age: Some(30),
    }
    .create(&db)
    .await
    .unwrap();
    guest.add_label(&db, Vip).await.unwrap();
    assert!(guest.has_label(Vip));
    let found = Vip::nodes()
        .filter(Vip.name.eq("multi-plain"))
        .get(&db)
        .await
        .unwrap();
    assert_eq!((found.age, found.tier), (Some(30), None));
    guest.remove_label(&db, Vip).await.unwrap();
    assert!(!guest.has_label(Vip));
    assert!(!Vip::nodes()
        .filter(Vip.name.eq("multi-plain"))
        .exists(&db)
        .await
        .unwrap());
    let own = guest.remove_label(&db, Guest).await;
    assert!(
        matches!(own, Err(Error::Exec(typher::exec::Error::Parameter { .. }))),
        "{own:?}"
    );
    assert!(guest.has_label(Guest));
}

#[tokio::test]
async fn undeclared_properties_are_kept_in_the_extras_map() {
    let db = with_unique_handle().await;
    let extra = |pairs: &[(&str, serde_json::Value)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    };
    let mut one = Scrap {
        slug: "extras-one".into(),
        extra: extra(&[("color", "red".into()), ("size", 3.into())]),
    }
    .create(&db)
    .await
    .unwrap();
    assert_eq!(
        one.extra,
        extra(&[("color", "red".into()), ("size", 3.into())])
    );

    // Saving writes a changed extra and a new one; the declared ones stay declared.
    one.extra.insert("size".into(), 4.into());
    one.extra
        .insert("tags".into(), serde_json::json!(["a", "b"]));
    one.save(&db).await.unwrap();
    one.refresh(&db).await.unwrap();
    assert_eq!(one.extra["size"], 4);
    assert_eq!(one.extra["tags"], serde_json::json!(["a", "b"]));
    assert!(!one.extra.contains_key("slug"));

    // A batch keeps them too (written whole, not spread over the declared properties).
    let batch = Scrap::create_many(
        &db,
        vec![Scrap {
            slug: "extras-batch".into(),
            extra: extra(&[("weight", 1.5.into())]),
        }],
    )
    .await
    .unwrap();
    assert_eq!(batch[0].extra["weight"], 1.5);

    // Properties written by anyone else land in the map.
    db.execute(raw::<()>(
        "CREATE (:Scrap {slug: 'extras-raw', origin: 'import', rank: 7})",
    ))
    .await
    .unwrap();
    let raw_one = Scrap::nodes()
        .filter(Scrap.slug.eq("extras-raw"))
        .get(&db)
        .await
        .unwrap();
    assert_eq!(
        raw_one.extra,
        extra(&[("origin", "import".into()), ("rank", 7.into())])
    );
}

/// A label of its own with a node key, so no other test creates nodes that could take the
/// element ids this test frees.
#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Badge {
    #[node(key)]
    pub code: String,
    pub holder: String,
}

#[tokio::test]
async fn a_stale_copy_never_writes_to_the_node_that_took_its_id() {
    let db = client().await;
    let badge = |code: &str| Badge {
        code: code.into(),
        holder: "ann".into(),
    };
    let first = badge("b-1").create(&db).await.unwrap();
    let mut stale = first.clone();
    first.delete(&db).await.unwrap();
    // A new node, which ArcadeDB gives the freed element id (Neo4j does so later, if ever).
    let second = badge("b-2").create(&db).await.unwrap();
    let reused = second.element_id == stale.element_id;

    stale.holder = "mallory".into();
    let saved = stale.save(&db).await;
    let refreshed = stale.clone().refresh(&db).await;
    let deleted = stale.clone().delete(&db).await;
    if reused {
        for result in [&saved, &refreshed, &deleted] {
            assert!(
                matches!(
                    result,
                    Err(typher::ogm::Error::Replaced { label: "Badge", .. })
                ),
                "{result:?}"
            );
        }
        let message = saved.unwrap_err().to_string();
        assert!(message.contains("now holds another node"), "{message}");
    } else {
        assert!(matches!(saved, Err(Error::NotFound { .. })), "{saved:?}");
    }
    // The node that took the id is untouched and still there.
    let stored: Vec<Identified<Badge>> = Badge::nodes().all(&db).await.unwrap();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].data, badge("b-2"));
    second.delete(&db).await.unwrap();
}
