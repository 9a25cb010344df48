//! `RETURN`: the end of a query, which fixes its row type; and the finished query.

use super::projection::Projection;
use super::with::rows_param;
use crate::dsl::ast::{Clause, ProjectionClause, QueryAst};
use crate::dsl::expr::methods::OrderItems;
use crate::dsl::expr::{Literal, Param, SameAs};
use crate::dsl::query::{Bound, DistinctFirst, Ordered, Query};
use crate::dsl::render::{render, CompiledQuery};
use crate::dsl::row::ByName;
use crate::dsl::scope::{Aggregates, AllBound, OrderScope};
use crate::dsl::value::Value;
use crate::schema::identity::Select;
use core::marker::PhantomData;
use std::sync::OnceLock;

/// A query with its `RETURN`: `R` says how a row decodes ([`Single`](crate::dsl::row::Single),
/// [`Columns`](crate::dsl::row::Columns) or [`ByName`]), `O` is what `ORDER BY` may read
/// and `P` the returned items alone (what `ORDER BY` may read after `DISTINCT`).
#[must_use = "a query does nothing until rendered with `.to_cypher()` or run"]
pub struct Returning<O, R, P = O> {
    pub(crate) ast: QueryAst,
    /// The rendering, made once on first use; every builder method starts a fresh one.
    compiled: OnceLock<CompiledQuery>,
    /// Values of named parameters; binding them keeps the rendering.
    pub(crate) bound: Bound,
    _state: crate::schema::identity::Phantom<(O, R, P)>,
}

impl<O, R, P> Clone for Returning<O, R, P> {
    fn clone(&self) -> Self {
        Self {
            ast: self.ast.clone(),
            compiled: self.compiled.clone(),
            bound: self.bound.clone(),
            _state: PhantomData,
        }
    }
}

/// The finished query after `.return_(items)`.
pub type AfterReturn<S, I> = Returning<
    OrderScope<
        <<I as Projection<S>>::Refs as Aggregates>::Out,
        <I as Projection<S>>::Scope,
        <I as Projection<S>>::Fresh,
    >,
    <I as Projection<S>>::Shape,
    <I as Projection<S>>::Scope,
>;

/// `RETURN items` alone, a query without a reading clause: `RETURN 1 + 2 AS x`.
///
/// ```
/// # use typher::prelude::*;
/// let x = name!(x);
/// let q = return_((lit(1) + lit(2)).as_(x));
/// assert_eq!(q.to_cypher().text(), "RETURN $p0 + $p1 AS x");
/// ```
pub fn return_<I>(items: I) -> AfterReturn<crate::dsl::scope::NoVars, I>
where
    I: Projection<crate::dsl::scope::NoVars>,
    I::Refs: AllBound<crate::dsl::scope::NoVars> + Aggregates,
    <I::Refs as Aggregates>::Out: Select<I::Scope, I::Fresh>,
{
    Query::empty().return_(items)
}

impl<S, P> Query<S, P> {
    /// `RETURN *`: every variable in scope, as columns named after them; rows decode by
    /// column name into `T` (a struct whose fields are the variables).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// #[derive(serde::Deserialize)]
    /// struct Row { person: Person, movie: Movie }
    /// let q = match_(Person).rel(ACTED_IN).to(Movie).return_all::<Row>();
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) RETURN *"
    /// );
    /// ```
    pub fn return_all<T>(self) -> Returning<S, ByName<T>, S> {
        let query = self.push::<(), ()>(Clause::Return(crate::dsl::ast::build::projection_star()));
        let mut returning = Returning::new(query.ast);
        returning.bound = query.bound;
        returning
    }

    /// `RETURN ..`: properties, nodes, relationships, named values, any expression, or a tuple
    /// of them; fixes the row type. Every column gets a name: `expr.as_(name)` sets it, a
    /// property is named after its key, a function after itself.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String, pub born: Option<i64> }
    /// let q = match_(Person).return_((Person.name, Person.born));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN person.name AS name, person.born AS born"
    /// );
    /// ```
    pub fn return_<I>(self, items: I) -> AfterReturn<S, I>
    where
        I: Projection<S>,
        I::Refs: AllBound<S> + Aggregates,
        <I::Refs as Aggregates>::Out: Select<I::Scope, I::Fresh>,
    {
        let mut list = Vec::new();
        items.push_items(&mut list);
        let query = self.push::<(), ()>(Clause::Return(crate::dsl::ast::build::projection(list)));
        let mut returning = Returning::new(query.ast);
        returning.bound = query.bound;
        returning
    }
}

