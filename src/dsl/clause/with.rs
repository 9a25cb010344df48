//! `WITH`: projects the query into a new scope; what it does not carry is gone.

use super::projection::Carried;
use super::projection::Projection;
use crate::dsl::ast::{Clause, ProjectionClause};
use crate::dsl::expr::methods::OrderItems;
use crate::dsl::expr::ExprNode;
use crate::dsl::query::{DistinctFirst, Ordered, Projected, Query};
use crate::dsl::scope::{Aggregates, AllBound, OrderScope};
use crate::dsl::value::Value;
use crate::schema::identity::Select;

/// The query after `.with(items)`.
pub type AfterWith<S, I> = Query<
    <I as Projection<S>>::Scope,
    Projected<
        OrderScope<
            <<I as Projection<S>>::Refs as Aggregates>::Out,
            <I as Projection<S>>::Scope,
            <I as Projection<S>>::Fresh,
        >,
    >,
>;

/// `WITH items` at the start of a query, before any reading clause: named values
/// (`lit(vec![1, 2]).as_(l)`) that the rest of the query reads.
///
/// ```
/// # use typher::prelude::*;
/// let (l, x) = (name!(l), name!(x));
/// let q = with(lit(vec![1, 2]).as_(l)).unwind(l, x).return_(x);
/// assert_eq!(q.to_cypher().text(), "WITH $p0 AS l UNWIND l AS x RETURN x");
/// ```
pub fn with<I>(items: I) -> AfterWith<crate::dsl::scope::NoVars, I>
where
    I: Projection<crate::dsl::scope::NoVars>,
    I::Refs: AllBound<crate::dsl::scope::NoVars> + Aggregates,
    I::Carry: Carried,
    <I::Refs as Aggregates>::Out: Select<I::Scope, I::Fresh>,
{
    Query::empty().with(items)
}

impl<S, P> Query<S, P> {
    /// `WITH *`: carries everything in scope as it is (a `WHERE`, `ORDER BY`, `SKIP` or
    /// `LIMIT` may follow).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).with_all().limit(3).return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH * LIMIT $p0 RETURN person.name AS name"
    /// );
    /// ```
    pub fn with_all(self) -> Query<S, Projected<S>> {
        self.push(crate::dsl::ast::build::with_star())
    }

    /// `WITH items`: carries bindings (`Person`) and named values (`count(Movie).as_(movies)`)
    /// into a new scope; afterwards only they can be read. Aggregates group by the other
    /// items, as in Cypher. Follow with `.filter(..)` (`WHERE`), `.distinct()`, `.order_by(..)`,
    /// `.skip(..)`, `.limit(..)`, then any clause.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String }
    /// # #[derive(Node)] pub struct Movie { pub title: String }
    /// # #[derive(Relationship)] #[relationship(type = "ACTED_IN", from = Person, to = Movie)] pub struct ActedIn;
    /// let titles = name!(titles);
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .with((Person, collect(Movie.title).as_(titles)))
    ///     .order_by(Person.name)
    ///     .limit(3)
    ///     .return_((Person.name, titles));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) \
    ///      WITH person, collect(movie.title) AS titles ORDER BY person.name ASC LIMIT $p0 \
    ///      RETURN person.name AS name, titles"
    /// );
    /// ```
    pub fn with<I>(self, items: I) -> AfterWith<S, I>
    where
        I: Projection<S>,
        I::Refs: AllBound<S> + Aggregates,
        I::Carry: Carried,
        <I::Refs as Aggregates>::Out: Select<I::Scope, I::Fresh>,
    {
        let mut list = Vec::new();
        items.push_items(&mut list);
        self.push(Clause::With(crate::dsl::ast::build::projection(list)))
    }
}

impl<S, O, D> Query<S, Projected<O, D>> {
    fn edit(mut self, change: impl FnOnce(&mut ProjectionClause)) -> Self {
        if let Some(p) = self.ast.projection() {
            change(p);
        }
        self
    }

    /// `WITH DISTINCT ..`; `ORDER BY` may then read only what `WITH` carried, so call it
    /// before `.order_by(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie)
    ///     .with(Person).distinct()
    ///     .return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) WITH DISTINCT person \
    ///      RETURN person.name AS name"
    /// );
    /// ```
    pub fn distinct(self) -> Query<S, Projected<S>>
    where
        D: DistinctFirst,
    {
        self.edit(|p| p.distinct = true).retype()
    }

    /// `ORDER BY ..` of the `WITH`: an expression, `expr.asc()`, `expr.desc()`, or a tuple.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person)
    ///     .with(Person).order_by(Person.born.desc()).limit(3)
    ///     .return_(Person.name);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH person ORDER BY person.born DESC LIMIT $p0 \
    ///      RETURN person.name AS name"
    /// );
    /// ```
    pub fn order_by<I>(self, keys: I) -> Query<S, Projected<O, Ordered>>
    where
        I: OrderItems<O>,
        I::Refs: AllBound<O>,
    {
        self.edit(|p| keys.push_order(&mut p.order)).retype()
    }

    /// `SKIP $n` of the `WITH`.
    pub fn skip(self, rows: u64) -> Self {
        self.edit(|p| p.skip = Some(rows_param(rows)))
    }

    /// `LIMIT $n` of the `WITH`.
    pub fn limit(self, rows: u64) -> Self {
        self.edit(|p| p.limit = Some(rows_param(rows)))
    }
}

/// A row count as a parameter (counts beyond `i64::MAX` are capped there).
pub(crate) fn rows_param(rows: u64) -> ExprNode {
    ExprNode::param(Value::Int(i64::try_from(rows).unwrap_or(i64::MAX)))
}
