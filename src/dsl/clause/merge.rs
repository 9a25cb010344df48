//! `MERGE`: a node on its key properties, or a relationship between bound nodes, with
//! `ON CREATE SET` and `ON MATCH SET`.

use super::set::SetItems;
use crate::dsl::ast::{Clause, Direction};
use crate::dsl::pattern::rel_pattern;
use crate::dsl::pattern::ExtendScope;
use crate::dsl::pattern::Having;
use crate::dsl::pattern::IntoRelPattern;
use crate::dsl::pattern::NodeTarget;
use crate::dsl::query::{Merged, Query};
use crate::dsl::scope::{AllBound, Cons, NeverNull, Nil, NoVars, NoneBound, NullIn, Required};
use crate::schema::{EndsAt, NodeHandle, RelBindingHandle, StartOf};

/// A node `MERGE` can find or create: a label with the key properties it is found by
/// (`Person.having(Person.name, "Ann")`), or a bare label.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no node `MERGE` can find or create",
    label = "expected a label with its key properties, such as `Person.having(Person.name, ..)`",
    note = "MERGE matches a whole pattern or creates it: a node bound before cannot be merged again, and an anonymous node has no label to create"
)]
#[doc(hidden)]
pub trait MergeNode {}
impl<H: NodeHandle> MergeNode for H {}
impl<H: NodeHandle, R> MergeNode for Having<H, R> {}

/// A relationship `MERGE` can find or create: one type, maybe with key properties.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no relationship `MERGE` can find or create",
    label = "expected one relationship type, such as `ACTED_IN` or `ACTED_IN.having(..)`",
    note = "MERGE creates what it does not find, so it needs exactly one type and one hop"
)]
pub trait MergeRel {}
impl<H: RelBindingHandle> MergeRel for H {}
impl<H: MergeRel, R> MergeRel for crate::dsl::pattern::RelHaving<H, R> {}

/// `MERGE (person:Person {name: $p0})`: starts a query by finding the node with these key
/// properties, or creating it with them. Continue with `.on_create_set(..)` for the rest
/// of its properties.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let ann = Person { name: "Ann".into(), born: Some(1990) };
/// let q = merge(Person.having(Person.name, ann.name.clone()))
///     .on_create_set(Person.assign(&ann))
///     .on_match_set(Person.born.to(1990));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MERGE (person:Person {name: $p0}) ON CREATE SET person = $p1 ON MATCH SET person.born = $p2"
/// );
/// ```
pub fn merge<T>(node: T) -> Query<T::Scope, Merged>
where
    T: MergeNode + NodeTarget<NoVars, Required>,
    T::Needs: AllBound<NoVars>,
    T::Binds: NoneBound<NoVars>,
{
    Query::<NoVars, ()>::empty().merge(node)
}

impl<S, P> Query<S, P> {
    /// `MERGE (movie:Movie {title: $p0})`: finds the node with these key properties, or
    /// creates it. The key values may read what is in scope.
    pub fn merge<T>(self, node: T) -> Query<T::Scope, Merged>
    where
        T: MergeNode + NodeTarget<S, Required>,
        T::Needs: AllBound<S>,
        T::Binds: NoneBound<S>,
    {
        let pattern = super::match_::start::<T, S, Required>(node);
        self.push(crate::dsl::ast::build::merge(
            pattern,
            Vec::new(),
            Vec::new(),
        ))
    }

    /// `MERGE (person)-[:FOLLOWS]->(other)`: finds the relationship between two nodes bound
    /// before, or creates it. The endpoints are checked as in `MATCH`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person.having(Person.name, "Ann"))
    ///     .match_(Movie.having(Movie.title, "Heat"))
    ///     .merge_rel(Person, REVIEWED, Movie)
    ///     .on_create_set((REVIEWED.rating.to(50), REVIEWED.summary.to("new")));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person {name: $p0}) MATCH (movie:Movie {title: $p1}) \
    ///      MERGE (person)-[reviewed:REVIEWED]->(movie) \
    ///      ON CREATE SET reviewed.rating = $p2, reviewed.summary = $p3"
    /// );
    /// ```
    pub fn merge_rel<A, R, B>(
        self,
        from: A,
        rel: R,
        to: B,
    ) -> Query<<R::Bound as ExtendScope<S, Required>>::Out, Merged>
    where
        A: NodeHandle,
        B: NodeHandle,
        R: IntoRelPattern + MergeRel,
        R::Bound: ExtendScope<S, Required>,
        A::Label: StartOf<R>,
        <A::Label as StartOf<R>>::Fits: EndsAt<R, B::Label>,
        Cons<A::Binding, Cons<B::Binding, Nil>>: AllBound<S> + NullIn<S>,
        <Cons<A::Binding, Cons<B::Binding, Nil>> as NullIn<S>>::Null: NeverNull,
        R::Needs: AllBound<S>,
    {
        let pattern = super::match_::start::<_, S, Required>(from.again()).then(
            rel_pattern(rel, Direction::Outgoing),
            super::match_::start::<_, S, Required>(to.again()).start,
        );
        self.push(crate::dsl::ast::build::merge(
            pattern,
            Vec::new(),
            Vec::new(),
        ))
    }
}

impl<S> Query<S, Merged> {
    fn merge_items(mut self, items: impl SetItems, on_create: bool) -> Self {
        if let Some(Clause::Merge(m)) = self.ast.clauses.last_mut() {
            items.push_set(if on_create {
                &mut m.on_create
            } else {
                &mut m.on_match
            });
        }
        // A fresh query: a rendering made before the change must not be reused.
        self.retype()
    }

    /// `ON CREATE SET ..`: what to set when `MERGE` created the pattern; takes what
    /// [`.set(..)`](Query::set) takes.
    pub fn on_create_set<I>(self, items: I) -> Self
    where
        I: SetItems,
        I::Refs: AllBound<S>,
    {
        self.merge_items(items, true)
    }

    /// `ON MATCH SET ..`: what to set when `MERGE` found the pattern.
    pub fn on_match_set<I>(self, items: I) -> Self
    where
        I: SetItems,
        I::Refs: AllBound<S>,
    {
        self.merge_items(items, false)
    }
}
