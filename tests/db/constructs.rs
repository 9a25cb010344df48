//! Step 8's constructs against the real server, each asserting the rows: queries without a
//! reading clause, literals and nulls, `RETURN *` / `WITH *`, `IS NULL` on what an
//! `OPTIONAL MATCH` binds, an optional path that matched nothing, named parameters on a
//! union and on a write, and rows with counters together.

use super::data;
use super::movies::*;
use super::support::client;
use std::collections::BTreeSet;
use typher::prelude::*;

/// What these tests write: a label of their own, so no other test's reads see it.
#[derive(Node, serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Stamp {
    pub name: String,
    pub year: Option<i64>,
}

/// Creates a stamp named `name` without a year.
async fn stamp(db: &typher::Client, name: &str) {
    let stamp = Stamp {
        name: name.into(),
        year: None,
    };
    db.execute(create(stamp)).await.unwrap();
}

/// Deletes the stamps named `name`.
async fn drop_stamps(db: &typher::Client, name: &'static str) {
    db.execute(
        match_(Stamp)
            .filter(Stamp.name.eq(name))
            .detach_delete(Stamp),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_query_without_a_reading_clause_computes() {
    let db = client().await;
    let x = name!(x);
    let three: i64 = db
        .fetch_one(return_((lit(1) + lit(2)).as_(x)))
        .await
        .unwrap();
    assert_eq!(three, 3);

    let (l, item) = (name!(l), name!(item));
    let items: Vec<i64> = db
        .fetch_all(
            with(lit(vec![3, 1, 2]).as_(l))
                .unwind(l, item)
                .return_(item)
                .order_by(item),
        )
        .await
        .unwrap();
    assert_eq!(items, [1, 2, 3]);
}

#[tokio::test]
async fn null_and_lists_holding_nulls_travel_both_ways() {
    let db = client().await;
    let (n, x) = (name!(n), name!(x));
    let none: Option<i64> = db.fetch_one(return_(null::<i64>().as_(n))).await.unwrap();
    assert_eq!(none, None);
    let items: Vec<Option<i64>> = db
        .fetch_all(unwind(vec![Some(1), None, Some(3)], x).return_(x))
        .await
        .unwrap();
    assert_eq!(items, [Some(1), None, Some(3)]);
    let y = name!(y);
    let from_array: Vec<i64> = db.fetch_all(unwind([4, 5], y).return_(y)).await.unwrap();
    assert_eq!(from_array, [4, 5]);
    let born_1956: BTreeSet<String> = db
        .fetch_all(
            match_(Person)
                .filter(Person.born.is_in(vec![Some(1956), None]))
                .return_(Person.name),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = data::PEOPLE
        .iter()
        .filter(|p| p.1 == Some(1956))
        .map(|p| p.0.to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(born_1956, expected);
}

#[tokio::test]
async fn return_all_and_with_all_carry_every_variable() {
    #[derive(serde::Deserialize)]
    struct Row {
        person: Person,
        movie: Movie,
    }
    let db = client().await;
    let rows: Vec<Row> = db
        .fetch_all(
            match_(Person)
                .rel(DIRECTED)
                .to(Movie)
                .with_all()
                .filter(Movie.released.lt(2000))
                .return_all::<Row>(),
        )
        .await
        .unwrap();
    let expected: BTreeSet<(String, String)> = data::DIRECTED
        .iter()
        .filter(|(_, movie)| data::MOVIES.iter().any(|m| m.0 == *movie && m.1 < 2000))
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect();
    let got: BTreeSet<(String, String)> = rows
        .into_iter()
        .map(|r| (r.person.name, r.movie.title))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
}

#[tokio::test]
async fn is_null_finds_what_an_optional_match_did_not() {
    let db = client().await;
    let unreviewed: BTreeSet<String> = db
        .fetch_all(
            match_(Movie)
                .optional_match(Person)
                .rel(REVIEWED)
                .to(Movie.again())
                .with((Movie, Person))
                .filter(Person.is_null())
                .return_(Movie.title),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = data::MOVIES
        .iter()
        .filter(|m| !data::REVIEWED.iter().any(|r| r.1 == m.0))
        .map(|m| m.0.to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(unreviewed, expected);
}

#[tokio::test]
async fn an_optional_path_that_matched_nothing_decodes_as_none() {
    let db = client().await;
    let route = name!(route: Path<Person, Follows>);
    let rows: Vec<(String, Option<Path<Person, Follows>>)> = db
        .fetch_all(
            match_(Person)
                .filter(
                    Person
                        .name
                        .eq("Tom Hanks")
                        .or(Person.name.eq("Paul Blythe")),
                )
                .optional_match(Person.again())
                .rel(FOLLOWS)
                .to(Person.alias(Other))
                .as_path(route)
                .return_((Person.name, route))
                .order_by(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (paul, followed) = &rows[0];
    assert_eq!(paul, "Paul Blythe");
    let followed = followed.as_ref().expect("Paul follows Angela");
    assert_eq!(followed.end().name, "Angela Scope");
    assert_eq!(
        rows[1],
        ("Tom Hanks".to_owned(), None),
        "Tom follows nobody"
    );
}

#[tokio::test]
async fn a_union_and_a_write_run_with_their_named_parameters() {
    let db = client().await;
    let year = param::<i64>("year");
    let titles: BTreeSet<String> = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.released.eq(year))
                .return_(Movie.title)
                .union(
                    match_(Movie)
                        .filter(Movie.released.gt(year))
                        .return_(Movie.title),
                )
                .bind(year, 2006),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = data::MOVIES
        .iter()
        .filter(|m| m.1 >= 2006)
        .map(|m| m.0.to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(titles, expected);

    let year = param::<i64>("year");
    stamp(&db, "c8-bound").await;
    let changed = db
        .execute(
            match_(Stamp)
                .filter(Stamp.name.eq("c8-bound"))
                .set(Stamp.year.to(year))
                .bind(year, 1977),
        )
        .await
        .unwrap();
    assert_eq!(changed.counters.properties_set, 1);
    let stored: Option<i64> = db
        .fetch_one(
            match_(Stamp)
                .filter(Stamp.name.eq("c8-bound"))
                .return_(Stamp.year),
        )
        .await
        .unwrap();
    assert_eq!(stored, Some(1977));
    drop_stamps(&db, "c8-bound").await;
}

#[tokio::test]
async fn a_write_gives_its_rows_and_its_counters_together() {
    let db = client().await;
    let stamps = vec![
        Stamp {
            name: "c8-rows-a".into(),
            year: None,
        },
        Stamp {
            name: "c8-rows-b".into(),
            year: None,
        },
    ];
    let row = name!(row);
    let (names, counters) = db
        .fetch_all_with_counters(
            unwind(rows(&stamps), row)
                .create(Stamp.value(row))
                .return_(Stamp.name)
                .order_by(Stamp.name),
        )
        .await
        .unwrap();
    assert_eq!(names, ["c8-rows-a", "c8-rows-b"]);
    assert_eq!(counters.nodes_created, 2);
    let (deleted, counters) = db
        .fetch_all_with_counters(
            match_(Stamp)
                .filter(Stamp.name.starts_with("c8-rows-"))
                .with(Stamp)
                .detach_delete(Stamp)
                .return_(count_all()),
        )
        .await
        .unwrap();
    assert_eq!(deleted, [2]);
    assert_eq!(counters.nodes_deleted, 2);
}

#[tokio::test]
async fn nodes_and_relationships_compare_by_identity() {
    let db = client().await;
    let pairs: BTreeSet<(String, String)> = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(ACTED_IN)
                .from(Person.alias(Coactor))
                .filter(
                    Person
                        .is_not_same(Person.alias(Coactor))
                        .and(Movie.title.eq("Apollo 13")),
                )
                .return_((Person.name, Person.alias(Coactor).name)),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let cast: Vec<&str> = data::ACTED_IN
        .iter()
        .filter(|a| a.1 == "Apollo 13")
        .map(|a| a.0)
        .collect();
    let expected: BTreeSet<(String, String)> = cast
        .iter()
        .flat_map(|a| cast.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(pairs, expected);
    let same_role_twice: Vec<i64> = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(ACTED_IN.alias(CoRole))
                .from(Person.alias(Coactor))
                .filter(ACTED_IN.is_same(ACTED_IN.alias(CoRole)))
                .return_(count_all()),
        )
        .await
        .unwrap();
    assert_eq!(
        same_role_twice,
        [0],
        "a pattern never walks one relationship twice"
    );
}

#[tokio::test]
async fn substring_to_the_end_tail_and_a_long_step_to_an_end_label() {
    let db = client().await;
    let rows: Vec<(String, Vec<String>)> = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks").and(Movie.title.eq("Cast Away")))
                .return_((Movie.title.substring_from(5), ACTED_IN.roles.tail())),
        )
        .await
        .unwrap();
    let roles = data::ACTED_IN
        .iter()
        .find(|a| a.0 == "Tom Hanks" && a.1 == "Cast Away")
        .expect("a fixture role")
        .2;
    let tail: Vec<String> = roles.iter().skip(1).map(|r| (*r).to_owned()).collect();
    assert_eq!(rows, [("Away".to_owned(), tail)]);
    let titles: BTreeSet<String> = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.eq("Tom Hanks"))
                .rel(ACTED_IN.hops(1..=2))
                .to(Movie)
                .return_(Movie.title),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = data::ACTED_IN
        .iter()
        .filter(|a| a.0 == "Tom Hanks")
        .map(|a| a.1.to_owned())
        .collect();
    assert_eq!(titles, expected);
}

/// A map's typed record.
#[derive(Record, serde::Deserialize, Debug, PartialEq)]
pub struct Card {
    pub who: String,
    pub year: Option<i64>,
}

#[tokio::test]
async fn maps_are_built_read_and_decoded_with_their_record() {
    let db = client().await;
    let card = name!(card);
    let rows: Vec<(String, Card)> = db
        .fetch_all(
            match_(Person)
                .with(Card::map(Person.name, Person.born).as_(card))
                .filter(card.key(Card.year).gt(1960))
                .return_((card.key(Card.who), card))
                .order_by(card.key(Card.who)),
        )
        .await
        .unwrap();
    let mut expected: Vec<(String, Card)> = data::PEOPLE
        .iter()
        .filter(|p| p.1.is_some_and(|y| y > 1960))
        .map(|p| {
            let card = Card {
                who: p.0.to_owned(),
                year: p.1,
            };
            (p.0.to_owned(), card)
        })
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!expected.is_empty());
    assert_eq!(rows, expected);
    let literal: Card = db
        .fetch_one(return_(Card::map(lit("Ann"), null::<i64>())))
        .await
        .unwrap();
    assert_eq!(
        literal,
        Card {
            who: "Ann".into(),
            year: None
        }
    );
}

#[tokio::test]
async fn an_undeclared_property_is_set_and_read_with_its_type() {
    let db = client().await;
    stamp(&db, "c8-extra").await;
    db.execute(
        match_(Stamp)
            .filter(Stamp.name.eq("c8-extra"))
            .set(Stamp.extra::<String>("nick").to("stampy")),
    )
    .await
    .unwrap();
    let nick: Option<String> = db
        .fetch_one(
            match_(Stamp)
                .filter(Stamp.name.eq("c8-extra"))
                .return_(Stamp.extra::<String>("nick")),
        )
        .await
        .unwrap();
    assert_eq!(nick.as_deref(), Some("stampy"));
    drop_stamps(&db, "c8-extra").await;
}

/// A node of either label.
#[derive(Labels, Debug, PartialEq)]
pub enum Credit {
    Person(Person),
    Movie(Movie),
}

#[tokio::test]
async fn union_sides_of_different_labels_decode_into_one_enum() {
    let db = client().await;
    let credits: Vec<Credit> = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Credit::of(Person))
                .union_all(
                    match_(Movie)
                        .filter(Movie.title.eq("Cast Away"))
                        .return_(Credit::of(Movie)),
                ),
        )
        .await
        .unwrap();
    assert_eq!(credits.len(), 2, "{credits:?}");
    assert!(credits
        .iter()
        .any(|c| matches!(c, Credit::Person(p) if p.name == "Tom Hanks")));
    assert!(credits
        .iter()
        .any(|c| matches!(c, Credit::Movie(m) if m.title == "Cast Away" && m.released == 2000)));
}

#[tokio::test]
async fn a_node_bound_over_several_labels_decodes_into_the_enum() {
    let db = client().await;
    // Everything one hop from Tom Hanks, either way: the movies he worked on (and any
    // person he follows or is followed by), each decoded as the variant of its label.
    let near: Vec<(String, Credit)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Tom Hanks"))
                .rel(ANY_REL)
                .either(Credit::node())
                .return_((Person.name, Credit::node())),
        )
        .await
        .unwrap();
    assert!(near.iter().all(|(name, _)| name == "Tom Hanks"));
    assert!(
        near.iter()
            .any(|(_, c)| matches!(c, Credit::Movie(m) if m.title == "Cast Away")),
        "{near:?}"
    );
    assert!(near
        .iter()
        .all(|(_, c)| matches!(c, Credit::Movie(_) | Credit::Person(_))));

    // A node that an optional step did not reach is `None`.
    let lone: Vec<(String, Option<Credit>)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Tom Hanks"))
                .optional_match(Person.again())
                .rel(ANY_REL)
                .to(Credit::node().where_(lit(false)))
                .return_((Person.name, Credit::node())),
        )
        .await
        .unwrap();
    assert_eq!(lone, vec![("Tom Hanks".to_owned(), None)]);

    // A path through people and movies holds both, in walking order.
    let route = name!(route: Path<Credit, ActedIn>);
    let routes = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN)
                .to(Movie.having(Movie.title, "The Matrix"))
                .as_path(route)
                .return_(route),
        )
        .await
        .unwrap();
    assert_eq!(routes.len(), 1, "{routes:?}");
    let route = &routes[0];
    assert!(matches!(route.start(), Credit::Person(p) if p.name == "Keanu Reeves"));
    assert!(matches!(route.end(), Credit::Movie(m) if m.title == "The Matrix"));
    assert_eq!(route.relationships().len(), 1);

    // Collected, both keep their shapes: a list of the enum, a list of paths.
    let route = name!(route: Path<Credit, ActedIn>);
    type Route = Path<Credit, ActedIn>;
    let collected: Vec<(Vec<Credit>, Vec<Route>)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN.hops(1..=2))
                .either(Credit::node())
                .as_path(route)
                .return_((collect_distinct(Credit::node()), collect(route))),
        )
        .await
        .unwrap();
    assert_eq!(collected.len(), 1);
    let (credits, routes) = &collected[0];
    assert!(credits
        .iter()
        .any(|c| matches!(c, Credit::Movie(m) if m.title == "The Matrix")));
    assert!(credits
        .iter()
        .any(|c| matches!(c, Credit::Person(p) if p.name == "Carrie-Anne Moss")));
    assert!(routes.len() >= credits.len());
    assert!(routes.iter().all(|r| (1..=2).contains(&r.len())));
}

