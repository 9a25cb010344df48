//! Aggregating functions: `count`, `sum`, `avg`, `min`, `max`, `collect`.
//!
//! Their result types follow Cypher: `count` is never null, `collect` drops nulls (so
//! `collect` of an optional value is a `Vec` of the inner type), `sum` of no rows is `0`, and
//! `avg`, `min`, `max` of no rows are null, hence `Option`. Any query that aggregates groups
//! by its other returned items, as in Cypher.

use super::{BaseOf, Expr, ExprKind, Expression};
use crate::dsl::scope::{Agg, Aggregates, Nil};
use crate::schema::{Comparable, Numeric, OrNull, PropertyType};

/// Refuses an aggregate of an aggregate (`sum(count(movie))`), which Cypher refuses too.
#[diagnostic::on_unimplemented(
    message = "an aggregate cannot take another aggregate",
    label = "this value is aggregated already",
    note = "aggregate in two steps: name the inner one in `WITH` (`.with((Person, count(Movie).as_(movies)))`), then aggregate the name (`sum(movies)`)"
)]
pub trait Unnested {}
impl Unnested for crate::schema::identity::False {}

fn call<T, E: Expression>(name: &'static str, distinct: bool, e: E) -> Expr<T, Agg<E::Refs>> {
    Expr::new(crate::dsl::ast::build::call_distinct(
        name,
        distinct,
        vec![e.into_expr_node()],
    ))
}

/// `count(*)`: the number of rows.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String }
/// let q = match_(Movie).return_(count_all());
/// assert_eq!(q.to_cypher().text(), "MATCH (movie:Movie) RETURN count(*) AS count");
/// ```
pub fn count_all() -> Expr<i64, Agg<Nil>> {
    Expr::from(ExprKind::CountAll)
}

/// `count(x)`: how many rows have a non-null `x`.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String }
/// # #[derive(Node)] pub struct Movie { pub title: String }
/// # #[derive(Relationship)] #[relationship(type = "ACTED_IN", from = Person, to = Movie)] pub struct ActedIn;
/// let movies = name!(movies);
/// let q = match_(Person).rel(ACTED_IN).to(Movie)
///     .with((Person, count(Movie).as_(movies)))
///     .filter(movies.ge(10))
///     .return_((Person.name, movies));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) \
///      WITH person, count(movie) AS movies WHERE movies >= $p0 \
///      RETURN person.name AS name, movies"
/// );
/// ```
pub fn count<E: Expression>(x: E) -> Expr<i64, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
{
    call("count", false, x)
}

/// `count(DISTINCT x)`.
pub fn count_distinct<E: Expression>(x: E) -> Expr<i64, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
{
    call("count", true, x)
}

/// `sum(x)` of integers or floats; `0` when there are no rows.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String }
/// # #[derive(Node)] pub struct Movie { pub title: String }
/// # #[derive(Relationship)] #[relationship(type = "REVIEWED", from = Person, to = Movie)]
/// # pub struct Reviewed { pub rating: i64 }
/// let q = match_(Person).rel(REVIEWED).to(Movie)
///     .return_((Movie.title, sum(REVIEWED.rating), avg(REVIEWED.rating), max(REVIEWED.rating)));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[reviewed:REVIEWED]->(movie:Movie) RETURN movie.title AS title, \
///      sum(reviewed.rating) AS sum, avg(reviewed.rating) AS avg, max(reviewed.rating) AS max"
/// );
/// // Rows decode as (String, i64, Option<f64>, Option<i64>).
/// ```
pub fn sum<E: Expression>(x: E) -> Expr<BaseOf<E>, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: PropertyType,
    BaseOf<E>: Numeric,
{
    call("sum", false, x)
}

/// `avg(x)` of integers or floats: a float, null when there are no values.
pub fn avg<E: Expression>(x: E) -> Expr<Option<f64>, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: PropertyType,
    BaseOf<E>: Numeric,
{
    call("avg", false, x)
}

/// `min(x)`: of the property's own type, null when there are no values.
pub fn min<E: Expression>(x: E) -> Expr<<E::Type as OrNull>::Out, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: PropertyType + OrNull,
    BaseOf<E>: Comparable,
{
    call("min", false, x)
}

/// `max(x)`: of the property's own type, null when there are no values.
pub fn max<E: Expression>(x: E) -> Expr<<E::Type as OrNull>::Out, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: PropertyType + OrNull,
    BaseOf<E>: Comparable,
{
    call("max", false, x)
}

/// `collect(x)`: the non-null values as a list (`Vec<T>` even for an optional `T`).
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String }
/// # #[derive(Node)] pub struct Movie { pub title: String }
/// # #[derive(Relationship)] #[relationship(type = "DIRECTED", from = Person, to = Movie)] pub struct Directed;
/// let q = match_(Person).rel(DIRECTED).to(Movie).return_((Person.name, collect(Movie.title)));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[:DIRECTED]->(movie:Movie) \
///      RETURN person.name AS name, collect(movie.title) AS collect"
/// );
/// ```
pub fn collect<E: Expression>(x: E) -> Expr<Vec<<E::Type as OrNull>::Inner>, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: OrNull,
{
    call("collect", false, x)
}

/// `collect(DISTINCT x)`.
pub fn collect_distinct<E: Expression>(x: E) -> Expr<Vec<<E::Type as OrNull>::Inner>, Agg<E::Refs>>
where
    E::Refs: Aggregates,
    <E::Refs as Aggregates>::Out: Unnested,
    E::Type: OrNull,
{
    call("collect", true, x)
}
