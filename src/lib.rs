//! # typher
//!
//! A typed Cypher query builder for Neo4j whose schema is checked by the compiler.
//!
//! ```
//! use typher::prelude::*;
//!
//! #[derive(Node, Debug, Clone, PartialEq)]
//! pub struct Person {
//!     #[node(unique)]
//!     pub name: String,
//!     pub born: Option<i64>,
//! }
//!
//! #[derive(Node, Debug, Clone, PartialEq)]
//! pub struct Movie {
//!     #[node(unique)]
//!     pub title: String,
//!     pub released: i64,
//! }
//!
//! #[derive(Relationship, Debug, Clone, PartialEq)]
//! #[relationship(type = "ACTED_IN", from = Person, to = Movie)]
//! pub struct ActedIn {
//!     pub roles: Vec<String>,
//! }
//!
//! let q = match_(Person).rel(ACTED_IN).to(Movie)
//!     .filter(Person.born.gt(1960))
//!     .return_((Person.name, Movie.title));
//! let cypher = q.to_cypher();
//! assert_eq!(
//!     cypher.text(),
//!     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) WHERE person.born > $p0 \
//!      RETURN person.name AS name, movie.title AS title"
//! );
//! assert_eq!(cypher.params().len(), 1);
//! ```
//!
//! Projections are typed too: `name!` declares a typed name for a projected value, and your
//! own enums become property types with `#[derive(PropertyValue)]`.
//!
//! ```
//! # use typher::prelude::*;
//! #[derive(PropertyValue, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
//! #[serde(rename_all = "snake_case")]
//! pub enum Genre { SciFi, Drama }
//!
//! #[derive(Node)]
//! pub struct Movie { pub title: String, pub genre: Genre, pub released: i64 }
//!
//! let per_genre = name!(per_genre);
//! let q = match_(Movie)
//!     .filter(Movie.genre.ne(Genre::Drama))
//!     .with((Movie.genre.as_(name!(genre)), count(Movie).as_(per_genre)))
//!     .filter(per_genre.gt(1))
//!     .return_(per_genre);
//! assert_eq!(
//!     q.to_cypher().text(),
//!     "MATCH (movie:Movie) WHERE movie.genre <> $p0 \
//!      WITH movie.genre AS genre, count(movie) AS per_genre WHERE per_genre > $p1 RETURN per_genre"
//! );
//! assert_eq!(q.to_cypher().params().get("p0"), Some(&typher::Value::from("drama")));
//! ```
//!
//! The modules, each importing only those listed before it:
//! - [`schema`]: labels, relationship types and properties as types (what the derives emit);
//! - [`dsl`]: typed expressions, patterns and clauses, and their rendering to Cypher text
//!   plus parameters; driver-free;
//! - [`exec`]: running statements ([`Executor`], [`Client`], [`Transaction`], [`raw`]),
//!   decoding rows; the one layer that talks to the Bolt client (`typher-bolt`);
//! - [`ogm`]: nodes as entities, relationship managers, eager loading;
//! - [`schema_tools`]: constraints and indexes from the models, drift, migrations, inspect;
//! - [`blocking`]: the client without async, for scripts and command lines;
//! - [`Error`]: each layer's errors joined.
//!
//! A local test server lives in the separate `typher-testkit` crate, a dev-dependency. Most
//! code needs only [`prelude`].

#![warn(missing_docs)]

extern crate self as typher;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod blocking;
pub mod dsl;
mod error;
pub mod exec;
pub mod ogm;
pub mod schema;
pub mod schema_tools;

pub use dsl::{CompiledQuery, Params, Value};
pub use error::{Error, Result};
pub use exec::{
    raw, Bookmarks, Client, Counters, Executed, Executor, ManagedTransaction, RetryPolicy,
    Settings, Transaction, Wait,
};
pub use schema::{Identified, Property};
/// Derives a node label from a braced struct: the struct stays the data type, and a const of
/// the same name becomes the label's handle, with one property handle per field.
///
/// Attributes: `#[node(label = "..")]` on the struct (default: the struct's name);
/// `#[node(unique)]` and `#[node(index)]` on fields (schema metadata, in `PROPERTIES`).
/// Property keys are serde's: `#[serde(rename = "..")]` and `#[serde(rename_all = "..")]`
/// apply exactly as serde applies them, so a typed query and a decoded node always agree.
///
/// ```
/// use typher::prelude::*;
/// use typher::schema::NodeLabel;
///
/// #[derive(Node, serde::Serialize, serde::Deserialize)]
/// #[node(label = "Film")]
/// #[serde(rename_all = "camelCase")]
/// pub struct Movie {
///     #[node(unique)]
///     pub title: String,
///     #[node(index)]
///     pub release_year: i64,
///     #[serde(rename = "imdbID")]
///     pub imdb_id: Option<String>,
/// }
///
/// let q = match_(Movie)
///     .filter(Movie.release_year.gt(1999))
///     .return_((Movie.title, Movie.imdb_id));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (movie:Film) WHERE movie.releaseYear > $p0 \
///      RETURN movie.title AS title, movie.imdbID AS imdbID"
/// );
/// assert!(Movie::PROPERTIES[0].unique && Movie::PROPERTIES[1].index);
/// ```
#[doc(inline)]
pub use typher_macros::Node;

