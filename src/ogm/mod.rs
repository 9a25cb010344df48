//! The OGM: nodes as entities that carry their identity, read and written through typed
//! queries, one query per operation (batches included).
//!
//! - [`Identified<T>`]: a stored node, its element id and labels with the struct (it derefs to
//!   the struct). Any query returning `Person.identified()` yields them.
//! - [`Entity`] (every `#[derive(Node)]` struct; its methods need serde's derives too,
//!   [`Stored`]): `Person::nodes()` for a [`NodeSet`], `ann.create(&db)`,
//!   `Person::create_many`, `Person::get_or_create` and `Person::create_or_update` keyed by
//!   properties (one `MERGE` query, no race between a check and a write), and on a saved
//!   entity `save`, `refresh`, `delete`.
//! - [`Hooks`] around writes; optimistic locking with `#[node(version)]` on an `i64` field.
//! - [`Related`]: `tom.related(ACTED_IN)`, the nodes a relationship type leads to, read like a
//!   node set and connected, disconnected or replaced with the type's declared cardinality
//!   enforced in the query that writes.
//! - Eager loading: `Person::nodes().including(ACTED_IN.then(DIRECTED))` reads nodes with
//!   their related nodes, any depth, in one query, as [`Loaded`] values.
//! - Several labels (`#[node(extra_labels = [..])]`, `add_label`) and undeclared properties
//!   kept in a `#[node(extras)]` map.
//!
//! Every operation takes an [`Executor`]: a [`Client`](crate::Client), or a
//! [`Transaction`](crate::Transaction) to make several operations one.
//!
//! ```no_run
//! # use typher::prelude::*;
//! # use typher_testkit::movies::*;
//! # async fn demo(db: &typher::Client) -> typher::Result<()> {
//! let mut ann = Person { name: "Ann".into(), born: Some(1970) }.create(db).await?;
//! ann.born = Some(1971);
//! ann.save(db).await?;
//! let older = Person::nodes().filter(Person.born.lt(1980)).count(db).await?;
//! ann.delete(db).await?;
//! # Ok(()) }
//! ```

mod eager;
mod error;
mod hooks;
mod node_set;
#[doc(hidden)]
pub mod plan;
mod related;

pub use eager::{Include, IncludeThen, Including, Loaded, Then};
pub use error::{Error, Result};
pub use hooks::Hooks;
pub use node_set::{NodeScope, NodeSet};
pub use related::{RelOf, Related};

use crate::dsl::tuples::for_tuples;
use crate::exec::{self, Executor};
use crate::schema::{
    Binding, ElementBinding, Field, Identified, NodeHandle, NodeLabel, Property, PropertyOf,
};
use core::future::Future;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A label the OGM loads and stores: any `#[derive(Node)]` struct (the derive implements
/// [`Hooks`]). Its methods need the struct to be [`Stored`] (serde reads and writes it);
/// generic code over stored labels bounds on [`Stored`].
pub trait Entity:
    NodeLabel + Binding + ElementBinding<Element = Self> + Hooks + Send + Sync + 'static
{
    /// Every node of the label, to filter, order and read: `Person::nodes()`.
    fn nodes() -> NodeSet<Self>
    where
        Self: Stored,
    {
        NodeSet::new()
    }

    /// Creates the node (after [`Hooks::pre_save`]) and returns it saved.
    fn create<'a>(mut self, db: &'a impl Executor) -> Saving<'a, Identified<Self>>
    where
        Self: Stored,
    {
        Box::pin(async move {
            pre_save(&mut self)?;
            let saved = one::<Self>(db.fetch_all(plan::create(&self)).await?)?;
            Self::post_create(&saved);
            Self::post_save(&saved);
            Ok(saved)
        })
    }

    /// Creates every value in one query (`UNWIND` + `CREATE`); the saved nodes come back
    /// in the order of `values`.
    fn create_many<'a>(
        db: &'a impl Executor,
        mut values: Vec<Self>,
    ) -> Saving<'a, Vec<Identified<Self>>>
    where
        Self: Stored,
    {
        Box::pin(async move {
            values.iter_mut().try_for_each(pre_save)?;
            let saved = db.fetch_all(plan::create_many(&values)).await?;
            for one in &saved {
                Self::post_create(one);
                Self::post_save(one);
            }
            Ok(saved)
        })
    }

    /// For each value, the node whose `keys` properties equal the value's, created from
    /// the value when there is none; one `MERGE` query for the batch, so no other writer
    /// can slip in between a check and a create. Returns each node with whether it was
    /// created (a batch naming one key twice: its first row only). For concurrent writers,
    /// declare the key unique (`#[node(unique)]`) and install the constraint
    /// (`Schema::new().node::<Person>().install(&db)`, or `typher install`): a create that
    /// loses a race then fails on the constraint, is run again and finds the winner's node.
    /// Without the constraint two concurrent writers can each create a node.
    fn get_or_create<'a, K: MergeKeys<Self>>(
        db: &'a impl Executor,
        values: Vec<Self>,
        keys: K,
    ) -> Merging<'a, Self>
    where
        Self: Stored,
    {
        Box::pin(merge::<Self>(db, values, keys.keys(), false))
    }

    /// Like [`get_or_create`](Self::get_or_create), but a node that exists is updated with
    /// the value's properties.
    fn create_or_update<'a, K: MergeKeys<Self>>(
        db: &'a impl Executor,
        values: Vec<Self>,
        keys: K,
    ) -> Merging<'a, Self>
    where
        Self: Stored,
    {
        Box::pin(merge::<Self>(db, values, keys.keys(), true))
    }
}

