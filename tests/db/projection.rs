//! Projections against the real server: WITH, aggregates, functions, arithmetic, CASE,
//! UNWIND, UNION, named parameters and raw fragments, each asserting the rows.

use super::data;
use super::movies::*;
use super::support::client;
use std::collections::{BTreeMap, BTreeSet};
use typher::prelude::*;

/// Movies per actor, from the fixture.
fn movies_per_actor() -> BTreeMap<String, i64> {
    let mut counts = BTreeMap::new();
    for (person, _, _) in data::ACTED_IN {
        *counts.entry((*person).to_owned()).or_insert(0) += 1;
    }
    counts
}

/// Actors and their movie counts, busiest first, then by name.
fn busiest_first() -> Vec<(String, i64)> {
    let mut actors: Vec<(String, i64)> = movies_per_actor().into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    actors
}

fn released(title: &str) -> i64 {
    data::MOVIES
        .iter()
        .find(|m| m.0 == title)
        .map(|m| m.1)
        .expect("a fixture movie")
}

#[tokio::test]
async fn with_count_and_filter_finds_busy_actors() {
    let db = client().await;
    let movies = name!(movies);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .with((Person, count(Movie).as_(movies)))
                .filter(movies.ge(3))
                .return_((Person.name, movies))
                .order_by((movies.desc(), Person.name)),
        )
        .await
        .unwrap();
    let expected: Vec<(String, i64)> = busiest_first()
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn with_order_and_limit_then_a_second_stage() {
    let db = client().await;
    let movies = name!(movies);
    let busiest = name!(busiest);
    let top = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .with((Person, count(Movie).as_(movies)))
                .with(max(movies).as_(busiest))
                .return_(busiest),
        )
        .await
        .unwrap();
    assert_eq!(top, movies_per_actor().values().copied().max());
}

#[tokio::test]
async fn with_then_match_continues_from_carried_nodes() {
    let db = client().await;
    let movies = name!(movies);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .with((Person, count(Movie).as_(movies)))
                .match_(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .return_((Person.name, Movie.title, movies)),
        )
        .await
        .unwrap();
    let expected: BTreeSet<(String, String, i64)> = data::DIRECTED
        .iter()
        .filter_map(|(p, m)| {
            movies_per_actor()
                .get(*p)
                .map(|n| ((*p).to_owned(), (*m).to_owned(), *n))
        })
        .collect();
    assert_eq!(rows.into_iter().collect::<BTreeSet<_>>(), expected);
}

#[tokio::test]
async fn aggregates_over_reviews() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(REVIEWED)
                .to(Movie)
                .return_((
                    Movie.title,
                    count_all(),
                    sum(REVIEWED.rating),
                    avg(REVIEWED.rating),
                    min(REVIEWED.rating),
                    max(REVIEWED.rating),
                ))
                .order_by(Movie.title),
        )
        .await
        .unwrap();
    let mut expected: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (_, movie, rating, _) in data::REVIEWED {
        expected.entry(movie).or_default().push(*rating);
    }
    assert_eq!(rows.len(), expected.len());
    for ((title, n, total, mean, low, high), (movie, ratings)) in rows.iter().zip(&expected) {
        assert_eq!(title, movie);
        assert_eq!(*n, ratings.len() as i64);
        assert_eq!(*total, ratings.iter().sum::<i64>());
        let want = ratings.iter().sum::<i64>() as f64 / ratings.len() as f64;
        assert!((mean.unwrap() - want).abs() < 1e-9, "{mean:?} vs {want}");
        assert_eq!(*low, ratings.iter().min().copied());
        assert_eq!(*high, ratings.iter().max().copied());
    }
}

#[tokio::test]
async fn collect_gathers_titles_and_distinct_counts() {
    let db = client().await;
    let titles = db
        .fetch_one(
            match_(Person)
                .rel(DIRECTED)
                .to(Movie)
                .filter(Person.name.eq("Lana Wachowski"))
                .return_(collect(Movie.title)),
        )
        .await
        .unwrap();
    let expected: BTreeSet<String> = data::DIRECTED
        .iter()
        .filter(|(p, _)| *p == "Lana Wachowski")
        .map(|(_, m)| (*m).to_owned())
        .collect();
    assert_eq!(titles.into_iter().collect::<BTreeSet<_>>(), expected);

    let actors = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .return_(count_distinct(Person)),
        )
        .await
        .unwrap();
    assert_eq!(actors, movies_per_actor().len() as i64);
}

