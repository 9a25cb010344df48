//! Rendering to parameterised Cypher: names, escaping, parentheses and parameters.

use super::ast::{Direction, MatchClause, NodePattern, QueryAst, RelPattern};
use super::expr::{BinaryOp, Expr, ExprKind};
use crate::schema::BindingKey;
use itertools::Itertools;
use neo4rs::BoltType;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A rendered query: Cypher text plus its named parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledQuery {
    lines: Vec<String>,
    text: String,
    params: Params,
    columns: Vec<String>,
}

impl CompiledQuery {
    /// The Cypher text, one clause after another on a single line.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The named parameters, in the order they appear in the text.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The result columns in `RETURN` order: each one's Cypher expression, which is also the
    /// name the server gives the column.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Text and parameters as a `neo4rs` query, ready to run.
    pub fn to_neo4rs(&self) -> neo4rs::Query {
        self.params
            .iter()
            .fold(neo4rs::query(&self.text), |q, (name, value)| {
                q.param(name, value.clone())
            })
    }
}

/// Multi-line Cypher, then one `// $name = value` comment line per parameter.
impl fmt::Display for CompiledQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))?;
        for (name, value) in self.params.iter() {
            write!(f, "\n// ${name} = ")?;
            write_value(f, value)?;
        }
        Ok(())
    }
}

/// The named parameters of a query, in order of appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(Vec<(String, BoltType)>);

impl Params {
    /// `(name, value)` pairs in order of appearance.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &BoltType)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// The value of parameter `name` (without `$`).
    pub fn get(&self, name: &str) -> Option<&BoltType> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// How many parameters there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Cypher's reserved words: names spelled like one are always quoted.
const RESERVED: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "ASCENDING",
    "BY",
    "CALL",
    "CASE",
    "CONSTRAINT",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "DO",
    "DROP",
    "ELSE",
    "END",
    "ENDS",
    "EXISTS",
    "FALSE",
    "FOR",
    "FOREACH",
    "IN",
    "INDEX",
    "IS",
    "LIMIT",
    "LOAD",
    "MANDATORY",
    "MATCH",
    "MERGE",
    "NODE",
    "NOT",
    "NULL",
    "OF",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "REMOVE",
    "REQUIRE",
    "RETURN",
    "SCALAR",
    "SET",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UNWIND",
    "USE",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
    "YIELD",
];

/// Escapes a label, relationship type, property key or variable for Cypher.
///
/// Plain identifiers (ASCII letter or `_`, then letters, digits, `_`) that are not reserved
/// words stay as they are. Anything else is wrapped in backticks with inner backticks doubled.
/// The escape sequences `\u0060` and `\U00000060` are read as the backtick they stand for
/// before quoting, because Cypher decodes them inside quoted names.
pub fn escape_name(name: &str) -> Cow<'_, str> {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name));
    if plain {
        return Cow::Borrowed(name);
    }
    let decoded = name.replace("\\u0060", "`").replace("\\U00000060", "`");
    Cow::Owned(format!("`{}`", decoded.replace('`', "``")))
}

/// Binding strength of an expression, lowest first; drives parentheses.
fn precedence(expr: &Expr) -> u8 {
    match &expr.0 {
        ExprKind::Binary(BinaryOp::Or, ..) => 1,
        ExprKind::Binary(BinaryOp::Xor, ..) => 2,
        ExprKind::Binary(BinaryOp::And, ..) => 3,
        ExprKind::Not(_) => 4,
        ExprKind::Binary(..) | ExprKind::IsNull { .. } => 5,
        ExprKind::Property { .. }
        | ExprKind::Variable(_)
        | ExprKind::Identified { .. }
        | ExprKind::Param(_) => 6,
    }
}

/// Renders a query; variable and parameter names depend only on the query's shape.
pub(crate) fn render(ast: &QueryAst) -> CompiledQuery {
    let mut renderer = Renderer::new(ast);
    let mut lines = Vec::new();
    for clause in &ast.clauses {
        renderer.clause(clause, &mut lines);
    }
    let columns = renderer.tail(ast, &mut lines);
    CompiledQuery {
        text: lines.join(" "),
        lines,
        params: Params(renderer.params),
        columns,
    }
}

struct Renderer {
    /// Variable of each binding's first occurrence.
    variables: HashMap<BindingKey, String>,
    /// Every variable name handed out.
    taken: HashSet<String>,
    /// Bindings some expression reads: relationships get a variable only then.
    read: HashSet<BindingKey>,
    params: Vec<(String, BoltType)>,
}

