//! `MATCH` and `OPTIONAL MATCH`: entry points, relationship steps, comma-separated
//! patterns, path variables, and their rendering.

use crate::dsl::ast::{Direction, PathPattern, PatternStep};
use crate::dsl::pattern::rel_pattern;
use crate::dsl::pattern::ExtendScope;
use crate::dsl::pattern::HopRange;
use crate::dsl::pattern::IntoRelPattern;
use crate::dsl::pattern::NodeTarget;
use crate::dsl::pattern::WithRel;
use crate::dsl::query::{Begin, Unwalked, Walk};
use crate::dsl::query::{Pattern, Query, Repeated, Repeating};
use crate::dsl::scope::{AllBound, NoVars, NoneBound, Nullable, Required};
use crate::schema::{AnyLabel, Connects, EndOf, EndsAt, Labels, NoLabels, StartOf, StartsAt};

/// A new pattern starting at `node`.
pub(crate) fn start<T: NodeTarget<S, N>, S, N>(node: T) -> PathPattern {
    crate::dsl::ast::build::path(node.node_pattern())
}

/// A relationship step waiting for the node at its other end: `.to(..)`, `.from(..)`, `.either(..)`.
#[must_use = "a relationship step needs its other end: `.to(..)`, `.from(..)` or `.either(..)`"]
pub struct RelStep<S, L, N, R, W = Unwalked> {
    query: Query<S, Pattern<L, N, W>>,
    rel: R,
}

/// The query after a step through `R` reaches `T`; `Set` is the labels the relationship
/// allows at that end (what an anonymous node stands for).
pub type AfterStep<S, N, R, T, Set, W = Unwalked> = Query<
    <T as NodeTarget<WithRel<S, N, R>, N>>::Scope,
    Pattern<
        <T as NodeTarget<WithRel<S, N, R>, N>>::Reached<Set>,
        N,
        Walk<W, R, <T as NodeTarget<WithRel<S, N, R>, N>>::Reached<Set>>,
    >,
>;

/// The query `match_(node)` (`N` = [`Required`]) or `optional_match(node)` starts in scope `S`.
pub type Started<S, T, N> = Query<
    <T as NodeTarget<S, N>>::Scope,
    Pattern<
        <T as NodeTarget<S, N>>::Reached<AnyLabel>,
        N,
        Begin<<T as NodeTarget<S, N>>::Reached<AnyLabel>>,
    >,
>;

/// What an anonymous node at the far end of an undirected step through `R` from a node of
/// label `Near` stands for: the labels across from `Near` ([`Connects`]'s `Far`).
pub type Across<Far, R, Near> = <Far as Connects<R, Near>>::Far;

/// The query after an undirected step through `R` from a node of label `L` reaches `T`.
pub type AfterEither<S, N, R, T, L, W> =
    AfterStep<S, N, R, T, Across<<T as NodeTarget<WithRel<S, N, R>, N>>::Label, R, L>, W>;

/// `MATCH (person:Person)`: starts a query at a label, an aliased label, a label with inline
/// properties, or an anonymous node `()`.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String, pub born: Option<i64> }
/// let q = match_(Person).filter(Person.born.gt(1960)).return_(Person.name);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WHERE person.born > $p0 RETURN person.name AS name"
/// );
/// ```
pub fn match_<T>(node: T) -> Started<NoVars, T, Required>
where
    T: NodeTarget<NoVars, Required>,
    T::Needs: AllBound<NoVars>,
    T::Binds: NoneBound<NoVars>,
    T::Checks: AllBound<T::Scope>,
{
    Query::<NoVars, ()>::empty().match_(node)
}

/// `OPTIONAL MATCH (person:Person)`: like [`match_`], but every binding may come back null,
/// so what it binds decodes as `Option`.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String }
/// let q = optional_match(Movie).return_(Movie.title);
/// assert_eq!(q.to_cypher().text(), "OPTIONAL MATCH (movie:Movie) RETURN movie.title AS title");
/// ```
pub fn optional_match<T>(node: T) -> Started<NoVars, T, Nullable>
where
    T: NodeTarget<NoVars, Nullable>,
    T::Needs: AllBound<NoVars>,
    T::Binds: NoneBound<NoVars>,
    T::Checks: AllBound<T::Scope>,
{
    Query::<NoVars, ()>::empty().optional_match(node)
}

impl<S, P> Query<S, P> {
    fn clause<T: NodeTarget<S, M>, M>(self, node: T, optional: bool) -> Started<S, T, M> {
        self.push(crate::dsl::ast::build::match_(
            optional,
            vec![start::<T, S, M>(node)],
            None,
        ))
    }