#[tokio::test]
async fn integers_and_floats_mix_into_a_float() {
    let db = client().await;
    let (score, sum) = (name!(score), name!(sum));
    let rows: Vec<(f64, f64)> = db
        .fetch_all(match_(Movie.having(Movie.title, "The Matrix")).return_((
            (Movie.released * 1.5).as_(score),
            (lit(0.5) + Movie.released).as_(sum),
        )))
        .await
        .unwrap();
    assert_eq!(rows, vec![(1999.0 * 1.5, 1999.5)]);
}

#[tokio::test]
async fn with_shadows_names_and_renames_nodes() {
    let db = client().await;
    // WITH x + 1 AS x, then WITH toString(x) AS x: each WITH rebinds the name.
    let (x, text) = (name!(x), name!(x: String));
    let texts = db
        .fetch_all(
            unwind([1, 2, 3], x)
                .with((x + 1).as_(x))
                .with(x.to_string().as_(text))
                .return_(text),
        )
        .await
        .unwrap();
    assert_eq!(texts, vec!["2", "3", "4"]);

    // WITH person AS coactor, then MATCH (person:Person) anew: Keanu's co-actors.
    let names: BTreeSet<String> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .with(Person.as_alias(Coactor))
                .match_(Person)
                .rel(ACTED_IN)
                .to(Movie.having(Movie.title, "The Matrix"))
                .rel(ACTED_IN)
                .from(Person.alias(Coactor).again())
                .filter(Person.is_not_same(Person.alias(Coactor)))
                .return_(Person.name),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert!(names.contains("Carrie-Anne Moss"), "{names:?}");
    assert!(!names.contains("Keanu Reeves"), "{names:?}");
}