/// Derives a relationship type: `#[relationship(type = "..", from = Label, to = Label)]`,
/// where `from` and `to` may list several labels (`from = [Person, Company]`). A const named
/// after the type (`ACTED_IN`) is the handle; fields are its properties, keyed as serde
/// keys them. A unit struct is a relationship without properties.
///
/// ```
/// use typher::prelude::*;
///
/// #[derive(Node, serde::Deserialize)]
/// pub struct Person { pub name: String }
/// #[derive(Node, serde::Deserialize)]
/// pub struct Movie { pub title: String }
///
/// #[derive(Relationship, serde::Deserialize)]
/// #[relationship(type = "ACTED_IN", from = Person, to = Movie)]
/// pub struct ActedIn { pub roles: Vec<String> }
///
/// let q = match_(Person).rel(ACTED_IN).to(Movie).return_((Person.name, ACTED_IN.roles));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[acted_in:ACTED_IN]->(movie:Movie) \
///      RETURN person.name AS name, acted_in.roles AS roles"
/// );
/// ```
#[doc(inline)]
pub use typher_macros::Relationship;

/// Builds a folder of migration files into the binary, so a service applies its migrations
/// at start-up with no files beside it: `embed_migrations!("migrations")`, relative to the
/// crate's `Cargo.toml`, is a [`schema_tools::Migrations`] of its `V<version>__<name>.cypher`
/// files (or `.up.cypher` and `.down.cypher` pairs). A misnamed file is a compile error. An
/// edited file rebuilds; a new one is seen at the crate's next build (`touch` the source, or
/// add `println!("cargo:rerun-if-changed=migrations")` to a `build.rs`).
///
/// ```no_run
/// # async fn demo(db: &typher::Client) -> typher::Result<()> {
/// let applied = typher::embed_migrations!("tests/migrations").migrate(db).await?;
/// # Ok(()) }
/// ```
pub use typher_macros::embed_migrations;

/// Derives a pattern alias from a unit struct, to bind one label twice:
/// `Person.alias(Coactor)` is a second `Person`, with its own variable.
///
/// ```
/// use typher::prelude::*;
/// # #[derive(Node, serde::Deserialize)] pub struct Person { pub name: String }
/// # #[derive(Node, serde::Deserialize)] pub struct Movie { pub title: String }
/// # #[derive(Relationship, serde::Deserialize)]
/// # #[relationship(type = "ACTED_IN", from = Person, to = Movie)] pub struct ActedIn;
///
/// #[derive(Alias)]
/// pub struct Coactor;
///
/// let coactor = Person.alias(Coactor);
/// let q = match_(Person).rel(ACTED_IN).to(Movie).rel(ACTED_IN).from(coactor)
///     .return_(coactor.name);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie)<-[:ACTED_IN]-(coactor:Person) \
///      RETURN coactor.name AS name"
/// );
/// ```
#[doc(inline)]
pub use typher_macros::Alias;

/// A typed name for a projected value: declared once, defined with `.as_(..)` in `WITH` or
/// `RETURN`, read afterwards with its Rust type. The type is inferred from what it names, or
/// written: `name!(total: i64)`.
///
/// ```
/// use typher::prelude::*;
/// # #[derive(Node, serde::Deserialize)] pub struct Person { pub name: String }
/// # #[derive(Node, serde::Deserialize)] pub struct Movie { pub title: String }
/// # #[derive(Relationship, serde::Deserialize)]
/// # #[relationship(type = "ACTED_IN", from = Person, to = Movie)] pub struct ActedIn;
///
/// let movies = name!(movies);
/// let q = match_(Person).rel(ACTED_IN).to(Movie)
///     .return_((Person.name, count(Movie).as_(movies)))
///     .order_by(movies.desc());
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) \
///      RETURN person.name AS name, count(movie) AS movies ORDER BY movies DESC"
/// );
/// ```
#[doc(inline)]
pub use typher_macros::name;

