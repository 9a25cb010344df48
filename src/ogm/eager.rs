//! Eager loading without N+1: nodes with the nodes related to them, one or more levels
//! deep, in one query (nested pattern comprehensions), decoded into typed nested values.

use super::plan;
use super::related::{check_loaded, RelOf};
use super::Result;
use super::{Identified, NodeSet, Stored};
use crate::dsl::expr::ExprNode;
use crate::exec::Executor;
use crate::schema::{BindingKey, RelBindingHandle, RelType, RelatedBy};
use core::marker::PhantomData;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A node loaded with what an [`Include`] brought along: `Loaded<Person, Vec<Identified<Movie>>>`
/// for `Person::nodes().including(ACTED_IN)`. Derefs to the saved node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loaded<T, R> {
    /// The node.
    pub node: Identified<T>,
    /// The related nodes (nested [`Loaded`] values for a deeper include).
    pub related: R,
}

impl<T, R> core::ops::Deref for Loaded<T, R> {
    type Target = Identified<T>;
    fn deref(&self) -> &Identified<T> {
        &self.node
    }
}

/// What to load along with a node of label `Near`: a relationship type (`ACTED_IN`, the
/// nodes it leads to), or a path of them (`ACTED_IN.then(DIRECTED)`: the movies, each with
/// its directors).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be loaded along with a `{Near}` node",
    label = "expected a relationship type with `{Near}` at one end, or `A.then(B)` of them",
    note = "each step follows a relationship from the label reached so far, like `related(..)`"
)]
pub trait Include<Near>: Send + Sync + 'static {
    /// The decoded related values of one node.
    type Output: DeserializeOwned + Send + 'static;

    /// The expression reading them from the node bound as `near`, at nesting `depth`.
    #[doc(hidden)]
    fn expr(near: BindingKey, depth: u64) -> ExprNode;

    /// Checks the loaded values against the relationship types' cardinality.
    #[doc(hidden)]
    fn check(output: &Self::Output, near_id: &str) -> Result<()>;
}

/// The far label `Near` reaches through the relationship type of handle `H`.
type FarOf<Near, H> = <Near as RelatedBy<RelOf<H>>>::Far;

/// The binding of the far node at nesting `depth`, apart from every other level's.
fn far_key<Far: crate::schema::Binding>(depth: u64) -> BindingKey {
    BindingKey {
        variable: Far::KEY.variable,
        id: Far::KEY.id ^ depth.wrapping_mul(0x9e37_79b9_7f4a_7c15),
    }
}

fn rule<R: RelType, Near: RelatedBy<R>>() -> crate::schema::Cardinality {
    if Near::OUTGOING {
        R::START_CARDINALITY
    } else {
        R::END_CARDINALITY
    }
}

impl<H, Near> Include<Near> for H
where
    H: RelBindingHandle + Send + Sync + 'static,
    RelOf<H>: RelType,
    Near: Stored + RelatedBy<RelOf<H>>,
    FarOf<Near, H>: Stored,
{
    type Output = Vec<Identified<FarOf<Near, H>>>;

    fn expr(near: BindingKey, depth: u64) -> ExprNode {
        let far = far_key::<FarOf<Near, H>>(depth);
        plan::related::follow::<RelOf<H>, FarOf<Near, H>>(near, Near::OUTGOING, far, None)
    }

    fn check(output: &Self::Output, near_id: &str) -> Result<()> {
        let count = u64::try_from(output.len()).unwrap_or(u64::MAX);
        check_loaded::<RelOf<H>, Near>(rule::<RelOf<H>, Near>(), near_id, count)
    }
}

/// A path to load: `first`'s far nodes, each with `next` loaded along; see
/// [`IncludeThen::then`].
pub struct Then<A, B>(PhantomData<fn() -> (A, B)>);

impl<A, B> Clone for Then<A, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<A, B> Copy for Then<A, B> {}

