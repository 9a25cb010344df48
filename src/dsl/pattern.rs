//! Patterns: what a `MATCH` (or a pattern predicate) walks, and how it renders.
//!
//! A pattern is a node, then relationship steps each reaching a node. The forms:
//!
//! | Rust | Cypher |
//! | --- | --- |
//! | `Person`, `Person.alias(Coactor)` | `(person:Person)`, `(coactor:Person)` |
//! | `Person.again()` | `(person)`: the node bound before |
//! | `()` | `()`: an anonymous node, typed by what the relationship allows at that end |
//! | `Movie.having(Movie.title, "Heat")` | `(movie:Movie {title: $p0})` |
//! | `.rel(ACTED_IN)`, `.rel(ACTED_IN.or(DIRECTED))` | `-[:ACTED_IN]->`, `-[:ACTED_IN\|DIRECTED]->` |
//! | `.rel(FOLLOWS.hops(1..=3))` | `-[:FOLLOWS*1..3]->` |
//! | `.rel(ACTED_IN.having(ACTED_IN.roles, roles))` | `-[:ACTED_IN {roles: $p0}]->` |
//! | `.rel(ANY_REL)` | `-->`: a relationship of any type |
//! | `Movie.where_(Movie.released.gt(2000))` | `(movie:Movie WHERE movie.released > $p0)` |
//! | `one_of((Person, Movie))` | `(:Person\|Movie)`: an anonymous node with any of the labels |
//! | `.repeat(1..=3, \|hop\| hop.rel(FOLLOWS).to(Person)).then(..)` | `(()-[:FOLLOWS]->(:Person)){1,3} (..)` |

use super::expr::{ExprNode, Operand};
use super::scope::{Both, Cons, Nil, Var};
use crate::dsl::ast::{Direction, HopBounds, NodePattern, RelExtras, RelPattern};
use crate::dsl::tuples::for_tuples;
use crate::schema::names::GraphName;
use crate::schema::{
    Again, AnyLabel, Binding, BindingKey, Connects, EndOf, Endpoint, Field, Handle, NodeHandle,
    NodeLabel, PropertyType, RelBindingHandle, RelHandle, RelUnion, StartOf, Unbound,
};
use core::marker::PhantomData;

/// A node a pattern step or clause reaches: a new node (a handle), a bound one ([`Again`]),
/// an anonymous one (`()`), any of them with inline properties ([`Having`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a node this pattern can reach",
    label = "expected a label such as `Person`, an aliased label, `Person.again()` or `()`"
)]
#[doc(hidden)]
pub trait NodeTarget<S, N> {
    /// The label the relationship's endpoints are checked against ([`AnyLabel`] for `()`).
    type Label;
    /// The label the pattern continues from, given the labels `Set` the relationship allows
    /// at this end: the node's own label, or `Set` itself for an anonymous node.
    type Reached<Set>;
    /// The scope once the node is part of the pattern.
    type Scope;
    /// Bindings that must already be bound exactly once (the node itself, for [`Again`], and
    /// what inline property values read).
    type Needs;
    /// Bindings that must be bound exactly once once the node is bound ([`Self::Scope`]):
    /// what a `WHERE` inside the node pattern reads, which may be the node itself.
    type Checks;
    /// The binding the node adds, which must not be in scope already (a second `Person`
    /// would be a new node, not the one bound before): the handle's, or none.
    type Binds;
    /// The node's pattern.
    #[doc(hidden)]
    fn node_pattern(self) -> NodePattern;
}

impl<S, N, H: NodeHandle> NodeTarget<S, N> for H {
    type Label = H::Label;
    type Reached<Set> = H::Label;
    type Scope = Var<H::Binding, N, S>;
    type Needs = Nil;
    type Checks = Nil;
    type Binds = Cons<H::Binding, Nil>;
    fn node_pattern(self) -> NodePattern {
        crate::dsl::ast::build::node(
            Some(<H::Binding as Binding>::KEY),
            Some(<H::Label as NodeLabel>::LABEL_NAME),
            false,
        )
    }
}

impl<S, N, H: NodeHandle> NodeTarget<S, N> for Again<H> {
    type Label = H::Label;
    type Reached<Set> = H::Label;
    type Scope = S;
    type Needs = Cons<H::Binding, Nil>;
    type Checks = Nil;
    type Binds = Nil;
    fn node_pattern(self) -> NodePattern {
        crate::dsl::ast::build::node(Some(<H::Binding as Binding>::KEY), None, true)
    }
}

