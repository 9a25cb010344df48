//! The OGM's queries, built straight as query trees: the OGM is generic over labels, where
//! the DSL's type-level scope cannot be worked out, and each tree here is one the typed
//! DSL would build for a concrete label (the snapshots in `tests/ogm.rs` pin the Cypher).
//! What users pass in (filters, sort keys) is checked by the DSL's types at their call.

use crate::dsl::ast::{
    Clause, CreateClause, Created, DeleteClause, MatchClause, MergeClause, NodePattern,
    PathPattern, ProjectionClause, QueryAst, RemoveClause, RemoveItem, ReturnItem, SetClause,
    SetItem, UnwindClause,
};
use crate::dsl::expr::{BinaryOp, ExprKind, ExprNode};
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
/// The marker property `MERGE` sets on a node it creates, read and removed in the same
/// query: no node keeps it.
pub const MARK: &str = "__typher_created";

/// A query returning one column decoded as `T`.
pub type ColumnQuery<T> = Returning<(), Single<T>, ()>;

/// `(person:Person)`, or `(person:Person {key: value, ..})`.
fn node<L: NodeLabel + Binding>(props: Vec<(GraphName, ExprNode)>) -> NodePattern {
    NodePattern {
        props,
        ..NodePattern::bound(Some(L::KEY), Some(L::LABEL_NAME), false)
    }
}

fn path(start: NodePattern) -> PathPattern {
    PathPattern {
        path: None,
        shortest: None,
        start,
        steps: Vec::new(),
    }
}

fn variable<L: Binding>() -> ExprNode {
    ExprNode(ExprKind::Variable(L::KEY))
}

/// `{element_id: elementId(person), labels: labels(person), data: person}`.
fn identified<L: Binding>() -> ReturnItem {
    ReturnItem {
        expr: ExprNode(ExprKind::Identified {
            binding: L::KEY,
            relationship: false,
        }),
        name: None,
    }
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
        ExprNode::call("elementId", vec![ExprNode(ExprKind::Variable(binding))]),
        ExprNode::param(Value::String(id.to_owned())),
    )
}

/// `condition AND condition ..`, or none.
fn all_of(conditions: impl IntoIterator<Item = ExprNode>) -> Option<ExprNode> {
    conditions
        .into_iter()
        .reduce(|a, b| ExprNode::binary(BinaryOp::And, a, b))
}

/// `MATCH (person:Person) WHERE ..`.
pub(crate) fn match_node<L: NodeLabel + Binding>(filters: Vec<ExprNode>) -> Clause {
    Clause::Match(MatchClause {
        optional: false,
        patterns: vec![path(node::<L>(Vec::new()))],
        filter: all_of(filters),
    })
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

fn rows_param(rows: u64) -> ExprNode {
    ExprNode::param(Value::Int(i64::try_from(rows).unwrap_or(i64::MAX)))
}

/// `MATCH (person:Person) WHERE .. RETURN {..person's identity..} ORDER BY .. SKIP .. LIMIT ..`;
/// `limit` caps the selection's own limit.
pub fn select<L: NodeLabel + Binding>(
    selection: &Selection,
    limit: Option<u64>,
) -> ColumnQuery<Identified<L>> {
    ColumnQuery::new(select_item::<L>(selection, limit, identified::<L>()))
}

/// Like [`select`], each node returned with `related` loaded along:
/// `RETURN person {node: {..}, related: ..}`.
pub fn select_including<L: NodeLabel + Binding, T>(
    selection: &Selection,
    limit: Option<u64>,
    related: ExprNode,
) -> ColumnQuery<T> {
    let item = ReturnItem {
        expr: related::loaded(L::KEY, Some(related)),
        name: None,
    };
    ColumnQuery::new(select_item::<L>(selection, limit, item))
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
    let mut projection = ProjectionClause::new(vec![item]);
    projection.order = selection.order.clone();
    projection.skip = selection.skip.map(rows_param);
    projection.limit = limit.map(rows_param);
    QueryAst {
        clauses: vec![selection.match_clause::<L>(), Clause::Return(projection)],
    }
}

/// How many nodes the selection holds (its paging applied, its order ignored):
/// `MATCH .. WHERE .. [WITH person SKIP .. LIMIT ..] RETURN count(*)`.
pub fn count<L: NodeLabel + Binding>(selection: &Selection) -> ColumnQuery<i64> {
    let mut clauses = vec![selection.match_clause::<L>()];
    if selection.skip.is_some() || selection.limit.is_some() {
        let mut with = ProjectionClause::new(vec![ReturnItem {
            expr: variable::<L>(),
            name: None,
        }]);
        with.skip = selection.skip.map(rows_param);
        with.limit = selection.limit.map(rows_param);
        clauses.push(Clause::With(with));
    }
    clauses.push(Clause::Return(ProjectionClause::new(vec![ReturnItem {
        expr: ExprNode(ExprKind::CountAll),
        name: None,
    }])));
    ColumnQuery::new(QueryAst { clauses })
}

/// `CREATE (person:Person $value) RETURN {..}`.
pub fn create<L>(value: &L) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    ColumnQuery::new(QueryAst {
        clauses: vec![
            Clause::Create(CreateClause {
                items: vec![Created::Node {
                    binding: L::KEY,
                    label: L::LABEL_NAME,
                    extra: L::EXTRA_LABELS,
                    value: ExprNode::serialized(value),
                    properties: L::SPREAD,
                }],
            }),
            Clause::Return(ProjectionClause::new(vec![identified::<L>()])),
        ],
    })
}

