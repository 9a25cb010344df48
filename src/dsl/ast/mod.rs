//! The untyped query tree, as plain data: expressions, patterns, clauses and whole
//! queries, with small constructors. The typed builders and the OGM's plans build it, the
//! renderer writes it; nothing here knows the typed protocol above it. The tree is
//! recursive (a subquery expression holds a query, a clause holds expressions), so its
//! types share this one file.

use crate::dsl::value::Value;
use crate::schema::names::GraphName;
use crate::schema::BindingKey;
use crate::schema::LabelVariant;
use crate::schema::PropertyMeta;
use std::borrow::Cow;

pub(crate) mod build;
pub(crate) mod visit;

/// An expression tree node; opaque, built only through the typed DSL.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprNode(pub(crate) ExprKind);

/// The shapes of [`ExprNode`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind {
    /// `variable.key`
    Property { binding: BindingKey, key: GraphName },
    /// A whole node or relationship, a named value, or a list variable.
    Variable(BindingKey),
    /// `{element_id: elementId(v), labels: labels(v), data: v}` (`[type(v)]` for relationships).
    Identified {
        binding: BindingKey,
        relationship: bool,
    },
    /// A value, always rendered as a generated `$parameter`.
    Param(std::sync::Arc<Value>),
    /// A value that cannot be sent (its `Serialize` failed): renders as `null` and makes
    /// the query fail with this message before it is sent.
    Unsendable(String),
    /// `null`.
    Null,
    /// A parameter named by the user, bound when the query runs.
    NamedParam(&'static str),
    /// Cypher text inserted as it is (an explicitly unchecked fragment).
    Raw(String),
    /// `left <op> right`
    /// Both operands in one allocation.
    Binary(BinaryOp, Box<[ExprNode; 2]>),
    /// `NOT expr`
    Not(Box<ExprNode>),
    /// `-expr`
    Negate(Box<ExprNode>),
    /// `expr IS NULL` / `expr IS NOT NULL`
    IsNull { expr: Box<ExprNode>, negated: bool },
    /// `name(DISTINCT? args..)`
    Call {
        name: &'static str,
        distinct: bool,
        args: Vec<ExprNode>,
    },
    /// `count(*)`
    CountAll,
    /// `list[index]`
    Index(Box<[ExprNode; 2]>),
    /// `list[from..to]`
    Slice {
        list: Box<ExprNode>,
        from: Option<Box<ExprNode>>,
        to: Option<Box<ExprNode>>,
    },
    /// The item (or accumulator) of the list operation at nesting `depth`.
    Local { depth: u32, accumulator: bool },
    /// A comprehension, quantifier or `reduce` over `list`, whose item is at `depth`.
    List {
        list: Box<ExprNode>,
        depth: u32,
        op: Box<ListOp>,
    },
    /// `variable {.key, name: expr, ..}`
    MapProjection {
        binding: BindingKey,
        entries: Vec<MapEntry>,
    },
    /// `{key: expr, ..}`: a map literal.
    Map(Vec<MapEntry>),
    /// `expr.key`: a key of a map value.
    Key(Box<ExprNode>, GraphName),
    /// `expr.component` of a temporal value (`.year`, `.hour`, ..)
    Component(Box<ExprNode>, &'static str),
    /// `EXISTS { .. }`, `COUNT { .. }`, `COLLECT { .. }`
    Subquery(Box<SubqueryExpr>),
    /// `CASE subject? WHEN .. THEN .. ELSE .. END`
    Case {
        subject: Option<Box<ExprNode>>,
        branches: Vec<(ExprNode, ExprNode)>,
        otherwise: Option<Box<ExprNode>>,
    },
}

/// Binary operators, with the precedence the renderer uses for parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    StartsWith,
    EndsWith,
    Contains,
    Regex,
    In,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinaryOp {
    /// The Cypher spelling.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Self::Or => "OR",
            Self::Xor => "XOR",
            Self::And => "AND",
            Self::Eq => "=",
            Self::Ne => "<>",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::StartsWith => "STARTS WITH",
            Self::EndsWith => "ENDS WITH",
            Self::Contains => "CONTAINS",
            Self::Regex => "=~",
            Self::In => "IN",
            Self::Add => "+",
            Self::Sub => "-",
            Self::Mul => "*",
            Self::Div => "/",
            Self::Rem => "%",
        }
    }

    /// Binding strength, lowest first (Cypher's operator precedence).
    pub(crate) fn precedence(self) -> u8 {
        match self {
            Self::Or => 1,
            Self::Xor => 2,
            Self::And => 3,
            Self::Eq
            | Self::Ne
            | Self::Lt
            | Self::Le
            | Self::Gt
            | Self::Ge
            | Self::StartsWith
            | Self::EndsWith
            | Self::Contains
            | Self::Regex
            | Self::In => 5,
            Self::Add | Self::Sub => 6,
            Self::Mul | Self::Div | Self::Rem => 7,
        }
    }
}

