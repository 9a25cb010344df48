//! The queries of a relationship manager: reading the nodes a relationship leads to from
//! one node, and connecting / disconnecting them with the relationship type's cardinality
//! checked in the same query.
//!
//! A write whose cardinality is bounded first takes a write lock on the nodes it counts for
//! (it bumps a hidden counter on them, [`LOCK`]), then counts, then writes only when the
//! counts allow it, and returns the counts: two concurrent writers to one node are
//! serialised (Neo4j's lock) or one of them fails at commit (ArcadeDB's optimistic check,
//! retried by the client), so the second always counts the first's relationship. The
//! counter stays: a marker set and removed in one transaction leaves the node as it was,
//! and ArcadeDB then sees no conflict.

use super::{has_id_of, Selection};
use crate::dsl::ast::build::{
    self, all_of, anonymous, direction, entry, identified, int, path, subquery, variable as var,
};
use crate::dsl::ast::{
    BinaryOp, Clause, ExprNode, NodePattern, PathPattern, RelExtras, RelPattern, ReturnItem,
    SubqueryKind as Kind,
};
use crate::dsl::row::Columns;
use crate::dsl::{Returning, Value};
use crate::schema::names::GraphName;
use crate::schema::{Binding, BindingKey, Cardinality, Identified, NodeLabel, RelType};

/// The hidden counter a bounded write bumps to lock a node: how many such writes the node
/// has seen. The schema tools' sampling and inspection leave it out (its key starts with
/// `__typher_`), and node structs never declare it.
pub const LOCK: &str = "__typher_lock";

const REL: BindingKey = BindingKey::new("rel", 0x6f67_6d5f_7265_6c01);
const EACH: BindingKey = BindingKey::new("rel", 0x6f67_6d5f_7265_6c02);
const OTHER: BindingKey = BindingKey::new("other", 0x6f67_6d5f_6f74_6803);
const RELS: BindingKey = BindingKey::new("rels", 0x6f67_6d5f_7265_6c04);
const NEAR_COUNT: BindingKey = BindingKey::new("near_count", 0x6f67_6d5f_6e63_7405);
const FAR_COUNT: BindingKey = BindingKey::new("far_count", 0x6f67_6d5f_6663_7406);
const BREAKING: BindingKey = BindingKey::new("breaking", 0x6f67_6d5f_6272_6b07);
const ITEM: BindingKey = BindingKey::new("_", 0x6f67_6d5f_6974_6d08);
const OTHERS: BindingKey = BindingKey::new("others", 0x6f67_6d5f_6f74_6809);
const LOCKED: BindingKey = BindingKey::new("locked", 0x6f67_6d5f_6c6b_640a);
const DONE: BindingKey = BindingKey::new("done", 0x6f67_6d5f_646e_650b);
const REMOVED: BindingKey = BindingKey::new("removed", 0x6f67_6d5f_726d_760c);
/// Salt telling the near node's binding apart from the far one's, for a relationship
/// between nodes of one label.
const NEAR_SALT: u64 = 0x6f67_6d5f_6e65_6172;

/// One node and the relationship type `R` from it, as a relationship manager follows it.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub(crate) near: BindingKey,
    pub(crate) near_label: GraphName,
    pub(crate) id: String,
    pub(crate) rel_type: GraphName,
    pub(crate) outgoing: bool,
    /// How many relationships the near node may have.
    pub(crate) near_rule: Cardinality,
    /// How many relationships a far node may have.
    pub(crate) far_rule: Cardinality,
    pub(crate) far: BindingKey,
    pub(crate) far_label: GraphName,
}

