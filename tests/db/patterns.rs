//! Paths, pattern forms and subqueries against the server, with asserted rows.

use super::data;
use super::movies::*;
use super::support::client;
use std::collections::BTreeSet;
use typher::prelude::*;

#[derive(Alias)]
pub struct Fan;

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

fn owned(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn directors() -> BTreeSet<String> {
    set(data::DIRECTED.iter().map(|(p, _)| (*p).to_owned()))
}

/// The titles `person` acted in, from the fixture.
fn movies_of(person: &str) -> BTreeSet<String> {
    set(data::ACTED_IN
        .iter()
        .filter(|(p, _, _)| *p == person)
        .map(|(_, m, _)| (*m).to_owned()))
}

fn actors() -> BTreeSet<String> {
    set(data::ACTED_IN.iter().map(|(p, _, _)| (*p).to_owned()))
}

#[tokio::test]
async fn inline_property_maps_on_nodes_and_relationships() {
    let db = client().await;
    let released = db
        .fetch_all(match_(Movie.having(Movie.title, "The Matrix")).return_(Movie.released))
        .await
        .unwrap();
    assert_eq!(released, [1999]);
    let reviewed = db
        .fetch_all(
            match_(Person.having(Person.name, "Jessica Thompson"))
                .rel(REVIEWED.having(REVIEWED.rating, 95))
                .to(Movie)
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(reviewed, ["Cloud Atlas"]);
}

#[tokio::test]
async fn variable_length_steps_reach_each_distance() {
    let db = client().await;
    let fan = Person.alias(Fan);
    let within_three = db
        .fetch_all(
            match_(Person.having(Person.name, "Paul Blythe"))
                .rel(FOLLOWS.hops(1..=3))
                .to(fan)
                .return_(fan.name),
        )
        .await
        .unwrap();
    assert_eq!(
        set(within_three),
        owned(&["Angela Scope", "Jessica Thompson", "Tom Hanks"])
    );
    let exactly_two = db
        .fetch_all(
            match_(Person.having(Person.name, "Paul Blythe"))
                .rel(FOLLOWS.hops(2))
                .to(fan)
                .return_(fan.name),
        )
        .await
        .unwrap();
    assert_eq!(exactly_two, ["Jessica Thompson"]);
}

#[tokio::test]
async fn a_variable_length_relationship_decodes_as_a_list() {
    let db = client().await;
    let fan = Person.alias(Fan);
    let follows = FOLLOWS.hops(..);
    let rows: Vec<(String, Vec<Follows>)> = db
        .fetch_all(
            match_(Person.having(Person.name, "Paul Blythe"))
                .rel(follows)
                .to(fan)
                .return_((fan.name, follows))
                .order_by(follows.size()),
        )
        .await
        .unwrap();
    let lengths: Vec<(String, usize)> = rows.into_iter().map(|(n, r)| (n, r.len())).collect();
    assert_eq!(
        lengths,
        [
            ("Angela Scope".to_owned(), 1),
            ("Jessica Thompson".to_owned(), 2),
            ("Tom Hanks".to_owned(), 3)
        ]
    );
}

#[tokio::test]
async fn a_path_decodes_into_its_typed_value() {
    let db = client().await;
    let route = name!(route: Path<Person, Follows>);
    let path = db
        .fetch_one(
            match_(Person.having(Person.name, "Paul Blythe"))
                .rel(FOLLOWS.hops(1..=5))
                .to(Person.alias(Fan).having(Person.name, "Tom Hanks"))
                .as_path(route)
                .return_(route),
        )
        .await
        .unwrap();
    assert_eq!(path.len(), 3);
    assert_eq!(path.start().name, "Paul Blythe");
    assert_eq!(path.end().name, "Tom Hanks");
    let walked: Vec<&str> = path.segments().map(|(_, n)| n.name.as_str()).collect();
    assert_eq!(walked, ["Angela Scope", "Jessica Thompson", "Tom Hanks"]);
    assert_eq!(path.relationships(), [Follows {}, Follows {}, Follows {}]);
}

#[tokio::test]
async fn path_functions_read_a_bound_path() {
    let db = client().await;
    let route = name!(route: Path<Person, Follows>);
    let rows: Vec<(i64, Vec<Person>)> = db
        .fetch_all(
            match_(Person.having(Person.name, "James Thompson"))
                .rel(FOLLOWS.hops(..))
                .to(Person.alias(Fan))
                .as_path(route)
                .return_((length(route), nodes(route)))
                .order_by(length(route)),
        )
        .await
        .unwrap();
    let summary: Vec<(i64, Vec<String>)> = rows
        .into_iter()
        .map(|(len, nodes)| (len, nodes.into_iter().map(|p| p.name).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, vec!["James Thompson".into(), "Jessica Thompson".into()]),
            (
                2,
                vec![
                    "James Thompson".into(),
                    "Jessica Thompson".into(),
                    "Tom Hanks".into()
                ]
            ),
        ]
    );
}

#[tokio::test]
async fn shortest_paths_between_two_people() {
    let db = client().await;
    let route = name!(route: Path<Person, Follows>);
    let path = db
        .fetch_one(
            match_(Person.having(Person.name, "Tom Hanks"))
                .rel(FOLLOWS.hops(..))
                .either(Person.alias(Fan).having(Person.name, "Paul Blythe"))
                .shortest_path(route)
                .return_(route),
        )
        .await
        .unwrap();
    let names: Vec<&str> = path.nodes().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Tom Hanks",
            "Jessica Thompson",
            "Angela Scope",
            "Paul Blythe"
        ]
    );
    // Through movies: the co-actor distance between two actors, over ACTED_IN both ways.
    let bacon = name!(bacon: Path<Cast, ActedIn>);
    let lengths = db
        .fetch_all(
            match_(Person.having(Person.name, "Keanu Reeves"))
                .rel(ACTED_IN.hops(..))
                .either(Person.alias(Fan).having(Person.name, "Tom Hanks"))
                .all_shortest_paths(bacon)
                .return_(length(bacon)),
        )
        .await
        .unwrap();
    assert!(!lengths.is_empty());
    assert!(
        lengths.iter().all(|l| *l == lengths[0] && l % 2 == 0),
        "{lengths:?}"
    );
}

