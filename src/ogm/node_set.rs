//! [`NodeSet`]: the nodes of one label, filtered, ordered and paged, read in one query.

use super::plan::{self, Selection};
use super::{Error, Result};
use super::{Identified, Stored};
use crate::dsl::expr::methods::OrderItems;
use crate::dsl::expr::Predicate;
use crate::dsl::scope::{AllBound, NoVars, Required, Var};
use crate::exec::Executor;
use core::marker::PhantomData;

/// What a node set's filters and sort keys may read: the label's own node.
pub type NodeScope<L> = Var<L, Required, NoVars>;

/// The nodes of label `L`, as [`Entity::nodes`](super::Entity::nodes) starts it; each method that reads sends one
/// query.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let set = Person::nodes()
///     .filter(Person.born.gt(1960))
///     .order_by(Person.name)
///     .limit(10);
/// assert_eq!(
///     set.query().to_cypher().text(),
///     "MATCH (person:Person) WHERE person.born > $p0 RETURN {element_id: elementId(person), \
///      labels: labels(person), data: person} AS person_2 ORDER BY person.name ASC LIMIT $p1"
/// );
/// ```
#[must_use = "a node set reads nothing until `.all(..)`, `.get(..)`, `.count(..)` .."]
pub struct NodeSet<L> {
    selection: Selection,
    _label: PhantomData<fn() -> L>,
}

impl<L> Clone for NodeSet<L> {
    fn clone(&self) -> Self {
        Self {
            selection: self.selection.clone(),
            _label: PhantomData,
        }
    }
}

impl<L: Stored> NodeSet<L> {
    pub(crate) fn new() -> Self {
        Self {
            selection: Selection::default(),
            _label: PhantomData,
        }
    }

    /// The nodes relationship manager `anchor` reaches.
    pub(crate) fn anchored(anchor: plan::Anchor) -> Self {
        let mut set = Self::new();
        set.selection.anchor = Some(anchor);
        set
    }

    /// What the set reads.
    pub(crate) fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Keeps the nodes for which the (checked) condition holds.
    pub(crate) fn with_condition(mut self, condition: crate::dsl::expr::ExprNode) -> Self {
        self.selection.filters.push(condition);
        self
    }

    /// Keeps the nodes for which `predicate` holds; several filters all must hold.
    pub fn filter<R: AllBound<NodeScope<L>>>(mut self, predicate: Predicate<R>) -> Self {
        self.selection.filters.push(predicate.node);
        self
    }

    /// Orders by `keys` (`Person.born.desc()`, or a tuple of keys), after any earlier keys.
    pub fn order_by<I>(mut self, keys: I) -> Self
    where
        I: OrderItems<NodeScope<L>>,
        I::Refs: AllBound<NodeScope<L>>,
    {
        keys.push_order(&mut self.selection.order);
        self
    }

    /// Skips the first `rows` nodes.
    pub fn skip(mut self, rows: u64) -> Self {
        self.selection.skip = Some(rows);
        self
    }

    /// Keeps at most `rows` nodes.
    pub fn limit(mut self, rows: u64) -> Self {
        self.selection.limit = Some(rows);
        self
    }

    /// The query [`all`](Self::all) sends, to render or run as it is.
    pub fn query(&self) -> plan::ColumnQuery<Identified<L>> {
        plan::select::<L>(&self.selection, None)
    }

    /// The query [`count`](Self::count) sends.
    pub fn count_query(&self) -> plan::ColumnQuery<i64> {
        plan::count::<L>(&self.selection)
    }

    /// Every node of the set.
    pub async fn all(&self, db: &impl Executor) -> Result<Vec<Identified<L>>> {
        Ok(db.fetch_all(self.query()).await?)
    }

    /// The first node of the set (in its order), if any.
    pub async fn first(&self, db: &impl Executor) -> Result<Option<Identified<L>>> {
        let rows = db
            .fetch_all(plan::select::<L>(&self.selection, Some(1)))
            .await?;
        Ok(rows.into_iter().next())
    }

    /// The one node of the set: [`Error::NotFound`] when there is none,
    /// [`Error::NotUnique`] when there are more.
    pub async fn get(&self, db: &impl Executor) -> Result<Identified<L>> {
        let rows = db
            .fetch_all(plan::select::<L>(&self.selection, Some(2)))
            .await?;
        let mut rows = rows.into_iter();
        match (rows.next(), rows.next()) {
            (Some(one), None) => Ok(one),
            (None, _) => Err(Error::NotFound { label: L::LABEL }),
            (Some(_), Some(_)) => Err(Error::NotUnique { label: L::LABEL }),
        }
    }

    /// How many nodes the set holds (with its `skip` and `limit`).
    pub async fn count(&self, db: &impl Executor) -> Result<u64> {
        let rows = db.fetch_all(self.count_query()).await?;
        Ok(rows.first().map_or(0, |&n| u64::try_from(n).unwrap_or(0)))
    }

    /// Whether the set holds any node.
    pub async fn exists(&self, db: &impl Executor) -> Result<bool> {
        Ok(self.first(db).await?.is_some())
    }
}