impl Renderer {
    fn new(ast: &QueryAst) -> Self {
        let mut read = HashSet::new();
        let exprs = ast
            .clauses
            .iter()
            .filter_map(|c| c.filter.as_ref())
            .chain(&ast.returns)
            .chain(ast.order.iter().map(|(e, _)| e));
        for expr in exprs {
            expr.for_each_binding(&mut |key| {
                read.insert(key);
            });
        }
        Self {
            variables: HashMap::new(),
            taken: HashSet::new(),
            read,
            params: Vec::new(),
        }
    }

    /// A new variable for `key`: its preferred name, or that name with `_2`, `_3`, ..
    fn fresh(&mut self, key: BindingKey) -> String {
        let name = (1..)
            .map(|n| match n {
                1 => key.variable.to_owned(),
                n => format!("{}_{n}", key.variable),
            })
            .find(|candidate| !self.taken.contains(candidate))
            .expect("an unbounded range always yields a free name");
        self.taken.insert(name.clone());
        self.variables.entry(key).or_insert_with(|| name.clone());
        name
    }

    fn variable(&mut self, key: BindingKey) -> String {
        match self.variables.get(&key) {
            Some(name) => name.clone(),
            None => self.fresh(key),
        }
    }

    fn clause(&mut self, clause: &MatchClause, lines: &mut Vec<String>) {
        let mut pattern = String::new();
        self.node(&clause.start, &mut pattern);
        for (rel, node) in &clause.steps {
            self.rel(rel, &mut pattern);
            self.node(node, &mut pattern);
        }
        let keyword = if clause.optional {
            "OPTIONAL MATCH"
        } else {
            "MATCH"
        };
        lines.push(format!("{keyword} {pattern}"));
        if let Some(filter) = &clause.filter {
            let mut out = String::from("WHERE ");
            self.expr(filter, &mut out);
            lines.push(out);
        }
    }

    fn node(&mut self, node: &NodePattern, out: &mut String) {
        let variable = if node.reuse {
            self.variable(node.binding)
        } else {
            self.fresh(node.binding)
        };
        out.push('(');
        out.push_str(&escape_name(&variable));
        if !node.reuse {
            out.push(':');
            out.push_str(&escape_name(node.label));
        }
        out.push(')');
    }

    fn rel(&mut self, rel: &RelPattern, out: &mut String) {
        out.push_str(if rel.direction == Direction::Incoming {
            "<-["
        } else {
            "-["
        });
        if let Some(key) = rel.binding.filter(|key| self.read.contains(key)) {
            let variable = self.fresh(key);
            out.push_str(&escape_name(&variable));
        }
        out.push(':');
        out.push_str(&rel.types.iter().map(|t| escape_name(t)).join("|"));
        out.push_str(if rel.direction == Direction::Outgoing {
            "]->"
        } else {
            "]-"
        });
    }