impl Anchor {
    /// The node `id` of label `Near`, following `R` outgoing or not to nodes of `Far`.
    pub fn new<R: RelType, Near: NodeLabel + Binding, Far: NodeLabel + Binding>(
        id: &str,
        outgoing: bool,
    ) -> Self {
        let (near_rule, far_rule) = if outgoing {
            (R::START_CARDINALITY, R::END_CARDINALITY)
        } else {
            (R::END_CARDINALITY, R::START_CARDINALITY)
        };
        Self {
            near: BindingKey {
                variable: Near::KEY.variable,
                id: Near::KEY.id ^ NEAR_SALT,
            },
            near_label: Near::LABEL_NAME,
            id: id.to_owned(),
            rel_type: R::TYPE_NAME,
            outgoing,
            near_rule,
            far_rule,
            far: Far::KEY,
            far_label: Far::LABEL_NAME,
        }
    }

    /// `(near:Near)`, or `(near)` once bound.
    fn near_node(&self, bound: bool) -> NodePattern {
        node(self.near, (!bound).then_some(self.near_label), bound)
    }

    /// `(far:Far)`, or `(far)` once bound.
    fn far_node(&self, bound: bool) -> NodePattern {
        node(self.far, (!bound).then_some(self.far_label), bound)
    }

    /// `-[rel:R]->` seen from the near node.
    fn step(&self, binding: Option<BindingKey>) -> RelPattern {
        build::rel(
            binding,
            std::borrow::Cow::Owned(vec![self.rel_type]),
            direction(self.outgoing),
            RelExtras::default(),
        )
    }

    /// `(near)-[rel:R]->(far)` with the given end patterns.
    fn pattern(&self, near: NodePattern, rel: Option<BindingKey>, far: NodePattern) -> PathPattern {
        path(near).then(self.step(rel), far)
    }

    /// `MATCH (near:Near)-[:R]->(far:Far) WHERE elementId(near) = $id AND ..`: what a
    /// relationship manager reads.
    pub(crate) fn match_far(&self, filters: Vec<ExprNode>, rel: Option<BindingKey>) -> Clause {
        let pattern = self.pattern(self.near_node(false), rel, self.far_node(false));
        build::match_(
            false,
            vec![pattern],
            all_of(core::iter::once(self.near_has_id()).chain(filters)),
        )
    }

    fn near_has_id(&self) -> ExprNode {
        has_id_of(self.near, &self.id)
    }

    /// `MATCH (near:Near) WHERE elementId(near) = $id MATCH (far:Far) WHERE elementId(far) = $far`.
    fn match_both(&self, far_id: &str) -> [Clause; 2] {
        [
            self.match_near(),
            build::match_(
                false,
                vec![path(self.far_node(false))],
                Some(has_id_of(self.far, far_id)),
            ),
        ]
    }

    /// `MATCH (near:Near) WHERE elementId(near) = $id`.
    fn match_near(&self) -> Clause {
        build::match_(
            false,
            vec![path(self.near_node(false))],
            Some(self.near_has_id()),
        )
    }

    /// `COUNT { (near)-[:R]->() }`, or `COUNT { (near)-[:R]->(far) }` with `far` bound.
    fn count_near(&self, far: Option<BindingKey>) -> ExprNode {
        let far = far.map_or_else(anonymous, |f| node(f, None, true));
        count(self.pattern(self.near_node(true), None, far))
    }

    /// `COUNT { ()-[:R]->(far) }` for the far node bound as `far`.
    fn count_far(&self, far: BindingKey) -> ExprNode {
        count(self.pattern(anonymous(), None, node(far, None, true)))
    }

    /// The relationship from the near node to `far`: `(near)-[rel:R]->(far)` created with
    /// `value` (none for a type without properties).
    fn create(&self, far: BindingKey, value: Option<ExprNode>) -> Clause {
        let (from, to) = if self.outgoing {
            (self.near, far)
        } else {
            (far, self.near)
        };
        build::create(vec![build::create_rel(
            [from, REL, to],
            self.rel_type,
            value,
            &[],
        )])
    }
}

fn node(binding: BindingKey, label: Option<GraphName>, reuse: bool) -> NodePattern {
    build::node(Some(binding), label, reuse)
}