#[tokio::test]
async fn nodes_held_as_values_and_relationships_walked_again() {
    let db = client().await;
    let people = name!(people);
    // A property of a node taken from a list of nodes (null past its end).
    let firsts: Vec<(Option<String>, Option<String>)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .with(collect(Person).as_(people))
                .return_((people.at(0).key(Person.name), people.at(5).key(Person.name))),
        )
        .await
        .unwrap();
    assert_eq!(firsts, vec![(Some("Keanu Reeves".to_owned()), None)]);

    // A list of nodes unwound back into a node binding that a pattern continues from.
    let titles: BTreeSet<String> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .with(collect(Person).as_(people))
                .unwind(people, Person)
                .match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .return_(Movie.title),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert!(titles.contains("The Matrix"), "{titles:?}");

    // A relationship bound earlier, walked again: it has the same two ends.
    let pairs: Vec<(String, String)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN)
                .to(Movie.having(Movie.title, "The Matrix"))
                .match_(Person.alias(Coactor))
                .rel(ACTED_IN.again())
                .to(Movie.alias(Other))
                .return_((Person.alias(Coactor).name, Movie.alias(Other).title)),
        )
        .await
        .unwrap();
    assert_eq!(
        pairs,
        vec![("Keanu Reeves".to_owned(), "The Matrix".to_owned())]
    );

    // `*0..` may end at the start node itself.
    let reached: BTreeSet<String> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(FOLLOWS.hops(0..=1))
                .to(Person.alias(Coactor))
                .return_(Person.alias(Coactor).name),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert!(reached.contains("Keanu Reeves"), "{reached:?}");
}

