//! The OGM's queries, built straight as query trees: the OGM is generic over labels, where
//! the DSL's type-level scope cannot be worked out, and each tree here is one the typed
//! DSL would build for a concrete label (the snapshots in `tests/ogm.rs` pin the Cypher).
//! What users pass in (filters, sort keys) is checked by the DSL's types at their call.

use crate::dsl::ast::build::{self, all_of, identified, item, path, property, variable};
use crate::dsl::ast::{BinaryOp, Clause, ExprNode, NodePattern, QueryAst, ReturnItem};
use crate::dsl::row::Single;
use crate::dsl::{Returning, Value};
use crate::schema::names::GraphName;
use crate::schema::{Binding, BindingKey, Identified, NodeLabel};

pub mod related;
pub use related::{Anchor, Write};

/// The variable of each row of a batch.
const ROW: BindingKey = BindingKey::new("row", 0x6f67_6d5f_726f_7701);
/// The column telling whether `MERGE` created the node.
const CREATED: BindingKey = BindingKey::new("created", 0x6f67_6d5f_6e65_7702);
/// The column telling whether a versioned save found the version it expected.
const FRESH: BindingKey = BindingKey::new("fresh", 0x6f67_6d5f_6672_7303);
/// The marker property `MERGE` sets on a node it creates, read and removed in the same
/// query: no node keeps it.
pub const MARK: &str = "__typher_created";

/// A query returning one column decoded as `T`.
pub type ColumnQuery<T> = Returning<(), Single<T>, ()>;

/// `(person:Person)`, or `(person:Person {key: value, ..})`.
fn node<L: NodeLabel + Binding>(props: Vec<(GraphName, ExprNode)>) -> NodePattern {
    build::node(Some(L::KEY), Some(L::LABEL_NAME), false).with_props(props)
}

/// `{element_id: elementId(person), labels: labels(person), data: person}`.
fn identity<L: Binding>() -> ReturnItem {
    item(identified(L::KEY, false), None)
}

/// A value as a parameter.
pub fn param<T: serde::Serialize>(value: &T) -> ExprNode {
    ExprNode::serialized(value)
}

/// `elementId(person) = $id`.
pub(crate) fn has_id<L: Binding>(id: &str) -> ExprNode {
    has_id_of(L::KEY, id)
}

/// `elementId(variable) = $id`.
pub(crate) fn has_id_of(binding: BindingKey, id: &str) -> ExprNode {
    ExprNode::binary(
        BinaryOp::Eq,
        ExprNode::call("elementId", vec![variable(binding)]),
        ExprNode::param(Value::String(id.to_owned())),
    )
}

/// The node-key values of `value` (its `#[node(key)]` properties), which a loaded copy's
/// node must still hold for the OGM to write to, read or delete it by element id: a server
/// may give a deleted node's id to a new node (ArcadeDB does so at once).
pub fn node_keys<L: NodeLabel + serde::Serialize>(value: &L) -> Vec<(&'static str, Value)> {
    let Ok(Value::Map(map)) = crate::dsl::value::to_value(value) else {
        return Vec::new();
    };
    L::PROPERTIES
        .iter()
        .filter(|p| p.node_key)
        .filter_map(|p| map.get(p.key).map(|v| (p.key, v.clone())))
        .collect()
}