fn count(pattern: PathPattern) -> ExprNode {
    let body = build::query(vec![build::match_(false, vec![pattern], None)]);
    subquery(Kind::Count, body)
}

/// `[pattern WHERE filter | item]`.
fn comprehension(pattern: PathPattern, filter: Option<ExprNode>, item: ExprNode) -> ExprNode {
    let body = build::query(vec![
        build::match_(false, vec![pattern], filter),
        build::return_(vec![build::item(item, None)]),
    ]);
    subquery(Kind::Comprehension, body)
}

fn size(list: ExprNode) -> ExprNode {
    ExprNode::call("size", vec![list])
}

fn item(expr: ExprNode, name: BindingKey) -> ReturnItem {
    build::item(expr, Some(name))
}

fn carry(key: BindingKey) -> ReturnItem {
    build::item(var(key), None)
}

/// `SET a.__typher_lock = coalesce(a.__typher_lock, 0) + 1, ..`: a write lock on `nodes`.
fn lock(nodes: &[BindingKey]) -> Vec<Clause> {
    if nodes.is_empty() {
        return Vec::new();
    }
    let key = GraphName::new(LOCK);
    vec![build::set(
        nodes
            .iter()
            .map(|&binding| {
                let count = ExprNode::call("coalesce", vec![build::property(binding, key), int(0)]);
                build::set_property(binding, key, ExprNode::binary(BinaryOp::Add, count, int(1)))
            })
            .collect(),
    )]
}

/// `FOREACH (name IN CASE WHEN condition THEN list ELSE [] END | body)`, or the plain
/// `FOREACH (name IN list | body)` without a condition.
fn foreach_if(
    condition: Option<&ExprNode>,
    name: BindingKey,
    list: ExprNode,
    body: Vec<Clause>,
) -> Clause {
    let list = match condition {
        Some(condition) => build::case_when(
            condition.clone(),
            list,
            ExprNode::param(Value::List(Vec::new())),
        ),
        None => list,
    };
    build::foreach(name, list, body)
}