    /// Writes `RETURN` and what follows it; returns the column names.
    fn tail(&mut self, ast: &QueryAst, lines: &mut Vec<String>) -> Vec<String> {
        let mut columns = Vec::with_capacity(ast.returns.len());
        for expr in &ast.returns {
            let mut column = String::new();
            self.expr(expr, &mut column);
            columns.push(column);
        }
        let keyword = if ast.distinct {
            "RETURN DISTINCT "
        } else {
            "RETURN "
        };
        lines.push(format!("{keyword}{}", columns.join(", ")));
        if !ast.order.is_empty() {
            let mut out = String::from("ORDER BY ");
            for (i, (expr, descending)) in ast.order.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                self.expr(expr, &mut out);
                out.push_str(if *descending { " DESC" } else { " ASC" });
            }
            lines.push(out);
        }
        for (keyword, expr) in [("SKIP", &ast.skip), ("LIMIT", &ast.limit)] {
            if let Some(expr) = expr {
                let mut out = format!("{keyword} ");
                self.expr(expr, &mut out);
                lines.push(out);
            }
        }
        columns
    }

    /// Writes `expr`, in parentheses when its precedence is below `min`.
    fn operand(&mut self, expr: &Expr, min: u8, out: &mut String) {
        if precedence(expr) < min {
            out.push('(');
            self.expr(expr, out);
            out.push(')');
        } else {
            self.expr(expr, out);
        }
    }

    fn expr(&mut self, expr: &Expr, out: &mut String) {
        match &expr.0 {
            ExprKind::Property { binding, key } => {
                let variable = self.variable(*binding);
                out.push_str(&escape_name(&variable));
                out.push('.');
                out.push_str(&escape_name(key));
            }
            ExprKind::Variable(binding) => {
                let variable = self.variable(*binding);
                out.push_str(&escape_name(&variable));
            }
            ExprKind::Identified {
                binding,
                relationship,
            } => {
                let variable = self.variable(*binding);
                let v = escape_name(&variable);
                let labels = if *relationship {
                    format!("[type({v})]")
                } else {
                    format!("labels({v})")
                };
                out.push_str(&format!(
                    "{{element_id: elementId({v}), labels: {labels}, data: {v}}}"
                ));
            }
            ExprKind::Param(value) => {
                let name = format!("p{}", self.params.len());
                out.push('$');
                out.push_str(&name);
                self.params.push((name, value.clone()));
            }
            ExprKind::Binary(op, left, right) => {
                let own = precedence(expr);
                // Boolean operators chain to the left; comparisons never chain, so their
                // operands must bind tighter. The right side always binds tighter, so the
                // tree's shape survives rendering.
                let left_min = if own <= 3 { own } else { own + 1 };
                self.operand(left, left_min, out);
                out.push(' ');
                out.push_str(op.keyword());
                out.push(' ');
                self.operand(right, own + 1, out);
            }
            ExprKind::Not(inner) => {
                out.push_str("NOT ");
                self.operand(inner, 6, out);
            }
            ExprKind::IsNull {
                expr: inner,
                negated,
            } => {
                self.operand(inner, 6, out);
                out.push_str(if *negated { " IS NOT NULL" } else { " IS NULL" });
            }
        }
    }
}

/// Writes a parameter value readably, for `Display` only (the query text never holds values).
fn write_value(f: &mut impl fmt::Write, value: &BoltType) -> fmt::Result {
    match value {
        BoltType::String(s) => write_string(f, &s.value),
        BoltType::Boolean(b) => write!(f, "{}", b.value),
        BoltType::Null(_) => f.write_str("null"),
        BoltType::Integer(i) => write!(f, "{}", i.value),
        BoltType::Float(x) => write!(f, "{:?}", x.value),
        BoltType::List(list) => {
            f.write_char('[')?;
            for (i, item) in list.value.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_value(f, item)?;
            }
            f.write_char(']')
        }
        BoltType::Map(map) => {
            let mut entries: Vec<_> = map.value.iter().collect();
            entries.sort_by(|a, b| a.0.value.cmp(&b.0.value));
            f.write_char('{')?;
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{}: ", escape_name(&key.value))?;
                write_value(f, item)?;
            }
            f.write_char('}')
        }
        other => write!(f, "{other:?}"),
    }
}

fn write_string(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_plain() {
        assert_eq!(escape_name("Person"), "Person");
        assert_eq!(escape_name("_x1"), "_x1");
    }

    #[test]
    fn odd_names_are_quoted_with_backticks_doubled() {
        assert_eq!(escape_name("Human Being"), "`Human Being`");
        assert_eq!(escape_name("1st"), "`1st`");
        assert_eq!(escape_name("a`b"), "`a``b`");
        assert_eq!(escape_name("Café"), "`Café`");
        assert_eq!(escape_name(""), "``");
    }

    #[test]
    fn unicode_backtick_escapes_cannot_break_out() {
        assert_eq!(
            escape_name("x\\u0060) DETACH DELETE n //"),
            "`x``) DETACH DELETE n //`"
        );
        assert_eq!(escape_name("y\\U00000060z"), "`y``z`");
    }

    #[test]
    fn reserved_words_are_quoted_in_any_case() {
        assert_eq!(escape_name("match"), "`match`");
        assert_eq!(escape_name("Order"), "`Order`");
        assert_eq!(escape_name("Orders"), "Orders");
    }

    #[test]
    fn display_values_are_quoted_and_escaped() {
        let mut out = String::new();
        write_value(&mut out, &BoltType::from("it's\n")).unwrap();
        assert_eq!(out, "'it\\'s\\n'");
        let mut out = String::new();
        write_value(&mut out, &BoltType::from(vec![1i64, 2])).unwrap();
        assert_eq!(out, "[1, 2]");
    }
}