#[tokio::test]
async fn aggregates_after_optional_match_follow_cypher_nulls() {
    let db = client().await;
    let reviews = name!(reviews);
    let ratings = name!(ratings);
    let best = name!(best);
    let rows = db
        .fetch_all(
            match_(Movie)
                .optional_match(Movie.again())
                .rel(REVIEWED)
                .from(Person)
                .with((
                    Movie,
                    count(Person).as_(reviews),
                    collect(REVIEWED.rating).as_(ratings),
                    max(REVIEWED.rating).as_(best),
                ))
                .return_((Movie.title, reviews, ratings, best)),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), data::MOVIES.len());
    for (title, n, list, top) in rows {
        let expected: Vec<i64> = data::REVIEWED
            .iter()
            .filter(|r| r.1 == title)
            .map(|r| r.2)
            .collect();
        assert_eq!(n, expected.len() as i64, "{title}");
        assert_eq!(list.len(), expected.len(), "{title}");
        assert_eq!(top, expected.iter().max().copied(), "{title}");
    }
}

#[tokio::test]
async fn string_functions() {
    let db = client().await;
    let row = db
        .fetch_one(
            match_(Person)
                .filter(Person.name.eq("Keanu Reeves"))
                .return_((
                    Person.name.to_upper(),
                    Person.name.to_lower(),
                    Person.name.substring(0, 5),
                    Person.name.replace(" ", "_"),
                    Person.name.split(" "),
                    Person.name.size(),
                    (Person.name + "  ").trim(),
                    Person.born.to_string(),
                )),
        )
        .await
        .unwrap();
    assert_eq!(
        row,
        (
            "KEANU REEVES".to_owned(),
            "keanu reeves".to_owned(),
            "Keanu".to_owned(),
            "Keanu_Reeves".to_owned(),
            vec!["Keanu".to_owned(), "Reeves".to_owned()],
            12,
            "Keanu Reeves".to_owned(),
            Some("1964".to_owned()),
        )
    );
}

#[tokio::test]
async fn number_functions_and_arithmetic() {
    let db = client().await;
    let row: (i64, i64, i64, i64, i64, Option<i64>, Option<f64>, f64) = db
        .fetch_one(match_(Movie).filter(Movie.title.eq("The Matrix")).return_((
            Movie.released + 1,
            (Movie.released - 2000).abs(),
            Movie.released / 100,
            Movie.released % 100,
            -Movie.released,
            Movie.released.to_string().to_integer(),
            Movie.released.to_string().to_float(),
            (Movie.released - 1998).sqrt(),
        )))
        .await
        .unwrap();
    assert_eq!(row, (2000, 1, 19, 99, -1999, Some(1999), Some(1999.0), 1.0));
    let floats = db
        .fetch_one(match_(Movie).filter(Movie.title.eq("The Matrix")).return_((
            (Movie.released.to_string().to_float().coalesce(0.0) / 7.0).round(),
            (Movie.released.to_string().to_float().coalesce(0.0) / 7.0).floor(),
            (Movie.released.to_string().to_float().coalesce(0.0) / 7.0).ceil(),
        )))
        .await
        .unwrap();
    assert_eq!(floats, (286.0, 285.0, 286.0));
}

#[tokio::test]
async fn list_functions() {
    let db = client().await;
    let roles = name!(roles);
    let row = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Keanu Reeves") & Movie.title.eq("The Matrix"))
                .with(ACTED_IN.roles.as_(roles))
                .return_((
                    roles.size(),
                    roles.head(),
                    roles.last(),
                    roles.at(0),
                    roles.at(5),
                    roles.slice(0, 1),
                    roles + vec!["The One"],
                )),
        )
        .await
        .unwrap();
    let neo = Some("Neo".to_owned());
    assert_eq!(
        row,
        (
            1i64,
            neo.clone(),
            neo.clone(),
            neo,
            None,
            vec!["Neo".to_owned()],
            vec!["Neo".to_owned(), "The One".to_owned()]
        )
    );
}

