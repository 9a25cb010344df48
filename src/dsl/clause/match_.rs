//! `MATCH` and `OPTIONAL MATCH`: entry points, relationship steps and their rendering.

use crate::dsl::expr::ExprNode;
use crate::dsl::pattern::{
    node_pattern, rel_pattern, Direction, ExtendScope, NodePattern, NodeTarget, RelPattern, WithRel,
};
use crate::dsl::query::{Pattern, Query};
use crate::dsl::render::Renderer;
use crate::dsl::scope::{AllBound, NoVars, Nullable, Required, Var};
use crate::schema::{EndOf, NodeHandle, NodeLabel, RelHandle, StartOf};
use core::marker::PhantomData;

/// `MATCH` or `OPTIONAL MATCH` with its pattern and `WHERE`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MatchClause {
    pub optional: bool,
    pub start: NodePattern,
    pub steps: Vec<(RelPattern, NodePattern)>,
    pub filter: Option<ExprNode>,
}

impl MatchClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause(if self.optional {
            "OPTIONAL MATCH "
        } else {
            "MATCH "
        });
        self.start.render(r);
        for (rel, node) in &self.steps {
            rel.render(r);
            node.render(r);
        }
        if let Some(filter) = &self.filter {
            r.clause("WHERE ");
            r.expr(filter);
        }
    }
}

/// A relationship step waiting for the node at its other end: `.to(..)`, `.from(..)`, `.either(..)`.
#[must_use = "a relationship step needs its other end: `.to(..)`, `.from(..)` or `.either(..)`"]
pub struct RelStep<S, L, N, R> {
    query: Query<S, Pattern<L, N>>,
    _rel: PhantomData<fn() -> R>,
}

/// The query after a step through `R` reaches `T`.
pub type AfterStep<S, N, R, T> = Query<
    <T as NodeTarget<WithRel<S, N, R>, N>>::Scope,
    Pattern<<T as NodeTarget<WithRel<S, N, R>, N>>::Label, N>,
>;

/// The query `match_(node)` (`N` = [`Required`]) or `optional_match(node)` starts.
pub type Started<H, N> = Query<
    Var<<H as crate::schema::Handle>::Binding, N, NoVars>,
    Pattern<<H as NodeHandle>::Label, N>,
>;

/// `MATCH (person:Person)`: starts a query at a label, or an aliased label.
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
pub fn match_<H: NodeHandle>(node: H) -> Started<H, Required> {
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
pub fn optional_match<H: NodeHandle>(node: H) -> Started<H, Nullable> {
    Query::<NoVars, ()>::empty().optional_match(node)
}

impl<S, P> Query<S, P> {
    fn clause<T: NodeTarget<S, M>, M>(
        self,
        optional: bool,
    ) -> Query<T::Scope, Pattern<T::Label, M>> {
        self.push(super::Clause::Match(MatchClause {
            optional,
            start: node_pattern::<T, S, M>(),
            steps: Vec::with_capacity(4),
            filter: None,
        }))
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
    pub fn match_<T>(self, node: T) -> Query<T::Scope, Pattern<T::Label, Required>>
    where
        T: NodeTarget<S, Required>,
        T::Needs: AllBound<S>,
    {
        let _ = node;
        self.clause::<T, Required>(false)
    }

    /// Starts an `OPTIONAL MATCH` clause at `node` (usually `Person.again()`, a node bound
    /// before); what the clause binds decodes as `Option`.
    pub fn optional_match<T>(self, node: T) -> Query<T::Scope, Pattern<T::Label, Nullable>>
    where
        T: NodeTarget<S, Nullable>,
        T::Needs: AllBound<S>,
    {
        let _ = node;
        self.clause::<T, Nullable>(true)
    }
}

impl<S, L, N> Query<S, Pattern<L, N>> {
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
    pub fn rel<R: RelHandle>(self, rel: R) -> RelStep<S, L, N, R> {
        let _ = rel;
        RelStep {
            query: self,
            _rel: PhantomData,
        }
    }
}

impl<S, L: NodeLabel, N, R: RelHandle> RelStep<S, L, N, R>
where
    R::Bound: ExtendScope<S, N>,
{
    fn finish<T: NodeTarget<WithRel<S, N, R>, N>>(
        mut self,
        direction: Direction,
    ) -> AfterStep<S, N, R, T> {
        let node = node_pattern::<T, WithRel<S, N, R>, N>();
        if let Some(super::Clause::Match(clause)) = self.query.ast.clauses.last_mut() {
            clause.steps.push((rel_pattern::<R>(direction), node));
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
    pub fn to<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: StartOf<R>,
        T::Label: EndOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Outgoing)
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
    pub fn from<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: EndOf<R>,
        T::Label: StartOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Incoming)
    }

    /// `-[:R]-(node)`: either direction; the relationship must fit both ways round.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let other = Person.alias(Other);
    /// let q = match_(Person).rel(FOLLOWS).either(other).return_(other.name);
    /// # #[derive(Alias)] pub struct Other;
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:FOLLOWS]-(other:Person) RETURN other.name AS name"
    /// );
    /// ```
    pub fn either<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: StartOf<R> + EndOf<R>,
        T::Label: StartOf<R> + EndOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Either)
    }
}