/// `()`: an anonymous node. Binds nothing; a step reaching it checks nothing at that end,
/// and the pattern continues from the labels the relationship allows there.
impl<S, N> NodeTarget<S, N> for () {
    type Label = AnyLabel;
    type Reached<Set> = Set;
    type Scope = S;
    type Needs = Nil;
    type Checks = Nil;
    type Binds = Nil;
    fn node_pattern(self) -> NodePattern {
        crate::dsl::ast::build::anonymous()
    }
}

/// A node with inline properties, `(movie:Movie {title: $p0})`; see [`NodeMethods::having`](super::NodeMethods::having).
/// `R` lists the bindings the values read.
#[must_use = "a node pattern does nothing until used in `match_(..)` or a step"]
pub struct Having<T, R> {
    target: T,
    props: Vec<(GraphName, ExprNode)>,
    _reads: PhantomData<fn() -> R>,
}

impl<T, R> Having<T, R> {
    pub(crate) fn new(target: T, key: GraphName, value: ExprNode) -> Self {
        Self {
            target,
            props: vec![(key, value)],
            _reads: PhantomData,
        }
    }
}

impl<T: HasLabel, R> Having<T, R> {
    /// One more inline property: `{title: $p0, released: $p1}`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie.having(Movie.title, "The Matrix").having(Movie.released, 1999))
    ///     .return_(Movie.tagline);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie {title: $p0, released: $p1}) RETURN movie.tagline AS tagline"
    /// );
    /// ```
    pub fn having<F, B, V>(
        mut self,
        property: crate::schema::Property<F, B>,
        value: V,
    ) -> Having<T, Both<R, V::Refs>>
    where
        F: Field + crate::schema::PropertyOf<T::Label>,
        V: Operand<<F::Value as PropertyType>::Base>,
    {
        let _ = property;
        self.props.push((F::KEY_NAME, value.into_operand()));
        Having {
            target: self.target,
            props: self.props,
            _reads: PhantomData,
        }
    }
}

impl<S, N, T: NodeTarget<S, N>, R> NodeTarget<S, N> for Having<T, R> {
    type Label = T::Label;
    type Reached<Set> = T::Reached<Set>;
    type Scope = T::Scope;
    type Needs = Both<T::Needs, R>;
    type Checks = T::Checks;
    type Binds = T::Binds;
    fn node_pattern(self) -> NodePattern {
        let mut pattern = self.target.node_pattern();
        pattern.props = self.props;
        pattern
    }
}

impl<H: NodeHandle> Again<H> {
    /// The node bound before, with inline properties it must have here:
    /// `MATCH (person {born: $p0})`.
    pub fn having<F, B, V>(
        self,
        property: crate::schema::Property<F, B>,
        value: V,
    ) -> Having<Self, V::Refs>
    where
        F: Field + crate::schema::PropertyOf<H::Label>,
        V: Operand<<F::Value as PropertyType>::Base>,
    {
        let _ = property;
        Having::new(self, F::KEY_NAME, value.into_operand())
    }
}

impl<H: NodeHandle> Again<H> {
    /// The node bound before, with a condition inside its pattern:
    /// `MATCH (person WHERE person.born > $p0)`.
    pub fn where_<R>(self, predicate: super::expr::Predicate<R>) -> NodeWhere<Self, R> {
        NodeWhere::new(self, predicate.node)
    }
}

impl<T: HasLabel, R> Having<T, R> {
    /// A condition inside the node pattern, after its properties:
    /// `(movie:Movie {title: $p0} WHERE movie.released > $p1)`.
    pub fn where_<R2>(self, predicate: super::expr::Predicate<R2>) -> NodeWhere<Self, R2> {
        NodeWhere::new(self, predicate.node)
    }
}

/// A node pattern with a `WHERE` inside it: `(movie:Movie WHERE movie.released > $p0)`;
/// see [`NodeMethods::where_`](super::NodeMethods::where_). `R` lists the bindings the condition reads: the node itself,
/// or anything bound before.
#[must_use = "a node pattern does nothing until used in `match_(..)` or a step"]
pub struct NodeWhere<T, R> {
    target: T,
    filter: ExprNode,
    _reads: PhantomData<fn() -> R>,
}