impl ExprKind {
    /// The id of the binding this node reads directly, if any.
    #[inline]
    pub(crate) fn binding_id(&self) -> Option<u64> {
        match self {
            ExprKind::Property { binding, .. }
            | ExprKind::Variable(binding)
            | ExprKind::Identified { binding, .. } => Some(binding.id),
            _ => None,
        }
    }
}

/// What a list closure builds: `[x IN list WHERE filter | map]`, a quantifier, or `reduce`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ListOp {
    /// `[x IN list WHERE filter | map]`.
    Comprehension {
        filter: Option<ExprNode>,
        map: Option<ExprNode>,
    },
    /// `any(x IN list WHERE pred)` and its siblings.
    Quantifier(&'static str, ExprNode),
    /// `reduce(acc = init, x IN list | step)`.
    Reduce { init: ExprNode, step: ExprNode },
}

/// One entry of a map projection: `.key` for a property of the projected node, or
/// `key: expr` for anything else.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub struct MapEntry {
    pub(crate) key: crate::schema::names::GraphName,
    /// `None` for `.key`, the projected binding's own property.
    pub(crate) value: Option<ExprNode>,
}

/// Which expression subquery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SubqueryKind {
    Exists,
    Count,
    Collect,
    /// A pattern comprehension, `[(a)-->(b) WHERE .. | b.x]` (rendered as `COLLECT` when
    /// the body is not one pattern and one item).
    Comprehension,
}

/// An expression subquery: its kind and body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SubqueryExpr {
    pub kind: SubqueryKind,
    pub body: QueryAst,
}

/// `(variable:Label {key: value})`, `(variable)` for a node bound before, `()` for an
/// anonymous one.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub struct NodePattern {
    pub(crate) binding: Option<BindingKey>,
    pub(crate) label: Option<GraphName>,
    /// The labels of a label expression `(:A|B)`, when there is no single label.
    pub(crate) labels: Vec<GraphName>,
    /// The variants of a node of several labels bound as an enum (`Item::node()`): a
    /// returned one renders as the variant it holds.
    pub(crate) variants: &'static [LabelVariant],
    pub(crate) reuse: bool,
    pub(crate) props: Vec<(GraphName, ExprNode)>,
    /// `WHERE` inside the node pattern: `(movie:Movie WHERE movie.released > $p0)`.
    pub(crate) filter: Option<ExprNode>,
}

/// `-[variable:TYPE|OTHER*1..3 {key: value}]->` in one of three directions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelPattern {
    pub binding: Option<BindingKey>,
    pub types: std::borrow::Cow<'static, [GraphName]>,
    pub direction: Direction,
    pub extras: RelExtras,
    /// The relationship bound before, again: `-[acted_in]->`.
    pub reuse: bool,
}

/// What a relationship step may add to its type: a length range and inline properties.
#[derive(Debug, Clone, Default, PartialEq)]
#[doc(hidden)]
pub struct RelExtras {
    pub(crate) hops: Option<HopBounds>,
    pub(crate) props: Vec<(GraphName, ExprNode)>,
}

/// The length range of a variable-length step: `*`, `*2`, `*1..3`, `*..5`, `*2..`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HopBounds {
    /// The fewest relationships (`None`: Cypher's default, 1).
    pub min: Option<u32>,
    /// The most relationships (`None`: no limit).
    pub max: Option<u32>,
}

/// Which way a relationship step points, seen from the node before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Outgoing,
    Incoming,
    Either,
}

/// One pattern of a `MATCH`: a start node and steps, maybe bound to a path variable.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PathPattern {
    pub path: Option<BindingKey>,
    pub shortest: Option<Shortest>,
    /// The variants a path's nodes decode as, when they are an enum of labels.
    pub nodes: &'static [LabelVariant],
    pub start: NodePattern,
    pub steps: Vec<PatternStep>,
}

/// One step of a pattern after its start node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PatternStep {
    /// `-[:R]->(node)`.
    Rel(RelPattern, NodePattern),
    /// ` ((..)-[..]->(..) WHERE ..){1,3}`: a quantified path pattern.
    Quantified(Box<Quantified>),
    /// ` (node)`: the node after a quantified path pattern, where its last repetition ends.
    Node(NodePattern),
}

/// A quantified path pattern: the inner pattern, its `WHERE`, and how often it repeats.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantified {
    pub inner: PathPattern,
    pub filter: Option<ExprNode>,
    pub bounds: HopBounds,
}

/// `shortestPath(..)` or `allShortestPaths(..)` around a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shortest {
    One,
    All,
}

/// One clause of a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Clause {
    Match(MatchClause),
    Call(CallClause),
    Procedure(ProcedureClause),
    With(ProjectionClause),
    Unwind(UnwindClause),
    Return(ProjectionClause),
    Create(CreateClause),
    Merge(MergeClause),
    Set(SetClause),
    Remove(RemoveClause),
    Delete(DeleteClause),
    Foreach(ForeachClause),
    /// `FINISH`: the query ends without returning rows.
    Finish,
}

