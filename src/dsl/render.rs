//! The one renderer: variables, escaping, parentheses and parameter collection.
//!
//! Clauses render themselves (each clause module holds its own rendering) through a
//! renderer, which names variables and parameters so that they depend only on the
//! query's shape, and writes expressions with the parentheses Cypher's precedence needs.

use super::expr::ExprKind;
use super::expr::ExprNode;
use super::value::Value;
use crate::dsl::ast::visit;
use crate::dsl::ast::{Clause, ListOp, PathPattern, QueryAst, SubqueryExpr, SubqueryKind};
use crate::schema::names::{is_plain, GraphName};
use crate::schema::BindingKey;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A rendered query: Cypher text plus its named parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledQuery {
    text: String,
    /// Offsets of the spaces between clauses, which `Display` shows as line breaks.
    breaks: Vec<usize>,
    params: Params,
    columns: Vec<String>,
    named: Vec<&'static str>,
    problem: Option<String>,
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

    /// Why a value of the query cannot be sent (its `Serialize` failed, or it is an
    /// integer beyond `i64`): running the query then fails with this message.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The same query with `value` for named parameter `name`.
    pub(crate) fn with_bound(&self, bound: &[(&'static str, Value)]) -> Self {
        let mut out = self.clone();
        for (name, value) in bound {
            if let Some(slot) = out.params.0.iter_mut().find(|(n, _)| n == name) {
                slot.1 = Arc::new(value.clone());
            } else {
                out.params
                    .0
                    .push((Cow::Borrowed(name), Arc::new(value.clone())));
            }
        }
        out
    }
}

/// Multi-line Cypher, then one `// $name = value` comment line per parameter.
impl fmt::Display for CompiledQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut start = 0;
        for &at in &self.breaks {
            f.write_str(&self.text[start..at])?;
            f.write_str("\n")?;
            start = at + 1;
        }
        f.write_str(&self.text[start..])?;
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
pub struct Params(Vec<(Cow<'static, str>, Arc<Value>)>);

impl Params {
    /// `(name, value)` pairs in order of appearance.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_ref(), &**value))
    }

    /// The value of parameter `name` (without `$`).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| &**v)
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

/// Escapes a label, relationship type, property key or variable for Cypher.
///
/// Plain identifiers (ASCII letter or `_`, then letters, digits, `_`) that are not reserved
/// words stay as they are. Anything else is wrapped in backticks with inner backticks doubled.
///
/// Neo4j reads unicode escapes (`\u0060`, `\uu0060`, .. with any number of `u`, and
/// `\U00000060`) as the characters they stand for *before* it reads a quoted name, so such
/// a sequence is decoded here first, and the backticks it may produce are doubled like any
/// other: no name can break out of its quotes. Such a name therefore renders as what it
/// decodes to; the derives refuse names holding `\u` at compile time, so typed queries
/// never rename anything.
pub fn escape_name(name: &str) -> Cow<'_, str> {
    if is_plain(name) {
        return Cow::Borrowed(name);
    }
    let decoded = decode_unicode_escapes(name);
    let mut out = String::with_capacity(decoded.len() + 2);
    out.push('`');
    for c in decoded.chars() {
        if c == '`' {
            out.push('`');
        }
        out.push(c);
    }
    out.push('`');
    Cow::Owned(out)
}

/// Whether `name` holds a sequence Neo4j reads as a unicode escape (`\u`.., `\U`..).
pub fn has_unicode_escape(name: &str) -> bool {
    decode_unicode_escapes(name) != name
}

/// Decodes unicode escapes as Neo4j's parser does before it reads names: a backslash that
/// is not itself escaped (an even number of backslashes before it), then one or more `u`
/// and four hex digits, or `U` and eight hex digits.
fn decode_unicode_escapes(name: &str) -> Cow<'_, str> {
    if !name.contains('\\') {
        return Cow::Borrowed(name);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    let mut backslashes = 0;
    let mut changed = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && backslashes % 2 == 0 {
            if let Some((decoded, used)) = unicode_escape(&chars[i + 1..]) {
                out.push(decoded);
                i += 1 + used;
                backslashes = 0;
                changed = true;
                continue;
            }
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(name)
    }
}

/// The character of an escape body (what follows its backslash) and how many chars it used.
fn unicode_escape(rest: &[char]) -> Option<(char, usize)> {
    let hex = |digits: &[char]| -> Option<u32> {
        digits
            .iter()
            .try_fold(0u32, |acc, d| Some(acc * 16 + d.to_digit(16)?))
    };
    match rest.first()? {
        'u' => {
            let us = rest.iter().take_while(|c| **c == 'u').count();
            let digits = rest.get(us..us + 4)?;
            Some((char::from_u32(hex(digits)?)?, us + 4))
        }
        'U' => {
            let digits = rest.get(1..9)?;
            Some((char::from_u32(hex(digits)?)?, 9))
        }
        _ => None,
    }
}

/// Renders queries joined by `UNION` (one query when `branches` has one), with
/// parameters numbered across all of them. Later branches take the first one's column names.
pub(crate) fn render(branches: &[(&QueryAst, bool)]) -> CompiledQuery {
    let mut pass = PrePass::default();
    let mut reads = Vec::with_capacity(branches.len());
    for (ast, _) in branches {
        pass.read = Vec::with_capacity(8);
        visit::query(ast, &mut pass);
        reads.push(std::mem::take(&mut pass.read));
    }
    let named = pass.named;
    let mut out = Output::default();
    let mut columns: Vec<String> = Vec::new();
    for (i, ((ast, all), read)) in branches.iter().zip(reads).enumerate() {
        if i > 0 {
            out.clause(if *all { "UNION ALL" } else { "UNION" });
        }
        let mut renderer = Renderer::new(read, out, &named);
        if i > 0 {
            renderer.forced_columns = Some(std::mem::take(&mut columns));
        }
        for clause in &ast.clauses {
            clause.render(&mut renderer);
        }
        columns = std::mem::take(&mut renderer.columns);
        out = renderer.out;
    }
    CompiledQuery {
        text: out.text,
        breaks: out.breaks,
        params: Params(out.params),
        columns,
        named,
        problem: out.problem,
    }
}

/// What rendering must know before it starts: the bindings some expression reads (a
/// relationship gets a variable only then) and the user's named parameters (generated
/// names avoid them).
#[derive(Default)]
struct PrePass {
    read: Vec<u64>,
    named: Vec<&'static str>,
}

impl visit::Visitor for PrePass {
    fn expr(&mut self, expr: &ExprKind) {
        match expr {
            ExprKind::NamedParam(name) if !self.named.contains(name) => self.named.push(name),
            _ => {
                if let Some(id) = expr.binding_id() {
                    if !self.read.contains(&id) {
                        self.read.push(id);
                    }
                }
            }
        }
    }
}

/// What rendering writes: the text, where its clauses begin, and the parameters.
#[derive(Default)]
pub(crate) struct Output {
    text: String,
    breaks: Vec<usize>,
    /// Shared with the query's tree: rendering never copies a value.
    params: Vec<(Cow<'static, str>, Arc<Value>)>,
    /// Why a value of the query cannot be sent, if one cannot.
    problem: Option<String>,
}

impl Output {
    /// Starts a clause (a new line in `Display`) with `keyword`.
    fn clause(&mut self, keyword: &str) {
        if self.text.is_empty() {
            self.text.reserve(256);
            self.breaks.reserve(8);
            self.params.reserve(8);
        } else {
            self.breaks.push(self.text.len());
            self.text.push(' ');
        }
        self.text.push_str(keyword);
    }
}

/// What a subquery's rendering must give back to the enclosing query.
pub(crate) struct SavedScope {
    variables: usize,
    columns: Vec<String>,
    forced: Option<Vec<String>>,
}

/// A handle of a name the renderer handed out.
#[derive(Clone, Copy)]
pub(crate) struct NameRef(usize);

/// A name handed out: as the server sees it, and as Cypher text.
struct Taken {
    raw: Cow<'static, str>,
    escaped: Cow<'static, str>,
}

/// Names variables, aliases and parameters while clauses render, writing into one buffer.
pub(crate) struct Renderer<'n> {
    pub(crate) out: Output,
    /// Every name handed out, variables and column aliases.
    names: Vec<Taken>,
    /// `(binding id, index into names)` of each binding's latest occurrence.
    variables: Vec<(u64, usize)>,
    /// Ids of the bindings some expression reads: relationships get a variable only then.
    read: Vec<u64>,
    /// Names of the user's named parameters, which generated names avoid.
    named: &'n [&'static str],
    /// The columns of the last projection rendered.
    pub(crate) columns: Vec<String>,
    /// Column names a later `UNION` branch must use.
    pub(crate) forced_columns: Option<Vec<String>>,
    /// The item and accumulator names of the list operations being rendered, by depth.
    locals: Vec<(NameRef, NameRef)>,
    /// Ids of the path variables bound so far (a returned path renders as a map).
    paths: Vec<u64>,
}

/// Generated parameter names without an allocation, for the common case.
const PARAM_NAMES: [&str; 16] = [
    "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14",
    "p15",
];

impl<'n> Renderer<'n> {
    fn new(read: Vec<u64>, out: Output, named: &'n [&'static str]) -> Self {
        Self {
            out,
            names: Vec::with_capacity(8),
            variables: Vec::with_capacity(8),
            read,
            named,
            columns: Vec::new(),
            forced_columns: None,
            locals: Vec::new(),
            paths: Vec::new(),
        }
    }

    /// Starts a clause (a new line in `Display`) with `keyword`.
    pub(crate) fn clause(&mut self, keyword: &str) {
        self.out.clause(keyword);
    }

    /// Writes text.
    pub(crate) fn push(&mut self, text: &str) {
        self.out.text.push_str(text);
    }

    /// Writes a graph name, quoted when it must be.
    pub(crate) fn push_name(&mut self, name: GraphName) {
        if name.plain {
            self.out.text.push_str(name.text);
        } else {
            self.out.text.push_str(&escape_name(name.text));
        }
    }

    /// Starts rendering a subquery: what it binds is forgotten when it ends.
    pub(crate) fn enter_subquery(&mut self) -> SavedScope {
        SavedScope {
            variables: self.variables.len(),
            columns: std::mem::take(&mut self.columns),
            forced: self.forced_columns.take(),
        }
    }

    /// Ends a subquery: forgets its bindings except the `exported` ones (what a `CALL`
    /// returns), and restores the enclosing query's columns.
    pub(crate) fn leave_subquery(&mut self, saved: SavedScope, exported: &[u64]) {
        let inner = self.variables.split_off(saved.variables);
        for id in exported {
            if let Some(entry) = inner.iter().rev().find(|(i, _)| i == id) {
                self.variables.push(*entry);
            }
        }
        self.columns = saved.columns;
        self.forced_columns = saved.forced;
    }

    /// Records that `key` is a path variable.
    pub(crate) fn mark_path(&mut self, key: BindingKey) {
        self.paths.push(key.id);
    }

    /// Whether `key` is a path variable bound by a pattern.
    pub(crate) fn is_path(&self, key: &BindingKey) -> bool {
        self.paths.contains(&key.id)
    }

    /// Whether an expression of the query reads `key`.
    pub(crate) fn is_read(&self, key: &BindingKey) -> bool {
        self.read.contains(&key.id)
    }

    /// Hands out `preferred`, or `preferred_2`, `preferred_3`, .. whichever is free.
    fn take_name(&mut self, preferred: Cow<'static, str>, known_plain: bool) -> usize {
        let mut raw = preferred.clone();
        let mut n = 1;
        while self.names.iter().any(|t| t.raw == raw) {
            n += 1;
            raw = Cow::Owned(format!("{preferred}_{n}"));
        }
        let escaped = match &raw {
            Cow::Borrowed(name) if known_plain && n == 1 => Cow::Borrowed(*name),
            Cow::Borrowed(name) => escape_name(name),
            Cow::Owned(name) => Cow::Owned(escape_name(name).into_owned()),
        };
        self.names.push(Taken { raw, escaped });
        self.names.len() - 1
    }

    /// A new variable for `key`; it stands for `key` from now on.
    fn declare(&mut self, key: BindingKey) -> usize {
        let index = self.take_name(Cow::Borrowed(key.variable.text), key.variable.plain);
        self.variables.push((key.id, index));
        index
    }

    /// The name of `key`'s variable, declaring it if nothing has yet.
    fn lookup(&mut self, key: BindingKey) -> usize {
        match self.variables.iter().rev().find(|(id, _)| *id == key.id) {
            Some((_, index)) => *index,
            None => self.declare(key),
        }
    }

    /// Declares a new variable for `key` and writes it.
    pub(crate) fn push_fresh(&mut self, key: BindingKey) {
        let index = self.declare(key);
        self.out.text.push_str(&self.names[index].escaped);
    }

    /// Writes the variable of `key` (declared before, or now).
    pub(crate) fn push_variable(&mut self, key: BindingKey) {
        let index = self.lookup(key);
        self.out.text.push_str(&self.names[index].escaped);
    }

    /// Writes a yielded `column`, then ` AS variable` unless `key`'s new variable is the
    /// column's own name.
    pub(crate) fn push_yield(&mut self, column: &str, key: BindingKey) {
        self.out.text.push_str(&escape_name(column));
        let index = self.declare(key);
        if self.names[index].raw != column {
            self.push_as(index);
        }
    }

    /// Declares a new variable for `key` and writes ` AS variable`; returns the name's handle.
    pub(crate) fn push_alias_of(&mut self, key: BindingKey) -> NameRef {
        let index = self.declare(key);
        self.push_as(index)
    }

    /// Hands out a column name based on `preferred` (`plain` when known to need no quotes),
    /// writes ` AS name`; returns the name's handle.
    pub(crate) fn push_alias(&mut self, preferred: Cow<'static, str>, plain: bool) -> NameRef {
        let index = self.take_name(preferred, plain);
        self.push_as(index)
    }

    fn push_as(&mut self, index: usize) -> NameRef {
        self.out.text.push_str(" AS ");
        self.out.text.push_str(&self.names[index].escaped);
        NameRef(index)
    }

    /// The handle of `key`'s variable.
    pub(crate) fn variable_ref(&mut self, key: BindingKey) -> NameRef {
        NameRef(self.lookup(key))
    }

    /// Writes a name handed out before, as Cypher text.
    pub(crate) fn push_ref(&mut self, name: NameRef) {
        self.out.text.push_str(&self.names[name.0].escaped);
    }

    /// A name handed out before, as the server sees it.
    pub(crate) fn raw(&self, name: NameRef) -> &str {
        &self.names[name.0].raw
    }

    /// Adds a generated parameter and writes `$pN`.
    fn param(&mut self, value: &Arc<Value>) {
        let mut next = self.out.params.len();
        let name = loop {
            let candidate: Cow<'static, str> = match PARAM_NAMES.get(next) {
                Some(fixed) => Cow::Borrowed(fixed),
                None => Cow::Owned(format!("p{next}")),
            };
            let clashes = self.named.contains(&candidate.as_ref())
                || self.out.params.iter().any(|(n, _)| *n == candidate);
            if !clashes {
                break candidate;
            }
            next += 1;
        };
        self.out.text.push('$');
        self.out.text.push_str(&name);
        self.out.params.push((name, Arc::clone(value)));
    }

    /// Writes `expr`, in parentheses when its precedence is below `min`.
    fn operand(&mut self, expr: &ExprNode, min: u8) {
        if precedence(expr) < min {
            self.out.text.push('(');
            self.expr(expr);
            self.out.text.push(')');
        } else {
            self.expr(expr);
        }
    }

    /// Writes an expression.
    pub(crate) fn expr(&mut self, expr: &ExprNode) {
        match &expr.0 {
            ExprKind::Property { binding, key } => {
                self.push_variable(*binding);
                self.out.text.push('.');
                self.push_name(*key);
            }
            ExprKind::Variable(binding) => self.push_variable(*binding),
            ExprKind::Identified {
                binding,
                relationship,
            } => {
                let index = self.lookup(*binding);
                let v = self.names[index].escaped.clone();
                let labels = if *relationship {
                    format!("[type({v})]")
                } else {
                    format!("labels({v})")
                };
                self.out.text.push_str(&format!(
                    "{{element_id: elementId({v}), labels: {labels}, data: {v}}}"
                ));
            }
            ExprKind::Param(value) => self.param(value),
            ExprKind::Unsendable(message) => {
                self.out.problem.get_or_insert_with(|| message.clone());
                self.out.text.push_str("null");
            }
            ExprKind::NamedParam(name) => {
                self.out.text.push('$');
                self.out.text.push_str(&escape_name(name));
            }
            ExprKind::Raw(text) => self.out.text.push_str(text),
            ExprKind::Subquery(sub) => subquery(sub, self),
            ExprKind::Binary(op, pair) => {
                let [left, right] = &**pair;
                let own = op.precedence();
                // Boolean and arithmetic operators chain to the left; comparisons never
                // chain, so their operands must bind tighter. The right side always binds
                // tighter, so the tree's shape survives rendering.
                let left_min = if own == 5 { own + 1 } else { own };
                self.operand(left, left_min);
                self.out.text.push(' ');
                self.out.text.push_str(op.keyword());
                self.out.text.push(' ');
                self.operand(right, own + 1);
            }
            ExprKind::Not(inner) => {
                self.out.text.push_str("NOT ");
                self.operand(inner, ATOM);
            }
            ExprKind::Negate(inner) => {
                self.out.text.push('-');
                self.operand(inner, ATOM);
            }
            ExprKind::IsNull {
                expr: inner,
                negated,
            } => {
                self.operand(inner, ATOM);
                self.out
                    .text
                    .push_str(if *negated { " IS NOT NULL" } else { " IS NULL" });
            }
            ExprKind::Call {
                name,
                distinct,
                args,
            } => {
                self.out.text.push_str(name);
                self.out.text.push('(');
                if *distinct {
                    self.out.text.push_str("DISTINCT ");
                }
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        self.out.text.push_str(", ");
                    }
                    self.expr(arg);
                }
                self.out.text.push(')');
            }
            ExprKind::CountAll => self.out.text.push_str("count(*)"),
            ExprKind::Local { depth, accumulator } => {
                let pair = self.locals.get(*depth as usize).copied();
                match (pair, accumulator) {
                    (Some((item, _)), false) => self.push_ref(item),
                    (Some((_, acc)), true) => self.push_ref(acc),
                    // An item used outside its closure: render a name that cannot resolve.
                    (None, _) => self.out.text.push_str("`typher: list item out of scope`"),
                }
            }
            ExprKind::List { list, depth, op } => self.list(list, *depth as usize, op),
            ExprKind::Component(inner, name) => {
                self.operand(inner, ATOM);
                self.out.text.push('.');
                self.out.text.push_str(name);
            }
            ExprKind::MapProjection { binding, entries } => {
                self.push_variable(*binding);
                self.out.text.push_str(" {");
                for (i, entry) in entries.iter().enumerate() {
                    self.out.text.push_str(if i == 0 { "" } else { ", " });
                    match &entry.value {
                        None => {
                            self.out.text.push('.');
                            self.push_name(entry.key);
                        }
                        Some(value) => {
                            self.push_name(entry.key);
                            self.out.text.push_str(": ");
                            self.expr(value);
                        }
                    }
                }
                self.out.text.push('}');
            }
            ExprKind::Index(pair) => {
                let [list, index] = &**pair;
                self.operand(list, ATOM);
                self.out.text.push('[');
                self.expr(index);
                self.out.text.push(']');
            }
            ExprKind::Slice { list, from, to } => {
                self.operand(list, ATOM);
                self.out.text.push('[');
                if let Some(from) = from {
                    self.expr(from);
                }
                self.out.text.push_str("..");
                if let Some(to) = to {
                    self.expr(to);
                }
                self.out.text.push(']');
            }
            ExprKind::Case {
                subject,
                branches,
                otherwise,
            } => {
                self.out.text.push_str("CASE");
                if let Some(subject) = subject {
                    self.out.text.push(' ');
                    self.expr(subject);
                }
                for (when, then) in branches {
                    self.out.text.push_str(" WHEN ");
                    self.expr(when);
                    self.out.text.push_str(" THEN ");
                    self.expr(then);
                }
                if let Some(otherwise) = otherwise {
                    self.out.text.push_str(" ELSE ");
                    self.expr(otherwise);
                }
                self.out.text.push_str(" END");
            }
        }
    }
}