/// What a path through actors and movies holds.
#[derive(Labels, Debug, PartialEq)]
pub enum Cast {
    Person(Person),
    Movie(Movie),
}

#[tokio::test]
async fn anonymous_nodes_and_any_relationship() {
    let db = client().await;
    let directing = db
        .fetch_all(
            match_(Person)
                .rel(DIRECTED)
                .to(())
                .return_(Person.name)
                .distinct(),
        )
        .await
        .unwrap();
    assert_eq!(set(directing), directors());
    let all_from_people = db
        .fetch_one(match_(Person).rel(ANY_REL).to(()).return_(count_all()))
        .await
        .unwrap();
    let expected = data::ACTED_IN.len()
        + data::DIRECTED.len()
        + data::PRODUCED.len()
        + data::WROTE.len()
        + data::FOLLOWS.len()
        + data::REVIEWED.len();
    assert_eq!(all_from_people, expected as i64);
}

#[tokio::test]
async fn undirected_step_between_different_labels() {
    let db = client().await;
    let cast = db
        .fetch_all(
            match_(Movie.having(Movie.title, "Cloud Atlas"))
                .rel(ACTED_IN)
                .either(Person)
                .return_(Person.name),
        )
        .await
        .unwrap();
    let expected = set(data::ACTED_IN
        .iter()
        .filter(|(_, m, _)| *m == "Cloud Atlas")
        .map(|(p, _, _)| (*p).to_owned()));
    assert_eq!(set(cast), expected);
}