/// `elementId(person) = $id AND person.key = $k ..`: the node a copy was loaded from.
fn this<L: Binding>(id: &str, keys: &[(&'static str, Value)]) -> Vec<ExprNode> {
    let mut filters = vec![has_id::<L>(id)];
    filters.extend(keys.iter().map(|(key, value)| {
        ExprNode::binary(
            BinaryOp::Eq,
            property(L::KEY, GraphName::new(key)),
            ExprNode::param(value.clone()),
        )
    }));
    filters
}

/// `MATCH (person:Person) WHERE ..`.
pub(crate) fn match_node<L: NodeLabel + Binding>(filters: Vec<ExprNode>) -> Clause {
    build::match_(false, vec![path(node::<L>(Vec::new()))], all_of(filters))
}

/// What a node set reads: filters, order and paging.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub(crate) filters: Vec<ExprNode>,
    pub(crate) order: Vec<(ExprNode, bool)>,
    pub(crate) skip: Option<u64>,
    pub(crate) limit: Option<u64>,
    /// The node and relationship the set is reached through (a relationship manager's).
    pub(crate) anchor: Option<Anchor>,
}

impl Selection {
    /// `MATCH (person:Person) WHERE ..`, or from the anchor:
    /// `MATCH (near:Near)-[:R]->(person:Person) WHERE elementId(near) = $id AND ..`.
    fn match_clause<L: NodeLabel + Binding>(&self) -> Clause {
        match &self.anchor {
            Some(anchor) => anchor.match_far(self.filters.clone(), None),
            None => match_node::<L>(self.filters.clone()),
        }
    }
}

/// `MATCH (person:Person) WHERE .. RETURN {..person's identity..} ORDER BY .. SKIP .. LIMIT ..`;
/// `limit` caps the selection's own limit.
pub fn select<L: NodeLabel + Binding>(
    selection: &Selection,
    limit: Option<u64>,
) -> ColumnQuery<Identified<L>> {
    ColumnQuery::new(select_item::<L>(selection, limit, identity::<L>()))
}

/// Like [`select`], each node returned with `related` loaded along:
/// `RETURN person {node: {..}, related: ..}`.
pub fn select_including<L: NodeLabel + Binding, T>(
    selection: &Selection,
    limit: Option<u64>,
    related: ExprNode,
) -> ColumnQuery<T> {
    let loaded = item(related::loaded(L::KEY, Some(related)), None);
    ColumnQuery::new(select_item::<L>(selection, limit, loaded))
}

fn select_item<L: NodeLabel + Binding>(
    selection: &Selection,
    limit: Option<u64>,
    item: ReturnItem,
) -> QueryAst {
    let limit = match (selection.limit, limit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut projection = crate::dsl::ast::build::projection(vec![item]);
    projection.order = selection.order.clone();
    projection.skip = selection.skip.map(build::int);
    projection.limit = limit.map(build::int);
    build::query(vec![
        selection.match_clause::<L>(),
        Clause::Return(projection),
    ])
}

/// How many nodes the selection holds (its paging applied, its order ignored):
/// `MATCH .. WHERE .. [WITH person SKIP .. LIMIT ..] RETURN count(*)`.
pub fn count<L: NodeLabel + Binding>(selection: &Selection) -> ColumnQuery<i64> {
    let mut clauses = vec![selection.match_clause::<L>()];
    if selection.skip.is_some() || selection.limit.is_some() {
        let mut with = build::projection(vec![item(variable(L::KEY), None)]);
        with.skip = selection.skip.map(build::int);
        with.limit = selection.limit.map(build::int);
        clauses.push(Clause::With(with));
    }
    clauses.push(build::return_(vec![item(build::count_all(), None)]));
    ColumnQuery::new(build::query(clauses))
}

/// `CREATE (person:Person $value) RETURN {..}`.
pub fn create<L>(value: &L) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    ColumnQuery::new(build::query(vec![
        create_node::<L>(ExprNode::serialized(value)),
        build::return_(vec![identity::<L>()]),
    ]))
}

/// `UNWIND $values AS row CREATE (person:Person {key: row.key, ..}) RETURN {..}`: one
/// query, rows back in the order of `values`.
pub fn create_many<L>(values: &[L]) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    ColumnQuery::new(build::query(vec![
        unwind(values),
        create_node::<L>(variable(ROW)),
        build::return_(vec![identity::<L>()]),
    ]))
}

/// `CREATE (person:Person $value)`.
fn create_node<L: NodeLabel + Binding>(value: ExprNode) -> Clause {
    build::create(vec![build::create_node(
        L::KEY,
        L::LABEL_NAME,
        L::EXTRA_LABELS,
        value,
        L::SPREAD,
    )])
}

fn unwind<L: serde::Serialize>(values: &[L]) -> Clause {
    build::unwind(ExprNode::serialized(values), ROW)
}

/// `row.key`.
fn row_key(key: &'static str) -> ExprNode {
    property(ROW, GraphName::new(key))
}

/// `UNWIND $values AS row MERGE (person:Person {key: row.key}) ON CREATE SET person = row,
/// person.__typher_created = true [ON MATCH SET person += row] WITH .. REMOVE .. RETURN
/// {..}, created`: get-or-create (`update` false) or create-or-update (`update` true) of a
/// batch keyed by `keys`, in one query, with which rows were created.
pub fn merge_many<L>(
    values: &[L],
    keys: &[&'static str],
    update: bool,
) -> Returning<(), crate::dsl::row::Columns<(Identified<L>, bool)>, ()>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    let mark = GraphName::new(MARK);
    let pattern = node::<L>(
        keys.iter()
            .map(|&key| (GraphName::new(key), row_key(key)))
            .collect(),
    );
    let on_create = [
        build::set_whole(L::KEY, variable(ROW), false),
        build::set_property(L::KEY, mark, ExprNode::param(Value::Bool(true))),
    ]
    .into_iter()
    .chain(
        L::EXTRA_LABELS
            .iter()
            .map(|&label| build::set_label(L::KEY, label)),
    )
    .collect();
    let on_match = if update {
        vec![build::set_whole(L::KEY, variable(ROW), true)]
    } else {
        Vec::new()
    };
    let created = build::is_null(property(L::KEY, mark), true);
    Returning::new(build::query(vec![
        unwind(values),
        build::merge(path(pattern), on_create, on_match),
        build::with(vec![
            item(variable(L::KEY), None),
            item(created, Some(CREATED)),
        ]),
        build::remove(vec![build::remove_property(L::KEY, mark)]),
        build::return_(vec![identity::<L>(), item(variable(CREATED), None)]),
    ]))
}

