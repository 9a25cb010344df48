//! `CREATE`: nodes from their struct values, relationships between bound nodes.
//!
//! A node is created from a value of its label's struct, so every required property is
//! there by construction; the value goes as one map parameter,
//! `CREATE (person:Person $p0)`. A value that is a named row (an `UNWIND` row) is spread
//! over the struct's properties, `CREATE (person:Person {name: row.name, born: row.born})`
//! (on ArcadeDB about twice as fast as setting the whole row after); any other expression
//! is set right after: `CREATE (person:Person) SET person = expr`. A relationship joins
//! two nodes bound before, and its endpoints are checked as in `MATCH`.

use crate::dsl::ast::{Clause, Created};
use crate::dsl::expr::{Expr, ExprKind, ExprNode, Name, NameTag, Val};
use crate::dsl::query::{Query, Written};
use crate::dsl::scope::{AllBound, Cons, NeverNull, Nil, NoVars, NullIn, Required, Var};
use crate::schema::names::GraphName;
use crate::schema::{
    Binding, ElementBinding, EndsAt, HasHandle, NodeHandle, NodeLabel, PropertyMeta,
    RelBindingHandle, RelType, StartOf,
};
use core::marker::PhantomData;

/// A value of label or relationship type `L`: the struct itself (sent as one map
/// parameter), or an expression holding one (a row of `UNWIND`, a named value).
#[diagnostic::on_unimplemented(
    message = "the value written here is not a `{L}`",
    label = "expected a `{L}` value",
    note = "a node or relationship is written from a value of its own struct, or from an expression of that type (a `name!` holding `{L}` rows, say)"
)]
pub trait ValueOf<L> {
    /// The bindings the value reads.
    type Refs;
    /// The value as an expression.
    #[doc(hidden)]
    fn into_value(self) -> ExprNode;
}

impl<L: crate::schema::Element + serde::Serialize> ValueOf<L> for L {
    type Refs = Nil;
    fn into_value(self) -> ExprNode {
        ExprNode::serialized(&self)
    }
}

impl<L: crate::schema::Element + serde::Serialize> ValueOf<L> for &L {
    type Refs = Nil;
    fn into_value(self) -> ExprNode {
        ExprNode::serialized(self)
    }
}

impl<Tag: NameTag, L: 'static> ValueOf<L> for Name<Tag, L> {
    type Refs = Cons<Val<Tag, L>, Nil>;
    fn into_value(self) -> ExprNode {
        crate::dsl::expr::Expression::into_expr_node(self)
    }
}

impl<L, R> ValueOf<L> for Expr<L, R> {
    type Refs = R;
    fn into_value(self) -> ExprNode {
        self.node
    }
}

/// A node to create: the value of its label's struct for a node bound as that label, or
/// [`NodeValue`] (`Person.alias(Other).value(v)`) for another binding.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no node to create",
    label = "expected a value of a label's struct, or `Label.value(..)`",
    note = "CREATE takes the whole value of the label's struct, so every required property is there: `create(Person {{ .. }})`, or `Person.alias(Other).value(..)`; the struct is sent as one map parameter, so it derives `serde::Serialize` too"
)]
pub trait NewNode {
    /// What the node binds.
    type Binding: ElementBinding;
    /// The bindings the value reads.
    type Refs;
    /// The created node.
    #[doc(hidden)]
    fn created(self) -> Created;
}

#[diagnostic::do_not_recommend]
impl<L> NewNode for L
where
    L: NodeLabel + ElementBinding<Element = L> + serde::Serialize,
{
    type Binding = L;
    type Refs = Nil;
    fn created(self) -> Created {
        crate::dsl::ast::build::create_node(
            L::KEY,
            L::LABEL_NAME,
            L::EXTRA_LABELS,
            ExprNode::serialized(&self),
            L::SPREAD,
        )
    }
}

/// A node of handle `H` with a value: `Person.value(row)`, `Person.alias(Other).value(v)`;
/// see [`NodeMethods::value`](crate::dsl::NodeMethods::value).
#[must_use = "a node value does nothing until created or merged"]
pub struct NodeValue<H, R> {
    value: ExprNode,
    _node: PhantomData<fn() -> (H, R)>,
}

impl<H, R> NodeValue<H, R> {
    pub(crate) fn new(value: ExprNode) -> Self {
        Self {
            value,
            _node: PhantomData,
        }
    }
}

impl<H: NodeHandle, R> NewNode for NodeValue<H, R> {
    type Binding = H::Binding;
    type Refs = R;
    fn created(self) -> Created {
        crate::dsl::ast::build::create_node(
            <H::Binding as Binding>::KEY,
            <H::Label as NodeLabel>::LABEL_NAME,
            <H::Label as NodeLabel>::EXTRA_LABELS,
            self.value,
            <H::Label as NodeLabel>::SPREAD,
        )
    }
}

