//! The one renderer: the query tree in, parameterised Cypher out.
//!
//! `render` runs one pre-pass over the tree (an `ast::visit` visitor: which bindings are
//! read, which named parameters appear), then writes every clause into one `Renderer`.
//! A family per file:
//!
//! | file | renders |
//! | --- | --- |
//! | `clause.rs` | each clause, one dispatch arm per `Clause` variant |
//! | `pattern.rs` | node patterns, relationship steps, paths, quantified path patterns |
//! | `expr.rs` | expressions, with the parentheses Cypher's precedence needs; parameters; list operations; expression subqueries |
//! | `names.rs` | escaping of graph names, and the name allocator that hands out variables and columns without clashes |
//! | `scope.rs` | the scope stack: which name stands for which binding, popped after a subquery |
//!
//! Names depend only on the query's shape, so equal queries render equal text.

mod clause;
mod expr;
mod names;
mod pattern;
mod scope;

pub use names::{escape_name, has_unicode_escape};

use crate::dsl::ast::visit;
use crate::dsl::ast::{ExprKind, QueryAst};
use crate::dsl::value::Value;
use crate::schema::names::GraphName;
use crate::schema::{BindingKey, LabelVariant};
use names::{NameRef, Names};
pub(crate) use scope::Shape;
use scope::{Mark, Scopes};
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
    #[inline]
    fn expr(&mut self, expr: &ExprKind) {
        match expr {
            ExprKind::NamedParam(name) if !self.named.contains(name) => self.named.push(name),
            _ => {
                if let Some(id) = expr.binding_id() {
                    self.add(id);
                }
            }
        }
    }

    /// A relationship walked again needs its variable where it is first bound.
    #[inline]
    fn rel(&mut self, rel: &crate::dsl::ast::RelPattern) {
        if let (true, Some(key)) = (rel.reuse, rel.binding) {
            self.add(key.id);
        }
    }
}

impl PrePass {
    #[inline]
    fn add(&mut self, id: u64) {
        if !self.read.contains(&id) {
            self.read.push(id);
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
    #[inline]
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
    mark: Mark,
    columns: Vec<String>,
    forced: Option<Vec<String>>,
}

/// Renders clauses into one buffer: the output, the name allocator and the scope stack,
/// and what the pre-pass found.
pub(crate) struct Renderer<'n> {
    pub(crate) out: Output,
    /// Every name handed out, variables and column aliases.
    names: Names,
    /// The variables in scope.
    scope: Scopes,
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
    /// Whether an optional clause (`OPTIONAL MATCH`, `OPTIONAL CALL`) is being rendered.
    optional: bool,
    /// How many subqueries (and quantified patterns) enclose what is being rendered.
    depth: usize,
}

impl<'n> Renderer<'n> {
    fn new(read: Vec<u64>, out: Output, named: &'n [&'static str]) -> Self {
        Self {
            out,
            names: Names::new(),
            scope: Scopes::new(),
            read,
            named,
            columns: Vec::new(),
            forced_columns: None,
            locals: Vec::new(),
            optional: false,
            depth: 0,
        }
    }

    /// Starts a clause (a new line in `Display`) with `keyword`.
    #[inline]
    pub(crate) fn clause(&mut self, keyword: &str) {
        self.out.clause(keyword);
    }

    /// Writes text.
    #[inline]
    pub(crate) fn push(&mut self, text: &str) {
        self.out.text.push_str(text);
    }

    /// Writes a graph name, quoted when it must be.
    #[inline]
    pub(crate) fn push_name(&mut self, name: GraphName) {
        if name.plain {
            self.out.text.push_str(name.text);
        } else {
            self.out.text.push_str(&escape_name(name.text));
        }
    }

    /// Starts rendering a subquery: what it binds is forgotten when it ends.
    pub(crate) fn enter_subquery(&mut self) -> SavedScope {
        self.depth += 1;
        SavedScope {
            mark: self.scope.enter(),
            columns: std::mem::take(&mut self.columns),
            forced: self.forced_columns.take(),
        }
    }

    /// Ends a subquery: forgets its bindings except the `exported` ones (what a `CALL`
    /// returns), and restores the enclosing query's columns.
    pub(crate) fn leave_subquery(&mut self, saved: SavedScope, exported: &[u64]) {
        self.depth -= 1;
        self.scope.leave(saved.mark, exported);
        self.columns = saved.columns;
        self.forced_columns = saved.forced;
    }

