//! Typed read queries against the movies fixture, with asserted results.

use super::data;
use super::movies::*;
use super::support::client;
use std::collections::BTreeSet;
use typher::exec::Error;
use typher::prelude::*;

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

fn hanks_titles() -> BTreeSet<String> {
    data::ACTED_IN
        .iter()
        .filter(|(p, _, _)| *p == "Tom Hanks")
        .map(|(_, m, _)| (*m).to_owned())
        .collect()
}

#[tokio::test]
async fn tom_hanks_movies() {
    let db = client().await;
    let titles = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(titles.into_iter().collect::<BTreeSet<_>>(), hanks_titles());
}

#[tokio::test]
async fn filter_on_optional_property_with_ordering() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .filter(Person.born.ge(1966))
                .return_((Person.name, Person.born))
                .order_by((Person.born.desc(), Person.name.asc())),
        )
        .await
        .unwrap();
    let mut expected: Vec<(String, Option<i64>)> = data::PEOPLE
        .iter()
        .filter(|(_, b)| b.is_some_and(|b| b >= 1966))
        .map(|(n, b)| ((*n).to_owned(), *b))
        .collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(rows, expected);
    assert_eq!(rows[0].1, Some(1967));
}

#[tokio::test]
async fn is_null_finds_people_without_birth_year() {
    let db = client().await;
    let names = db
        .fetch_all(
            match_(Person)
                .filter(Person.born.is_null())
                .return_(Person.name),
        )
        .await
        .unwrap();
    let expected: Vec<String> = data::PEOPLE
        .iter()
        .filter(|(_, b)| b.is_none())
        .map(|(n, _)| (*n).to_owned())
        .collect();
    assert_eq!(sorted(names), sorted(expected));
}

#[tokio::test]
async fn is_not_null_on_tagline() {
    let db = client().await;
    let count = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.tagline.is_not_null())
                .return_(Movie.title),
        )
        .await
        .unwrap()
        .len();
    assert_eq!(count, data::MOVIES.iter().filter(|m| m.2.is_some()).count());
}

#[tokio::test]
async fn in_list_of_years() {
    let db = client().await;
    let titles = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.released.in_list([1999, 2003]))
                .return_(Movie.title)
                .order_by(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(
        titles,
        [
            "Something's Gotta Give",
            "The Green Mile",
            "The Matrix",
            "The Matrix Reloaded"
        ]
    );
}

#[tokio::test]
async fn string_operators() {
    let db = client().await;
    let starts = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.title.starts_with("The Matrix"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(sorted(starts), ["The Matrix", "The Matrix Reloaded"]);

    let ends = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.title.ends_with("Express"))
                .return_(Movie.released),
        )
        .await
        .unwrap();
    assert_eq!(ends, [2004]);

    let contains = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.tagline.contains("speed"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(contains, ["Top Gun"]);

    let regex = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.regex("Tom [HC].*"))
                .return_(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(sorted(regex), ["Tom Cruise", "Tom Hanks"]);
}

#[tokio::test]
async fn boolean_logic_with_parentheses() {
    let db = client().await;
    let titles = db
        .fetch_all(
            match_(Movie)
                .filter(
                    (Movie.released.lt(1991) | Movie.released.gt(2010))
                        & !Movie.title.starts_with("Top"),
                )
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(sorted(titles), ["Cloud Atlas", "Joe Versus the Volcano"]);

    let xor = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.released.eq(1999) ^ Movie.title.starts_with("The Matrix"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(sorted(xor), ["The Green Mile", "The Matrix Reloaded"]);
}

#[tokio::test]
async fn co_actors_need_an_alias() {
    let db = client().await;
    let coactor = Person.alias(Coactor);
    let names = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(ACTED_IN.alias(CoRole))
                .from(coactor)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(coactor.name)
                .distinct(),
        )
        .await
        .unwrap();
    let hanks = hanks_titles();
    let expected: BTreeSet<String> = data::ACTED_IN
        .iter()
        .filter(|(p, m, _)| *p != "Tom Hanks" && hanks.contains(*m))
        .map(|(p, _, _)| (*p).to_owned())
        .collect();
    assert_eq!(names.into_iter().collect::<BTreeSet<_>>(), expected);
    assert!(expected.contains("Meg Ryan"));
}

#[tokio::test]
async fn actor_who_directed_the_same_movie() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(DIRECTED)
                .from(Person.again())
                .return_((Person.name, Movie.title)),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [("Tom Hanks".to_owned(), "That Thing You Do".to_owned())]
    );
}

