//! Node and relationship patterns: what a `MATCH` step binds, and how it renders.

use super::render::Renderer;
use super::scope::{Cons, Nil, Var};
use crate::schema::names::GraphName;
use crate::schema::{Again, Binding, BindingKey, NodeHandle, NodeLabel, RelHandle, Unbound};

/// `(variable:Label)`, or `(variable)` when joining a node bound by an earlier clause.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NodePattern {
    pub binding: BindingKey,
    pub label: GraphName,
    pub reuse: bool,
}

/// `-[variable:TYPE|OTHER]->` in one of three directions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelPattern {
    pub binding: Option<BindingKey>,
    pub types: std::borrow::Cow<'static, [GraphName]>,
    pub direction: Direction,
}

/// Which way a relationship step points, seen from the node before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Outgoing,
    Incoming,
    Either,
}

/// A node a pattern step or clause reaches: a new node (a handle) or a bound one ([`Again`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a node this pattern can reach",
    label = "expected a label such as `Person`, an aliased label, or `Person.again()`"
)]
pub trait NodeTarget<S, N> {
    /// The node's label.
    type Label: NodeLabel;
    /// The node's binding.
    type Binding: Binding;
    /// The scope once the node is part of the pattern.
    type Scope;
    /// Bindings that must already be bound exactly once (the node itself, for [`Again`]).
    type Needs;
    /// Whether the node was bound before (rendered without its label).
    const REUSE: bool;
}

impl<S, N, H: NodeHandle> NodeTarget<S, N> for H {
    type Label = H::Label;
    type Binding = H::Binding;
    type Scope = Var<H::Binding, N, S>;
    type Needs = Nil;
    const REUSE: bool = false;
}

impl<S, N, H: NodeHandle> NodeTarget<S, N> for Again<H> {
    type Label = H::Label;
    type Binding = H::Binding;
    type Scope = S;
    type Needs = Cons<H::Binding, Nil>;
    const REUSE: bool = true;
}

/// The scope after a relationship step binds what `Self` stands for, with nullability `N`.
pub trait ExtendScope<S, N> {
    /// The new scope.
    type Out;
}
impl<S, N> ExtendScope<S, N> for Unbound {
    type Out = S;
}
impl<S, N, B: Binding> ExtendScope<S, N> for B {
    type Out = Var<B, N, S>;
}

/// The scope `S` after relationship step `R` in a clause of nullability `N`.
pub type WithRel<S, N, R> = <<R as RelHandle>::Bound as ExtendScope<S, N>>::Out;

pub(crate) fn node_pattern<T: NodeTarget<S, N>, S, N>() -> NodePattern {
    NodePattern {
        binding: <T::Binding as Binding>::KEY,
        label: <T::Label as NodeLabel>::LABEL_NAME,
        reuse: T::REUSE,
    }
}

pub(crate) fn rel_pattern<R: RelHandle>(direction: Direction) -> RelPattern {
    RelPattern {
        binding: R::KEY,
        types: R::types(),
        direction,
    }
}

impl NodePattern {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.push("(");
        if self.reuse {
            r.push_variable(self.binding);
        } else {
            r.push_fresh(self.binding);
            r.push(":");
            r.push_name(self.label);
        }
        r.push(")");
    }
}

impl RelPattern {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.push(if self.direction == Direction::Incoming {
            "<-["
        } else {
            "-["
        });
        if let Some(key) = self.binding.filter(|key| r.is_read(key)) {
            r.push_fresh(key);
        }
        for (i, t) in self.types.iter().enumerate() {
            r.push(if i == 0 { ":" } else { "|" });
            r.push_name(*t);
        }
        r.push(if self.direction == Direction::Outgoing {
            "]->"
        } else {
            "]-"
        });
    }
}