/// A relationship to create: the value of its type's struct, or [`RelValue`]
/// (`ACTED_IN.value(row)`, `ACTED_IN.alias(CoRole).value(v)`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no relationship to create",
    label = "expected a value of a relationship type's struct, or `TYPE.value(..)`",
    note = "CREATE takes the whole value of the relationship's struct: `.create_rel(Person, ActedIn {{ .. }}, Movie)`"
)]
#[doc(hidden)]
pub trait NewRel {
    /// The relationship handle the endpoints are checked against.
    type Handle;
    /// What the relationship binds.
    type Binding: ElementBinding;
    /// The bindings the value reads.
    type Refs;
    /// The type, the value (none for a relationship without properties) and the type's
    /// properties.
    #[doc(hidden)]
    fn parts(self) -> (GraphName, Option<ExprNode>, &'static [PropertyMeta]);
}

#[diagnostic::do_not_recommend]
impl<T> NewRel for T
where
    T: RelType + HasHandle + ElementBinding<Element = T> + serde::Serialize,
{
    type Handle = T::Handle;
    type Binding = T;
    type Refs = Nil;
    fn parts(self) -> (GraphName, Option<ExprNode>, &'static [PropertyMeta]) {
        let value = ExprNode::serialized(&self);
        let empty = match &value.0 {
            ExprKind::Param(value) => match &**value {
                crate::dsl::Value::Null => true,
                crate::dsl::Value::Map(map) => map.is_empty(),
                _ => false,
            },
            _ => false,
        };
        (T::TYPE_NAME, (!empty).then_some(value), T::PROPERTIES)
    }
}

/// A relationship of handle `H` with a value; see [`RelMethods::value`](crate::dsl::RelMethods::value).
#[must_use = "a relationship value does nothing until created"]
pub struct RelValue<H, R> {
    value: ExprNode,
    _rel: PhantomData<fn() -> (H, R)>,
}

impl<H, R> RelValue<H, R> {
    pub(crate) fn new(value: ExprNode) -> Self {
        Self {
            value,
            _rel: PhantomData,
        }
    }
}

impl<H, R> NewRel for RelValue<H, R>
where
    H: RelBindingHandle,
    <H::Binding as ElementBinding>::Element: RelType,
{
    type Handle = H;
    type Binding = H::Binding;
    type Refs = R;
    fn parts(self) -> (GraphName, Option<ExprNode>, &'static [PropertyMeta]) {
        (
            <<H::Binding as ElementBinding>::Element as RelType>::TYPE_NAME,
            Some(self.value),
            <<H::Binding as ElementBinding>::Element as RelType>::PROPERTIES,
        )
    }
}

/// `CREATE (person:Person $p0)`: starts a query by creating a node from a value of its
/// label's struct; the whole value goes as one map parameter.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = create(Person { name: "Ann".into(), born: Some(1990) }).return_(Person.name);
/// assert_eq!(q.to_cypher().text(), "CREATE (person:Person $p0) RETURN person.name AS name");
/// ```
pub fn create<T>(node: T) -> Query<Var<T::Binding, Required, NoVars>, Written>
where
    T: NewNode,
    T::Refs: AllBound<NoVars>,
{
    Query::<NoVars, ()>::empty().create(node)
}

impl<S, P> Query<S, P> {
    fn push_created<S2>(mut self, item: Created) -> Query<S2, Written> {
        if let Some(Clause::Create(c)) = self.ast.clauses.last_mut() {
            c.items.push(item);
            return self.retype();
        }
        self.push(crate::dsl::ast::build::create(vec![item]))
    }

    /// `CREATE (movie:Movie $p0)`: creates a node from a value of its label's struct (or
    /// `Label.value(row)`). Right after another `CREATE`, it joins that clause.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let tom = Person { name: "Tom".into(), born: None };
    /// let film = Movie { title: "Film".into(), released: 2024, tagline: None };
    /// let q = create(tom).create(film);
    /// assert_eq!(q.to_cypher().text(), "CREATE (person:Person $p0), (movie:Movie $p1)");
    /// ```
    pub fn create<T>(self, node: T) -> Query<Var<T::Binding, Required, S>, Written>
    where
        T: NewNode,
        T::Refs: AllBound<S>,
    {
        self.push_created(node.created())
    }

    /// `CREATE (person)-[acted_in:ACTED_IN $p0]->(movie)`: a relationship from a value of
    /// its type's struct, between two nodes bound before (by `MATCH`, `MERGE` or `CREATE`),
    /// named by their handles. The endpoints are checked as in `MATCH`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person.having(Person.name, "Tom Hanks"))
    ///     .match_(Movie.having(Movie.title, "Big"))
    ///     .create_rel(Person, ActedIn { roles: vec!["Josh".into()] }, Movie);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person {name: $p0}) MATCH (movie:Movie {title: $p1}) \
    ///      CREATE (person)-[acted_in:ACTED_IN $p2]->(movie)"
    /// );
    /// ```
    pub fn create_rel<A, R, B>(
        self,
        from: A,
        rel: R,
        to: B,
    ) -> Query<Var<R::Binding, Required, S>, Written>
    where
        A: NodeHandle,
        B: NodeHandle,
        R: NewRel,
        A::Label: StartOf<R::Handle>,
        <A::Label as StartOf<R::Handle>>::Fits: EndsAt<R::Handle, B::Label>,
        Cons<A::Binding, Cons<B::Binding, Nil>>: AllBound<S> + NullIn<S>,
        <Cons<A::Binding, Cons<B::Binding, Nil>> as NullIn<S>>::Null: NeverNull,
        R::Refs: AllBound<S>,
    {
        let _ = (from, to);
        let (rel_type, value, properties) = rel.parts();
        self.push_created(crate::dsl::ast::build::create_rel(
            [
                <A::Binding as Binding>::KEY,
                <R::Binding as Binding>::KEY,
                <B::Binding as Binding>::KEY,
            ],
            rel_type,
            value,
            properties,
        ))
    }
}