    /// Starts another `MATCH` clause at `node`: a new node for a handle, or the node an
    /// earlier clause bound for `Person.again()`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .match_(Person.again()).rel(DIRECTED).to(Movie.alias(Directed))
    ///     .return_(Person.name);
    /// # #[derive(Alias)] pub struct Directed;
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) \
    ///      MATCH (person)-[:DIRECTED]->(directed:Movie) RETURN person.name AS name"
    /// );
    /// ```
    pub fn match_<T>(self, node: T) -> Started<S, T, Required>
    where
        T: NodeTarget<S, Required>,
        T::Needs: AllBound<S>,
        T::Binds: NoneBound<S>,
        T::Checks: AllBound<T::Scope>,
    {
        self.clause::<T, Required>(node, false)
    }

    /// Starts an `OPTIONAL MATCH` clause at `node` (usually `Person.again()`, a node bound
    /// before); what the clause binds decodes as `Option`.
    pub fn optional_match<T>(self, node: T) -> Started<S, T, Nullable>
    where
        T: NodeTarget<S, Nullable>,
        T::Needs: AllBound<S>,
        T::Binds: NoneBound<S>,
        T::Checks: AllBound<T::Scope>,
    {
        self.clause::<T, Nullable>(node, true)
    }
}

impl<S, L, N, W> Query<S, Pattern<L, N, W>> {
    /// A relationship step from the node the pattern ends at; finish it with `.to(..)`,
    /// `.from(..)` or `.either(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN.or(DIRECTED)).to(Movie).return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN|DIRECTED]->(movie:Movie) RETURN movie.title AS title"
    /// );
    /// ```
    pub fn rel<R: IntoRelPattern>(self, rel: R) -> RelStep<S, L, N, R, W> {
        RelStep { query: self, rel }
    }

    /// Another pattern in the same clause, after a comma: `MATCH (a)-->(b), (c)-->(b)`. It
    /// may join the first through nodes bound there (`Movie.again()`).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .also(Person.alias(Director)).rel(DIRECTED).to(Movie.again())
    ///     .return_((Person.name, Person.alias(Director).name));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie), \
    ///      (director:Person)-[:DIRECTED]->(movie) RETURN person.name AS name, director.name AS name_2"
    /// );
    /// ```
    pub fn also<T>(mut self, node: T) -> Started<S, T, N>
    where
        N: OwnClause,
        T: NodeTarget<S, N>,
        T::Needs: AllBound<S>,
        T::Binds: NoneBound<S>,
        T::Checks: AllBound<T::Scope>,
    {
        if let Some(m) = self.ast.last_match() {
            m.patterns.push(start::<T, S, N>(node));
        }
        self.retype()
    }
}

impl<S, L, N, R: IntoRelPattern, W> RelStep<S, L, N, R, W>
where
    R::Bound: ExtendScope<S, N>,
{
    fn finish<T: NodeTarget<WithRel<S, N, R>, N>, Set>(
        mut self,
        node: T,
        direction: Direction,
    ) -> AfterStep<S, N, R, T, Set, W> {
        let node = node.node_pattern();
        if let Some(pattern) = self.query.ast.last_pattern() {
            pattern
                .steps
                .push(PatternStep::Rel(rel_pattern(self.rel, direction), node));
        }
        self.query.retype()
    }

    /// `-[:R]->(node)`: the relationship points from the previous node to `node`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie).return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) RETURN movie.title AS title"
    /// );
    /// ```
    pub fn to<T>(self, node: T) -> AfterStep<S, N, R, T, R::Ends, W>
    where
        T: NodeTarget<WithRel<S, N, R>, N>,
        L: StartOf<R>,
        <L as StartOf<R>>::Fits: EndsAt<R, T::Label>,
        R::Needs: AllBound<S>,
        T::Needs: AllBound<WithRel<S, N, R>>,
        T::Binds: NoneBound<WithRel<S, N, R>>,
        T::Checks: AllBound<T::Scope>,
    {
        self.finish(node, Direction::Outgoing)
    }

    /// `<-[:R]-(node)`: the relationship points from `node` to the previous node.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie).rel(ACTED_IN).from(Person).return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie)<-[:ACTED_IN]-(person:Person) RETURN person.name AS name"
    /// );
    /// ```
    pub fn from<T>(self, node: T) -> AfterStep<S, N, R, T, R::Starts, W>
    where
        T: NodeTarget<WithRel<S, N, R>, N>,
        L: EndOf<R>,
        <L as EndOf<R>>::Fits: StartsAt<R, T::Label>,
        R::Needs: AllBound<S>,
        T::Needs: AllBound<WithRel<S, N, R>>,
        T::Binds: NoneBound<WithRel<S, N, R>>,
        T::Checks: AllBound<T::Scope>,
    {
        self.finish(node, Direction::Incoming)
    }

    /// `-[:R]-(node)`: either direction. It compiles when the relationship fits one way
    /// round or the other ([`Connects`]), so `(:Person)-[:ACTED_IN]-(:Movie)` and
    /// `(:Movie)-[:ACTED_IN]-(:Person)` both do; it matches relationships both ways.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let other = Person.alias(Coactor);
    /// let q = match_(Person).rel(FOLLOWS).either(other).return_(other.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:FOLLOWS]-(coactor:Person) RETURN coactor.name AS name"
    /// );
    /// let q = match_(Movie).rel(ACTED_IN).either(Person).return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie)-[:ACTED_IN]-(person:Person) RETURN person.name AS name"
    /// );
    /// ```
    pub fn either<T>(self, node: T) -> AfterEither<S, N, R, T, L, W>
    where
        T: NodeTarget<WithRel<S, N, R>, N>,
        T::Label: Connects<R, L>,
        R::Needs: AllBound<S>,
        T::Needs: AllBound<WithRel<S, N, R>>,
        T::Binds: NoneBound<WithRel<S, N, R>>,
        T::Checks: AllBound<T::Scope>,
    {
        self.finish(node, Direction::Either)
    }
}