#[tokio::test]
async fn comma_separated_patterns_join_on_a_shared_node() {
    let db = client().await;
    let director = Person.alias(Director);
    let rows = db
        .fetch_all(
            match_(Person.having(Person.name, "Tom Hanks"))
                .rel(ACTED_IN)
                .to(Movie)
                .also(director)
                .rel(DIRECTED)
                .to(Movie.again())
                .return_((Movie.title, director.name)),
        )
        .await
        .unwrap();
    let expected: BTreeSet<(String, String)> = data::ACTED_IN
        .iter()
        .filter(|(p, _, _)| *p == "Tom Hanks")
        .flat_map(|(_, m, _)| {
            data::DIRECTED
                .iter()
                .filter(move |(_, d)| d == m)
                .map(move |(d, _)| ((*m).to_owned(), (*d).to_owned()))
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(set(rows), expected);
}

#[tokio::test]
async fn exists_and_not_exists_subqueries() {
    let db = client().await;
    let directing = db
        .fetch_all(
            match_(Person)
                .filter(exists(Person, |q| {
                    q.match_(Person.again()).rel(DIRECTED).to(Movie)
                }))
                .return_(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(set(directing), directors());
    let never_acted = db
        .fetch_all(
            match_(Person)
                .filter(not(exists(Person, |q| {
                    q.match_(Person.again()).rel(ACTED_IN).to(())
                })))
                .return_(Person.name),
        )
        .await
        .unwrap();
    let everyone = set(data::PEOPLE.iter().map(|(p, _)| (*p).to_owned()));
    let expected: BTreeSet<String> = everyone.difference(&actors()).cloned().collect();
    assert!(!expected.is_empty());
    assert_eq!(set(never_acted), expected);
}

#[tokio::test]
async fn count_subquery_is_an_integer_expression() {
    let db = client().await;
    let cast = |t: &str| data::ACTED_IN.iter().filter(|(_, m, _)| *m == t).count();
    let largest = data::MOVIES.iter().map(|(t, _, _)| cast(t)).max().unwrap();
    let big_casts = db
        .fetch_all(
            match_(Movie)
                .filter(
                    count_of(Movie, |q| {
                        q.match_(Movie.again()).rel(ACTED_IN).from(Person)
                    })
                    .ge(largest as i64),
                )
                .return_(Movie.title),
        )
        .await
        .unwrap();
    let expected = set(data::MOVIES
        .iter()
        .map(|(t, _, _)| *t)
        .filter(|t| cast(t) == largest)
        .map(str::to_owned));
    assert!(largest > 1);
    assert_eq!(set(big_casts), expected);
}

#[tokio::test]
async fn collect_subquery_is_a_typed_list() {
    let db = client().await;
    let titles = db
        .fetch_one(
            match_(Person.having(Person.name, "Tom Hanks")).return_(collect_of(Person, |q| {
                q.match_(Person.again())
                    .rel(DIRECTED)
                    .to(Movie)
                    .return_(Movie.title)
            })),
        )
        .await
        .unwrap();
    let expected: Vec<String> = data::DIRECTED
        .iter()
        .filter(|(p, _)| *p == "Tom Hanks")
        .map(|(_, m)| (*m).to_owned())
        .collect();
    assert_eq!(titles, expected);
}

#[tokio::test]
async fn call_subquery_rows_join_the_outer_scope() {
    let db = client().await;
    let roles = name!(roles);
    let rows = db
        .fetch_all(
            match_(Person.having(Person.name, "Tom Hanks"))
                .call(Person, |q| {
                    q.match_(Person.again())
                        .rel(ACTED_IN)
                        .to(Movie)
                        .return_(count_all().as_(roles))
                })
                .return_((Person.name, roles)),
        )
        .await
        .unwrap();
    let hanks = movies_of("Tom Hanks").len() as i64;
    assert_eq!(rows, [("Tom Hanks".to_owned(), hanks)]);
}

#[tokio::test]
async fn optional_call_keeps_rows_without_results_as_none() {
    let db = client().await;
    let rows: Vec<(String, Option<String>)> = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.is_in(vec!["Tom Hanks", "Keanu Reeves"]))
                .optional_call(Person, |q| {
                    q.match_(Person.again())
                        .rel(DIRECTED)
                        .to(Movie)
                        .return_(Movie)
                })
                .return_((Person.name, Movie.title)),
        )
        .await
        .unwrap();
    let keanu: Vec<_> = rows.iter().filter(|(n, _)| n == "Keanu Reeves").collect();
    assert_eq!(keanu, [&("Keanu Reeves".to_owned(), None)]);
    let hanks: BTreeSet<Option<String>> = rows
        .iter()
        .filter(|(n, _)| n == "Tom Hanks")
        .map(|(_, t)| t.clone())
        .collect();
    let expected = set(data::DIRECTED
        .iter()
        .filter(|(p, _)| *p == "Tom Hanks")
        .map(|(_, m)| Some((*m).to_owned())));
    assert_eq!(hanks, expected);
}

#[tokio::test]
async fn quantified_path_patterns_repeat_a_checked_segment() {
    let db = client().await;
    let fan = Person.alias(Fan);
    let paul = || Person.having(Person.name, "Paul Blythe");
    let within_three = db
        .fetch_all(
            match_(paul())
                .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
                .then(fan)
                .return_(fan.name),
        )
        .await
        .unwrap();
    assert_eq!(
        set(within_three),
        owned(&["Angela Scope", "Jessica Thompson", "Tom Hanks"])
    );
    let exactly_two = db
        .fetch_all(
            match_(paul())
                .repeat(2, |hop| hop.rel(FOLLOWS).to(()))
                .then(fan)
                .return_(fan.name),
        )
        .await
        .unwrap();
    assert_eq!(exactly_two, ["Jessica Thompson"]);
    // Every node a repetition reaches must pass the inner WHERE: Angela Scope does not, so
    // nothing past her is reached.
    let filtered = db
        .fetch_all(
            match_(paul())
                .repeat(1..=3, |hop| {
                    hop.rel(FOLLOWS)
                        .to(Person.alias(Other))
                        .filter(Person.alias(Other).name.ne("Angela Scope"))
                })
                .then(fan)
                .return_(fan.name),
        )
        .await
        .unwrap();
    assert!(filtered.is_empty(), "{filtered:?}");
    // After the repetitions the path goes on: movies Tom Hanks acted in, three hops away.
    let movies = db
        .fetch_all(
            match_(paul())
                .repeat(3, |hop| hop.rel(FOLLOWS).to(Person))
                .then(fan)
                .rel(ACTED_IN)
                .to(Movie)
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(set(movies), movies_of("Tom Hanks"));
}

#[tokio::test]
async fn where_inside_a_node_pattern_filters_that_node() {
    let db = client().await;
    let titles = db
        .fetch_all(match_(Movie.where_(Movie.released.gt(2005))).return_(Movie.title))
        .await
        .unwrap();
    let expected = set(data::MOVIES
        .iter()
        .filter(|(_, year, _)| *year > 2005)
        .map(|(t, _, _)| (*t).to_owned()));
    assert!(!expected.is_empty());
    assert_eq!(set(titles), expected);
    // A condition reading the node before it: followers whose followee sorts after them.
    let fan = Person.alias(Fan);
    let followers = db
        .fetch_all(
            match_(Person)
                .rel(FOLLOWS)
                .to(fan.where_(fan.name.gt(Person.name)))
                .return_(Person.name),
        )
        .await
        .unwrap();
    let expected = set(data::FOLLOWS
        .iter()
        .filter(|(a, b)| b > a)
        .map(|(a, _)| (*a).to_owned()));
    assert_eq!(expected.len(), 3);
    assert_eq!(set(followers), expected);
}

#[tokio::test]
async fn a_label_expression_matches_any_of_its_labels() {
    let db = client().await;
    let either = db
        .fetch_one(
            match_(Person.having(Person.name, "Jessica Thompson"))
                .rel(ANY_REL)
                .to(one_of((Person, Movie)))
                .return_(count_all()),
        )
        .await
        .unwrap();
    let anything = db
        .fetch_one(
            match_(Person.having(Person.name, "Jessica Thompson"))
                .rel(ANY_REL)
                .to(())
                .return_(count_all()),
        )
        .await
        .unwrap();
    let movies = db
        .fetch_one(
            match_(Person.having(Person.name, "Jessica Thompson"))
                .rel(ANY_REL)
                .to(Movie)
                .return_(count_all()),
        )
        .await
        .unwrap();
    let follows = data::FOLLOWS
        .iter()
        .filter(|(a, _)| *a == "Jessica Thompson")
        .count() as i64;
    assert!(movies > 0);
    assert_eq!(either, movies + follows);
    assert_eq!(either, anything, "every node is a Person or a Movie");
}

#[tokio::test]
async fn a_pattern_comprehension_lists_one_value_per_match() {
    let db = client().await;
    let rows: Vec<(String, Vec<String>)> = db
        .fetch_all(
            match_(Person).return_((
                Person.name,
                comprehension(Person, |q| {
                    q.match_(Person.again())
                        .rel(DIRECTED)
                        .to(Movie)
                        .return_(Movie.title)
                })
                .as_(name!(titles)),
            )),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), data::PEOPLE.len());
    for (name, mut titles) in rows {
        titles.sort();
        let mut expected: Vec<String> = data::DIRECTED
            .iter()
            .filter(|(p, _)| *p == name)
            .map(|(_, m)| (*m).to_owned())
            .collect();
        expected.sort();
        assert_eq!(titles, expected, "{name}");
    }
    let recent: Vec<i64> = db
        .fetch_one(
            match_(Person.having(Person.name, "Tom Hanks")).return_(comprehension(Person, |q| {
                q.match_(Person.again())
                    .rel(ACTED_IN)
                    .to(Movie)
                    .filter(Movie.released.ge(2000))
                    .return_(Movie.released)
            })),
        )
        .await
        .unwrap();
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|year| *year >= 2000), "{recent:?}");
}