#[tokio::test]
async fn element_functions() {
    let db = client().await;
    let (labels, keys, id, kind) = db
        .fetch_one(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Keanu Reeves") & Movie.title.eq("The Matrix"))
                .return_((
                    labels(Person),
                    keys(Person),
                    element_id(Person),
                    relationship_type(ACTED_IN),
                )),
        )
        .await
        .unwrap();
    assert_eq!(labels, ["Person"]);
    assert_eq!(
        keys.into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["born".to_owned(), "name".to_owned()])
    );
    assert!(!id.is_empty());
    assert_eq!(kind, "ACTED_IN");
}

#[tokio::test]
async fn null_handling_functions() {
    let db = client().await;
    let rows = db
        .fetch_all(
            match_(Movie)
                .filter(Movie.title.in_list(["The Matrix", "Cloud Atlas"]))
                .return_((
                    Movie.title,
                    Movie.tagline.exists(),
                    Movie.tagline.coalesce("-"),
                ))
                .order_by(Movie.title),
        )
        .await
        .unwrap();
    let expected: Vec<(String, bool, String)> = ["Cloud Atlas", "The Matrix"]
        .iter()
        .map(|t| {
            let tagline = data::MOVIES.iter().find(|m| m.0 == *t).unwrap().2;
            (
                (*t).to_owned(),
                tagline.is_some(),
                tagline.unwrap_or("-").to_owned(),
            )
        })
        .collect();
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn case_expressions() {
    let db = client().await;
    let era = name!(era);
    let rows = db
        .fetch_all(
            match_(Movie)
                .return_((
                    Movie.title,
                    case()
                        .when(Movie.released.lt(1990), "classic")
                        .when(Movie.released.lt(2000), "nineties")
                        .otherwise("recent")
                        .as_(era),
                    case_of(Movie.released).when(1999, 1).end(),
                ))
                .order_by(Movie.title),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), data::MOVIES.len());
    for (title, era, nineteen) in rows {
        let year = released(&title);
        let want = if year < 1990 {
            "classic"
        } else if year < 2000 {
            "nineties"
        } else {
            "recent"
        };
        assert_eq!(era, want, "{title}");
        assert_eq!(nineteen, (year == 1999).then_some(1i64), "{title}");
    }
}

#[tokio::test]
async fn unwind_a_parameter_list_and_a_property_list() {
    let db = client().await;
    let year = name!(year);
    let rows = db
        .fetch_all(
            unwind(vec![1999, 2003], year)
                .match_(Movie)
                .filter(Movie.released.eq(year))
                .return_((year, Movie.title))
                .order_by((year, Movie.title)),
        )
        .await
        .unwrap();
    let mut expected: Vec<(i64, String)> = data::MOVIES
        .iter()
        .filter(|m| m.1 == 1999 || m.1 == 2003)
        .map(|m| (m.1, m.0.to_owned()))
        .collect();
    expected.sort();
    assert_eq!(rows, expected);

    let role = name!(role);
    let roles = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Person.name.eq("Tom Hanks"))
                .unwind(ACTED_IN.roles, role)
                .filter(role.starts_with("Dr"))
                .return_(role),
        )
        .await
        .unwrap();
    let expected: BTreeSet<String> = data::ACTED_IN
        .iter()
        .filter(|(p, _, _)| *p == "Tom Hanks")
        .flat_map(|(_, _, roles)| roles.iter())
        .filter(|r| r.starts_with("Dr"))
        .map(|r| (*r).to_owned())
        .collect();
    assert_eq!(roles.into_iter().collect::<BTreeSet<_>>(), expected);

    let n = name!(n);
    let numbers = db
        .fetch_all(unwind(range(1, 4), n).return_(n * n))
        .await
        .unwrap();
    assert_eq!(numbers, [1, 4, 9, 16]);
}