impl<T, R> NodeWhere<T, R> {
    pub(crate) fn new(target: T, filter: ExprNode) -> Self {
        Self {
            target,
            filter,
            _reads: PhantomData,
        }
    }

    /// One more condition, joined with `AND`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie.where_(Movie.released.ge(1990)).where_(Movie.released.lt(2000)))
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie WHERE movie.released >= $p0 AND movie.released < $p1) \
    ///      RETURN movie.title AS title"
    /// );
    /// ```
    pub fn where_<R2>(self, predicate: super::expr::Predicate<R2>) -> NodeWhere<T, Both<R, R2>>
    where
        R2: super::scope::Aggregates,
        R2::Out: super::scope::NoAggregate,
    {
        NodeWhere::new(
            self.target,
            ExprNode::binary(super::expr::BinaryOp::And, self.filter, predicate.node),
        )
    }
}

impl<S, N, T: NodeTarget<S, N>, R> NodeTarget<S, N> for NodeWhere<T, R> {
    type Label = T::Label;
    type Reached<Set> = T::Reached<Set>;
    type Scope = T::Scope;
    type Needs = T::Needs;
    type Checks = Both<T::Checks, R>;
    type Binds = T::Binds;
    fn node_pattern(self) -> NodePattern {
        let mut pattern = self.target.node_pattern();
        pattern.filter = Some(self.filter);
        pattern
    }
}

impl<T: HasLabel, R> HasLabel for NodeWhere<T, R> {
    type Label = T::Label;
}

impl<T: HasLabel, R> HasLabel for Having<T, R> {
    type Label = T::Label;
}

/// An anonymous node with a label expression, `(:Person|Movie)`: a node with any one of the
/// labels; see [`one_of`]. It binds no variable, so its type is clear: a step from or to it
/// must fit every label it lists.
#[derive(Debug, Clone, Copy)]
pub struct OneOf<Set>(PhantomData<fn() -> Set>);

/// Label handles a label expression `(:A|B)` lists: a tuple of up to 12.
#[doc(hidden)]
pub trait LabelList {
    /// The labels as a set ([`Labels`](crate::schema::Labels)).
    type Set;
}

macro_rules! label_lists {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: NodeHandle),+> LabelList for ($($name,)+) {
            type Set = label_lists!(@set $($name)+);
        }
    };
    (@set $first:ident $($rest:ident)*) => {
        crate::schema::Labels<$first::Label, label_lists!(@set $($rest)*)>
    };
    (@set) => { crate::schema::NoLabels };
}
for_tuples!(label_lists);

/// `(:Person|Movie)`: an anonymous node carrying any one of `labels`. A step reaching it
/// checks that the relationship may end at every one of them.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Person).rel(ANY_REL).to(one_of((Person, Movie))).return_(count(Person));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person)-->(:Person|Movie) RETURN count(person) AS count"
/// );
/// ```
pub fn one_of<L: LabelList>(labels: L) -> OneOf<L::Set> {
    let _ = labels;
    OneOf(PhantomData)
}

/// The label names of a label expression, found again from the set type.
#[doc(hidden)]
pub trait LabelNames {
    /// Appends the names.
    #[doc(hidden)]
    fn push_names(out: &mut Vec<GraphName>);
}
impl LabelNames for crate::schema::NoLabels {
    fn push_names(_: &mut Vec<GraphName>) {}
}
impl<H: NodeLabel, T: LabelNames> LabelNames for crate::schema::Labels<H, T> {
    fn push_names(out: &mut Vec<GraphName>) {
        out.push(H::LABEL_NAME);
        T::push_names(out);
    }
}

impl<S, N, Set: LabelNames> NodeTarget<S, N> for OneOf<Set> {
    type Label = Set;
    type Reached<Reach> = Set;
    type Scope = S;
    type Needs = Nil;
    type Checks = Nil;
    type Binds = Nil;
    fn node_pattern(self) -> NodePattern {
        let mut labels = Vec::new();
        Set::push_names(&mut labels);
        crate::dsl::ast::build::node_of_labels(labels)
    }
}