/// `.then(..)` on a relationship type handle, for eager loading two levels deep and more.
pub trait IncludeThen: RelBindingHandle {
    /// This relationship's far nodes, each loaded with `next`:
    /// `Person::nodes().including(ACTED_IN.then(DIRECTED))` loads persons, their movies and
    /// each movie's directors, in one query.
    fn then<B>(self, next: B) -> Then<Self, B> {
        let _ = next;
        Then(PhantomData)
    }
}

impl<H: RelBindingHandle> IncludeThen for H {}

impl<A, B, Near> Include<Near> for Then<A, B>
where
    A: RelBindingHandle + Send + Sync + 'static,
    RelOf<A>: RelType,
    Near: Stored + RelatedBy<RelOf<A>>,
    FarOf<Near, A>: Stored,
    B: Include<FarOf<Near, A>>,
{
    type Output = Vec<Loaded<FarOf<Near, A>, B::Output>>;

    fn expr(near: BindingKey, depth: u64) -> ExprNode {
        let far = far_key::<FarOf<Near, A>>(depth);
        let nested = B::expr(far, depth + 1);
        plan::related::follow::<RelOf<A>, FarOf<Near, A>>(near, Near::OUTGOING, far, Some(nested))
    }

    fn check(output: &Self::Output, near_id: &str) -> Result<()> {
        let count = u64::try_from(output.len()).unwrap_or(u64::MAX);
        check_loaded::<RelOf<A>, Near>(rule::<RelOf<A>, Near>(), near_id, count)?;
        output
            .iter()
            .try_for_each(|loaded| B::check(&loaded.related, &loaded.node.element_id))
    }
}

/// A node set read with related nodes along, in one query; see [`NodeSet::including`].
#[must_use = "reads nothing until `.all(..)` or `.first(..)`"]
pub struct Including<L, I> {
    set: NodeSet<L>,
    _include: PhantomData<fn() -> I>,
}

impl<L: Stored> NodeSet<L> {
    /// ColumnQuery each node of the set with the nodes `include` leads to, in one query: no
    /// query per node. `ACTED_IN` loads each person's movies; `ACTED_IN.then(DIRECTED)` also
    /// each movie's directors.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = Person::nodes().including(ACTED_IN).query();
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN person {`node`: {element_id: elementId(person), \
    ///      labels: labels(person), data: person}, related: [(person)-[:ACTED_IN]->(movie:Movie) \
    ///      | {element_id: elementId(movie), labels: labels(movie), data: movie}]} AS person_2"
    /// );
    /// ```
    pub fn including<I: Include<L>>(self, include: I) -> Including<L, I> {
        let _ = include;
        Including {
            set: self,
            _include: PhantomData,
        }
    }
}

impl<L: Stored, I: Include<L>> Including<L, I> {
    /// The query [`all`](Self::all) sends.
    pub fn query(&self) -> plan::ColumnQuery<Loaded<L, I::Output>> {
        self.query_limited(None)
    }

    fn query_limited(&self, limit: Option<u64>) -> plan::ColumnQuery<Loaded<L, I::Output>> {
        plan::select_including::<L, Loaded<L, I::Output>>(
            self.set.selection(),
            limit,
            I::expr(<L as crate::schema::Binding>::KEY, 1),
        )
    }

    /// Every node of the set with its related nodes. Each node's relationships are
    /// checked against their types' cardinality ([`Error::Cardinality`](super::Error::Cardinality)).
    pub async fn all(&self, db: &impl Executor) -> Result<Vec<Loaded<L, I::Output>>> {
        let rows = db.fetch_all(self.query()).await?;
        rows.iter()
            .try_for_each(|loaded| I::check(&loaded.related, &loaded.node.element_id))?;
        Ok(rows)
    }

    /// The first node of the set (in its order) with its related nodes, if any.
    pub async fn first(&self, db: &impl Executor) -> Result<Option<Loaded<L, I::Output>>> {
        let rows = db.fetch_all(self.query_limited(Some(1))).await?;
        let first = rows.into_iter().next();
        if let Some(loaded) = &first {
            I::check(&loaded.related, &loaded.node.element_id)?;
        }
        Ok(first)
    }
}
