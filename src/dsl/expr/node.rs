//! The untyped expression tree the renderer walks.

use crate::dsl::value::Value;
use crate::schema::names::GraphName;
use crate::schema::BindingKey;

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
        op: Box<super::list::ListOp>,
    },
    /// `variable {.key, name: expr, ..}`
    MapProjection {
        binding: BindingKey,
        entries: Vec<super::map::MapEntry>,
    },
    /// `expr.component` of a temporal value (`.year`, `.hour`, ..)
    Component(Box<ExprNode>, &'static str),
    /// `EXISTS { .. }`, `COUNT { .. }`, `COLLECT { .. }`
    Subquery(Box<crate::dsl::subquery::SubqueryExpr>),
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

impl ExprNode {
    /// A parameter holding `value`; for the derives of user property types.
    #[doc(hidden)]
    pub fn param(value: crate::dsl::Value) -> Self {
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

    pub(crate) fn binary(op: BinaryOp, left: ExprNode, right: ExprNode) -> Self {
        Self(ExprKind::Binary(op, Box::new([left, right])))
    }

    pub(crate) fn call(name: &'static str, args: Vec<ExprNode>) -> Self {
        Self(ExprKind::Call {
            name,
            distinct: false,
            args,
        })
    }

    /// Calls `visit` on this node and every node below it.
    pub(crate) fn walk(&self, visit: &mut impl FnMut(&ExprKind)) {
        visit(&self.0);
        match &self.0 {
            ExprKind::Property { .. }
            | ExprKind::Variable(_)
            | ExprKind::Identified { .. }
            | ExprKind::Param(_)
            | ExprKind::Unsendable(_)
            | ExprKind::NamedParam(_)
            | ExprKind::Raw(_)
            | ExprKind::Local { .. }
            | ExprKind::CountAll => {}
            ExprKind::List { list, op, .. } => {
                list.walk(visit);
                match &**op {
                    super::list::ListOp::Comprehension { filter, map } => {
                        filter.iter().chain(map).for_each(|e| e.walk(visit))
                    }
                    super::list::ListOp::Quantifier(_, pred) => pred.walk(visit),
                    super::list::ListOp::Reduce { init, step } => {
                        init.walk(visit);
                        step.walk(visit);
                    }
                }
            }
            ExprKind::Binary(_, pair) | ExprKind::Index(pair) => {
                pair.iter().for_each(|e| e.walk(visit))
            }
            ExprKind::Subquery(sub) => sub.body.for_each_expr(&mut |e| e.walk(visit)),
            ExprKind::Not(inner)
            | ExprKind::Negate(inner)
            | ExprKind::Component(inner, _)
            | ExprKind::IsNull { expr: inner, .. } => inner.walk(visit),
            ExprKind::Call { args, .. } => args.iter().for_each(|a| a.walk(visit)),
            ExprKind::MapProjection { entries, .. } => entries
                .iter()
                .filter_map(|e| e.value.as_ref())
                .for_each(|e| e.walk(visit)),
            ExprKind::Slice { list, from, to } => {
                list.walk(visit);
                from.iter().chain(to).for_each(|e| e.walk(visit));
            }
            ExprKind::Case {
                subject,
                branches,
                otherwise,
            } => {
                subject.iter().chain(otherwise).for_each(|e| e.walk(visit));
                for (when, then) in branches {
                    when.walk(visit);
                    then.walk(visit);
                }
            }
        }
    }
}

impl ExprKind {
    /// The id of the binding this node reads directly, if any.
    pub(crate) fn binding_id(&self) -> Option<u64> {
        match self {
            ExprKind::Property { binding, .. }
            | ExprKind::Variable(binding)
            | ExprKind::Identified { binding, .. } => Some(binding.id),
            _ => None,
        }
    }
}
