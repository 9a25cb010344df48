//! The one renderer: variables, escaping, parentheses and parameter collection.
//!
//! Clauses render themselves (each clause module holds its own rendering) through a
//! renderer, which names variables and parameters so that they depend only on the
//! query's shape, and writes expressions with the parentheses Cypher's precedence needs.

use super::clause::QueryAst;
use super::expr::{ExprNode, Node};
use super::value::Value;
use crate::schema::BindingKey;
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
    named: Vec<&'static str>,
}

impl CompiledQuery {
    /// The Cypher text, one clause after another on a single line.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parameters, in the order they appear in the text: generated ones (`$p0`, ..) and
    /// the values bound to named parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The result columns in `RETURN` order: the name of each (an alias, or a variable).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The named parameters ([`param`](crate::dsl::param)) the text reads.
    pub fn named_params(&self) -> &[&'static str] {
        &self.named
    }

    /// The same query with `value` for named parameter `name`.
    pub(crate) fn with_bound(&self, bound: &[(&'static str, Value)]) -> Self {
        let mut out = self.clone();
        for (name, value) in bound {
            if let Some(slot) = out.params.0.iter_mut().find(|(n, _)| n == name) {
                slot.1 = value.clone();
            } else {
                out.params.0.push(((*name).to_owned(), value.clone()));
            }
        }
        out
    }
}

/// Multi-line Cypher, then one `// $name = value` comment line per parameter.
impl fmt::Display for CompiledQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))?;
        for (name, value) in self.params.iter() {
            write!(f, "\n// ${name} = {value}")?;
        }
        for name in &self.named {
            if self.params.get(name).is_none() {
                write!(f, "\n// ${name} (bound when run)")?;
            }
        }
        Ok(())
    }
}

/// The named parameters of a query, in order of appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(Vec<(String, Value)>);

impl Params {
    /// `(name, value)` pairs in order of appearance.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// The value of parameter `name` (without `$`).
    pub fn get(&self, name: &str) -> Option<&Value> {
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

/// Renders queries joined by `UNION` (one query when `branches` has one), with
/// parameters numbered across all of them. Later branches take the first one's column names.
pub(crate) fn render(branches: &[(&QueryAst, bool)]) -> CompiledQuery {
    let mut named = Vec::new();
    for (ast, _) in branches {
        ast.for_each_expr(&mut |e| {
            e.for_each_named_param(&mut |n| {
                if !named.contains(&n) {
                    named.push(n);
                }
            })
        });
    }
    let mut params = Vec::new();
    let mut lines = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    for (i, (ast, all)) in branches.iter().enumerate() {
        if i > 0 {
            lines.push(if *all { "UNION ALL" } else { "UNION" }.to_owned());
        }
        let mut renderer = Renderer::new(ast, params, &named);
        renderer.forced_columns = (i > 0).then(|| columns.clone());
        for clause in &ast.clauses {
            clause.render(&mut renderer, &mut lines);
        }
        if i == 0 {
            columns = std::mem::take(&mut renderer.columns);
        }
        params = renderer.params;
    }
    CompiledQuery {
        text: lines.join(" "),
        lines,
        params: Params(params),
        columns,
        named,
    }
}

/// Names variables, aliases and parameters while clauses render.
pub(crate) struct Renderer<'n> {
    /// Variable of each binding's latest occurrence.
    variables: HashMap<BindingKey, String>,
    /// Every variable name handed out.
    taken: HashSet<String>,
    /// Bindings some expression reads: relationships get a variable only then.
    read: HashSet<BindingKey>,
    params: Vec<(String, Value)>,
    /// Names of the user's named parameters, which generated names avoid.
    named: &'n [&'static str],
    next_param: usize,
    /// The columns of the last projection rendered.
    pub(crate) columns: Vec<String>,
    /// Column names a later `UNION` branch must use.
    pub(crate) forced_columns: Option<Vec<String>>,
}