#[tokio::test]
async fn writer_producer_director_in_one_pattern() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(WROTE)
                .to(Movie)
                .rel(PRODUCED)
                .from(Person.again())
                .match_(Person.again())
                .rel(DIRECTED)
                .to(Movie.again())
                .return_((Person.name, Movie.title))
                .order_by(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("Cameron Crowe".to_owned(), "Jerry Maguire".to_owned()),
            (
                "Nancy Meyers".to_owned(),
                "Something's Gotta Give".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn director_and_actor_as_two_aliases() {
    let db = client().await;
    let director = Person.alias(Director);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(DIRECTED)
                .from(director)
                .filter(Person.name.eq("Tom Hanks") & director.born.lt(1952))
                .return_((director.name, Movie.title))
                .order_by(Movie.title),
        )
        .await
        .unwrap();
    let born = |name: &str| data::PEOPLE.iter().find(|p| p.0 == name).and_then(|p| p.1);
    let mut expected: Vec<(String, String)> = data::DIRECTED
        .iter()
        .filter(|(d, m)| hanks_titles().contains(*m) && born(d).is_some_and(|b| b < 1952))
        .map(|(d, m)| ((*d).to_owned(), (*m).to_owned()))
        .collect();
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(rows.len(), 6);
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn multi_hop_reviews_of_tom_hanks_movies() {
    let db = client().await;
    let reviewer = Person.alias(Coactor);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(REVIEWED)
                .from(reviewer)
                .filter(Person.name.eq("Tom Hanks"))
                .return_((reviewer.name, Movie.title, REVIEWED.rating))
                .order_by(REVIEWED.rating.desc()),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("Jessica Thompson".to_owned(), "Cloud Atlas".to_owned(), 95),
            (
                "Jessica Thompson".to_owned(),
                "The Da Vinci Code".to_owned(),
                68
            ),
            (
                "James Thompson".to_owned(),
                "The Da Vinci Code".to_owned(),
                65
            ),
        ]
    );
}

#[tokio::test]
async fn two_movies_of_the_same_actor() {
    let db = client().await;
    let other = Movie.alias(Other);
    let rows = db
        .fetch_all(
            match_(Movie)
                .rel(ACTED_IN)
                .from(Person)
                .rel(ACTED_IN.alias(CoRole))
                .to(other)
                .filter(Person.name.eq("Keanu Reeves") & Movie.released.lt(other.released))
                .return_((Movie.title, other.title))
                .order_by((Movie.title, other.title)),
        )
        .await
        .unwrap();
    let pairs: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("The Matrix", "Something's Gotta Give"),
            ("The Matrix", "The Matrix Reloaded"),
        ]
    );
}

#[tokio::test]
async fn optional_match_decodes_missing_as_none() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.in_list(["Meg Ryan", "Nora Ephron"]))
                .optional_match(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .return_((Person.name, Movie.title))
                .order_by((Person.name, Movie.title)),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("Meg Ryan".to_owned(), None),
            (
                "Nora Ephron".to_owned(),
                Some("Sleepless in Seattle".to_owned())
            ),
            ("Nora Ephron".to_owned(), Some("You've Got Mail".to_owned())),
        ]
    );
}

#[tokio::test]
async fn optional_match_whole_node_is_option() {
    let db = client().await;
    let rows: Vec<(String, Option<Movie>)> = db
        .fetch_all(
            match_(Person)
                .filter(Person.name.eq("Tom Cruise"))
                .optional_match(Person.again())
                .rel(REVIEWED)
                .to(Movie)
                .return_((Person.name, Movie)),
        )
        .await
        .unwrap();
    assert_eq!(rows, [("Tom Cruise".to_owned(), None)]);
}

#[tokio::test]
async fn top_level_optional_match_without_match_gives_one_null_row() {
    let db = client().await;
    let rows = db
        .fetch_all(
            optional_match(Movie)
                .filter(Movie.title.eq("No Such Movie"))
                .return_(Movie),
        )
        .await
        .unwrap();
    assert_eq!(rows, [None]);
}

#[tokio::test]
async fn paging_with_skip_and_limit() {
    let db = client().await;
    let page = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .return_((Movie.released, Movie.title))
                .order_by((Movie.released.desc(), Movie.title))
                .skip(2)
                .limit(3),
        )
        .await
        .unwrap();
    let mut all: Vec<(i64, String)> = data::MOVIES
        .iter()
        .filter(|(t, _, _)| hanks_titles().contains(*t))
        .map(|(t, r, _)| (*r, (*t).to_owned()))
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(page, all[2..5]);
}

#[tokio::test]
async fn distinct_release_years() {
    let db = client().await;
    let years = db
        .fetch_all(
            match_(Movie)
                .return_(Movie.released)
                .distinct()
                .order_by(Movie.released),
        )
        .await
        .unwrap();
    let expected: BTreeSet<i64> = data::MOVIES.iter().map(|m| m.1).collect();
    assert_eq!(years, expected.into_iter().collect::<Vec<_>>());
}

#[tokio::test]
async fn whole_node_decodes_as_its_struct() {
    let db = client().await;
    let movie = db
        .fetch_one(
            match_(Movie)
                .filter(Movie.title.eq("Something's Gotta Give"))
                .return_(Movie),
        )
        .await
        .unwrap();
    assert_eq!(
        movie,
        Movie {
            title: "Something's Gotta Give".into(),
            released: 2003,
            tagline: None
        }
    );
}