impl<T> Entity for T where
    T: NodeLabel + Binding + ElementBinding<Element = T> + Hooks + Send + Sync + 'static
{
}

/// A label the OGM can store and load: an [`Entity`] that serde writes and reads.
#[diagnostic::on_unimplemented(
    message = "the OGM stores and loads `{Self}` through serde, so it needs `serde::Serialize` and `serde::Deserialize`",
    label = "`{Self}` does not derive `Serialize` and `Deserialize`",
    note = "derive them next to `Node`: `#[derive(Node, serde::Serialize, serde::Deserialize)]`"
)]
pub trait Stored: Entity + Serialize + DeserializeOwned {}
#[diagnostic::do_not_recommend]
impl<T: Entity + Serialize + DeserializeOwned> Stored for T {}

/// The Rust type of a `#[node(version)]` property: `i64`, which the OGM bumps on every save.
#[diagnostic::on_unimplemented(
    message = "a `#[node(version)]` property must be an `i64`, not `{Self}`",
    label = "the OGM counts saves in this property",
    note = "optimistic locking compares and bumps an integer: declare the field `i64`"
)]
pub trait VersionCounter {}
impl VersionCounter for i64 {}

/// Checks at compile time that `T` can be a version property; the derive calls it.
#[doc(hidden)]
pub const fn version_counter<T: VersionCounter>() {}

/// The properties a batch is merged by: one property of `L` (`Person.name`) or a tuple.
#[diagnostic::on_unimplemented(
    message = "`{Self}` are no key properties of `{L}`",
    label = "expected a property of `{L}` such as `Person.name`, or a tuple of them",
    note = "nodes are merged by properties of their own label"
)]
pub trait MergeKeys<L> {
    /// The graph keys.
    #[doc(hidden)]
    fn keys(self) -> Vec<&'static str>;
}

impl<L, F: Field + PropertyOf<L>, B> MergeKeys<L> for Property<F, B> {
    fn keys(self) -> Vec<&'static str> {
        vec![F::KEY]
    }
}

macro_rules! merge_keys {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<L, $($name: MergeKeys<L>),+> MergeKeys<L> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn keys(self) -> Vec<&'static str> {
                let ($($name,)+) = self;
                let mut out = Vec::new();
                $(out.extend($name.keys());)+
                out
            }
        }
    };
}
for_tuples!(merge_keys);

fn pre_save<T: Stored>(value: &mut T) -> Result<()> {
    value.pre_save().map_err(|message| Error::Hook {
        label: T::LABEL,
        hook: "pre_save",
        message,
    })
}