/// A node pattern whose label is known (a handle, or a bound node again): what
/// `.having(..)` checks property keys against.
#[doc(hidden)]
pub trait HasLabel {
    /// The label or relationship type.
    type Label;
}
impl<H: NodeHandle> HasLabel for H {
    type Label = H::Label;
}
impl<H: NodeHandle> HasLabel for Again<H> {
    type Label = H::Label;
}

/// A relationship step as a pattern walks it: a relationship type (maybe aliased), several
/// types, a variable-length step, or one with inline properties.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relationship type",
    label = "expected a relationship such as `ACTED_IN` (a struct with `#[derive(Relationship)]`)"
)]
pub trait IntoRelPattern: RelHandle {
    /// Bindings the step's inline property values read.
    type Needs;

    /// The step's length range and inline properties (none for a plain type).
    #[doc(hidden)]
    fn extras(self) -> RelExtras {
        RelExtras::default()
    }

    /// Whether the step walks a relationship bound before ([`Again`]).
    #[doc(hidden)]
    const REUSE: bool = false;
}

impl<A: IntoRelPattern, B: IntoRelPattern> IntoRelPattern for RelUnion<A, B> {
    type Needs = Nil;
}

/// The scope after a relationship step binds what `Self` stands for, with nullability `N`.
#[doc(hidden)]
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

pub(crate) fn rel_pattern<R: IntoRelPattern>(rel: R, direction: Direction) -> RelPattern {
    match (R::REUSE, R::KEY) {
        (true, Some(key)) => crate::dsl::ast::build::rel_again(key, direction),
        _ => crate::dsl::ast::build::rel(R::KEY, R::types(), direction, rel.extras()),
    }
}

/// The relationship a handle bound before, walked again: `-[acted_in]->`; see
/// [`RelMethods::again`](super::RelMethods::again). It binds nothing new, and its ends
/// are checked as the relationship type's.
impl<R: RelBindingHandle> RelHandle for Again<R> {
    type Bound = Unbound;
    const KEY: Option<BindingKey> = Some(<R::Binding as Binding>::KEY);
    type Starts = R::Starts;
    type Ends = R::Ends;

    fn push_types(out: &mut Vec<GraphName>) {
        R::push_types(out);
    }
}

impl<R: RelBindingHandle> IntoRelPattern for Again<R> {
    type Needs = Cons<R::Binding, Nil>;
    const REUSE: bool = true;
}

impl<L: StartOf<R>, R> StartOf<Again<R>> for L {
    type Fits = L::Fits;
}
impl<L: EndOf<R>, R> EndOf<Again<R>> for L {
    type Fits = L::Fits;
}
impl<L: Endpoint<R>, R> Endpoint<Again<R>> for L {}
impl<L: Connects<R, T>, T, R> Connects<Again<R>, T> for L {
    type Far = L::Far;
}

/// What `.hops(..)` takes: `2` (exactly), `1..=3`, `..=5`, `2..` or `..`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a length range of a variable-length step",
    label = "expected `2`, `1..=3`, `..=5`, `2..` or `..`",
    note = "Cypher's `*1..3` includes both ends, so write it `1..=3`: a half-open `1..3` would read as one hop fewer than it says"
)]
pub trait HopRange {
    /// The bounds.
    fn bounds(self) -> HopBounds;
}
impl HopRange for u32 {
    fn bounds(self) -> HopBounds {
        crate::dsl::ast::build::hops(Some(self), Some(self))
    }
}
impl HopRange for core::ops::RangeInclusive<u32> {
    fn bounds(self) -> HopBounds {
        crate::dsl::ast::build::hops(Some(*self.start()), Some(*self.end()))
    }
}
impl HopRange for core::ops::RangeToInclusive<u32> {
    fn bounds(self) -> HopBounds {
        crate::dsl::ast::build::hops(None, Some(self.end))
    }
}
impl HopRange for core::ops::RangeFrom<u32> {
    fn bounds(self) -> HopBounds {
        crate::dsl::ast::build::hops(Some(self.start), None)
    }
}
impl HopRange for core::ops::RangeFull {
    fn bounds(self) -> HopBounds {
        crate::dsl::ast::build::hops(None, None)
    }
}

