//! # typher
//!
//! A typed Cypher query builder for Neo4j whose schema is checked by the compiler: your
//! structs become labels, relationship types and property handles, every query is checked
//! against them, the `RETURN` clause fixes the Rust type of each row, and every value is sent
//! as a parameter.
//!
//! ```no_run
//! use typher::prelude::*;
//!
//! #[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
//! pub struct Person {
//!     #[node(unique)]
//!     pub name: String,
//!     pub born: Option<i64>,
//! }
//!
//! #[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
//! pub struct Movie {
//!     #[node(unique)]
//!     pub title: String,
//!     pub released: i64,
//! }
//!
//! #[derive(Relationship, Debug, Clone, serde::Serialize, serde::Deserialize)]
//! #[relationship(type = "ACTED_IN", from = Person, to = Movie)]
//! pub struct ActedIn {
//!     pub roles: Vec<String>,
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and optionally NEO4J_DATABASE)
//!     let db = typher::Client::connect(typher::Settings::from_env()?).await?;
//!
//!     // MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) WHERE person.born > $p0
//!     // RETURN person.name AS name, movie.title AS title
//!     let rows: Vec<(String, String)> = db
//!         .fetch_all(
//!             match_(Person)
//!                 .rel(ACTED_IN)
//!                 .to(Movie)
//!                 .filter(Person.born.gt(1960))
//!                 .return_((Person.name, Movie.title)),
//!         )
//!         .await?;
//!     for (name, title) in rows {
//!         println!("{name} acted in {title}");
//!     }
//!     Ok(())
//! }
//! ```
//!
//! `match_(Movie).rel(ACTED_IN).to(Person)` does not compile (`` `Movie` is not a start
//! label of `ACTED_IN` ``), nor does `Person.born.gt("1960")`, nor reading `Movie.title`
//! after a `WITH` that dropped it. Queries are plain values; `to_cypher()` shows what is sent:
//!
//! ```
//! use typher::prelude::*;
//!
//! #[derive(PropertyValue, serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
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
//! ## The guide
//!
//! [`guide`] walks from the dependency to production: [getting
//! started](guide::getting_started) with your own Neo4j, [models](guide::models) (every
//! attribute of the derives), [reading](guide::reading), [writing](guide::writing),
//! [transactions and errors](guide::transactions_and_errors), [the OGM](guide::the_ogm),
//! [schema and migrations](guide::schema_and_migrations), [testing](guide::testing),
//! [performance](guide::performance), and coming from
//! [neomodel](guide::coming_from_neomodel) or [neo4rs](guide::coming_from_neo4rs).
//!
//! ## Modules
//!
//! Most code needs only [`prelude`]. The modules, each importing only those listed before
//! it:
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
//! A real server for tests (an embedded ArcadeDB, or your Neo4j) lives in the separate
//! `typher-testkit` crate, a dev-dependency: nothing in `typher` installs or starts one.

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
pub mod guide;
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
/// the same name becomes the label's handle, with one property handle per field
/// (`Person.born`). A field of type `Option<T>` is an optional property, any other a
/// required one. The OGM and decoding need serde's `Serialize` and `Deserialize` as well.
///
/// On the struct:
/// - `#[node(label = "Film")]`: the graph label (default: the struct's name);
/// - `#[node(extra_labels = [Person, ..])]`: labels every node of the struct also carries
///   (the OGM creates it with them, and it loads as each of them);
/// - `#[node(hooks)]`: you implement [`ogm::Hooks`] yourself (by default the derive
///   implements it empty);
/// - `#[serde(rename_all = "..")]`: property keys, applied exactly as serde applies it.
///
/// On a field:
/// - `#[node(unique)]`: a uniqueness constraint belongs on the property;
/// - `#[node(key)]`: part of the label's node key, with the other `key` fields;
/// - `#[node(index)]` / `#[node(text_index)]`: a range / text index belongs on the property;
/// - `#[node(version)]` on an `i64`: the OGM's optimistic-locking counter, checked and
///   bumped by every `save`;
/// - `#[node(extras)]` with `#[serde(flatten)]` on a map: keeps the node's undeclared
///   properties (loaded into it, written back on `save`);
/// - `#[serde(rename = "..")]`: the property key. `#[node(rename = "..")]` alone is refused,
///   so that typher and serde always agree on the key.
///
/// The schema facts (`unique`, `key`, `index`, `text_index`, required, the Cypher type) are
/// recorded in [`NodeLabel::PROPERTIES`](schema::NodeLabel::PROPERTIES), which the
/// [`schema_tools`] install as constraints and indexes. The
/// [models chapter](guide::models) of the guide shows every attribute at work.
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

