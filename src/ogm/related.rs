//! [`Related`]: the nodes a relationship type leads to from one saved node, to read and to
//! connect, disconnect and replace, with the type's cardinality checked in the query that
//! writes.

use super::plan::{self, Anchor, Write};
use super::{Error, Result};
use super::{NodeScope, NodeSet, Stored};
use crate::dsl::expr::methods::OrderItems;
use crate::dsl::expr::{ExprNode, Predicate};
use crate::dsl::scope::AllBound;
use crate::exec::Executor;
use crate::schema::{
    Cardinality, ElementBinding, Handle, Identified, RelBindingHandle, RelType, RelatedBy,
    SingleEnds,
};
use core::marker::PhantomData;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The relationship type a handle stands for: `ActedIn` for `ACTED_IN`.
pub type RelOf<H> = <<H as Handle>::Binding as ElementBinding>::Element;

/// The nodes of label `Far` that relationships of type `R` lead to from one node of label
/// `Near` (outgoing from its start, incoming from its end): `tom.related(ACTED_IN)`. Reads
/// like a [`NodeSet`] (one query each); writes check `R`'s declared cardinality in the same
/// query, so no concurrent writer can break it.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// # let tom: Identified<Person> = typher::schema::Identified {
/// #     element_id: "4:x:1".into(),
/// #     labels: vec!["Person".into()],
/// #     data: Person { name: "Tom".into(), born: None },
/// # };
/// let movies = tom.related(ACTED_IN).filter(Movie.released.gt(2000));
/// assert_eq!(
///     movies.query().to_cypher().text(),
///     "MATCH (person:Person)-[:ACTED_IN]->(movie:Movie) WHERE elementId(person) = $p0 \
///      AND movie.released > $p1 RETURN {element_id: elementId(movie), labels: labels(movie), \
///      data: movie} AS movie_2"
/// );
/// ```
#[must_use = "a relationship manager does nothing until `.all(..)`, `.connect(..)` .."]
pub struct Related<R, Near, Far> {
    anchor: Anchor,
    set: NodeSet<Far>,
    _types: PhantomData<fn() -> (R, Near)>,
}

impl<T: Stored> Identified<T> {
    /// The nodes relationship type `rel` leads to from this node: outgoing when `T` is the
    /// type's start label, incoming when it is its end label (for a type from a label to
    /// itself, outgoing; [`incoming`](Self::incoming) walks it backwards).
    pub fn related<H>(&self, rel: H) -> Related<RelOf<H>, T, <T as RelatedBy<RelOf<H>>>::Far>
    where
        H: RelBindingHandle,
        RelOf<H>: RelType,
        T: RelatedBy<RelOf<H>>,
        <T as RelatedBy<RelOf<H>>>::Far: Stored,
    {
        let _ = rel;
        Related::new(&self.element_id, <T as RelatedBy<RelOf<H>>>::OUTGOING)
    }

    /// The nodes with a relationship of type `rel` to this node: `ann.incoming(FOLLOWS)`
    /// are Ann's followers.
    pub fn incoming<H>(&self, rel: H) -> Related<RelOf<H>, T, <RelOf<H> as SingleEnds>::Start>
    where
        H: RelBindingHandle,
        T: crate::schema::EndOf<H>,
        RelOf<H>: SingleEnds,
        <RelOf<H> as SingleEnds>::Start: Stored,
    {
        let _ = rel;
        Related::new(&self.element_id, false)
    }
}

impl<R: RelType, Near: Stored, Far: Stored> Related<R, Near, Far> {
    fn new(id: &str, outgoing: bool) -> Self {
        let anchor = Anchor::new::<R, Near, Far>(id, outgoing);
        Self {
            set: NodeSet::anchored(anchor.clone()),
            anchor,
            _types: PhantomData,
        }
    }

    /// Keeps the far nodes for which `predicate` holds.
    pub fn filter<P: AllBound<NodeScope<Far>>>(mut self, predicate: Predicate<P>) -> Self {
        self.set = self.set.filter(predicate);
        self
    }