impl Renderer<'_> {
    /// Writes a comprehension, quantifier or `reduce`, naming its item for its body.
    fn list(&mut self, list: &ExprNode, depth: usize, op: &ListOp) {
        let item = NameRef(self.take_name(Cow::Borrowed("x"), true));
        let acc = match op {
            ListOp::Reduce { .. } => NameRef(self.take_name(Cow::Borrowed("acc"), true)),
            _ => item,
        };
        // The list may hold list operations of its own at this depth, so the item is
        // (re)declared for the body only after the list is written.
        let head = |r: &mut Self| {
            r.push_ref(item);
            r.out.text.push_str(" IN ");
            r.expr(list);
            r.locals.truncate(depth);
            r.locals.resize(depth + 1, (item, acc));
        };
        match op {
            ListOp::Comprehension { filter, map } => {
                self.out.text.push('[');
                head(self);
                if let Some(filter) = filter {
                    self.out.text.push_str(" WHERE ");
                    self.expr(filter);
                }
                if let Some(map) = map {
                    self.out.text.push_str(" | ");
                    self.expr(map);
                }
                self.out.text.push(']');
            }
            ListOp::Quantifier(name, pred) => {
                self.out.text.push_str(name);
                self.out.text.push('(');
                head(self);
                self.out.text.push_str(" WHERE ");
                self.expr(pred);
                self.out.text.push(')');
            }
            ListOp::Reduce { init, step } => {
                self.out.text.push_str("reduce(");
                self.push_ref(acc);
                self.out.text.push_str(" = ");
                self.expr(init);
                self.out.text.push_str(", ");
                head(self);
                self.out.text.push_str(" | ");
                self.expr(step);
                self.out.text.push(')');
            }
        }
    }
}

