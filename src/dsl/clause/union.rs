//! `UNION` and `UNION ALL`: queries whose rows have one type, answered together.

use super::return_::Returning;
use crate::dsl::ast::QueryAst;
use crate::dsl::query::Bound;
use crate::dsl::render::{render, CompiledQuery};
use crate::dsl::row::{ByName, Columns, Shape, Single};
use crate::dsl::tuples::for_tuples;
use core::marker::PhantomData;
use std::sync::OnceLock;

/// One column of two `UNION` sides: one type on both, or `T` on one side and `Option<T>`
/// on the other, when the union's column is `Option<T>` (as in Cypher, where the column
/// simply holds nulls from one side).
#[diagnostic::on_unimplemented(
    message = "a column of one UNION side holds `{Self}`, the same column of the other `{Other}`",
    label = "rows of another type",
    note = "both sides return the same number of items, with the same types, in the same order (a value on one side may be the `Option` of the other's)"
)]
pub trait Column<Other> {
    /// The union's column.
    type Out;
}
impl<X> Column<X> for X {
    type Out = X;
}
impl<X> Column<Option<X>> for X {
    type Out = Option<X>;
}
impl<X> Column<X> for Option<X> {
    type Out = Option<X>;
}

/// The rows of a `UNION` of sides returning rows shaped `Self` and `R2`: column by column
/// the same type, or one side's the `Option` of the other's.
#[diagnostic::on_unimplemented(
    message = "both sides of a UNION must return rows of one type",
    label = "rows of another type",
    note = "return the same number of items, with the same types, in the same order (a value on one side may be the `Option` of the other's)"
)]
pub trait UnionWith<R2>: Shape {
    /// The union's rows.
    type Out: Shape;
}
impl<T: Column<T2>, T2> UnionWith<Single<T2>> for Single<T> {
    type Out = Single<T::Out>;
}
impl<T> UnionWith<ByName<T>> for ByName<T> {
    type Out = ByName<T>;
}
macro_rules! union_columns {
    ($n:literal: $($a:ident $b:ident $_i:tt),+) => {
        impl<$($a: Column<$b>, $b),+> UnionWith<Columns<($($b,)+)>> for Columns<($($a,)+)> {
            type Out = Columns<($(<$a as Column<$b>>::Out,)+)>;
        }
    };
}
for_tuples!(union_columns);

/// Queries joined by `UNION` / `UNION ALL`; rows decode as `R` says.
#[must_use = "a query does nothing until rendered with `.to_cypher()` or run"]
pub struct Union<R> {
    branches: Vec<(QueryAst, bool)>,
    compiled: OnceLock<CompiledQuery>,
    /// Values of named parameters, from every side and from `.bind`.
    pub(crate) bound: Bound,
    _shape: PhantomData<fn() -> R>,
}

impl<R> Clone for Union<R> {
    fn clone(&self) -> Self {
        Self {
            branches: self.branches.clone(),
            compiled: self.compiled.clone(),
            bound: self.bound.clone(),
            _shape: PhantomData,
        }
    }
}

impl<O, R: Shape, P> Returning<O, R, P> {
    /// `query UNION other`: the rows of both, without duplicates. Both must return the same
    /// row type; the columns take this query's names.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String }
    /// # #[derive(Node)] pub struct Movie { pub title: String }
    /// let q = match_(Person).return_(Person.name).union(match_(Movie).return_(Movie.title));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN person.name AS name \
    ///      UNION MATCH (movie:Movie) RETURN movie.title AS name"
    /// );
    /// ```
    pub fn union<O2, R2: Shape, P2>(self, other: Returning<O2, R2, P2>) -> Union<R::Out>
    where
        R: UnionWith<R2>,
    {
        Union::start(self).then(other, false)
    }

    /// `query UNION ALL other`: the rows of both, duplicates kept.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).return_(Person.name)
    ///     .union_all(match_(Movie).return_(Movie.title));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN person.name AS name \
    ///      UNION ALL MATCH (movie:Movie) RETURN movie.title AS name"
    /// );
    /// ```
    pub fn union_all<O2, R2: Shape, P2>(self, other: Returning<O2, R2, P2>) -> Union<R::Out>
    where
        R: UnionWith<R2>,
    {
        Union::start(self).then(other, true)
    }
}

impl<R: Shape> Union<R> {
    fn start<O, P>(first: Returning<O, R, P>) -> Self {
        Self {
            branches: vec![(first.ast, false)],
            compiled: OnceLock::new(),
            bound: first.bound,
            _shape: PhantomData,
        }
    }

    fn then<O2, R2, P2, Out>(mut self, next: Returning<O2, R2, P2>, all: bool) -> Union<Out> {
        self.branches.push((next.ast, all));
        self.bound.merge(next.bound);
        Union {
            branches: self.branches,
            compiled: OnceLock::new(),
            bound: self.bound,
            _shape: PhantomData,
        }
    }

    /// Binds named parameter `param` to `value` in every side (replacing an earlier value).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let year = param::<i64>("year");
    /// let q = match_(Movie).filter(Movie.released.eq(year)).return_(Movie.title)
    ///     .union(match_(Movie).filter(Movie.released.gt(year)).return_(Movie.title))
    ///     .bind(year, 1999);
    /// assert_eq!(q.to_cypher().params().get("year"), Some(&typher::dsl::Value::Int(1999)));
    /// ```
    pub fn bind<T, V>(mut self, param: crate::dsl::Param<T>, value: V) -> Self
    where
        V: crate::dsl::Literal,
        V::Type: crate::dsl::expr::SameAs<T>,
    {
        self.bound.set(param.name(), value.into_value());
        self
    }

    /// Adds another query with `UNION`.
    pub fn union<O2, R2: Shape, P2>(self, other: Returning<O2, R2, P2>) -> Union<R::Out>
    where
        R: UnionWith<R2>,
    {
        self.then(other, false)
    }

    /// Adds another query with `UNION ALL`.
    pub fn union_all<O2, R2: Shape, P2>(self, other: Returning<O2, R2, P2>) -> Union<R::Out>
    where
        R: UnionWith<R2>,
    {
        self.then(other, true)
    }

    /// Renders the queries: Cypher text with every value as a parameter.
    pub fn to_cypher(&self) -> CompiledQuery {
        self.compiled().with_bound(&self.bound.0)
    }

    /// The rendering, made on first use and kept.
    pub fn compiled(&self) -> &CompiledQuery {
        self.compiled.get_or_init(|| {
            let branches: Vec<(&QueryAst, bool)> =
                self.branches.iter().map(|(ast, all)| (ast, *all)).collect();
            render(&branches)
        })
    }
}