#[tokio::test]
async fn union_and_union_all() {
    let db = client().await;
    let names = db
        .fetch_all(
            match_(Person)
                .rel(DIRECTED)
                .to(Movie)
                .return_(Person.name)
                .union(match_(Person).rel(WROTE).to(Movie).return_(Person.name)),
        )
        .await
        .unwrap();
    let expected: BTreeSet<String> = data::DIRECTED
        .iter()
        .chain(data::WROTE)
        .map(|(p, _)| (*p).to_owned())
        .collect();
    assert_eq!(names.len(), expected.len(), "UNION removes duplicates");
    assert_eq!(names.into_iter().collect::<BTreeSet<_>>(), expected);

    let all = db
        .fetch_all(
            match_(Person)
                .rel(DIRECTED)
                .to(Movie)
                .return_((Person.name, Movie.title))
                .union_all(
                    match_(Person)
                        .rel(WROTE)
                        .to(Movie)
                        .return_((Person.name, Movie.title)),
                ),
        )
        .await
        .unwrap();
    assert_eq!(all.len(), data::DIRECTED.len() + data::WROTE.len());
}

#[tokio::test]
async fn named_parameters_run_again_with_new_values() {
    let db = client().await;
    let year = param::<i64>("year");
    let query = match_(Movie)
        .filter(Movie.released.eq(year))
        .return_(Movie.title)
        .order_by(Movie.title);
    for wanted in [1999, 2012] {
        let titles = db
            .fetch_all(query.clone().bind(year, wanted))
            .await
            .unwrap();
        let mut expected: Vec<String> = data::MOVIES
            .iter()
            .filter(|m| m.1 == wanted)
            .map(|m| m.0.to_owned())
            .collect();
        expected.sort();
        assert_eq!(titles, expected);
    }
    match db.fetch_all(&query).await {
        Err(typher::exec::Error::Parameter { name, .. }) => assert_eq!(name, "year"),
        other => panic!("an unbound parameter must be refused before sending: {other:?}"),
    }
}

#[tokio::test]
async fn raw_fragments_inside_typed_queries() {
    let db = client().await;
    let initial = name!(initial);
    let rows = db
        .fetch_all(
            match_(Person)
                .filter(raw_expr::<bool>("person.name STARTS WITH 'Tom '"))
                .return_(raw_expr::<String>("substring(person.name, 0, 1)").as_(initial))
                .distinct(),
        )
        .await
        .unwrap();
    assert_eq!(rows, ["T"]);
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Busy {
    name: String,
    movies: i64,
}

#[tokio::test]
async fn rows_decode_into_a_struct_by_column_name() {
    let db = client().await;
    let movies = name!(movies);
    let rows: Vec<Busy> = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .return_((Person.name, count(Movie).as_(movies)))
                .order_by((movies.desc(), Person.name))
                .limit(2)
                .decode_as::<Busy>(),
        )
        .await
        .unwrap();
    let expected: Vec<Busy> = busiest_first()
        .into_iter()
        .take(2)
        .map(|(name, movies)| Busy { name, movies })
        .collect();
    assert_eq!(rows, expected);
}

/// How a screening is classified; stored as a string.
#[derive(PropertyValue, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Genre {
    SciFi,
    Drama,
}

/// A screening with temporal and enum properties.
#[derive(Node, serde::Deserialize, Debug, Clone, PartialEq)]
struct Screening {
    title: String,
    day: chrono::NaiveDate,
    starts: chrono::DateTime<chrono::FixedOffset>,
    genre: Genre,
}