/// A `MATCH` of its own, which may hold several comma-separated patterns: not the single
/// path inside a quantified path pattern.
#[diagnostic::on_unimplemented(
    message = "this cannot go inside a quantified path pattern, which holds one plain path",
    label = "not inside `.repeat(..)`",
    note = "a second pattern (`.also(..)`), a path variable (`.as_path(..)`), `shortestPath` or another `.repeat(..)` belongs to the enclosing `MATCH`: put it after `.then(..)`"
)]
pub trait OwnClause {}
impl OwnClause for Required {}
impl OwnClause for crate::dsl::scope::Nullable {}

/// Requires a quantified path pattern to end at the label it starts from, so each repetition
/// starts where the previous one ended (also: the node after it is that node).
#[diagnostic::on_unimplemented(
    message = "a quantified pattern ending at `{Self}` does not chain onto `{L}`",
    label = "each repetition must start where the previous one ended",
    note = "the pattern inside `.repeat(..)` starts at the node before it (`{L}`), so it must end at a `{L}` node as well"
)]
pub trait Chains<L> {}
impl<L> Chains<L> for L {}
#[diagnostic::do_not_recommend]
impl<L> Chains<Labels<L, NoLabels>> for L {}
#[diagnostic::do_not_recommend]
impl<L> Chains<L> for Labels<L, NoLabels> {}

/// The inner pattern of a quantified path pattern, as the closure of
/// [`.repeat(..)`](Query::repeat) receives it: it starts at the node before it.
pub type Segment<L> = Query<NoVars, Pattern<L, Repeating>>;

impl<S, L, N, W> Query<S, Pattern<L, N, W>> {
    /// A quantified path pattern `((..)-[..]->(..)){1,3}`: the pattern `segment` builds,
    /// repeated `times` (`2`, `1..=3`, `..=5`, `2..`, `..`; as for
    /// [`hops`](crate::dsl::RelMethods::hops), a missing lower bound is 1). Its steps are
    /// checked like any other, it must end at the label it starts from so the repetitions
    /// chain, and its nodes bind nothing outside it. A node must follow: `.then(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # #[derive(Alias)] pub struct Far;
    /// let far = Person.alias(Far);
    /// let q = match_(Person)
    ///     .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
    ///     .then(far)
    ///     .return_(far.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) (()-[:FOLLOWS]->(:Person)){1,3} (far:Person) RETURN far.name AS name"
    /// );
    /// ```
    pub fn repeat<S1, L1, W1>(
        mut self,
        times: impl HopRange,
        segment: impl FnOnce(Segment<L>) -> Query<S1, Pattern<L1, Repeating, W1>>,
    ) -> Query<S, Repeated<L1, N>>
    where
        N: OwnClause,
        L1: Chains<L>,
    {
        let start = Query::from_ast(crate::dsl::ast::build::query(vec![
            crate::dsl::ast::build::match_(false, vec![start::<(), NoVars, Repeating>(())], None),
        ]));
        let mut inner = segment(start).ast;
        if let Some(m) = inner.last_match() {
            let quantified = crate::dsl::ast::build::quantified(
                m.patterns.swap_remove(0),
                m.filter.take(),
                times.bounds(),
            );
            if let Some(pattern) = self.ast.last_pattern() {
                pattern.steps.push(quantified);
            }
        }
        self.retype()
    }
}

impl<S, L, N> Query<S, Repeated<L, N>> {
    /// The node after a quantified path pattern: where its last repetition ends (and, with
    /// none, the node before it). Steps may go on from it.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person.having(Person.name, "Paul Blythe"))
    ///     .repeat(2, |hop| hop.rel(FOLLOWS).to(()))
    ///     .then(())
    ///     .rel(ACTED_IN).to(Movie)
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person {name: $p0}) (()-[:FOLLOWS]->()){2} ()-[:ACTED_IN]->(movie:Movie) \
    ///      RETURN movie.title AS title"
    /// );
    /// ```
    pub fn then<T>(mut self, node: T) -> Query<T::Scope, Pattern<T::Reached<L>, N>>
    where
        T: NodeTarget<S, N>,
        T::Reached<L>: Chains<L>,
        T::Needs: AllBound<S>,
        T::Binds: NoneBound<S>,
        T::Checks: AllBound<T::Scope>,
    {
        let node = node.node_pattern();
        if let Some(pattern) = self.ast.last_pattern() {
            pattern.steps.push(PatternStep::Node(node));
        }
        self.retype()
    }
}