#[tokio::test]
async fn procedures_yield_typed_columns() {
    let db = client().await;
    let label = name!(label);
    let labels = db
        .fetch_all(call_procedure(db::labels(), label).return_(label))
        .await
        .unwrap();
    // Other tests add labels of their own to the shared database.
    assert!(set(labels).is_superset(&owned(&["Movie", "Person"])));
    let t = name!(t);
    let types = db
        .fetch_all(call_procedure(db::relationship_types(), t).return_(t))
        .await
        .unwrap();
    assert!(set(types).is_superset(&owned(&[
        "ACTED_IN", "DIRECTED", "FOLLOWS", "PRODUCED", "REVIEWED", "WROTE"
    ])));
    let p = name!(p);
    let filtered = db
        .fetch_all(
            call_procedure(procedure::<(String,)>("db.labels", ["label"]), p)
                .filter(p.starts_with("P"))
                .return_(p),
        )
        .await
        .unwrap();
    assert!(filtered.contains(&"Person".to_owned()), "{filtered:?}");
    assert!(filtered.iter().all(|l| l.starts_with('P')), "{filtered:?}");
}

#[tokio::test]
async fn a_call_import_keeps_its_nullability() {
    let db = client().await;
    let title = name!(title);
    // `movie` comes from an OPTIONAL MATCH, so inside the CALL its title is an `Option` too.
    let rows: Vec<(String, Option<String>)> = db
        .fetch_all(
            match_(Person)
                .optional_match(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .call(Movie, |q| q.return_(Movie.title.as_(title)))
                .return_((Person.name, title)),
        )
        .await
        .unwrap();
    let directors = directors();
    assert!(rows.iter().any(|(_, t)| t.is_none()));
    for (name, title) in rows {
        assert_eq!(title.is_some(), directors.contains(&name), "{name}");
    }
}