/// The only row of a write that returns exactly one node, or [`Error::NotFound`].
fn one<T: Stored>(rows: Vec<Identified<T>>) -> Result<Identified<T>> {
    rows.into_iter()
        .next()
        .ok_or(Error::NotFound { label: T::LABEL })
}

/// How often a merge runs when a concurrent writer wins a unique key's race.
const MERGE_ATTEMPTS: usize = 3;

/// The future of an [`Entity`] write: boxed, so that a mistake in its arguments (a struct
/// without serde, keys of another label) is reported once, where the call is written, not
/// again where the future is awaited.
pub type Saving<'a, T> = core::pin::Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// The future of [`Entity::get_or_create`] and [`Entity::create_or_update`]: each node with
/// whether it was created.
pub type Merging<'a, T> = Saving<'a, Vec<(Identified<T>, bool)>>;

async fn merge<T: Stored>(
    db: &impl Executor,
    mut values: Vec<T>,
    keys: Vec<&'static str>,
    update: bool,
) -> Result<Vec<(Identified<T>, bool)>> {
    values.iter_mut().try_for_each(pre_save)?;
    let mut attempt = 1;
    let mut rows = loop {
        match db.fetch_all(plan::merge_many(&values, &keys, update)).await {
            // Another writer created a node with these keys first; now MERGE matches it.
            Err(exec::Error::ConstraintViolation { .. }) if attempt < MERGE_ATTEMPTS => {
                attempt += 1
            }
            other => break other?,
        }
    };
    // A batch naming one key twice creates one node: only its first row says created (the
    // server may still see the creation mark on the second), so `post_create` runs once.
    let mut created_ids = std::collections::HashSet::new();
    for (saved, created) in &mut rows {
        if *created && !created_ids.insert(saved.element_id.clone()) {
            *created = false;
        }
    }
    for (saved, created) in &rows {
        if *created {
            T::post_create(saved);
        }
        T::post_save(saved);
    }
    Ok(rows)
}

/// The version property of `T`, if it declares one (`#[node(version)]`).
fn version_key<T: NodeLabel>() -> Option<&'static str> {
    T::PROPERTIES.iter().find(|p| p.version).map(|p| p.key)
}

impl<T: Stored> Identified<T> {
    /// Writes the struct's properties to the node (a `None` removes its property) and
    /// reads it back; leaves its other properties, labels and relationships alone, so a
    /// node loaded without them keeps them. With a `#[node(version)]` property, the save
    /// only happens when the stored version is still this copy's, and bumps it in the same
    /// query; otherwise nothing is written and the error is [`Error::Stale`].
    ///
    /// With `#[node(key)]` properties, the node must still hold the copy's key: a server may
    /// give a deleted node's element id to a new node (ArcadeDB does so at once), and a
    /// stale copy must not overwrite it ([`Error::Replaced`]). So `save` does not change a
    /// node key; a query does (`match_(..).set(..)`). `refresh`, `delete` and the label
    /// methods check the key the same way.
    pub async fn save(&mut self, db: &impl Executor) -> Result<()> {
        pre_save(&mut self.data)?;
        let version = version_key::<T>()
            .map(|key| self.version_value(key).map(|v| (key, v)))
            .transpose()?;
        let rows = db
            .fetch_all(plan::save(&self.element_id, &self.data, version))
            .await?;
        match rows.into_iter().next() {
            Some(saved) => {
                *self = saved;
                T::post_save(self);
                Ok(())
            }
            None => Err(self.missing_or_stale(db, version).await),
        }
    }

    /// Reads the node again: its properties and labels as stored now.
    pub async fn refresh(&mut self, db: &impl Executor) -> Result<()> {
        let keys = plan::node_keys(&self.data);
        let rows = db
            .fetch_all(plan::by_copy::<T>(&self.element_id, &keys))
            .await?;
        if rows.is_empty() {
            return Err(self.missing_or_stale(db, None).await);
        }
        *self = one(rows)?;
        Ok(())
    }

