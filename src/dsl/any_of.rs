//! A bound node of any one of several labels: `Item::node()` for an enum with
//! `#[derive(Labels)]` binds `(item:Person|Movie)`, and returning it decodes the enum.
//!
//! A step from or to the node must fit every label of the enum (as for
//! [`one_of`](super::one_of), which binds nothing). The node has no properties to read: which
//! label it carries is known only row by row, so `Person.name` of it is refused; return the
//! node and match on the enum. A returned node renders as the variant it holds,
//! `CASE WHEN item:Person THEN {Person: item} .. END`, which the enum's `Deserialize` reads.

use super::expr::{ExprNode, Expression, Predicate};
use super::pattern::{NodeTarget, NodeWhere};
use super::scope::{Cons, Nil, Var};
use crate::schema::identity::True;
use crate::schema::{Again, Alias, As, Binding, ElementBinding, NodeLabels};
use core::marker::PhantomData;

/// The handle of a node of any label of enum `E` (bound as `B`: `E`, or `E` under an alias);
/// made by the derive's `Item::node()`.
pub struct AnyOf<E, B = E>(PhantomData<fn() -> (E, B)>);

impl<E, B> Clone for AnyOf<E, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E, B> Copy for AnyOf<E, B> {}

impl<E: NodeLabels> AnyOf<E> {
    /// The handle; the derive's `Item::node()` calls it.
    #[doc(hidden)]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<E: NodeLabels, B: ElementBinding<Element = E>> AnyOf<E, B> {
    /// The same kind of node under another name: `Item::node().alias(Other)`.
    pub fn alias<A: Alias>(self, alias: A) -> AnyOf<E, As<E, A>> {
        let _ = alias;
        AnyOf(PhantomData)
    }

    /// The node this handle already bound, rather than a new one.
    pub fn again(self) -> Again<Self> {
        Again(self)
    }

    /// The node with a condition inside its pattern: `(item:Person|Movie WHERE ..)`.
    pub fn where_<R>(self, predicate: Predicate<R>) -> NodeWhere<Self, R>
    where
        R: super::scope::Aggregates,
        R::Out: super::scope::NoAggregate,
    {
        NodeWhere::new(self, predicate.node)
    }
}

impl<S, N, E: NodeLabels, B: ElementBinding<Element = E>> NodeTarget<S, N> for AnyOf<E, B> {
    type Label = E::Set;
    type Reached<Set> = E::Set;
    type Scope = Var<B, N, S>;
    type Needs = Nil;
    type Checks = Nil;
    type Binds = Cons<B, Nil>;
    fn node_pattern(self) -> crate::dsl::ast::NodePattern {
        crate::dsl::ast::build::node_of_variants(B::KEY, E::VARIANTS, false)
    }
}

impl<S, N, E: NodeLabels, B: ElementBinding<Element = E>> NodeTarget<S, N> for Again<AnyOf<E, B>> {
    type Label = E::Set;
    type Reached<Set> = E::Set;
    type Scope = S;
    type Needs = Cons<B, Nil>;
    type Checks = Nil;
    type Binds = Nil;
    fn node_pattern(self) -> crate::dsl::ast::NodePattern {
        crate::dsl::ast::build::node_of_variants(B::KEY, E::VARIANTS, true)
    }
}

/// The node as a value: it decodes as the enum, and `WITH` carries it as it is.
impl<E: NodeLabels, B: ElementBinding<Element = E>> Expression for AnyOf<E, B> {
    type Type = E;
    type Refs = Cons<B, Nil>;
    type OrderRefs = Cons<B, Nil>;
    type Entry<N, Rest> = Var<B, N, Rest>;
    type Carry = True;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::variable(<B as Binding>::KEY)
    }
}