#[tokio::test]
async fn temporal_and_enum_properties_round_trip() {
    let db = client().await;
    db.execute(typher::raw::<()>(
        "MERGE (:Screening {title: 'The Matrix', day: date('1999-03-31'), \
         starts: datetime('1999-03-31T20:00:00+01:00'), genre: 'sci_fi'}) \
         MERGE (:Screening {title: 'Cast Away', day: date('2000-12-22'), \
         starts: datetime('2000-12-22T18:30:00+01:00'), genre: 'drama'})",
    ))
    .await
    .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let rows = db
        .fetch_all(
            match_(Screening)
                .filter(Screening.day.lt(day) & Screening.genre.eq(Genre::SciFi))
                .return_((Screening.title, Screening.day, Screening.genre, Screening)),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let (title, when, genre, whole) = &rows[0];
    assert_eq!(title, "The Matrix");
    assert_eq!(*when, chrono::NaiveDate::from_ymd_opt(1999, 3, 31).unwrap());
    assert_eq!(*genre, Genre::SciFi);
    assert_eq!(whole.starts.to_rfc3339(), "1999-03-31T20:00:00+01:00");
    let genres = db
        .fetch_all(
            match_(Screening)
                .filter(Screening.genre.in_list([Genre::Drama]))
                .return_(Screening.title),
        )
        .await
        .unwrap();
    assert_eq!(genres, ["Cast Away"]);

    let parts: Vec<(String, i64, i64, i64, i64, i64, bool)> = db
        .fetch_all(
            match_(Screening)
                .return_((
                    Screening.title,
                    Screening.day.year(),
                    Screening.day.month(),
                    Screening.day.day(),
                    Screening.starts.hour(),
                    Screening.starts.minute(),
                    Screening.day.lt(today()),
                ))
                .order_by(Screening.title),
        )
        .await
        .unwrap();
    assert_eq!(
        parts,
        [
            ("Cast Away".to_owned(), 2000, 12, 22, 18, 30, true),
            ("The Matrix".to_owned(), 1999, 3, 31, 20, 0, true),
        ]
    );
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Credits {
    name: String,
    born: Option<i64>,
    titles: Vec<String>,
}

#[tokio::test]
async fn map_projection_and_list_operations() {
    let db = client().await;
    let titles = name!(titles);
    let card = db
        .fetch_one(
            match_(Person)
                .rel(DIRECTED)
                .to(Movie)
                .filter(Person.name.eq("Lana Wachowski"))
                .with((Person, collect(Movie.title).as_(titles)))
                .return_(Person.project::<Credits, _>((
                    Person.name,
                    Person.born,
                    titles.as_(name!(titles)),
                ))),
        )
        .await
        .unwrap();
    let mut expected: Vec<String> = data::DIRECTED
        .iter()
        .filter(|(p, _)| *p == "Lana Wachowski")
        .map(|(_, m)| (*m).to_owned())
        .collect();
    let mut got = card.titles.clone();
    got.sort();
    expected.sort();
    assert_eq!(
        (card.name.as_str(), card.born, got),
        ("Lana Wachowski", Some(1965), expected)
    );

    let n = name!(n);
    // Integer literals in the query are typed by inference, so the row type is spelled out.
    let row: (Vec<i64>, bool, bool, bool, bool, i64) = db
        .fetch_one(unwind(vec![1i64], n).return_((
            range(1, 6).filtered(|x| (x % 2).eq(0)).mapped(|x| x * 10),
            range(1, 6).any(|x| x.gt(4)),
            range(1, 6).all(|x| x.gt(4)),
            range(1, 6).none(|x| x.gt(9)),
            range(1, 6).single(|x| x.eq(3)),
            range(1, 4).reduce(0, |acc, x| acc + x * n),
        )))
        .await
        .unwrap();
    assert_eq!(row, (vec![20, 40, 60], true, false, true, true, 10));
}

#[tokio::test]
async fn duration_between_two_instants() {
    let db = client().await;
    let (from, to) = (name!(from), name!(to));
    let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    let spans: Vec<std::time::Duration> = db
        .fetch_all(
            unwind(vec![day(1)], from)
                .unwind(vec![day(3)], to)
                .return_(duration_between(from, to)),
        )
        .await
        .unwrap();
    assert_eq!(spans, [std::time::Duration::from_secs(2 * 24 * 3600)]);
}

#[tokio::test]
async fn with_orders_limits_then_filters() {
    let db = client().await;
    let movies = name!(movies);
    let rows = db
        .fetch_all(
            match_(Person)
                .rel(ACTED_IN)
                .to(Movie)
                .with((Person, count(Movie).as_(movies)))
                .order_by((movies.desc(), Person.name))
                .limit(3)
                .filter(movies.ge(5))
                .return_((Person.name, movies)),
        )
        .await
        .unwrap();
    let expected: Vec<(String, i64)> = busiest_first()
        .into_iter()
        .take(3)
        .filter(|(_, n)| *n >= 5)
        .collect();
    assert_eq!(
        rows.into_iter().collect::<BTreeSet<_>>(),
        expected.into_iter().collect()
    );
}