#[tokio::test]
async fn an_optional_property_is_set_from_an_option() {
    let db = client().await;
    stamp(&db, "option-set").await;
    let year = |value: Option<i64>| {
        match_(Stamp)
            .filter(Stamp.name.eq("option-set"))
            .set(Stamp.year.to(value))
            .return_(Stamp.year)
    };
    let set: Vec<Option<i64>> = db.fetch_all(year(Some(1999))).await.unwrap();
    assert_eq!(set, vec![Some(1999)]);
    let cleared: Vec<Option<i64>> = db.fetch_all(year(None)).await.unwrap();
    assert_eq!(cleared, vec![None]);
    drop_stamps(&db, "option-set").await;
}

#[tokio::test]
async fn a_union_column_is_nullable_when_one_side_is() {
    let db = client().await;
    stamp(&db, "union-null").await;
    let rows: Vec<(String, Option<i64>)> = db
        .fetch_all(
            match_(Stamp)
                .filter(Stamp.name.eq("union-null"))
                .return_((Stamp.name, Stamp.year))
                .union_all(
                    match_(Movie)
                        .filter(Movie.title.eq("Cast Away"))
                        .return_((Movie.title, Movie.released)),
                ),
        )
        .await
        .unwrap();
    let rows: BTreeSet<(String, Option<i64>)> = rows.into_iter().collect();
    assert_eq!(
        rows,
        BTreeSet::from([
            ("Cast Away".to_owned(), Some(2000)),
            ("union-null".to_owned(), None)
        ])
    );
    drop_stamps(&db, "union-null").await;
}

