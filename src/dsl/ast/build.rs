//! Small constructors of the query tree: the typed builders and the OGM's plans build
//! every node through these, so a change to a node's fields changes this file and the
//! renderer, nothing else.

use super::{
    BinaryOp, CallClause, Clause, CreateClause, Created, DeleteClause, Direction, ExprKind,
    ExprNode, ForeachClause, HopBounds, ListOp, MapEntry, MatchClause, MergeClause, NodePattern,
    PathPattern, PatternStep, ProcedureClause, ProjectionClause, Quantified, QueryAst, RelExtras,
    RelPattern, RemoveClause, RemoveItem, ReturnItem, SetClause, SetItem, SubqueryExpr,
    SubqueryKind, UnwindClause,
};
use crate::dsl::value::Value;
use crate::schema::names::GraphName;
use crate::schema::LabelVariant;
use crate::schema::{BindingKey, PropertyMeta};
use std::borrow::Cow;

impl ExprNode {
    /// A parameter holding `value`; for the derives of user property types.
    #[doc(hidden)]
    pub fn param(value: Value) -> Self {
        Self(ExprKind::Param(std::sync::Arc::new(value)))
    }

    /// A `Serialize` value as a parameter; a value that cannot be one (an integer beyond
    /// `i64`, a NaN, a failing `Serialize`) fails the query when it is run.
    pub(crate) fn serialized<T: serde::Serialize + ?Sized>(value: &T) -> Self {
        match crate::dsl::value::to_value(value) {
            Ok(value) => Self::param(value),
            Err(e) => Self(ExprKind::Unsendable(e.0)),
        }
    }

    /// `left <op> right`.
    pub(crate) fn binary(op: BinaryOp, left: ExprNode, right: ExprNode) -> Self {
        Self(ExprKind::Binary(op, Box::new([left, right])))
    }

    /// `name(args..)`.
    pub(crate) fn call(name: &'static str, args: Vec<ExprNode>) -> Self {
        Self(ExprKind::Call {
            name,
            distinct: false,
            args,
        })
    }
}

// ---- expressions ----

/// A whole node, relationship, path or named value: `variable`.
pub(crate) fn variable(binding: BindingKey) -> ExprNode {
    ExprNode(ExprKind::Variable(binding))
}

/// `variable.key`.
pub(crate) fn property(binding: BindingKey, key: GraphName) -> ExprNode {
    ExprNode(ExprKind::Property { binding, key })
}

/// `{element_id: elementId(v), labels: labels(v), data: v}` (`[type(v)]` for a relationship).
pub(crate) fn identified(binding: BindingKey, relationship: bool) -> ExprNode {
    ExprNode(ExprKind::Identified {
        binding,
        relationship,
    })
}

