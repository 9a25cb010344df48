//! What patterns add to the schema's handles: inline properties, a `WHERE` inside a node,
//! values to write, variable-length steps. The schema's handle traits carry schema facts
//! only; these extension traits (in the prelude) give every label and relationship handle
//! its pattern methods.

use super::ast::BinaryOp;
use super::clause::create::{NodeValue, RelValue, ValueOf};
use super::clause::projection::Renamed;
use super::expr::{Expr, ExprNode, Expression, Extra, Operand, Predicate, Reads2};
use super::pattern::{Having, HopRange, Hops, IntoRelPattern, NodeWhere, RelHaving};
use crate::schema::{
    Again, Alias, ElementBinding, Field, NodeHandle, Property, PropertyOf, PropertyType,
    RelBindingHandle,
};
use core::marker::PhantomData;

/// The pattern methods of a label handle (`Person`, `Person.alias(Coactor)`).
pub trait NodeMethods: NodeHandle {
    /// This label with inline properties: `(movie:Movie {title: $p0})`. Each value must have
    /// the property's type; chain `.having(..)` for more.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person.having(Person.name, "Tom Hanks"))
    ///     .rel(ACTED_IN).to(Movie)
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person {name: $p0})-[:ACTED_IN]->(movie:Movie) RETURN movie.title AS title"
    /// );
    /// ```
    fn having<F, B, V>(self, property: Property<F, B>, value: V) -> Having<Self, V::Refs>
    where
        F: Field + PropertyOf<Self::Label>,
        V: Operand<<F::Value as PropertyType>::Base>,
    {
        let _ = property;
        Having::new(self, F::KEY_NAME, value.into_operand())
    }

    /// This label with a condition inside the node pattern:
    /// `(movie:Movie WHERE movie.released > $p0)`. The condition may read the node itself and
    /// anything bound before it.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie.where_(Movie.released.gt(2000)))
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie WHERE movie.released > $p0) \
    ///      RETURN movie.title AS title"
    /// );
    /// ```
    fn where_<R>(self, predicate: Predicate<R>) -> NodeWhere<Self, R>
    where
        R: super::scope::Aggregates,
        R::Out: super::scope::NoAggregate,
    {
        NodeWhere::new(self, predicate.node)
    }

    /// This label with a value to write: `create(Person.alias(Other).value(ann))`, or an
    /// `UNWIND` row, `create(Person.value(row))`, spread over the label's properties.
    /// The value must be of the label's struct.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let row = name!(row);
    /// let people = vec![Person { name: "Ann".into(), born: None }];
    /// let q = unwind(rows(&people), row).create(Person.value(row));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "UNWIND $p0 AS row CREATE (person:Person {name: row.name, born: row.born})"
    /// );
    /// ```
    fn value<V: ValueOf<Self::Label>>(self, value: V) -> NodeValue<Self, V::Refs> {
        NodeValue::new(value.into_value())
    }

    /// A property the schema does not declare, with an explicit type: explicitly
    /// unchecked (the key is not checked against the label, only values against `T`). It
    /// reads as `Option<T>` (it may be missing) and is set with `.to(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).set(Person.extra::<String>("nick").to("Tommy"));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person) SET person.nick = $p0");
    /// ```
    fn extra<T: PropertyType>(self, key: &'static str) -> Extra<T, Self::Binding> {
        let _ = self;
        Extra::new(key)
    }

    /// `node = other`: whether two bindings stand for the same node (`<>` with
    /// [`is_not_same`](Self::is_not_same)). Comparing a node with a relationship does not
    /// compile.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie).rel(ACTED_IN).from(Person.alias(Coactor))
    ///     .filter(Person.is_not_same(Person.alias(Coactor)))
    ///     .return_(Movie.title);
    /// assert!(q.to_cypher().text().contains("WHERE person <> coactor"));
    /// ```
    fn is_same<O: NodeHandle>(self, other: O) -> Predicate<Reads2<Self, O>> {
        same(BinaryOp::Eq, self, other)
    }

    /// `node <> other`: whether two bindings stand for different nodes.
    fn is_not_same<O: NodeHandle>(self, other: O) -> Predicate<Reads2<Self, O>> {
        same(BinaryOp::Ne, self, other)
    }

    /// `WITH person AS coactor`: the node under another name, still a node of its label;
    /// read it afterwards through the alias's handle, `Person.alias(Coactor)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person)
    ///     .with(Person.as_alias(Coactor))
    ///     .match_(Person.alias(Coactor).again()).rel(ACTED_IN).to(Movie)
    ///     .return_((Person.alias(Coactor).name, Movie.title));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH person AS coactor \
    ///      MATCH (coactor)-[:ACTED_IN]->(movie:Movie) RETURN coactor.name AS name, movie.title AS title"
    /// );
    /// ```
    fn as_alias<A: Alias>(self, alias: A) -> Renamed<Self, A> {
        let _ = alias;
        Renamed(self, PhantomData)
    }
}