/// `UNWIND $values AS row CREATE (person:Person {key: row.key, ..}) RETURN {..}`: one
/// query, rows back in the order of `values`.
pub fn create_many<L>(values: &[L]) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    ColumnQuery::new(QueryAst {
        clauses: vec![
            unwind(values),
            Clause::Create(CreateClause {
                items: vec![Created::Node {
                    binding: L::KEY,
                    label: L::LABEL_NAME,
                    extra: L::EXTRA_LABELS,
                    value: ExprNode(ExprKind::Variable(ROW)),
                    properties: L::SPREAD,
                }],
            }),
            Clause::Return(ProjectionClause::new(vec![identified::<L>()])),
        ],
    })
}

fn unwind<L: serde::Serialize>(values: &[L]) -> Clause {
    Clause::Unwind(UnwindClause {
        list: ExprNode::serialized(values),
        name: ROW,
    })
}

/// `row.key`.
fn row_key(key: &'static str) -> ExprNode {
    ExprNode(ExprKind::Property {
        binding: ROW,
        key: GraphName::new(key),
    })
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
    let on_create = vec![
        SetItem::Whole {
            binding: L::KEY,
            value: ExprNode(ExprKind::Variable(ROW)),
            merge: false,
        },
        SetItem::Property {
            binding: L::KEY,
            key: mark,
            value: ExprNode::param(Value::Bool(true)),
        },
    ]
    .into_iter()
    .chain(L::EXTRA_LABELS.iter().map(|&label| SetItem::Label {
        binding: L::KEY,
        label,
    }))
    .collect();
    let on_match = if update {
        vec![SetItem::Whole {
            binding: L::KEY,
            value: ExprNode(ExprKind::Variable(ROW)),
            merge: true,
        }]
    } else {
        Vec::new()
    };
    let created = ExprNode(ExprKind::IsNull {
        expr: Box::new(ExprNode(ExprKind::Property {
            binding: L::KEY,
            key: mark,
        })),
        negated: true,
    });
    Returning::new(QueryAst {
        clauses: vec![
            unwind(values),
            Clause::Merge(MergeClause {
                pattern: path(pattern),
                on_create,
                on_match,
            }),
            Clause::With(ProjectionClause::new(vec![
                ReturnItem {
                    expr: variable::<L>(),
                    name: None,
                },
                ReturnItem {
                    expr: created,
                    name: Some(CREATED),
                },
            ])),
            Clause::Remove(RemoveClause {
                items: vec![RemoveItem::Property {
                    binding: L::KEY,
                    key: mark,
                }],
            }),
            Clause::Return(ProjectionClause::new(vec![
                identified::<L>(),
                ReturnItem {
                    expr: ExprNode(ExprKind::Variable(CREATED)),
                    name: None,
                },
            ])),
        ],
    })
}

/// `MATCH (person:Person) WHERE elementId(person) = $id [AND person.version = $v] SET
/// person += $value[, person.version = $v + 1] RETURN {..}`: writes the struct's
/// properties (a `None` removes its property), leaves every other property, label and
/// relationship alone.
pub fn save<L>(
    id: &str,
    value: &L,
    version: Option<(&'static str, i64)>,
) -> ColumnQuery<Identified<L>>
where
    L: NodeLabel + Binding + serde::Serialize,
{
    let mut filters = vec![has_id::<L>(id)];
    let mut items = vec![SetItem::Whole {
        binding: L::KEY,
        value: ExprNode::serialized(value),
        merge: true,
    }];
    if let Some((key, current)) = version {
        let property = ExprNode(ExprKind::Property {
            binding: L::KEY,
            key: GraphName::new(key),
        });
        filters.push(ExprNode::binary(
            BinaryOp::Eq,
            property,
            ExprNode::param(Value::Int(current)),
        ));
        items.push(SetItem::Property {
            binding: L::KEY,
            key: GraphName::new(key),
            value: ExprNode::param(Value::Int(current.saturating_add(1))),
        });
    }
    ColumnQuery::new(QueryAst {
        clauses: vec![
            match_node::<L>(filters),
            Clause::Set(SetClause { items }),
            Clause::Return(ProjectionClause::new(vec![identified::<L>()])),
        ],
    })
}

/// `MATCH (person:Person) WHERE elementId(person) = $id RETURN {..}`.
pub fn by_id<L: NodeLabel + Binding>(id: &str) -> ColumnQuery<Identified<L>> {
    select::<L>(
        &Selection {
            filters: vec![has_id::<L>(id)],
            ..Selection::default()
        },
        None,
    )
}

/// `MATCH (person:Person) WHERE elementId(person) = $id DETACH DELETE person`.
pub fn delete<L: NodeLabel + Binding>(id: &str) -> crate::dsl::Query<(), crate::dsl::Written> {
    crate::dsl::Query::from_ast(QueryAst {
        clauses: vec![
            match_node::<L>(vec![has_id::<L>(id)]),
            Clause::Delete(DeleteClause {
                detach: true,
                items: vec![L::KEY],
            }),
        ],
    })
}

/// `MATCH (person:Person) WHERE elementId(person) = $id SET person:Label RETURN {..}`
/// (`REMOVE` with `add` false).
pub fn relabel<L: NodeLabel + Binding>(
    id: &str,
    label: GraphName,
    add: bool,
) -> ColumnQuery<Identified<L>> {
    let item = SetItem::Label {
        binding: L::KEY,
        label,
    };
    let change = if add {
        Clause::Set(SetClause { items: vec![item] })
    } else {
        Clause::Remove(RemoveClause {
            items: vec![RemoveItem::Label(item)],
        })
    };
    ColumnQuery::new(QueryAst {
        clauses: vec![
            match_node::<L>(vec![has_id::<L>(id)]),
            change,
            Clause::Return(ProjectionClause::new(vec![identified::<L>()])),
        ],
    })
}