/// A variable-length step through `R`: `-[:FOLLOWS*1..3]->`; see
/// [`RelMethods::hops`](super::RelMethods::hops).
///
/// Its variable holds the list of relationships walked, so returning it decodes as a `Vec`
/// of the relationship struct. Every node it passes must fit the relationship at both ends:
/// a directed step needs its far node to be an end label that is also a start label (so the
/// walk can go on), an undirected one needs both nodes to touch the relationship.
pub struct Hops<R> {
    rel: R,
    bounds: HopBounds,
}

impl<R: Clone> Clone for Hops<R> {
    fn clone(&self) -> Self {
        Self {
            rel: self.rel.clone(),
            bounds: self.bounds,
        }
    }
}
impl<R: Copy> Copy for Hops<R> {}

impl<R> Hops<R> {
    pub(crate) fn new(rel: R, bounds: HopBounds) -> Self {
        Self { rel, bounds }
    }
}

/// The binding of a variable-length step's variable: the list of relationships `B` walked.
pub struct Many<B>(PhantomData<fn() -> B>);

/// A fixed identity digit list telling a list binding from the binding it lists.
type ManyTag = crate::schema::identity::Digit<
    crate::schema::identity::H7,
    crate::schema::identity::Digit<crate::schema::identity::H3, crate::schema::identity::End>,
>;

/// The key of the list binding of a variable-length step: the single step's variable, under
/// another identity.
const fn many_key(key: BindingKey) -> BindingKey {
    BindingKey {
        variable: key.variable,
        id: key.id ^ 0x6d61_6e79_5f68_6f70,
    }
}

impl<B: Binding> Binding for Many<B> {
    type Id = crate::schema::identity::AliasedId<B::Id, ManyTag>;
    const KEY: BindingKey = many_key(B::KEY);
    type Shown = B::Shown;
}

/// What a variable-length step binds: the list of what a single step binds.
#[doc(hidden)]
pub trait ManyOf {
    /// [`Many`] of a binding, or [`Unbound`].
    type Out;
}
impl ManyOf for Unbound {
    type Out = Unbound;
}
impl<B: Binding> ManyOf for B {
    type Out = Many<B>;
}

impl<R: RelHandle> RelHandle for Hops<R>
where
    R::Bound: ManyOf,
{
    type Bound = <R::Bound as ManyOf>::Out;
    const KEY: Option<BindingKey> = match R::KEY {
        Some(key) => Some(many_key(key)),
        None => None,
    };
    type Starts = R::Starts;
    type Ends = R::Ends;

    fn push_types(out: &mut Vec<GraphName>) {
        R::push_types(out);
    }
    fn types() -> std::borrow::Cow<'static, [GraphName]> {
        R::types()
    }
}

impl<R: IntoRelPattern> IntoRelPattern for Hops<R>
where
    R::Bound: ManyOf,
{
    type Needs = R::Needs;
    fn extras(self) -> RelExtras {
        let mut extras = self.rel.extras();
        extras.hops = Some(self.bounds);
        extras
    }
}

/// A variable-length step starts where one relationship of it may start and ends where
/// one may end: `(:Person)-[:ACTED_IN*1..2]->(:Movie)` (a longer chain needs nodes that
/// both end and start one, which the server simply does not find otherwise).
impl<L: StartOf<R>, R> StartOf<Hops<R>> for L {
    type Fits = L::Fits;
}
impl<L: EndOf<R>, R> EndOf<Hops<R>> for L {
    type Fits = L::Fits;
}
impl<L: Endpoint<R>, R> Endpoint<Hops<R>> for L {}
/// After several hops either way the far node may be at either end of `R`.
impl<L: Endpoint<R>, T: Endpoint<R>, R: RelHandle> Connects<Hops<R>, T> for L {
    type Far =
        crate::schema::Labels<R::Starts, crate::schema::Labels<R::Ends, crate::schema::NoLabels>>;
}

impl<R: Handle + RelHandle> super::expr::Expression for Hops<R>
where
    R::Binding: Binding,
{
    type Type = Vec<<R::Binding as crate::schema::ElementBinding>::Element>;
    type Refs = Cons<Many<R::Binding>, Nil>;
    type OrderRefs = Cons<Many<R::Binding>, Nil>;
    type Entry<N, Rest> = Var<Many<R::Binding>, N, Rest>;
    type Carry = crate::schema::identity::True;
    fn into_expr_node(self) -> ExprNode {
        ExprNode(super::expr::ExprKind::Variable(
            <Many<R::Binding> as Binding>::KEY,
        ))
    }
}