/// The precedence of atoms: variables, literals, calls.
const ATOM: u8 = 10;

/// Binding strength of an expression, lowest first; drives parentheses.
fn precedence(expr: &ExprNode) -> u8 {
    match &expr.0 {
        ExprKind::Binary(op, ..) => op.precedence(),
        ExprKind::Not(_) => 4,
        ExprKind::IsNull { .. } => 5,
        ExprKind::Negate(_) => 9,
        ExprKind::Raw(_) => 0,
        ExprKind::Property { .. }
        | ExprKind::Variable(_)
        | ExprKind::Identified { .. }
        | ExprKind::Param(_)
        | ExprKind::Unsendable(_)
        | ExprKind::NamedParam(_)
        | ExprKind::Call { .. }
        | ExprKind::CountAll
        | ExprKind::Index(..)
        | ExprKind::Slice { .. }
        | ExprKind::Local { .. }
        | ExprKind::Component(..)
        | ExprKind::List { .. }
        | ExprKind::MapProjection { .. }
        | ExprKind::Case { .. }
        | ExprKind::Subquery(_) => ATOM,
    }
}

/// The pattern, `WHERE` and item of a body that reads as a pattern comprehension.
fn comprehension_parts(body: &QueryAst) -> Option<(&PathPattern, Option<&ExprNode>, &ExprNode)> {
    match body.clauses.as_slice() {
        [Clause::Match(m), Clause::Return(p)]
            if !m.optional
                && m.patterns.len() == 1
                && m.patterns[0].shortest.is_none()
                && p.items.len() == 1
                && !p.star
                && !p.distinct
                && p.order.is_empty()
                && p.skip.is_none()
                && p.limit.is_none()
                && p.filter.is_none() =>
        {
            Some((&m.patterns[0], m.filter.as_ref(), &p.items[0].expr))
        }
        _ => None,
    }
}