#[tokio::test]
async fn create_takes_inline_property_expressions() {
    let db = client().await;
    let row = name!(row);
    let (years, counters) = db
        .fetch_all_with_counters(
            unwind([1, 2], row)
                .create(Stamp.value(Stamp::map(lit("c8-inline"), row + 2000)))
                .return_(Stamp.year)
                .order_by(Stamp.year),
        )
        .await
        .unwrap();
    assert_eq!(years, [Some(2001), Some(2002)]);
    assert_eq!(counters.nodes_created, 2);
    drop_stamps(&db, "c8-inline").await;
}

#[tokio::test]
async fn keys_and_dynamic_keys_of_maps_and_nodes() {
    let db = client().await;
    let m = name!(m);
    let rows: Vec<(Vec<String>, Option<String>)> = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.eq("Tom Hanks"))
                .with(Person::map(Person.name, Person.born).as_(m))
                .return_((keys(m), m.dynamic::<String, _>("name"))),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let (mut keys_of_m, name) = rows.into_iter().next().unwrap();
    keys_of_m.sort();
    assert_eq!(keys_of_m, ["born", "name"]);
    assert_eq!(name.as_deref(), Some("Tom Hanks"));
    let born: Option<i64> = db
        .fetch_one(
            match_(Person)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Person.dynamic::<i64, _>("born")),
        )
        .await
        .unwrap();
    assert_eq!(
        born,
        data::PEOPLE.iter().find(|p| p.0 == "Tom Hanks").unwrap().1
    );
}

#[tokio::test]
async fn an_anonymous_node_across_an_undirected_step_is_the_far_label() {
    let db = client().await;
    let coactor = Person.alias(Coactor);
    let names: BTreeSet<String> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN)
                .either(())
                .rel(ACTED_IN)
                .either(coactor)
                .return_(coactor.name),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN)
                .to(Movie)
                .rel(ACTED_IN)
                .from(coactor)
                .return_(coactor.name),
        )
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert!(names.contains("Carrie-Anne Moss"), "{names:?}");
    assert_eq!(names, expected);
}