    /// Orders the far nodes by `keys`.
    pub fn order_by<I>(mut self, keys: I) -> Self
    where
        I: OrderItems<NodeScope<Far>>,
        I::Refs: AllBound<NodeScope<Far>>,
    {
        self.set = self.set.order_by(keys);
        self
    }

    /// Skips the first `rows` far nodes.
    pub fn skip(mut self, rows: u64) -> Self {
        self.set = self.set.skip(rows);
        self
    }

    /// Keeps at most `rows` far nodes.
    pub fn limit(mut self, rows: u64) -> Self {
        self.set = self.set.limit(rows);
        self
    }

    /// The far nodes as a [`NodeSet`], for eager loading
    /// ([`NodeSet::including`]) and the rest of its API.
    pub fn nodes(&self) -> NodeSet<Far> {
        self.set.clone()
    }

    /// The query [`all`](Self::all) sends.
    pub fn query(&self) -> plan::ColumnQuery<Identified<Far>> {
        self.set.query()
    }

    /// Every far node. Unfiltered, it checks the count against `R`'s cardinality at this
    /// node's end: stored relationships that break it give [`Error::Cardinality`].
    pub async fn all(&self, db: &impl Executor) -> Result<Vec<Identified<Far>>> {
        let rows = self.set.all(db).await?;
        self.check_loaded(rows.len())?;
        Ok(rows)
    }

    /// The far nodes with the relationship leading to each, its properties decoded as `R`.
    pub async fn relationships(
        &self,
        db: &impl Executor,
    ) -> Result<Vec<(Identified<R>, Identified<Far>)>>
    where
        R: DeserializeOwned + Send + 'static,
    {
        let rows = db
            .fetch_all(plan::related::relationships::<R, Far>(
                &self.anchor,
                self.set.selection(),
            ))
            .await?;
        self.check_loaded(rows.len())?;
        Ok(rows)
    }

    /// The first far node (in the set's order), if any.
    pub async fn first(&self, db: &impl Executor) -> Result<Option<Identified<Far>>> {
        self.set.first(db).await
    }

    /// The one far node: [`Error::NotFound`] when there is none, [`Error::NotUnique`] when
    /// there are more.
    pub async fn get(&self, db: &impl Executor) -> Result<Identified<Far>> {
        self.set.get(db).await
    }

    /// How many far nodes there are (one per relationship).
    pub async fn count(&self, db: &impl Executor) -> Result<u64> {
        self.set.count(db).await
    }

    /// Whether `far` is connected to this node by a relationship of type `R`.
    pub async fn is_connected(&self, db: &impl Executor, far: &Identified<Far>) -> Result<bool> {
        self.set
            .clone()
            .with_condition(plan::has_id::<Far>(&far.element_id))
            .exists(db)
            .await
    }

    /// Connects `far` with a new relationship holding `value`. Refused with
    /// [`Error::Cardinality`], writing nothing, when either node would then have more
    /// relationships of the type than its end allows.
    pub async fn connect(&self, db: &impl Executor, far: &Identified<Far>, value: R) -> Result<()>
    where
        R: Serialize,
    {
        let write = Write::Connect(&far.element_id, rel_value(&value));
        self.run(db, write, Some(far)).await.map(drop)
    }

    /// Removes every relationship of the type between this node and `far`; returns how
    /// many. Refused with [`Error::Cardinality`], removing nothing, when either node would
    /// be left with fewer than its end requires.
    pub async fn disconnect(&self, db: &impl Executor, far: &Identified<Far>) -> Result<u64> {
        self.run(db, Write::Disconnect(&far.element_id), Some(far))
            .await
    }

    /// Removes every relationship of the type from this node; returns how many. Refused
    /// with [`Error::Cardinality`], removing nothing, when a node would be left with fewer
    /// than its end requires.
    pub async fn disconnect_all(&self, db: &impl Executor) -> Result<u64> {
        self.run(db, Write::DisconnectAll, None).await
    }