/// `MATCH (person:Person) WHERE elementId(person) = $id SET person += $value RETURN {..}`:
/// writes the struct's properties (a `None` removes its property), leaves every other
/// property, label and relationship alone.
///
/// With a version property the node is locked before its version is read: `SET
/// person.__typher_lock = true WITH person, person.version = $v AS fresh REMOVE
/// person.__typher_lock WITH person WHERE fresh SET person += $value, person.version =
/// $v + 1 RETURN {..}`. Of concurrent saves of one copy, the first to lock wins; the others
/// wait for it (Neo4j) or fail at commit and run again (ArcadeDB), and then read the new
/// version, so they write nothing.
pub fn save<L>(
    id: &str,
    value: &L,
    version: Option<(&'static str, i64)>,
) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    let keys = node_keys(value);
    let mut clauses = vec![match_node::<L>(this::<L>(id, &keys))];
    let mut items = vec![build::set_whole(L::KEY, ExprNode::serialized(value), true)];
    if let Some((key, current)) = version {
        let key = GraphName::new(key);
        let lock = GraphName::new(related::LOCK);
        let fresh = ExprNode::binary(
            BinaryOp::Eq,
            property(L::KEY, key),
            ExprNode::param(Value::Int(current)),
        );
        clauses.extend([
            build::set(vec![build::set_property(
                L::KEY,
                lock,
                ExprNode::param(Value::Bool(true)),
            )]),
            build::with(vec![item(variable(L::KEY), None), item(fresh, Some(FRESH))]),
            build::remove(vec![build::remove_property(L::KEY, lock)]),
            build::with_where(vec![item(variable(L::KEY), None)], variable(FRESH)),
        ]);
        items.push(build::set_property(
            L::KEY,
            key,
            ExprNode::param(Value::Int(current.saturating_add(1))),
        ));
    }
    clauses.push(build::set(items));
    clauses.push(build::return_(vec![identity::<L>()]));
    ColumnQuery::new(build::query(clauses))
}

/// `MATCH (person:Person) WHERE elementId(person) = $id RETURN {..}`.
pub fn by_id<L: NodeLabel + Binding>(id: &str) -> ColumnQuery<Identified<L>> {
    by_copy::<L>(id, &[])
}

/// `MATCH (person:Person) WHERE elementId(person) = $id AND person.key = $k ..` (the
/// node-key values, [`node_keys`]) `RETURN {..}`: the node a copy was loaded from, as stored
/// now.
pub fn by_copy<L: NodeLabel + Binding>(
    id: &str,
    keys: &[(&'static str, Value)],
) -> ColumnQuery<Identified<L>> {
    select::<L>(
        &Selection {
            filters: this::<L>(id, keys),
            ..Selection::default()
        },
        None,
    )
}

/// `MATCH (person:Person) WHERE elementId(person) = $id AND person.key = $k .. DETACH
/// DELETE person` (the node-key values, [`node_keys`]).
pub fn delete<L: NodeLabel + Binding>(
    id: &str,
    keys: &[(&'static str, Value)],
) -> crate::dsl::Query<(), crate::dsl::Written> {
    crate::dsl::Query::from_ast(build::query(vec![
        match_node::<L>(this::<L>(id, keys)),
        build::delete(true, vec![L::KEY]),
    ]))
}

/// `MATCH (person:Person) WHERE elementId(person) = $id SET person:Label RETURN {..}`
/// (`REMOVE` with `add` false).
pub fn relabel<L: NodeLabel + Binding>(
    id: &str,
    keys: &[(&'static str, Value)],
    label: GraphName,
    add: bool,
) -> ColumnQuery<Identified<L>> {
    let label = build::set_label(L::KEY, label);
    let change = if add {
        build::set(vec![label])
    } else {
        build::remove(vec![build::remove_label(label)])
    };
    ColumnQuery::new(build::query(vec![
        match_node::<L>(this::<L>(id, keys)),
        change,
        build::return_(vec![identity::<L>()]),
    ]))
}