/// Derives a relationship type: `#[relationship(type = "..", from = Label, to = Label)]`.
/// A const named after the type (`ACTED_IN`) is the handle; the fields are its properties,
/// keyed as serde keys them. A struct without fields is a relationship without properties
/// (write it braced, `struct Follows {}`, if you return or load it: serde decodes a unit
/// struct from nothing, not from a map).
///
/// On the struct:
/// - `type = ".."`: the relationship type (required);
/// - `from = Person` or `from = [Person, Company]`: the labels it may start at (required);
/// - `to = Movie` or `to = [Movie, Series]`: the labels it may end at (required);
/// - `handle = NAME`: the Rust name of the handle (default: the type, such as `ACTED_IN`),
///   needed when the type makes no Rust name (`"LINKS TO"`);
/// - `cardinality(start = .., end = ..)`: how many relationships of the type one start node
///   and one end node may have, each one of [`ZeroOrMore`](schema::Cardinality::ZeroOrMore)
///   (the default), `OneOrMore`, `ZeroOrOne`, `One`; the OGM enforces it in the query that
///   connects or disconnects ([`ogm::Error::Cardinality`]);
/// - `#[serde(rename_all = "..")]`: property keys.
///
/// On a field: `#[relationship(unique)]`, `#[relationship(index)]`,
/// `#[relationship(text_index)]` and `#[serde(rename = "..")]`, as for nodes.
///
/// ```
/// use typher::prelude::*;
/// use typher::schema::{Cardinality, RelType};
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
/// /// Each movie has at most one director here.
/// #[derive(Relationship, serde::Deserialize)]
/// #[relationship(type = "DIRECTED", from = Person, to = Movie, cardinality(end = ZeroOrOne))]
/// pub struct Directed {}
///
/// let q = match_(Person).rel(ACTED_IN).to(Movie).return_((Person.name, ACTED_IN.roles));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-[acted_in:ACTED_IN]->(movie:Movie) \
///      RETURN person.name AS name, acted_in.roles AS roles"
/// );
/// assert_eq!(Directed::END_CARDINALITY, Cardinality::ZeroOrOne);
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

pub mod prelude {
    //! Everything a typical program needs: `use typher::prelude::*;`.
    //!
    //! **Derives and macros**: [`Node`], [`Relationship`], [`Alias`], [`Record`], [`Labels`],
    //! [`PropertyValue`] turn your types into the schema; [`name!`](name) declares a typed name
    //! for a projected value.
    //!
    //! **Query entry points**: [`match_`] and [`optional_match`] (reading), [`create`] and
    //! [`merge`] (writing), [`unwind`] with [`rows`] (a list, or a batch of values), [`with`] and
    //! [`return_`] (queries without a reading clause), [`call_procedure`] with [`procedure`] or
    //! the [`db`] procedures.
    //!
    //! **Expressions and functions**: [`ExprMethods`] (operators, comparisons, string, list and
    //! temporal functions on any expression); [`lit`], [`null`], [`param`], [`raw_expr`],
    //! [`not`], [`case`], [`case_of`]; aggregates [`count`], [`count_all`], [`count_distinct`],
    //! [`sum`], [`avg`], [`min`], [`max`], [`collect`], [`collect_distinct`]; subqueries
    //! [`exists`], [`count_of`], [`collect_of`], [`comprehension`]; functions [`keys`],
    //! [`labels`], [`element_id`], [`relationship_type`], [`range`], [`today`], [`now`],
    //! [`duration_between`]; paths [`Path`], [`length`], [`nodes`], [`relationships`]; pattern
    //! helpers [`one_of`] and [`ANY_REL`].
    //!
    //! **Handles**: the methods on label and relationship handles, [`NodeMethods`] (`having`,
    //! `alias`, `again`, `where_`, ..), [`RelMethods`] (`hops`, `or`, ..) and [`WriteMethods`]
    //! (`assign`, `update`, `labeled`, ..), with the traits they build on ([`Handle`],
    //! [`NodeHandle`], [`RelHandle`], [`RelBindingHandle`]) and [`Identified`], a node or
    //! relationship with its element id.
    //!
    //! **Execution**: [`Executor`] (`fetch_all`, `fetch_one`, `fetch_optional`, `stream`,
    //! `execute` on a client or a transaction) and [`Statement`] (`explain`, `profile`).
    //!
    //! **OGM**: [`Entity`] (`Person::nodes()`, `create`, `get_or_create`, ..), [`Stored`] (what
    //! the OGM's methods need: an entity serde reads and writes) and [`IncludeThen`] (deeper
    //! eager loading, `ACTED_IN.then(DIRECTED)`).

    // Derives and macros.
    pub use crate::{name, Alias, Labels, Node, PropertyValue, Record, Relationship};

    // Query entry points.
    pub use crate::dsl::{
        call_procedure, create, db, match_, merge, optional_match, procedure, return_, rows,
        unwind, with,
    };

    // Expressions and functions.
    pub use crate::dsl::{
        avg, case, case_of, collect, collect_distinct, collect_of, comprehension, count, count_all,
        count_distinct, count_of, duration_between, element_id, exists, keys, labels, length, lit,
        max, min, nodes, not, now, null, one_of, param, range, raw_expr, relationship_type,
        relationships, sum, today, ExprMethods, Path, ANY_REL,
    };

    // Methods on label and relationship handles.
    pub use crate::dsl::{NodeMethods, RelMethods, WriteMethods};
    pub use crate::schema::{Handle, Identified, NodeHandle, RelBindingHandle, RelHandle};

    // Execution.
    pub use crate::exec::{Executor, Statement};

    // The OGM.
    pub use crate::ogm::{Entity, IncludeThen, Stored};
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