    /// Replaces every relationship of the type from this node with one to `far` holding
    /// `value`, in one query; refused like [`connect`](Self::connect) and
    /// [`disconnect_all`](Self::disconnect_all).
    pub async fn replace(&self, db: &impl Executor, far: &Identified<Far>, value: R) -> Result<()>
    where
        R: Serialize,
    {
        let write = Write::Replace(&far.element_id, rel_value(&value));
        self.run(db, write, Some(far)).await.map(drop)
    }

    /// Runs `write`; on a refusal, names the node whose count breaks its rule.
    async fn run(
        &self,
        db: &impl Executor,
        write: Write<'_>,
        far: Option<&Identified<Far>>,
    ) -> Result<u64> {
        let rows = db
            .fetch_all(plan::related::write(&self.anchor, write.clone()))
            .await?;
        let Some((done, removed, near_count, far_count, breaking)) = rows.into_iter().next() else {
            return Err(self.missing(db).await);
        };
        let removed = u64::try_from(removed).unwrap_or(0);
        if done {
            return Ok(removed);
        }
        let (near_count, far_count) = (
            u64::try_from(near_count).unwrap_or(0),
            u64::try_from(far_count).unwrap_or(0),
        );
        let (near_rule, far_rule) = (self.anchor.near_rule, self.anchor.far_rule);
        let refused = |label, element_id: &str, count, rule| Error::Cardinality {
            label,
            element_id: element_id.to_owned(),
            relationship: R::TYPE,
            count,
            rule,
            loaded: false,
        };
        let (near_after, far_after) = match write {
            Write::Connect(..) => (Some(near_count + 1), Some(far_count + 1)),
            Write::Disconnect(_) => (
                Some(near_count.saturating_sub(removed)),
                Some(far_count.saturating_sub(removed)),
            ),
            Write::DisconnectAll => (Some(0), None),
            Write::Replace(..) => (None, Some(far_count + 1)),
        };
        if let Some(after) = near_after.filter(|&n| !near_rule.allows(n)) {
            return Err(refused(Near::LABEL, &self.anchor.id, after, near_rule));
        }
        if let (Some(after), Some(far)) = (far_after.filter(|&n| !far_rule.allows(n)), far) {
            return Err(refused(Far::LABEL, &far.element_id, after, far_rule));
        }
        let other = breaking.into_iter().next().unwrap_or_default();
        Err(refused(Far::LABEL, &other, 0, far_rule))
    }

    /// Why a write matched nothing: this node or the far one is gone.
    async fn missing(&self, db: &impl Executor) -> Error {
        match db.fetch_all(plan::by_id::<Near>(&self.anchor.id)).await {
            Ok(rows) if rows.is_empty() => Error::NotFound { label: Near::LABEL },
            Ok(_) => Error::NotFound { label: Far::LABEL },
            Err(e) => e.into(),
        }
    }

    /// [`Error::Cardinality`] when this node's `count` relationships break its rule; a
    /// filtered or paged read holds only some of them, so it is not checked.
    fn check_loaded(&self, count: usize) -> Result<()> {
        let read = self.set.selection();
        if !read.filters.is_empty() || read.skip.is_some() || read.limit.is_some() {
            return Ok(());
        }
        check_loaded::<R, Near>(
            self.anchor.near_rule,
            &self.anchor.id,
            u64::try_from(count).unwrap_or(u64::MAX),
        )
    }
}

/// [`Error::Cardinality`] (loaded) when a `Near` node with `count` relationships of type `R`
/// breaks `rule`.
pub(crate) fn check_loaded<R: RelType, Near: Stored>(
    rule: Cardinality,
    id: &str,
    count: u64,
) -> Result<()> {
    if rule.allows(count) {
        return Ok(());
    }
    Err(Error::Cardinality {
        label: Near::LABEL,
        element_id: id.to_owned(),
        relationship: R::TYPE,
        count,
        rule,
        loaded: true,
    })
}

/// The relationship's properties as a parameter; none for a type without properties.
fn rel_value<R: RelType + Serialize>(value: &R) -> Option<ExprNode> {
    (!R::PROPERTIES.is_empty()).then(|| ExprNode::serialized(value))
}
