//! `CASE` expressions with a typed result: every branch must give the first branch's type.

use super::{Expr, ExprNode, IntoExpr, Operand, Predicate};
use crate::dsl::scope::{Both, Nil};
use crate::schema::{OrNull, PropertyType};
use core::marker::PhantomData;

/// A CASE before its first branch.
pub struct Start;
/// A CASE whose branches give `T`.
pub struct Typed<T>(PhantomData<fn() -> T>);

/// The state of a CASE whose first branch gives `V`.
pub type TypedBy<V> = Typed<<V as IntoExpr>::Type>;

/// Requires a CASE branch to give the type of the first branch (or its non-null form).
#[diagnostic::on_unimplemented(
    message = "this CASE branch gives `{Self}`, but the first branch gives `{T}`",
    label = "every branch of a CASE must give the same type",
    note = "convert the value (`.to_string()`, `.to_float()`, ..) so all branches agree"
)]
pub trait Branch<T> {}
impl<T> Branch<T> for T {}
impl<T> Branch<Option<T>> for T {}

/// The reads of a CASE after a branch reading `C` and giving `V`.
pub type BranchRefs<R, C, V> = Both<R, Both<C, <V as IntoExpr>::Refs>>;

/// A generic `CASE WHEN cond THEN value .. END` being built; see [`case`].
#[must_use = "finish the CASE with `.otherwise(..)` or `.end()`"]
pub struct Case<State, R> {
    subject: Option<Box<ExprNode>>,
    branches: Vec<(ExprNode, ExprNode)>,
    _state: PhantomData<fn() -> (State, R)>,
}

/// A simple `CASE subject WHEN value THEN result .. END` being built; see [`case_of`].
pub type SimpleCase<Subject, State, R> = Case<(Subject, State), R>;

/// `CASE WHEN cond THEN value .. ELSE default END`: a typed conditional value.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String, pub released: i64 }
/// let era = case()
///     .when(Movie.released.lt(1990), "classic")
///     .when(Movie.released.lt(2000), "nineties")
///     .otherwise("recent");
/// let q = match_(Movie).return_((Movie.title, era.as_(name!(era))));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (movie:Movie) RETURN movie.title AS title, CASE WHEN movie.released < $p0 \
///      THEN $p1 WHEN movie.released < $p2 THEN $p3 ELSE $p4 END AS era"
/// );
/// ```
pub fn case() -> Case<Start, Nil> {
    Case {
        subject: None,
        branches: Vec::new(),
        _state: PhantomData,
    }
}

/// `CASE subject WHEN value THEN result .. END`: compares `subject` with each value; without
/// `.otherwise(..)` the result is an `Option`.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String, pub released: i64 }
/// let q = match_(Movie).return_(case_of(Movie.released).when(1999, "matrix").end());
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (movie:Movie) RETURN CASE movie.released WHEN $p0 THEN $p1 END AS expr"
/// );
/// ```
pub fn case_of<E: IntoExpr>(subject: E) -> Case<(E::Type, Start), E::Refs> {
    Case {
        subject: Some(Box::new(subject.into_operand())),
        branches: Vec::new(),
        _state: PhantomData,
    }
}

impl<State, R> Case<State, R> {
    fn push<S2, R2>(mut self, when: ExprNode, then: ExprNode) -> Case<S2, R2> {
        self.branches.push((when, then));
        Case {
            subject: self.subject,
            branches: self.branches,
            _state: PhantomData,
        }
    }

    fn finish<T, R2>(self, otherwise: Option<ExprNode>) -> Expr<T, R2> {
        Expr::new(crate::dsl::ast::build::case(
            self.subject,
            self.branches,
            otherwise,
        ))
    }
}

impl<R> Case<Start, R> {
    /// The first branch: `WHEN cond THEN value`; its type is the CASE's type.
    pub fn when<C, V: IntoExpr>(
        self,
        cond: Predicate<C>,
        then: V,
    ) -> Case<Typed<V::Type>, BranchRefs<R, C, V>> {
        self.push(cond.node, then.into_operand())
    }
}

impl<T, R> Case<Typed<T>, R> {
    /// Another branch: `WHEN cond THEN value`.
    pub fn when<C, V: IntoExpr>(
        self,
        cond: Predicate<C>,
        then: V,
    ) -> Case<Typed<T>, BranchRefs<R, C, V>>
    where
        V::Type: Branch<T>,
    {
        self.push(cond.node, then.into_operand())
    }
}

impl<S: PropertyType, R> Case<(S, Start), R> {
    /// The first branch: `WHEN value THEN result`; its type is the CASE's type.
    pub fn when<W: Operand<S::Base>, V: IntoExpr>(
        self,
        value: W,
        then: V,
    ) -> SimpleCase<S, TypedBy<V>, BranchRefs<R, W::Refs, V>> {
        self.push(value.into_operand(), then.into_operand())
    }
}

impl<S: PropertyType, T, R> Case<(S, Typed<T>), R> {
    /// Another branch: `WHEN value THEN result`.
    pub fn when<W: Operand<S::Base>, V: IntoExpr>(
        self,
        value: W,
        then: V,
    ) -> SimpleCase<S, Typed<T>, BranchRefs<R, W::Refs, V>>
    where
        V::Type: Branch<T>,
    {
        self.push(value.into_operand(), then.into_operand())
    }
}

/// A CASE state with at least one branch, giving values of type `Result`.
#[doc(hidden)]
pub trait Branched {
    /// The CASE's type.
    type Result;
}
impl<T> Branched for Typed<T> {
    type Result = T;
}
impl<S, T> Branched for (S, Typed<T>) {
    type Result = T;
}

impl<State: Branched, R> Case<State, R> {
    /// `ELSE value END`.
    pub fn otherwise<V: IntoExpr>(self, value: V) -> Expr<State::Result, Both<R, V::Refs>>
    where
        V::Type: Branch<State::Result>,
    {
        self.finish(Some(value.into_operand()))
    }

    /// `END` without `ELSE`: null when no branch matches, hence `Option`.
    pub fn end(self) -> Expr<<State::Result as OrNull>::Out, R>
    where
        State::Result: OrNull,
    {
        self.finish(None)
    }
}