    /// Frees the names of the variables a top-level `WITH` drops (every binding in scope but
    /// the `kept` ones), so its new names may take them: `WITH x + 1 AS x` rather than
    /// `AS x_2`. Inside a subquery nothing is freed: the enclosing query may still read them.
    pub(crate) fn release_dropped(&mut self, kept: &[u64]) {
        if self.depth > 0 {
            return;
        }
        for name in self.scope.dropped(kept) {
            self.names.release(name);
        }
    }

    /// Records that `key` is a path variable whose nodes decode as `nodes` (when they are
    /// an enum of labels).
    #[inline]
    pub(crate) fn mark_path(&mut self, key: BindingKey, nodes: &'static [LabelVariant]) {
        let nullable = self.optional;
        self.scope.mark(key.id, Shape::Path { nullable, nodes });
    }

    /// Records that `key` is a node bound as an enum of labels.
    #[inline]
    pub(crate) fn mark_labelled(&mut self, key: BindingKey, variants: &'static [LabelVariant]) {
        self.scope.mark(key.id, Shape::Labelled(variants));
    }

    /// The shape `key` returns in, when it has one of its own (a path, a node of an enum of
    /// labels).
    #[inline]
    pub(crate) fn shape(&self, key: &BindingKey) -> Option<Shape> {
        self.scope.shape(key.id)
    }

    /// A fresh local name (a list comprehension's variable) based on `preferred`.
    pub(crate) fn local(&mut self, preferred: &'static str) -> NameRef {
        self.names.take(Cow::Borrowed(preferred), true)
    }

    /// Renders `inner` as part of an optional clause (what it binds may be null) when
    /// `optional`.
    pub(crate) fn optionally(&mut self, optional: bool, inner: impl FnOnce(&mut Self)) {
        let was = self.optional;
        self.optional |= optional;
        inner(self);
        self.optional = was;
    }

    /// Whether an expression of the query reads `key`.
    #[inline]
    pub(crate) fn is_read(&self, key: &BindingKey) -> bool {
        self.read.contains(&key.id)
    }

    /// A new variable for `key`; it stands for `key` from now on.
    #[inline]
    fn declare(&mut self, key: BindingKey) -> NameRef {
        let name = self
            .names
            .take(Cow::Borrowed(key.variable.text), key.variable.plain);
        self.scope.bind(key.id, name);
        name
    }

    /// The name of `key`'s variable, declaring it if nothing has yet.
    #[inline]
    fn lookup(&mut self, key: BindingKey) -> NameRef {
        match self.scope.get(key.id) {
            Some(name) => name,
            None => self.declare(key),
        }
    }

    /// Declares a new variable for `key` and writes it.
    #[inline]
    pub(crate) fn push_fresh(&mut self, key: BindingKey) {
        let name = self.declare(key);
        self.push_ref(name);
    }

    /// Writes the variable of `key` (declared before, or now).
    #[inline]
    pub(crate) fn push_variable(&mut self, key: BindingKey) {
        let name = self.lookup(key);
        self.push_ref(name);
    }

    /// Writes a yielded `column`, then ` AS variable` unless `key`'s new variable is the
    /// column's own name.
    pub(crate) fn push_yield(&mut self, column: &str, key: BindingKey) {
        self.out.text.push_str(&escape_name(column));
        let name = self.declare(key);
        if self.names.raw(name) != column {
            self.push_as(name);
        }
    }

    /// Declares a new variable for `key` and writes ` AS variable`; returns the name's handle.
    pub(crate) fn push_alias_of(&mut self, key: BindingKey) -> NameRef {
        let name = self.declare(key);
        self.push_as(name)
    }

    /// Hands out a column name based on `preferred` (`plain` when known to need no quotes),
    /// writes ` AS name`; returns the name's handle.
    pub(crate) fn push_alias(&mut self, preferred: Cow<'static, str>, plain: bool) -> NameRef {
        let name = self.names.take(preferred, plain);
        self.push_as(name)
    }

    #[inline]
    fn push_as(&mut self, name: NameRef) -> NameRef {
        self.out.text.push_str(" AS ");
        self.push_ref(name);
        name
    }

    /// The handle of `key`'s variable.
    #[inline]
    pub(crate) fn variable_ref(&mut self, key: BindingKey) -> NameRef {
        self.lookup(key)
    }

    /// Writes a name handed out before, as Cypher text.
    #[inline]
    pub(crate) fn push_ref(&mut self, name: NameRef) {
        self.out.text.push_str(self.names.escaped(name));
    }

    /// A name handed out before, as the server sees it.
    #[inline]
    pub(crate) fn raw(&self, name: NameRef) -> &str {
        self.names.raw(name)
    }
}