/// Renders an expression subquery: `EXISTS { .. }`; its bindings are forgotten after it.
fn subquery(sub: &SubqueryExpr, r: &mut Renderer) {
    if sub.kind == SubqueryKind::Comprehension {
        if let Some((pattern, filter, item)) = comprehension_parts(&sub.body) {
            let returns_path =
                matches!(&item.0, ExprKind::Variable(key) if pattern.path == Some(*key));
            if !returns_path {
                r.push("[");
                let saved = r.enter_subquery();
                pattern.render(r);
                if let Some(filter) = filter {
                    r.push(" WHERE ");
                    r.expr(filter);
                }
                r.push(" | ");
                r.expr(item);
                r.leave_subquery(saved, &[]);
                r.push("]");
                return;
            }
        }
    }
    r.push(sub.kind.keyword());
    let saved = r.enter_subquery();
    for clause in &sub.body.clauses {
        clause.render(r);
    }
    r.leave_subquery(saved, &[]);
    r.push(" }");
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
    fn every_unicode_escape_form_is_decoded_before_quoting() {
        assert_eq!(
            escape_name("x\\uu0060) DETACH DELETE n //"),
            "`x``) DETACH DELETE n //`"
        );
        assert_eq!(escape_name("x\\uuuu0060y"), "`x``y`");
        assert_eq!(escape_name("a\\u0041"), "`aA`");
        // An escaped backslash starts no escape, and a broken escape stays as written.
        assert_eq!(escape_name("a\\\\u0060"), "`a\\\\u0060`");
        assert_eq!(escape_name("a\\u00"), "`a\\u00`");
        assert!(has_unicode_escape("x\\uu0060") && !has_unicode_escape("x\\\\u0060"));
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