impl<H: NodeHandle> NodeMethods for H {}

/// The pattern methods of a relationship handle (`ACTED_IN`, `ACTED_IN.or(DIRECTED)`).
pub trait RelMethods: IntoRelPattern + Sized {
    /// A variable-length step: `-[:FOLLOWS*1..3]->` for `FOLLOWS.hops(1..=3)`; also `2`
    /// (exactly), `..=5` (at most), `2..` (at least) and `..` (any length). The
    /// relationship variable then holds a list; see [`Hops`].
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let follows = FOLLOWS.hops(1..=3);
    /// let q = match_(Person).rel(follows).to(Person.alias(Coactor)).return_(follows);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[follows:FOLLOWS*1..3]->(coactor:Person) RETURN follows"
    /// );
    /// ```
    fn hops<H: HopRange>(self, range: H) -> Hops<Self> {
        Hops::new(self, range.bounds())
    }

    /// This relationship type with inline properties: `-[:REVIEWED {rating: $p0}]->`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(REVIEWED.having(REVIEWED.rating, 100)).to(Movie)
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:REVIEWED {rating: $p0}]->(movie:Movie) RETURN movie.title AS title"
    /// );
    /// ```
    fn having<F, B, V>(self, property: Property<F, B>, value: V) -> RelHaving<Self, V::Refs>
    where
        Self: RelBindingHandle,
        F: Field + PropertyOf<<Self::Binding as ElementBinding>::Element>,
        V: Operand<<F::Value as PropertyType>::Base>,
    {
        let _ = property;
        RelHaving::new(self, vec![(F::KEY_NAME, value.into_operand())])
    }

    /// This relationship type with a value to write:
    /// `.create_rel(Person, ACTED_IN.value(row), Movie)` for an `UNWIND` row. The value must
    /// be of the type's struct.
    fn value<V>(self, value: V) -> RelValue<Self, V::Refs>
    where
        Self: RelBindingHandle,
        V: ValueOf<<Self::Binding as ElementBinding>::Element>,
    {
        RelValue::new(value.into_value())
    }

    /// A property the relationship type does not declare, with an explicit type: see
    /// [`NodeMethods::extra`].
    fn extra<T: PropertyType>(self, key: &'static str) -> Extra<T, Self::Binding>
    where
        Self: RelBindingHandle,
    {
        let _ = self;
        Extra::new(key)
    }

    /// `rel = other`: whether two bindings stand for the same relationship (`<>` with
    /// [`is_not_same`](Self::is_not_same)). Comparing a relationship with a node does not
    /// compile.
    fn is_same<O: RelBindingHandle>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self: RelBindingHandle,
    {
        same(BinaryOp::Eq, self, other)
    }

    /// `rel <> other`: whether two bindings stand for different relationships.
    fn is_not_same<O: RelBindingHandle>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self: RelBindingHandle,
    {
        same(BinaryOp::Ne, self, other)
    }

    /// The relationship this handle bound before, walked again in a later pattern:
    /// `MATCH (a)-[acted_in]->(b)`. Its ends are checked as the type's.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .match_(Person.alias(Coactor)).rel(ACTED_IN.again()).to(Movie.alias(Other))
    ///     .return_((Person.alias(Coactor).name, Movie.alias(Other).title, ACTED_IN.roles));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[acted_in:ACTED_IN]->(movie:Movie) \
    ///      MATCH (coactor:Person)-[acted_in]->(other:Movie) \
    ///      RETURN coactor.name AS name, other.title AS title, acted_in.roles AS roles"
    /// );
    /// ```
    fn again(self) -> Again<Self>
    where
        Self: RelBindingHandle,
    {
        Again(self)
    }

    /// `WITH acted_in AS role`: the relationship under another name; read it afterwards
    /// through the alias's handle, `ACTED_IN.alias(Role)`. See [`NodeMethods::as_alias`].
    fn as_alias<A: Alias>(self, alias: A) -> Renamed<Self, A>
    where
        Self: RelBindingHandle,
    {
        let _ = alias;
        Renamed(self, PhantomData)
    }
}

impl<R: IntoRelPattern> RelMethods for R {}

/// `a = b` or `a <> b` of two bindings of one kind.
fn same<A: Expression, B: Expression>(op: BinaryOp, a: A, b: B) -> Predicate<Reads2<A, B>> {
    Expr::new(ExprNode::binary(op, a.into_expr_node(), b.into_expr_node()))
}