/// A relationship step with inline properties: `-[:ACTED_IN {roles: $p0}]->`; see
/// [`RelMethods::having`](super::RelMethods::having).
pub struct RelHaving<R, Reads> {
    rel: R,
    props: std::sync::Arc<[(GraphName, ExprNode)]>,
    _reads: PhantomData<fn() -> Reads>,
}

impl<R: Clone, Reads> Clone for RelHaving<R, Reads> {
    fn clone(&self) -> Self {
        Self {
            rel: self.rel.clone(),
            props: self.props.clone(),
            _reads: PhantomData,
        }
    }
}

impl<R, Reads> RelHaving<R, Reads> {
    pub(crate) fn new(rel: R, props: Vec<(GraphName, ExprNode)>) -> Self {
        Self {
            rel,
            props: props.into(),
            _reads: PhantomData,
        }
    }
}

impl<R: RelHandle + Handle, Reads> RelHaving<R, Reads> {
    /// One more inline property of the relationship.
    pub fn having<F, B, V>(
        self,
        property: crate::schema::Property<F, B>,
        value: V,
    ) -> RelHaving<R, Both<Reads, V::Refs>>
    where
        F: Field
            + crate::schema::PropertyOf<<R::Binding as crate::schema::ElementBinding>::Element>,
        V: Operand<<F::Value as PropertyType>::Base>,
    {
        let _ = property;
        let mut props = self.props.to_vec();
        props.push((F::KEY_NAME, value.into_operand()));
        RelHaving::new(self.rel, props)
    }
}

impl<R: RelHandle, Reads> RelHandle for RelHaving<R, Reads> {
    type Bound = R::Bound;
    const KEY: Option<BindingKey> = R::KEY;
    type Starts = R::Starts;
    type Ends = R::Ends;
    fn push_types(out: &mut Vec<GraphName>) {
        R::push_types(out);
    }
    fn types() -> std::borrow::Cow<'static, [GraphName]> {
        R::types()
    }
}

impl<R: IntoRelPattern, Reads> IntoRelPattern for RelHaving<R, Reads> {
    type Needs = Both<R::Needs, Reads>;
    fn extras(self) -> RelExtras {
        let mut extras = self.rel.extras();
        extras.props = self.props.to_vec();
        extras
    }
}

impl<L: StartOf<R>, R, X> StartOf<RelHaving<R, X>> for L {
    type Fits = L::Fits;
}
impl<L: EndOf<R>, R, X> EndOf<RelHaving<R, X>> for L {
    type Fits = L::Fits;
}
impl<L: Endpoint<R>, R, X> Endpoint<RelHaving<R, X>> for L {}
impl<L: Connects<R, T>, T, R, X> Connects<RelHaving<R, X>, T> for L {
    type Far = L::Far;
}

/// A relationship of any type, `-->`: `.rel(ANY_REL)`. It binds no variable and fits every
/// label at both ends.
#[derive(Debug, Clone, Copy)]
pub struct AnyRel;

/// A relationship of any type: `(a)-->(b)`.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Person).rel(ANY_REL).to(()).return_(count(Person));
/// assert_eq!(q.to_cypher().text(), "MATCH (person:Person)-->() RETURN count(person) AS count");
/// ```
pub const ANY_REL: AnyRel = AnyRel;

impl RelHandle for AnyRel {
    type Bound = Unbound;
    const KEY: Option<BindingKey> = None;
    type Starts = AnyLabel;
    type Ends = AnyLabel;
    fn push_types(_out: &mut Vec<GraphName>) {}
    fn types() -> std::borrow::Cow<'static, [GraphName]> {
        std::borrow::Cow::Borrowed(&[])
    }
}

impl IntoRelPattern for AnyRel {
    type Needs = Nil;
}

impl<L> StartOf<AnyRel> for L {
    type Fits = crate::schema::NearEndFits;
}
impl<L> EndOf<AnyRel> for L {
    type Fits = crate::schema::NearEndFits;
}
impl<L> Endpoint<AnyRel> for L {}
impl<L, T> Connects<AnyRel, T> for L {
    type Far = AnyLabel;
}