#[tokio::test]
async fn whole_relationship_decodes_as_its_struct() {
    let db = client().await;
    let (acted, title) = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Hugo Weaving") & Movie.released.eq(2012))
                .return_((ACTED_IN, Movie.title)),
        )
        .await
        .unwrap();
    assert_eq!(title, "Cloud Atlas");
    assert_eq!(acted.roles.len(), 6);
    assert_eq!(acted.roles[0], "Bill Smoke");
}

#[tokio::test]
async fn relationship_property_filter() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(REVIEWED)
                .to(Movie)
                .filter(REVIEWED.rating.ge(90) & REVIEWED.summary.contains("J"))
                .return_((Movie.title, REVIEWED.summary)),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [("Jerry Maguire".to_owned(), "You had me at Jerry".to_owned())]
    );
}

#[tokio::test]
async fn incoming_and_undirected_steps() {
    let db = client().await;
    let directors = db
        .fetch_all(
            match_(Movie)
                .rel(DIRECTED)
                .from(Person)
                .filter(Movie.title.eq("Cloud Atlas"))
                .return_(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(
        sorted(directors),
        ["Lana Wachowski", "Lilly Wachowski", "Tom Tykwer"]
    );

    let other = Person.alias(Coactor);
    let neighbours = db
        .fetch_all(
            match_(Person)
                .rel(FOLLOWS)
                .either(other)
                .filter(Person.name.eq("Jessica Thompson"))
                .return_(other.name),
        )
        .await
        .unwrap();
    assert_eq!(
        sorted(neighbours),
        ["Angela Scope", "James Thompson", "Tom Hanks"]
    );
}

#[tokio::test]
async fn several_relationship_types_in_one_step() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN.or(DIRECTED).or(WROTE))
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .return_(Movie.title),
        )
        .await
        .unwrap();
    // 12 acting credits, plus directing and writing That Thing You Do.
    assert_eq!(rows.len(), hanks_titles().len() + 2);
    assert_eq!(rows.iter().filter(|t| *t == "That Thing You Do").count(), 3);
}

#[tokio::test]
async fn property_to_property_comparison() {
    let db = client().await;
    let director = Person.alias(Director);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .rel(DIRECTED)
                .from(director)
                .filter(Person.born.lt(director.born))
                .return_((Person.name, director.name))
                .order_by((Person.name, director.name)),
        )
        .await
        .unwrap();
    let born = |name: &str| data::PEOPLE.iter().find(|p| p.0 == name).and_then(|p| p.1);
    let mut expected = Vec::new();
    for (actor, movie, _) in data::ACTED_IN {
        for (dir, m) in data::DIRECTED {
            if m == movie && born(actor).zip(born(dir)).is_some_and(|(a, d)| a < d) {
                expected.push(((*actor).to_owned(), (*dir).to_owned()));
            }
        }
    }
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn identified_carries_element_id_and_labels() {
    let db = client().await;
    let (person, acted) = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Michael Clarke Duncan"))
                .return_((Person.identified(), ACTED_IN.identified())),
        )
        .await
        .unwrap();
    assert!(!person.element_id.is_empty());
    assert_eq!(person.labels, ["Person"]);
    assert_eq!(person.data.born, Some(1957));
    assert_eq!(acted.labels, ["ACTED_IN"]);
    assert_eq!(acted.data.roles, ["John Coffey"]);
    assert_ne!(person.element_id, acted.element_id);
}

#[tokio::test]
async fn second_match_clause_joins_on_again() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.released.eq(1995))
                .match_(Movie.again())
                .rel(ACTED_IN)
                .from(Person)
                .return_(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(
        sorted(rows),
        ["Bill Paxton", "Gary Sinise", "Kevin Bacon", "Tom Hanks"]
    );
}

#[tokio::test]
async fn fetch_one_and_fetch_optional() {
    let db = client().await;
    let born = db
        .fetch_one(
            match_(Person)
                .filter(Person.name.eq("Keanu Reeves"))
                .return_(Person.born),
        )
        .await
        .unwrap();
    assert_eq!(born, Some(1964));

    let none = db
        .fetch_optional(
            match_(Person)
                .filter(Person.name.eq("Nobody"))
                .return_(Person.name),
        )
        .await
        .unwrap();
    assert_eq!(none, None);

    let zero = db
        .fetch_one(
            match_(Person)
                .filter(Person.name.eq("Nobody"))
                .return_(Person.name),
        )
        .await;
    assert!(matches!(zero, Err(Error::NoRows)), "{zero:?}");

    let many = db
        .fetch_one(
            match_(Movie)
                .filter(Movie.released.eq(1999))
                .return_(Movie.title),
        )
        .await;
    assert!(matches!(many, Err(Error::TooManyRows)), "{many:?}");

    let many = db
        .fetch_optional(
            match_(Movie)
                .filter(Movie.released.eq(1999))
                .return_(Movie.title),
        )
        .await;
    assert!(matches!(many, Err(Error::TooManyRows)), "{many:?}");
}

#[tokio::test]
async fn stream_yields_every_row() {
    use futures_util::TryStreamExt;
    let db = client().await;
    let names: Vec<String> = db
        .stream(match_(Person).return_(Person.name))
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names.len(), data::PEOPLE.len());
}