/// Makes an enum of unit variants (stored as a string: the variant's name after serde's
/// `rename`/`rename_all`) or a newtype over a property type a property type of its own.
///
/// ```
/// use typher::prelude::*;
///
/// #[derive(PropertyValue, serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq)]
/// #[serde(rename_all = "lowercase")]
/// pub enum Genre { Drama, Comedy }
///
/// #[derive(Node, serde::Deserialize)]
/// pub struct Movie { pub title: String, pub genre: Genre }
///
/// let q = match_(Movie).filter(Movie.genre.eq(Genre::Drama)).return_(Movie.title);
/// let cypher = q.to_cypher();
/// assert_eq!(cypher.text(), "MATCH (movie:Movie) WHERE movie.genre = $p0 RETURN movie.title AS title");
/// assert_eq!(cypher.params().iter().next().unwrap().1, &typher::Value::String("drama".into()));
/// ```
#[doc(inline)]
pub use typher_macros::PropertyValue;

/// Makes a struct the typed record of a Cypher map: `Pair::map(a, b)` builds the map
/// literal `{a: .., b: ..}` (each value checked against its field's type), the `Pair`
/// constant's key handles read a key of any expression holding one (`m.key(Pair.a)`),
/// and rows decode into the struct, with no label declared for it.
///
/// ```
/// use typher::prelude::*;
///
/// #[derive(Node, serde::Deserialize)]
/// pub struct Person { pub name: String, pub born: Option<i64> }
///
/// #[derive(Record, serde::Deserialize)]
/// pub struct Card { pub who: String, pub year: Option<i64> }
///
/// let card = name!(card);
/// let q = match_(Person)
///     .with(Card::map(Person.name, Person.born).as_(card))
///     .filter(card.key(Card.year).gt(1960))
///     .return_(card);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WITH {who: person.name, year: person.born} AS card \
///      WHERE card.year > $p0 RETURN card"
/// );
/// ```
#[doc(inline)]
pub use typher_macros::Record;

/// Makes an enum whose variants each hold one label's struct the type of a node of any of
/// those labels. `Item::node()` binds such a node, `MATCH (item:Person|Movie)` (a step from
/// or to it must fit every label); returned, it decodes as the variant of its label. As the
/// sides of a `UNION` return, `Item::of(Person)` renders a node as `{Person: person}`, and
/// the derive's `Deserialize` reads the variant from it (do not derive serde's as well). A
/// [`Path`](dsl::Path) may hold the enum as its node type.
///
/// ```
/// use typher::prelude::*;
///
/// #[derive(Node, serde::Deserialize)]
/// pub struct Person { pub name: String }
/// #[derive(Node, serde::Deserialize)]
/// pub struct Movie { pub title: String }
///
/// #[derive(Labels)]
/// pub enum Item { Person(Person), Movie(Movie) }
///
/// let q = match_(Person).return_(Item::of(Person))
///     .union_all(match_(Movie).return_(Item::of(Movie)));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) RETURN {Person: person} AS map \
///      UNION ALL MATCH (movie:Movie) RETURN {Movie: movie} AS map"
/// );
///
/// let q = match_(Item::node()).return_(Item::node());
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (item:Person|Movie) RETURN CASE WHEN item:Person THEN {Person: item} \
///      WHEN item:Movie THEN {Movie: item} END AS item"
/// );
/// ```
#[doc(inline)]
pub use typher_macros::Labels;

/// Everything a typical query needs: the derives, the entry points, the expression methods,
/// the functions and the handle traits.
pub mod prelude {
    pub use crate::dsl::{
        avg, call_procedure, case, case_of, collect, collect_distinct, collect_of, comprehension,
        count, count_all, count_distinct, count_of, create, db, duration_between, element_id,
        exists, keys, labels, length, lit, match_, max, merge, min, nodes, not, now, null, one_of,
        optional_match, param, procedure, range, raw_expr, relationship_type, relationships,
        return_, rows, sum, today, unwind, with, ExprMethods, NodeMethods, Path, RelMethods,
        WriteMethods, ANY_REL,
    };
    pub use crate::exec::{Executor, Statement};
    pub use crate::ogm::{Entity, IncludeThen, Stored};
    pub use crate::schema::{Handle, Identified, NodeHandle, RelBindingHandle, RelHandle};
    pub use crate::{name, Alias, Labels, Node, PropertyValue, Record, Relationship};
}

// Re-exported at the root (hidden) only so compiler messages print them with short paths.
#[doc(hidden)]
pub use dsl::scope::{
    Agg, AllBound, Both, BoundMoreThanOnce, BoundOnce, Cons, IsBound, IsThe, Nil, NoVars, NotBound,
    Nullable, Required, Unambiguous, Var,
};

/// Items the derives and macros expand to; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::dsl::expr::{Name, NameTag};
    pub use crate::dsl::scope::*;
    pub use crate::schema::identity::*;
    pub use serde;
}