/// An integer parameter (saturating at `i64::MAX`).
pub(crate) fn int(n: u64) -> ExprNode {
    ExprNode::param(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// `null`.
pub(crate) fn null() -> ExprNode {
    ExprNode(ExprKind::Null)
}

/// `$name`, a parameter named by the user.
pub(crate) fn named_param(name: &'static str) -> ExprNode {
    ExprNode(ExprKind::NamedParam(name))
}

/// `name(DISTINCT args..)` when `distinct`, else `name(args..)`.
pub(crate) fn call_distinct(name: &'static str, distinct: bool, args: Vec<ExprNode>) -> ExprNode {
    ExprNode(ExprKind::Call {
        name,
        distinct,
        args,
    })
}

/// `list[from..to]`, either end left out when `None`.
pub(crate) fn slice(list: ExprNode, from: Option<ExprNode>, to: Option<ExprNode>) -> ExprNode {
    ExprNode(ExprKind::Slice {
        list: Box::new(list),
        from: from.map(Box::new),
        to: to.map(Box::new),
    })
}

/// `CASE subject? WHEN .. THEN .. ELSE otherwise? END`.
pub(crate) fn case(
    subject: Option<Box<ExprNode>>,
    branches: Vec<(ExprNode, ExprNode)>,
    otherwise: Option<ExprNode>,
) -> ExprNode {
    ExprNode(ExprKind::Case {
        subject,
        branches,
        otherwise: otherwise.map(Box::new),
    })
}

/// `[x IN list WHERE filter | map]`, either part left out when `None`.
pub(crate) fn comprehension(filter: Option<ExprNode>, map: Option<ExprNode>) -> ListOp {
    ListOp::Comprehension { filter, map }
}

/// `reduce(acc = init, x IN list | step)`.
pub(crate) fn reduce(init: ExprNode, step: ExprNode) -> ListOp {
    ListOp::Reduce { init, step }
}

/// The item (or, with `accumulator`, the accumulator) of the list operation at `depth`.
pub(crate) fn local(depth: u32, accumulator: bool) -> ExprNode {
    ExprNode(ExprKind::Local { depth, accumulator })
}

/// A comprehension, quantifier or `reduce` over `list`, its item at `depth`.
pub(crate) fn list_op(list: ExprNode, depth: u32, op: ListOp) -> ExprNode {
    ExprNode(ExprKind::List {
        list: Box::new(list),
        depth,
        op: Box::new(op),
    })
}

/// `count(*)`.
pub(crate) fn count_all() -> ExprNode {
    ExprNode(ExprKind::CountAll)
}

/// `expr IS NULL`, or `expr IS NOT NULL` when `negated`.
pub(crate) fn is_null(expr: ExprNode, negated: bool) -> ExprNode {
    ExprNode(ExprKind::IsNull {
        expr: Box::new(expr),
        negated,
    })
}

/// `condition AND condition ..`, or none.
pub(crate) fn all_of(conditions: impl IntoIterator<Item = ExprNode>) -> Option<ExprNode> {
    conditions
        .into_iter()
        .reduce(|a, b| ExprNode::binary(BinaryOp::And, a, b))
}

/// `CASE WHEN condition THEN then ELSE otherwise END`.
pub(crate) fn case_when(condition: ExprNode, then: ExprNode, otherwise: ExprNode) -> ExprNode {
    case(None, vec![(condition, then)], Some(otherwise))
}

/// `key: value` in a map projection.
pub(crate) fn entry(key: GraphName, value: ExprNode) -> MapEntry {
    MapEntry {
        key,
        value: Some(value),
    }
}

/// `key: value` in a map projection, or `.key` (the projected binding's own property)
/// without a value.
pub(crate) fn map_entry(key: GraphName, value: Option<ExprNode>) -> MapEntry {
    MapEntry { key, value }
}

/// `{key: value, ..}`: a map literal.
pub(crate) fn map(entries: Vec<(GraphName, ExprNode)>) -> ExprNode {
    ExprNode(ExprKind::Map(
        entries
            .into_iter()
            .map(|(key, value)| entry(key, value))
            .collect(),
    ))
}

/// `map.key`.
pub(crate) fn key(map: ExprNode, key: GraphName) -> ExprNode {
    ExprNode(ExprKind::Key(Box::new(map), key))
}

/// `variable {entries..}`.
pub(crate) fn map_projection(binding: BindingKey, entries: Vec<MapEntry>) -> ExprNode {
    ExprNode(ExprKind::MapProjection { binding, entries })
}

/// `EXISTS { body }`, `COUNT { body }`, `COLLECT { body }` or a pattern comprehension.
pub(crate) fn subquery(kind: SubqueryKind, body: QueryAst) -> ExprNode {
    ExprNode(ExprKind::Subquery(Box::new(SubqueryExpr { kind, body })))
}

// ---- patterns ----

/// `(variable:Label)`, `(variable)` when `reuse`, `()` without a binding.
pub(crate) fn node(
    binding: Option<BindingKey>,
    label: Option<GraphName>,
    reuse: bool,
) -> NodePattern {
    NodePattern {
        binding,
        label,
        labels: Vec::new(),
        variants: &[],
        reuse,
        props: Vec::new(),
        filter: None,
    }
}

/// `()`.
pub(crate) fn anonymous() -> NodePattern {
    node(None, None, false)
}

/// `(item:A|B|..)`: a node of any label of an enum of labels, bound to `binding` (or the
/// bound node again, when `reuse`).
pub(crate) fn node_of_variants(
    binding: BindingKey,
    variants: &'static [LabelVariant],
    reuse: bool,
) -> NodePattern {
    NodePattern {
        labels: if reuse {
            Vec::new()
        } else {
            variants.iter().map(|v| v.label).collect()
        },
        variants,
        ..node(Some(binding), None, reuse)
    }
}

/// `(:A|B|..)`: an anonymous node of a label expression.
pub(crate) fn node_of_labels(labels: Vec<GraphName>) -> NodePattern {
    NodePattern {
        labels,
        ..anonymous()
    }
}

impl NodePattern {
    /// The node with inline properties `{key: value, ..}`.
    pub(crate) fn with_props(self, props: Vec<(GraphName, ExprNode)>) -> Self {
        Self { props, ..self }
    }
}

/// `-[variable:TYPE|..]->` (or `<-`, `-`) with its length range and inline properties.
pub(crate) fn rel(
    binding: Option<BindingKey>,
    types: Cow<'static, [GraphName]>,
    direction: Direction,
    extras: RelExtras,
) -> RelPattern {
    RelPattern {
        binding,
        types,
        direction,
        extras,
        reuse: false,
    }
}

/// `-[variable]->`: the relationship bound to `binding` before, again.
pub(crate) fn rel_again(binding: BindingKey, direction: Direction) -> RelPattern {
    RelPattern {
        reuse: true,
        ..rel(
            Some(binding),
            Cow::Borrowed(&[]),
            direction,
            RelExtras::default(),
        )
    }
}

/// `Outgoing` or `Incoming`.
pub(crate) fn direction(outgoing: bool) -> Direction {
    if outgoing {
        Direction::Outgoing
    } else {
        Direction::Incoming
    }
}

/// A pattern of one node; steps follow with [`PathPattern::then`].
pub(crate) fn path(start: NodePattern) -> PathPattern {
    PathPattern {
        path: None,
        shortest: None,
        nodes: &[],
        start,
        steps: Vec::with_capacity(4),
    }
}

impl PathPattern {
    /// The pattern followed by `-[rel]->(node)`.
    pub(crate) fn then(mut self, rel: RelPattern, node: NodePattern) -> Self {
        self.steps.push(PatternStep::Rel(rel, node));
        self
    }
}

/// A length range: `*min..max`, either end open when `None`.
pub(crate) fn hops(min: Option<u32>, max: Option<u32>) -> HopBounds {
    HopBounds { min, max }
}

/// `(inner WHERE filter){bounds}`: a quantified path pattern as a step.
pub(crate) fn quantified(
    inner: PathPattern,
    filter: Option<ExprNode>,
    bounds: HopBounds,
) -> PatternStep {
    PatternStep::Quantified(Box::new(Quantified {
        inner,
        filter,
        bounds,
    }))
}

// ---- clauses ----

/// A query of these clauses.
pub(crate) fn query(clauses: Vec<Clause>) -> QueryAst {
    QueryAst { clauses }
}

/// `MATCH patterns WHERE filter` (`OPTIONAL MATCH` when `optional`).
pub(crate) fn match_(
    optional: bool,
    patterns: Vec<PathPattern>,
    filter: Option<ExprNode>,
) -> Clause {
    Clause::Match(MatchClause {
        optional,
        patterns,
        filter,
    })
}

/// An item of a projection: `expr`, or `expr AS name`.
pub(crate) fn item(expr: ExprNode, name: Option<BindingKey>) -> ReturnItem {
    ReturnItem { expr, name }
}

/// A projection of `items`; its `DISTINCT`, `ORDER BY`, `SKIP`, `LIMIT` and `WHERE` are
/// set on it after.
pub(crate) fn projection(items: Vec<ReturnItem>) -> ProjectionClause {
    ProjectionClause {
        items,
        ..ProjectionClause::default()
    }
}

/// `*`: a projection of everything in scope.
pub(crate) fn projection_star() -> ProjectionClause {
    ProjectionClause {
        star: true,
        ..ProjectionClause::default()
    }
}

/// `WITH *`.
pub(crate) fn with_star() -> Clause {
    Clause::With(projection_star())
}

/// `WITH items`.
pub(crate) fn with(items: Vec<ReturnItem>) -> Clause {
    Clause::With(projection(items))
}

/// `WITH items WHERE filter`.
pub(crate) fn with_where(items: Vec<ReturnItem>, filter: ExprNode) -> Clause {
    let mut projection = projection(items);
    projection.filter = Some(filter);
    Clause::With(projection)
}

/// `RETURN items`.
pub(crate) fn return_(items: Vec<ReturnItem>) -> Clause {
    Clause::Return(projection(items))
}

/// `UNWIND list AS name`.
pub(crate) fn unwind(list: ExprNode, name: BindingKey) -> Clause {
    Clause::Unwind(UnwindClause { list, name })
}

/// `CALL (imports) { body }` (`OPTIONAL CALL` when `optional`, `IN TRANSACTIONS OF n ROWS`
/// with `in_transactions`); `exported` are the ids of what stays bound after it.
pub(crate) fn call(
    optional: bool,
    imports: Vec<BindingKey>,
    body: QueryAst,
    exported: Vec<u64>,
    in_transactions: Option<u64>,
) -> Clause {
    Clause::Call(CallClause {
        optional,
        imports,
        body,
        exported,
        in_transactions,
    })
}

/// `CALL name(args) YIELD column AS name, ..`.
pub(crate) fn procedure(
    name: Cow<'static, str>,
    args: Vec<ExprNode>,
    yields: Vec<(Cow<'static, str>, BindingKey)>,
) -> Clause {
    Clause::Procedure(ProcedureClause {
        name,
        args,
        yields,
        filter: None,
    })
}

/// `(variable:Label:Extra $value)` of a `CREATE`.
pub(crate) fn create_node(
    binding: BindingKey,
    label: GraphName,
    extra: &'static [GraphName],
    value: ExprNode,
    properties: &'static [PropertyMeta],
) -> Created {
    Created::Node {
        binding,
        label,
        extra,
        value,
        properties,
    }
}

/// `(from)-[variable:TYPE $value]->(to)` of a `CREATE`.
pub(crate) fn create_rel(
    [from, binding, to]: [BindingKey; 3],
    rel_type: GraphName,
    value: Option<ExprNode>,
    properties: &'static [PropertyMeta],
) -> Created {
    Created::Rel {
        from,
        binding,
        rel_type,
        value,
        properties,
        to,
    }
}

/// `CREATE items`.
pub(crate) fn create(items: Vec<Created>) -> Clause {
    Clause::Create(CreateClause { items })
}

/// `MERGE pattern ON CREATE SET on_create ON MATCH SET on_match`.
pub(crate) fn merge(
    pattern: PathPattern,
    on_create: Vec<SetItem>,
    on_match: Vec<SetItem>,
) -> Clause {
    Clause::Merge(MergeClause {
        pattern,
        on_create,
        on_match,
    })
}

/// `variable.key = value`.
pub(crate) fn set_property(binding: BindingKey, key: GraphName, value: ExprNode) -> SetItem {
    SetItem::Property {
        binding,
        key,
        value,
    }
}

/// `variable = value`, or `variable += value` when `merge`.
pub(crate) fn set_whole(binding: BindingKey, value: ExprNode, merge: bool) -> SetItem {
    SetItem::Whole {
        binding,
        value,
        merge,
    }
}

/// `variable:Label`.
pub(crate) fn set_label(binding: BindingKey, label: GraphName) -> SetItem {
    SetItem::Label { binding, label }
}

/// `variable:$(value)`.
pub(crate) fn set_dynamic_label(binding: BindingKey, value: ExprNode) -> SetItem {
    SetItem::DynamicLabel { binding, value }
}

/// `SET items`.
pub(crate) fn set(items: Vec<SetItem>) -> Clause {
    Clause::Set(SetClause { items })
}

/// `variable.key` of a `REMOVE`.
pub(crate) fn remove_property(binding: BindingKey, key: GraphName) -> RemoveItem {
    RemoveItem::Property { binding, key }
}

/// `variable:Label` (or `variable:$(value)`) of a `REMOVE`.
pub(crate) fn remove_label(label: SetItem) -> RemoveItem {
    RemoveItem::Label(label)
}

/// `REMOVE items`.
pub(crate) fn remove(items: Vec<RemoveItem>) -> Clause {
    Clause::Remove(RemoveClause { items })
}

/// `DELETE items`, or `DETACH DELETE items`.
pub(crate) fn delete(detach: bool, items: Vec<BindingKey>) -> Clause {
    Clause::Delete(DeleteClause { detach, items })
}

/// `FOREACH (name IN list | body)`.
pub(crate) fn foreach(name: BindingKey, list: ExprNode, body: Vec<Clause>) -> Clause {
    Clause::Foreach(ForeachClause {
        name,
        list,
        body: query(body),
    })
}
