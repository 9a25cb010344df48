//! The query builder: one type, [`Query`], whose type parameters carry what the compiler
//! checks. `S` is the scope (every binding so far, with its nullability) and `P` the
//! position in the pipeline: [`Pattern`] after a `MATCH` step (the next relationship must
//! start at label `L`; `N` says whether the clause is optional; `W` is what the pattern
//! walked, [`Begin`] then [`Walk`]s, which a path variable's types are checked against),
//! [`Projected`] after `WITH`
//! (which may still be ordered, paged and made distinct; `O` is what `ORDER BY` may read),
//! [`Unwound`] after `UNWIND`. Each clause module adds the methods of its clause.

use super::expr::Predicate;
use super::scope::AllBound;
use crate::dsl::ast::{Clause, QueryAst};
use core::marker::PhantomData;

/// A query being built; finish it with `.return_(..)`.
#[must_use = "a query does nothing until it returns something: `.return_(..)`"]
pub struct Query<S, P> {
    pub(crate) ast: QueryAst,
    /// The rendering of a query that ends in a write, made when it is first run.
    compiled: std::sync::OnceLock<Box<super::render::CompiledQuery>>,
    /// Values of named parameters, carried to the `RETURN` (or run with the write).
    pub(crate) bound: Bound,
    _state: PhantomData<fn() -> (S, P)>,
}

/// Values bound to named parameters: the last value bound to a name wins.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bound(pub(crate) Vec<(&'static str, super::Value)>);

impl Bound {
    /// Binds `name` to `value`, replacing an earlier value.
    pub(crate) fn set(&mut self, name: &'static str, value: super::Value) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }

    /// Takes in `other`'s values for the names not bound here.
    pub(crate) fn merge(&mut self, other: Bound) {
        for (name, value) in other.0 {
            if !self.0.iter().any(|(n, _)| *n == name) {
                self.0.push((name, value));
            }
        }
    }
}

/// What a pattern walked: the label it began at ([`Begin`]), then each relationship step and
/// the label it reached ([`Walk`]); what a path variable's declared types are checked
/// against ([`Walked`](super::path::Walked)).
#[doc(hidden)]
pub struct Begin<L>(PhantomData<fn() -> L>);

/// A pattern `W` walked on through relationship pattern `R` to label `L`; see [`Begin`].
#[doc(hidden)]
pub struct Walk<W, R, L>(Marker3<W, R, L>);

/// A zero-sized marker of three types.
pub(crate) type Marker3<A, B, C> = PhantomData<fn() -> (A, B, C)>;

/// A pattern whose walk is not tracked (a quantified one, which binds no path).
#[doc(hidden)]
pub struct Unwalked;

/// Position: a `MATCH` pattern ending at a node of label `L`, in a clause of nullability `N`;
/// `W` is what the pattern walked so far (its labels and relationship types, checked against
/// a path variable's declared types).
pub struct Pattern<L, N, W = Unwalked>(Marker3<L, N, W>);
/// Position: right after `WITH`; `ORDER BY` may read scope `O`; `D` says whether
/// `.distinct()` may still come ([`Unordered`]) or `ORDER BY` came first ([`Ordered`]).
pub struct Projected<O, D = Unordered>(PhantomData<fn() -> (O, D)>);

/// A projection not yet ordered: `.distinct()` may still narrow what `ORDER BY` reads.
pub struct Unordered;
pub use super::scope::Ordered;

/// Refuses `.distinct()` after `.order_by(..)`: the keys were checked before `DISTINCT`
/// narrowed what they may read.
#[diagnostic::on_unimplemented(
    message = "`.distinct()` must come before `.order_by(..)`",
    label = "DISTINCT after ORDER BY",
    note = "after DISTINCT, ORDER BY may read only the projected items, so the order keys are checked after it: call `.distinct()` first"
)]
pub trait DistinctFirst {}
impl DistinctFirst for Unordered {}
impl DistinctFirst for super::scope::NoVars {}
impl<B, N, R> DistinctFirst for super::scope::Var<B, N, R> {}
/// Position: right after a write clause (`CREATE`, `SET`, `REMOVE`, `DELETE`, `FOREACH`):
/// the query may run as it is, or go on.
pub struct Written;
/// Position: right after `MERGE`, where `ON CREATE SET` and `ON MATCH SET` may follow.
pub struct Merged;