impl<O, R, P> Returning<O, R, P> {
    pub(crate) fn new(ast: QueryAst) -> Self {
        Self {
            ast,
            compiled: OnceLock::new(),
            bound: Bound::default(),
            _state: PhantomData,
        }
    }

    /// Applies a change to the `RETURN`, dropping any rendering made before it.
    fn change<O2, P2>(mut self, edit: impl FnOnce(&mut ProjectionClause)) -> Returning<O2, R, P2> {
        if let Some(p) = self.ast.projection() {
            edit(p);
        }
        Returning {
            ast: self.ast,
            compiled: OnceLock::new(),
            bound: self.bound,
            _state: PhantomData,
        }
    }

    /// `RETURN DISTINCT ..`; `ORDER BY` may then read only what is returned, so call it
    /// before `.order_by(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .return_(Movie.released).distinct().order_by(Movie.released);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) \
    ///      RETURN DISTINCT movie.released AS released ORDER BY released ASC"
    /// );
    /// ```
    pub fn distinct(self) -> Returning<P, R, P>
    where
        P: DistinctFirst,
    {
        self.change(|p| p.distinct = true)
    }

    /// `ORDER BY ..`: an expression (ascending), `expr.asc()`, `expr.desc()`, or a tuple.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie)
    ///     .return_((Movie.title, Movie.released))
    ///     .order_by((Movie.released.desc(), Movie.title))
    ///     .skip(10)
    ///     .limit(5);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie) RETURN movie.title AS title, movie.released AS released \
    ///      ORDER BY released DESC, title ASC SKIP $p0 LIMIT $p1"
    /// );
    /// ```
    pub fn order_by<I>(self, keys: I) -> Returning<O, R, Ordered<P>>
    where
        I: OrderItems<O>,
        I::Refs: AllBound<O>,
    {
        self.change(|p| keys.push_order(&mut p.order))
    }

    /// `SKIP $n`.
    pub fn skip(self, rows: u64) -> Self {
        self.change(|p| p.skip = Some(rows_param(rows)))
    }

    /// `LIMIT $n`.
    pub fn limit(self, rows: u64) -> Self {
        self.change(|p| p.limit = Some(rows_param(rows)))
    }

    /// Decodes each row into `T` by column name (a struct whose fields are the column names:
    /// name them with `.as_(..)`), instead of a tuple.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String }
    /// # #[derive(Node)] pub struct Movie { pub title: String }
    /// # #[derive(Relationship)] #[relationship(type = "ACTED_IN", from = Person, to = Movie)] pub struct ActedIn;
    /// #[derive(serde::Deserialize)]
    /// struct Busy { name: String, movies: i64 }
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .return_((Person.name, count(Movie).as_(name!(movies))))
    ///     .decode_as::<Busy>();
    /// assert_eq!(q.to_cypher().columns(), ["name", "movies"]);
    /// ```
    pub fn decode_as<T>(self) -> Returning<O, ByName<T>, P> {
        Returning {
            ast: self.ast,
            compiled: self.compiled,
            bound: self.bound,
            _state: PhantomData,
        }
    }

    /// Binds named parameter `param` to `value` (replacing an earlier value); the rendering
    /// is kept, so a query runs again with new values without being rendered again.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let year = param::<i64>("year");
    /// let q = match_(Movie).filter(Movie.released.eq(year)).return_(Movie.title);
    /// let q1999 = q.bind(year, 1999);
    /// assert_eq!(
    ///     q1999.to_cypher().text(),
    ///     "MATCH (movie:Movie) WHERE movie.released = $year RETURN movie.title AS title"
    /// );
    /// ```
    pub fn bind<T, V>(mut self, param: Param<T>, value: V) -> Self
    where
        V: Literal,
        V::Type: SameAs<T>,
    {
        self.bound.set(param.name(), value.into_value());
        self
    }

    /// Renders the query: Cypher text with every value as a parameter.
    pub fn to_cypher(&self) -> CompiledQuery {
        self.compiled().with_bound(&self.bound.0)
    }

    /// The rendering without bound values, made on first use and kept.
    pub fn compiled(&self) -> &CompiledQuery {
        self.compiled.get_or_init(|| render(&[(&self.ast, false)]))
    }

    /// The values bound to named parameters.
    pub fn bound(&self) -> &[(&'static str, Value)] {
        &self.bound.0
    }
}