    /// Deletes the node with its relationships ([`Hooks::pre_delete`] first);
    /// [`Error::NotFound`] when it is already gone.
    pub async fn delete(self, db: &impl Executor) -> Result<()> {
        T::pre_delete(&self).map_err(|message| Error::Hook {
            label: T::LABEL,
            hook: "pre_delete",
            message,
        })?;
        let keys = plan::node_keys(&self.data);
        let done = db
            .execute(plan::delete::<T>(&self.element_id, &keys))
            .await?;
        if done.counters.nodes_deleted == 0 {
            return Err(self.missing_or_stale(db, None).await);
        }
        T::post_delete(&self);
        Ok(())
    }

    /// Whether the node carries `label` (as loaded or last written).
    pub fn has_label<H: NodeHandle>(&self, label: H) -> bool {
        let _ = label;
        self.labels
            .iter()
            .any(|l| l == <H::Label as NodeLabel>::LABEL)
    }

    /// Adds `label` to the node (`SET n:Actor`) and reads it back: a `Person` that is
    /// also an `Actor`, loadable as either. Its properties and relationships stay.
    /// (ArcadeDB gives the node a new element id; this copy follows it.)
    pub async fn add_label<H: NodeHandle>(&mut self, db: &impl Executor, label: H) -> Result<()> {
        let _ = label;
        let name = <H::Label as NodeLabel>::LABEL_NAME;
        *self = one(db
            .fetch_all(plan::relabel::<T>(
                &self.element_id,
                &plan::node_keys(&self.data),
                name,
                true,
            ))
            .await?)?;
        Ok(())
    }

    /// Removes `label` from the node (`REMOVE n:Actor`) and reads it back. The struct's
    /// own labels (its label and `extra_labels`) cannot be removed: its queries find the
    /// node by them.
    pub async fn remove_label<H: NodeHandle>(
        &mut self,
        db: &impl Executor,
        label: H,
    ) -> Result<()> {
        let _ = label;
        let name = <H::Label as NodeLabel>::LABEL_NAME;
        if name == T::LABEL_NAME || T::EXTRA_LABELS.contains(&name) {
            return Err(exec::Error::Parameter {
                name: "label".to_owned(),
                message: format!(
                    "`{}` is a label every `{}` carries; it cannot be removed",
                    name.text,
                    T::NAME
                ),
            }
            .into());
        }
        *self = one(db
            .fetch_all(plan::relabel::<T>(
                &self.element_id,
                &plan::node_keys(&self.data),
                name,
                false,
            ))
            .await?)?;
        Ok(())
    }

    /// The value of the version property `key`, as the struct holds it.
    fn version_value(&self, key: &str) -> exec::Result<i64> {
        let value =
            crate::dsl::value::to_value(&self.data).map_err(|e| exec::Error::Parameter {
                name: key.to_owned(),
                message: e.0,
            })?;
        match value {
            crate::dsl::Value::Map(map) => match map.get(key) {
                Some(crate::dsl::Value::Int(v)) => Ok(*v),
                _ => Err(exec::Error::Parameter {
                    name: key.to_owned(),
                    message: "the version property must hold an integer".to_owned(),
                }),
            },
            _ => Err(exec::Error::Parameter {
                name: key.to_owned(),
                message: "an entity must serialize as a map".to_owned(),
            }),
        }
    }

    /// Why a write by this copy matched nothing: the node is gone; its id now holds
    /// another node (another node key); or (with a version) it moved on.
    async fn missing_or_stale(&self, db: &impl Executor, version: Option<(&str, i64)>) -> Error {
        let label = T::LABEL;
        let keys = plan::node_keys(&self.data);
        if version.is_none() && keys.is_empty() {
            return Error::NotFound { label };
        }
        let stored = match db.fetch_all(plan::by_id::<T>(&self.element_id)).await {
            Ok(rows) => rows,
            Err(e) => return e.into(),
        };
        match (stored.first(), version) {
            (None, _) => Error::NotFound { label },
            (Some(other), _) if plan::node_keys(&other.data) != keys => Error::Replaced {
                label,
                element_id: self.element_id.clone(),
            },
            (Some(_), Some((_, version))) => Error::Stale {
                label,
                element_id: self.element_id.clone(),
                version,
            },
            (Some(_), None) => Error::NotFound { label },
        }
    }
}