impl<'n> Renderer<'n> {
    fn new(ast: &QueryAst, params: Vec<(String, Value)>, named: &'n [&'static str]) -> Self {
        let mut read = HashSet::new();
        ast.for_each_expr(&mut |expr| {
            expr.for_each_binding(&mut |key| {
                read.insert(key);
            })
        });
        Self {
            variables: HashMap::new(),
            taken: HashSet::new(),
            read,
            next_param: params.len(),
            params,
            named,
            columns: Vec::new(),
            forced_columns: None,
        }
    }

    /// Whether an expression of the query reads `key`.
    pub(crate) fn is_read(&self, key: &BindingKey) -> bool {
        self.read.contains(key)
    }

    /// A new variable for `key`: its preferred name, or that name with `_2`, `_3`, ..
    pub(crate) fn fresh(&mut self, key: BindingKey) -> String {
        let name = self.free_name(key.variable);
        self.variables.insert(key, name.clone());
        name
    }

    /// `preferred`, or `preferred_2`, `preferred_3`, .. whichever is free; marks it taken.
    pub(crate) fn free_name(&mut self, preferred: &str) -> String {
        let mut name = preferred.to_owned();
        let mut n = 1;
        while self.taken.contains(&name) {
            n += 1;
            name = format!("{preferred}_{n}");
        }
        self.taken.insert(name.clone());
        name
    }

    /// The variable of `key`, naming it now if nothing has yet.
    pub(crate) fn variable(&mut self, key: BindingKey) -> String {
        match self.variables.get(&key) {
            Some(name) => name.clone(),
            None => self.fresh(key),
        }
    }

    /// The variable of an existing binding, as Cypher text.
    pub(crate) fn variable_text(&mut self, key: BindingKey) -> String {
        escape_name(&self.variable(key)).into_owned()
    }

    /// Adds a generated parameter and writes `$pN`.
    fn param(&mut self, value: &Value, out: &mut String) {
        let name = loop {
            let candidate = format!("p{}", self.next_param);
            self.next_param += 1;
            if !self.named.contains(&candidate.as_str()) {
                break candidate;
            }
        };
        out.push('$');
        out.push_str(&name);
        self.params.push((name, value.clone()));
    }

    /// Writes `expr`, in parentheses when its precedence is below `min`.
    fn operand(&mut self, expr: &ExprNode, min: u8, out: &mut String) {
        if precedence(expr) < min {
            out.push('(');
            self.expr(expr, out);
            out.push(')');
        } else {
            self.expr(expr, out);
        }
    }

    /// Writes an expression.
    pub(crate) fn expr(&mut self, expr: &ExprNode, out: &mut String) {
        match &expr.0 {
            Node::Property { binding, key } => {
                let variable = self.variable_text(*binding);
                out.push_str(&variable);
                out.push('.');
                out.push_str(&escape_name(key));
            }
            Node::Variable(binding) => {
                let variable = self.variable_text(*binding);
                out.push_str(&variable);
            }
            Node::Identified {
                binding,
                relationship,
            } => {
                let v = self.variable_text(*binding);
                let labels = if *relationship {
                    format!("[type({v})]")
                } else {
                    format!("labels({v})")
                };
                out.push_str(&format!(
                    "{{element_id: elementId({v}), labels: {labels}, data: {v}}}"
                ));
            }
            Node::Param(value) => self.param(value, out),
            Node::NamedParam(name) => {
                out.push('$');
                out.push_str(&escape_name(name));
            }
            Node::Raw(text) => out.push_str(text),
            Node::Binary(op, left, right) => {
                let own = op.precedence();
                // Boolean and arithmetic operators chain to the left; comparisons never
                // chain, so their operands must bind tighter. The right side always binds
                // tighter, so the tree's shape survives rendering.
                let left_min = if own == 5 { own + 1 } else { own };
                self.operand(left, left_min, out);
                out.push(' ');
                out.push_str(op.keyword());
                out.push(' ');
                self.operand(right, own + 1, out);
            }
            Node::Not(inner) => {
                out.push_str("NOT ");
                self.operand(inner, ATOM, out);
            }
            Node::Negate(inner) => {
                out.push('-');
                self.operand(inner, ATOM, out);
            }
            Node::IsNull {
                expr: inner,
                negated,
            } => {
                self.operand(inner, ATOM, out);
                out.push_str(if *negated { " IS NOT NULL" } else { " IS NULL" });
            }
            Node::Call {
                name,
                distinct,
                args,
            } => {
                out.push_str(name);
                out.push('(');
                if *distinct {
                    out.push_str("DISTINCT ");
                }
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.expr(arg, out);
                }
                out.push(')');
            }
            Node::CountAll => out.push_str("count(*)"),
            Node::Index(list, index) => {
                self.operand(list, ATOM, out);
                out.push('[');
                self.expr(index, out);
                out.push(']');
            }
            Node::Slice { list, from, to } => {
                self.operand(list, ATOM, out);
                out.push('[');
                if let Some(from) = from {
                    self.expr(from, out);
                }
                out.push_str("..");
                if let Some(to) = to {
                    self.expr(to, out);
                }
                out.push(']');
            }
            Node::Case {
                subject,
                branches,
                otherwise,
            } => {
                out.push_str("CASE");
                if let Some(subject) = subject {
                    out.push(' ');
                    self.expr(subject, out);
                }
                for (when, then) in branches {
                    out.push_str(" WHEN ");
                    self.expr(when, out);
                    out.push_str(" THEN ");
                    self.expr(then, out);
                }
                if let Some(otherwise) = otherwise {
                    out.push_str(" ELSE ");
                    self.expr(otherwise, out);
                }
                out.push_str(" END");
            }
        }
    }

    /// Renders an expression to a new string.
    pub(crate) fn expr_text(&mut self, expr: &ExprNode) -> String {
        let mut out = String::new();
        self.expr(expr, &mut out);
        out
    }
}

/// The precedence of atoms: variables, literals, calls.
const ATOM: u8 = 10;

/// Binding strength of an expression, lowest first; drives parentheses.
fn precedence(expr: &ExprNode) -> u8 {
    match &expr.0 {
        Node::Binary(op, ..) => op.precedence(),
        Node::Not(_) => 4,
        Node::IsNull { .. } => 5,
        Node::Negate(_) => 9,
        Node::Raw(_) => 0,
        Node::Property { .. }
        | Node::Variable(_)
        | Node::Identified { .. }
        | Node::Param(_)
        | Node::NamedParam(_)
        | Node::Call { .. }
        | Node::CountAll
        | Node::Index(..)
        | Node::Slice { .. }
        | Node::Case { .. } => ATOM,
    }
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
}