/// A position a query may end at without `RETURN`: right after a write.
#[diagnostic::on_unimplemented(
    message = "this query reads but writes nothing, so it must end in `.return_(..)`",
    label = "no RETURN and no write",
    note = "only a query whose last clause writes (CREATE, MERGE, SET, REMOVE, DELETE, FOREACH) can run without `RETURN`"
)]
pub trait WriteEnd {}
impl WriteEnd for Written {}
impl WriteEnd for Merged {}

impl<S, P: WriteEnd> Query<S, P> {
    /// Renders the query: Cypher text with every value as a parameter.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = create(Person { name: "Ann".into(), born: None });
    /// assert_eq!(q.to_cypher().text(), "CREATE (person:Person $p0)");
    /// ```
    pub fn to_cypher(&self) -> super::render::CompiledQuery {
        self.compiled().with_bound(&self.bound.0)
    }

    /// The rendering, made on first use and kept.
    pub fn compiled(&self) -> &super::render::CompiledQuery {
        self.compiled
            .get_or_init(|| Box::new(super::render::render(&[(&self.ast, false)])))
    }
}

/// Position: right after `UNWIND`.
pub struct Unwound;
/// Position: right after `CALL { .. }`.
pub struct Called;
/// Position: right after a quantified path pattern whose repetitions end at label `L`; a node
/// must come next ([`.then(..)`](Query::then)).
pub struct Repeated<L, N>(PhantomData<fn() -> (L, N)>);
/// The nullability of the pattern inside a quantified path pattern: it binds nothing the
/// enclosing query sees, and holds exactly one path.
pub struct Repeating;

impl<S, P> Clone for Query<S, P> {
    fn clone(&self) -> Self {
        let mut copy = Self::from_ast(self.ast.clone());
        copy.bound = self.bound.clone();
        copy
    }
}

impl<S, P> Query<S, P> {
    pub(crate) fn from_ast(ast: QueryAst) -> Self {
        Self {
            ast,
            compiled: std::sync::OnceLock::new(),
            bound: Bound::default(),
            _state: PhantomData,
        }
    }

    /// The same query under other type-level state.
    pub(crate) fn retype<S2, P2>(self) -> Query<S2, P2> {
        let mut query = Query::from_ast(self.ast);
        query.bound = self.bound;
        query
    }

    /// Binds named parameter `param` to `value` (replacing an earlier value), for a query
    /// that runs without `RETURN` or one still being built; the value stays bound through
    /// `.return_(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let year = param::<i64>("year");
    /// let q = match_(Movie).filter(Movie.title.eq("Heat")).set(Movie.released.to(year)).bind(year, 1995);
    /// assert_eq!(q.to_cypher().params().get("year"), Some(&typher::dsl::Value::Int(1995)));
    /// ```
    pub fn bind<T, V>(mut self, param: super::Param<T>, value: V) -> Self
    where
        V: super::Literal,
        V::Type: super::expr::SameAs<T>,
    {
        self.bound.set(param.name(), value.into_value());
        self
    }

    /// Appends a clause.
    pub(crate) fn push<S2, P2>(mut self, clause: Clause) -> Query<S2, P2> {
        self.ast.clauses.push(clause);
        self.retype()
    }

    /// Adds a `WHERE` condition to the current clause; several calls are joined with `AND`.
    ///
    /// The condition may read only what is in scope: the pattern's bindings, and after `WITH`
    /// only what it carried.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person)
    ///     .filter(Person.born.gt(1960))
    ///     .filter(Person.name.starts_with("T").or(Person.name.eq("Meg Ryan")))
    ///     .return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WHERE person.born > $p0 \
    ///      AND (person.name STARTS WITH $p1 OR person.name = $p2) RETURN person.name AS name"
    /// );
    /// ```
    pub fn filter<R>(mut self, predicate: Predicate<R>) -> Self
    where
        R: AllBound<S> + super::scope::Aggregates,
        R::Out: super::scope::NoAggregate,
    {
        self.ast.add_filter(predicate.node);
        // A fresh query: a rendering made before the change must not be reused.
        self.retype()
    }
}

impl Query<super::scope::NoVars, ()> {
    /// A query with no clause yet; the entry points start from it.
    pub(crate) fn empty() -> Self {
        Self::from_ast(crate::dsl::ast::build::query(Vec::with_capacity(4)))
    }
}