/// A whole single query: its clauses in order.
#[derive(Debug, Clone, Default, PartialEq)]
#[doc(hidden)]
pub struct QueryAst {
    pub(crate) clauses: Vec<Clause>,
}

/// `MATCH` or `OPTIONAL MATCH` with its patterns and `WHERE`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MatchClause {
    pub optional: bool,
    pub patterns: Vec<PathPattern>,
    pub filter: Option<ExprNode>,
}

/// `CALL (imports) { body }`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CallClause {
    pub optional: bool,
    pub imports: Vec<BindingKey>,
    pub body: QueryAst,
    /// Ids of what the body returns, which stay bound after it.
    pub exported: Vec<u64>,
    /// `IN TRANSACTIONS OF n ROWS`.
    pub in_transactions: Option<u64>,
}

/// `CALL name(args) YIELD column AS name, .. WHERE ..`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProcedureClause {
    pub name: Cow<'static, str>,
    pub args: Vec<ExprNode>,
    pub yields: Vec<(Cow<'static, str>, BindingKey)>,
    pub filter: Option<ExprNode>,
}

/// One projected item: an expression and, for `expr AS name`, the name's binding.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub struct ReturnItem {
    pub(crate) expr: ExprNode,
    pub(crate) name: Option<BindingKey>,
}

/// `WITH` or `RETURN` with everything that may follow it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ProjectionClause {
    pub items: Vec<ReturnItem>,
    /// `WITH *`: carries everything (used for a `WHERE` right after `UNWIND`).
    pub star: bool,
    pub distinct: bool,
    pub order: Vec<(ExprNode, bool)>,
    pub skip: Option<ExprNode>,
    pub limit: Option<ExprNode>,
    pub filter: Option<ExprNode>,
}

/// `UNWIND list AS name`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnwindClause {
    pub list: ExprNode,
    pub name: BindingKey,
}

/// What a `CREATE` clause creates, in order.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub enum Created {
    /// `(variable:Label:Extra $value)`.
    Node {
        binding: BindingKey,
        label: GraphName,
        /// Labels the node also carries.
        extra: &'static [GraphName],
        value: ExprNode,
        /// The label's properties, to spread a named row over.
        properties: &'static [PropertyMeta],
    },
    /// `(from)-[variable:TYPE $value]->(to)`; no value for a relationship without properties.
    Rel {
        from: BindingKey,
        binding: BindingKey,
        rel_type: GraphName,
        value: Option<ExprNode>,
        /// The type's properties, to spread a named row over.
        properties: &'static [PropertyMeta],
        to: BindingKey,
    },
}

/// `CREATE a, b, ..`, then `SET` of the values that are expressions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CreateClause {
    pub items: Vec<Created>,
}

/// `MERGE pattern ON CREATE SET .. ON MATCH SET ..`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MergeClause {
    pub pattern: PathPattern,
    pub on_create: Vec<SetItem>,
    pub on_match: Vec<SetItem>,
}

/// One item of `SET` (also of `ON CREATE SET` and `ON MATCH SET`).
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub enum SetItem {
    /// `variable.key = value`
    Property {
        binding: BindingKey,
        key: GraphName,
        value: ExprNode,
    },
    /// `variable = value` (`merge`: `variable += value`)
    Whole {
        binding: BindingKey,
        value: ExprNode,
        merge: bool,
    },
    /// `variable:Label`
    Label {
        binding: BindingKey,
        label: GraphName,
    },
    /// `variable:$(value)`
    DynamicLabel {
        binding: BindingKey,
        value: ExprNode,
    },
}

/// `SET a, b, ..`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SetClause {
    pub items: Vec<SetItem>,
}

/// One item of `REMOVE`.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub enum RemoveItem {
    /// `variable.key`
    Property { binding: BindingKey, key: GraphName },
    /// `variable:Label`, `variable:$(value)`
    Label(SetItem),
}

/// `REMOVE a, b, ..`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RemoveClause {
    pub items: Vec<RemoveItem>,
}

/// `DELETE a, b` or `DETACH DELETE a, b`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeleteClause {
    pub detach: bool,
    pub items: Vec<BindingKey>,
}

/// `FOREACH (name IN list | body)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ForeachClause {
    pub name: BindingKey,
    pub list: ExprNode,
    pub body: QueryAst,
}

impl SubqueryKind {
    /// The column name of a returned subquery nobody named.
    pub(crate) fn column(self) -> &'static str {
        match self {
            SubqueryKind::Exists => "exists",
            SubqueryKind::Count => "count",
            SubqueryKind::Collect | SubqueryKind::Comprehension => "collect",
        }
    }

    pub(crate) fn keyword(self) -> &'static str {
        match self {
            SubqueryKind::Exists => "EXISTS {",
            SubqueryKind::Count => "COUNT {",
            SubqueryKind::Collect | SubqueryKind::Comprehension => "COLLECT {",
        }
    }
}
