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
//! The modules: [`schema`] (labels, relationship types and properties as types), [`dsl`]
//! (the builder and its rendering), [`exec`] (running queries through neo4rs: [`Client`],
//! [`raw`], transactions). A local test server lives in the separate `typher-testkit`
//! crate, a dev-dependency. Most code needs only
//! [`prelude`].

#![warn(missing_docs)]

extern crate self as typher;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod dsl;
pub mod exec;
pub mod schema;

pub use dsl::{CompiledQuery, Params, Value};
pub use exec::{raw, Client, Error, Result, RetryPolicy, Settings, Transaction, Wait};
pub use schema::{Identified, Property};
pub use typher_macros::{name, Alias, Node, PropertyValue, Relationship};

/// Everything a typical query needs: the derives, the entry points, the expression methods,
/// the functions and the handle traits.
pub mod prelude {
    pub use crate::dsl::{
        avg, case, case_of, collect, collect_distinct, count, count_all, count_distinct,
        duration_between, element_id, keys, labels, match_, max, min, not, now, optional_match,
        param, range, raw_expr, relationship_type, sum, today, unwind, ExprMethods,
    };
    pub use crate::schema::{Handle, NodeHandle, RelBindingHandle, RelHandle};
    pub use crate::{name, Alias, Node, PropertyValue, Relationship};
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
}