/// One relationship write of a manager.
#[derive(Debug, Clone)]
pub enum Write<'a> {
    /// A new relationship to `far`, holding the value (none for a type without properties).
    Connect(&'a str, Option<ExprNode>),
    /// Every relationship between the near node and `far` removed.
    Disconnect(&'a str),
    /// Every relationship of the near node removed.
    DisconnectAll,
    /// Every relationship of the near node replaced by a new one to `far`.
    Replace(&'a str, Option<ExprNode>),
}

/// What a relationship write returns: whether it was done (the rules allowed it), how
/// many relationships it removed, the near and far node's counts it checked (`0` when not
/// counted), and the far nodes a removal would have left below their minimum.
pub type WriteOutcome = Returning<(), Columns<(bool, i64, i64, i64, Vec<String>)>, ()>;

/// The query of `write`, with the type's cardinality checked in it: `MATCH` the nodes,
/// lock the ones whose count is checked, count, then remove and create only when every
/// count stays within its rule, and return what it found.
pub fn write(anchor: &Anchor, write: Write<'_>) -> WriteOutcome {
    let (far_id, creates, removes, removes_all) = match &write {
        Write::Connect(far, value) => (Some(*far), Some(value.clone()), false, false),
        Write::Disconnect(far) => (Some(*far), None, true, false),
        Write::DisconnectAll => (None, None, true, true),
        Write::Replace(far, value) => (Some(*far), Some(value.clone()), true, true),
    };
    let replacing = creates.is_some() && removes;
    let (near_min, near_max) = (anchor.near_rule.min(), anchor.near_rule.max());
    let (far_min, far_max) = (anchor.far_rule.min(), anchor.far_rule.max());
    // A replace leaves the near node exactly one relationship, which every rule allows.
    let near_over = near_max.filter(|_| creates.is_some() && !removes);
    let near_under = (removes && creates.is_none() && near_min > 0).then_some(near_min);
    let far_over = far_max.filter(|_| creates.is_some());
    let far_under = (removes && !removes_all && far_min > 0).then_some(far_min);
    let others_under = (removes_all && far_min > 0).then_some(far_min);

    let mut clauses = Vec::new();
    match far_id {
        Some(far_id) => clauses.extend(anchor.match_both(far_id)),
        None => clauses.push(anchor.match_near()),
    }
    let mut carried = vec![anchor.near];
    if far_id.is_some() {
        carried.push(anchor.far);
    }
    let mut locked = Vec::new();
    if near_over.is_some() || near_under.is_some() || replacing {
        locked.push(anchor.near);
    }
    if far_over.is_some() || far_under.is_some() {
        locked.push(anchor.far);
    }
    clauses.extend(lock(&locked));
    if others_under.is_some() {
        // The far nodes that may lose their last relationship are counted after their lock.
        let mut with: Vec<ReturnItem> = carried.iter().map(|&k| carry(k)).collect();
        with.push(item(
            comprehension(
                anchor.pattern(anchor.near_node(true), None, node(OTHER, None, false)),
                None,
                var(OTHER),
            ),
            OTHERS,
        ));
        clauses.push(build::with(with));
        clauses.push(foreach_if(None, LOCKED, var(OTHERS), lock(&[LOCKED])));
    }

    let mut with: Vec<ReturnItem> = carried.iter().map(|&k| carry(k)).collect();
    let mut checks = Vec::new();
    if removes {
        let to = if removes_all {
            anonymous()
        } else {
            node(anchor.far, None, true)
        };
        with.push(item(
            comprehension(
                anchor.pattern(anchor.near_node(true), Some(EACH), to),
                None,
                var(EACH),
            ),
            RELS,
        ));
    }
    let removed = || size(var(RELS));
    let nothing_removed_or = |check: ExprNode| {
        ExprNode::binary(
            BinaryOp::Or,
            ExprNode::binary(BinaryOp::Eq, removed(), int(0)),
            check,
        )
    };
    if near_over.is_some() || near_under.is_some() {
        with.push(item(anchor.count_near(None), NEAR_COUNT));
    }
    if let Some(max) = near_over {
        checks.push(ExprNode::binary(BinaryOp::Lt, var(NEAR_COUNT), int(max)));
    }
    if let Some(min) = near_under {
        checks.push(nothing_removed_or(ExprNode::binary(
            BinaryOp::Ge,
            ExprNode::binary(BinaryOp::Sub, var(NEAR_COUNT), removed()),
            int(min),
        )));
    }
    if far_over.is_some() || far_under.is_some() {
        // What the far node keeps: a replace first removes its relationships to the near node.
        let kept = if replacing {
            ExprNode::binary(
                BinaryOp::Sub,
                anchor.count_far(anchor.far),
                anchor.count_near(Some(anchor.far)),
            )
        } else {
            anchor.count_far(anchor.far)
        };
        with.push(item(kept, FAR_COUNT));
    }
    if let Some(max) = far_over {
        checks.push(ExprNode::binary(BinaryOp::Lt, var(FAR_COUNT), int(max)));
    }
    if let Some(min) = far_under {
        checks.push(nothing_removed_or(ExprNode::binary(
            BinaryOp::Ge,
            ExprNode::binary(BinaryOp::Sub, var(FAR_COUNT), removed()),
            int(min),
        )));
    }
    if let Some(min) = others_under {
        let mut breaks = vec![ExprNode::binary(
            BinaryOp::Lt,
            ExprNode::binary(
                BinaryOp::Sub,
                anchor.count_far(OTHER),
                anchor.count_near(Some(OTHER)),
            ),
            int(min),
        )];
        if far_id.is_some() {
            // The node a replace connects keeps a relationship.
            breaks.push(ExprNode::binary(BinaryOp::Ne, var(OTHER), var(anchor.far)));
        }
        with.push(item(
            comprehension(
                anchor.pattern(anchor.near_node(true), None, node(OTHER, None, false)),
                all_of(breaks),
                ExprNode::call("elementId", vec![var(OTHER)]),
            ),
            BREAKING,
        ));
        checks.push(ExprNode::binary(BinaryOp::Eq, size(var(BREAKING)), int(0)));
    }
    let done = all_of(checks);
    if with.len() > carried.len() {
        clauses.push(build::with(with));
    }
    if removes {
        clauses.push(foreach_if(
            done.as_ref(),
            REL,
            var(RELS),
            vec![build::delete(false, vec![REL])],
        ));
    }
    if let Some(value) = creates {
        let create = anchor.create(anchor.far, value);
        clauses.push(match &done {
            None => create,
            Some(done) => foreach_if(
                Some(done),
                ITEM,
                ExprNode::param(Value::List(vec![Value::Int(1)])),
                vec![create],
            ),
        });
    }
    // A column the query counted is returned as it is; one it did not is `0` (or `[]`).
    let column = |key: BindingKey, counted: bool, none: Value| {
        if counted {
            carry(key)
        } else {
            item(ExprNode::param(none), key)
        }
    };
    clauses.push(build::return_(vec![
        item(
            done.unwrap_or_else(|| ExprNode::param(Value::Bool(true))),
            DONE,
        ),
        item(if removes { removed() } else { int(0) }, REMOVED),
        column(
            NEAR_COUNT,
            near_over.is_some() || near_under.is_some(),
            Value::Int(0),
        ),
        column(
            FAR_COUNT,
            far_over.is_some() || far_under.is_some(),
            Value::Int(0),
        ),
        column(BREAKING, others_under.is_some(), Value::List(Vec::new())),
    ]));
    Returning::new(build::query(clauses))
}

/// Far nodes, each with the relationship leading to it.
pub type WithRelationships<R, Far> = Returning<(), Columns<(Identified<R>, Identified<Far>)>, ()>;

/// `MATCH (near:Near)-[rel:R]->(far:Far) WHERE .. RETURN {..rel..}, {..far..} ORDER BY ..`:
/// the far nodes with the relationships that lead to them.
pub fn relationships<R, Far>(anchor: &Anchor, selection: &Selection) -> WithRelationships<R, Far> {
    let mut projection = build::projection(vec![
        build::item(identified(REL, true), None),
        build::item(identified(anchor.far, false), None),
    ]);
    projection.order = selection.order.clone();
    projection.skip = selection.skip.map(int);
    projection.limit = selection.limit.map(int);
    Returning::new(build::query(vec![
        anchor.match_far(selection.filters.clone(), Some(REL)),
        Clause::Return(projection),
    ]))
}

/// `{element_id: .., labels: .., data: far}`, or with `related` loaded along:
/// `far {node: {..}, related: ..}`.
pub(crate) fn loaded(binding: BindingKey, related: Option<ExprNode>) -> ExprNode {
    let node = identified(binding, false);
    match related {
        None => node,
        Some(related) => build::map_projection(
            binding,
            vec![
                entry(GraphName::new("node"), node),
                entry(GraphName::new("related"), related),
            ],
        ),
    }
}

/// `[(near)-[:R]->(far:Far) | ..far loaded..]`: the far nodes of `near`, each with
/// `nested` loaded along.
pub fn follow<R: RelType, Far: NodeLabel>(
    near: BindingKey,
    outgoing: bool,
    far: BindingKey,
    nested: Option<ExprNode>,
) -> ExprNode {
    let step = build::rel(
        None,
        std::borrow::Cow::Owned(vec![R::TYPE_NAME]),
        direction(outgoing),
        RelExtras::default(),
    );
    let pattern = path(node(near, None, true)).then(step, node(far, Some(Far::LABEL_NAME), false));
    comprehension(pattern, None, loaded(far, nested))
}
