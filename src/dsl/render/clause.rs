//! Rendering of each clause: one function per clause family, one dispatch arm each.

use super::names::{escape_name, NameRef};
use super::{Renderer, Shape};
use crate::dsl::ast::{
    CallClause, Clause, CreateClause, Created, DeleteClause, ExprKind, ExprNode, ForeachClause,
    MatchClause, MergeClause, ProcedureClause, ProjectionClause, RemoveClause, RemoveItem, SetItem,
    UnwindClause,
};
use crate::schema::names::GraphName;
use crate::schema::{BindingKey, LabelVariant, PropertyMeta};

impl Clause {
    /// Renders the clause (one or more lines in `Display`).
    pub(crate) fn render(&self, r: &mut Renderer) {
        match self {
            Clause::Match(m) => m.render(r),
            Clause::With(p) => p.render(false, r),
            Clause::Unwind(u) => u.render(r),
            Clause::Return(p) => p.render(true, r),
            Clause::Call(c) => c.render(r),
            Clause::Procedure(c) => c.render(r),
            Clause::Create(c) => c.render(r),
            Clause::Merge(m) => m.render(r),
            Clause::Set(c) => render_items("SET ", &c.items, r),
            Clause::Remove(c) => c.render(r),
            Clause::Delete(c) => c.render(r),
            Clause::Foreach(f) => f.render(r),
            Clause::Finish => r.clause("FINISH"),
        }
    }
}

impl CallClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause(if self.optional {
            "OPTIONAL CALL ("
        } else {
            "CALL ("
        });
        for (i, key) in self.imports.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            r.push_variable(*key);
        }
        r.push(") {");
        let saved = r.enter_subquery();
        r.optionally(self.optional, |r| {
            for clause in &self.body.clauses {
                clause.render(r);
            }
        });
        r.leave_subquery(saved, &self.exported);
        r.push(" }");
        if let Some(rows) = self.in_transactions {
            r.push(" IN TRANSACTIONS OF ");
            r.push(&rows.to_string());
            r.push(" ROWS");
        }
    }
}

impl CreateClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("CREATE ");
        let mut later: Vec<(BindingKey, &ExprNode)> = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            match item {
                Created::Node {
                    binding,
                    label,
                    extra,
                    value,
                    properties,
                } => {
                    r.push("(");
                    r.push_fresh(*binding);
                    for label in core::iter::once(label).chain(extra.iter()) {
                        r.push(":");
                        r.push_name(*label);
                    }
                    if !inline_value(r, value, properties) {
                        later.push((*binding, value));
                    }
                    r.push(")");
                }
                Created::Rel {
                    from,
                    binding,
                    rel_type,
                    value,
                    properties,
                    to,
                } => {
                    r.push("(");
                    r.push_variable(*from);
                    r.push(")-[");
                    r.push_fresh(*binding);
                    r.push(":");
                    r.push_name(*rel_type);
                    if let Some(value) = value {
                        if !inline_value(r, value, properties) {
                            later.push((*binding, value));
                        }
                    }
                    r.push("]->(");
                    r.push_variable(*to);
                    r.push(")");
                }
            }
        }
        for (i, (key, value)) in later.into_iter().enumerate() {
            if i == 0 {
                r.clause("SET ");
            } else {
                r.push(", ");
            }
            r.push_variable(key);
            r.push(" = ");
            r.expr(value);
        }
    }
}

/// Renders `value` inside the pattern when it can go there, and says whether it did: a
/// parameter as it is (` $p0`), a map literal as it is (` {name: .., born: ..}`), a named
/// row spread over the properties (` {name: row.name, born: row.born}`). Anything else is set after the pattern.
fn inline_value(r: &mut Renderer, value: &ExprNode, properties: &[PropertyMeta]) -> bool {
    match value.0 {
        ExprKind::Param(_) | ExprKind::Unsendable(_) | ExprKind::Map(_) => {
            r.push(" ");
            r.expr(value);
            true
        }
        ExprKind::Variable(row) if !properties.is_empty() => {
            r.push(" {");
            for (i, property) in properties.iter().enumerate() {
                if i > 0 {
                    r.push(", ");
                }
                let key = GraphName::new(property.key);
                r.push_name(key);
                r.push(": ");
                r.push_variable(row);
                r.push(".");
                r.push_name(key);
            }
            r.push("}");
            true
        }
        _ => false,
    }
}

impl DeleteClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause(if self.detach {
            "DETACH DELETE "
        } else {
            "DELETE "
        });
        for (i, key) in self.items.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            r.push_variable(*key);
        }
    }
}

impl ForeachClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("FOREACH (");
        let saved = r.enter_subquery();
        r.push_fresh(self.name);
        r.push(" IN ");
        r.expr(&self.list);
        r.push(" |");
        for clause in &self.body.clauses {
            clause.render(r);
        }
        r.leave_subquery(saved, &[]);
        r.push(")");
    }
}

impl MatchClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause(if self.optional {
            "OPTIONAL MATCH "
        } else {
            "MATCH "
        });
        r.optionally(self.optional, |r| {
            for (i, pattern) in self.patterns.iter().enumerate() {
                if i > 0 {
                    r.push(", ");
                }
                pattern.render(r);
            }
        });
        if let Some(filter) = &self.filter {
            r.clause("WHERE ");
            r.expr(filter);
        }
    }
}

impl MergeClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("MERGE ");
        self.pattern.render(r);
        if !self.on_create.is_empty() {
            render_items("ON CREATE SET ", &self.on_create, r);
        }
        if !self.on_match.is_empty() {
            render_items("ON MATCH SET ", &self.on_match, r);
        }
    }
}

impl ProcedureClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("CALL ");
        for (i, part) in self.name.split('.').enumerate() {
            if i > 0 {
                r.push(".");
            }
            r.push(&escape_name(part));
        }
        r.push("(");
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            r.expr(arg);
        }
        r.push(")");
        for (i, (column, key)) in self.yields.iter().enumerate() {
            r.push(if i == 0 { " YIELD " } else { ", " });
            r.push_yield(column, *key);
        }
        if let Some(filter) = &self.filter {
            r.push(" WHERE ");
            r.expr(filter);
        }
    }
}

impl ProjectionClause {
    pub(crate) fn render(&self, returning: bool, r: &mut Renderer) {
        let forced = if returning {
            r.forced_columns.take()
        } else {
            None
        };
        r.clause(match (returning, self.distinct) {
            (true, false) => "RETURN ",
            (true, true) => "RETURN DISTINCT ",
            (false, false) => "WITH ",
            (false, true) => "WITH DISTINCT ",
        });
        if self.star {
            r.push("*");
        } else if !returning {
            r.release_dropped(&self.kept());
        }
        let mut columns = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            let wanted = forced.as_ref().and_then(|f| f.get(i));
            if let (true, None, ExprKind::Variable(key)) = (returning, &item.name, &item.expr.0) {
                if let Some(shape) = r.shape(key) {
                    render_shaped(r, *key, shape);
                    let own = r.variable_ref(*key);
                    let column = match wanted {
                        Some(wanted) if r.raw(own) != wanted => {
                            r.push_alias(wanted.clone().into(), false)
                        }
                        _ => {
                            r.push(" AS ");
                            r.push_ref(own);
                            own
                        }
                    };
                    columns.push(Some(column));
                    continue;
                }
            }
            if returning {
                render_collected(r, &item.expr);
            } else {
                r.expr(&item.expr);
            }
            let column = match (&item.name, &item.expr.0, wanted) {
                (Some(key), _, None) => Some(r.push_alias_of(*key)),
                (None, ExprKind::Variable(key), None) => Some(r.variable_ref(*key)),
                (None, ExprKind::Variable(key), Some(wanted)) => {
                    let own = r.variable_ref(*key);
                    if r.raw(own) == wanted {
                        Some(own)
                    } else {
                        Some(r.push_alias(wanted.clone().into(), false))
                    }
                }
                (_, _, Some(wanted)) => Some(r.push_alias(wanted.clone().into(), false)),
                (None, _, None) if returning => {
                    let (alias, plain) = auto_alias(&item.expr);
                    Some(r.push_alias(alias.into(), plain))
                }
                (None, _, None) => None,
            };
            columns.push(column);
        }
        for (i, (expr, descending)) in self.order.iter().enumerate() {
            if i == 0 {
                r.clause("ORDER BY ");
            } else {
                r.push(", ");
            }
            let projected = self.items.iter().position(|item| item.expr == *expr);
            match projected.and_then(|column| columns[column]) {
                Some(name) => r.push_ref(name),
                None => r.expr(expr),
            }
            r.push(if *descending { " DESC" } else { " ASC" });
        }
        for (keyword, expr) in [("SKIP ", &self.skip), ("LIMIT ", &self.limit)] {
            if let Some(expr) = expr {
                r.clause(keyword);
                r.expr(expr);
            }
        }
        if let Some(filter) = &self.filter {
            r.clause("WHERE ");
            r.expr(filter);
        }
        if returning {
            r.columns = columns
                .into_iter()
                .map(|c| c.map(|name| r.raw(name).to_owned()).unwrap_or_default())
                .collect();
        }
    }
}

impl ProjectionClause {
    /// The bindings that keep their names after this `WITH`: those it carries as they are,
    /// and those its `ORDER BY` and `WHERE` read (which see the scope before it too).
    fn kept(&self) -> Vec<u64> {
        let mut reads = crate::dsl::ast::visit::Reads::default();
        for item in &self.items {
            if let (None, ExprKind::Variable(key)) = (&item.name, &item.expr.0) {
                reads.0.push(key.id);
            }
        }
        for (expr, _) in &self.order {
            crate::dsl::ast::visit::expr(expr, &mut reads);
        }
        if let Some(filter) = &self.filter {
            crate::dsl::ast::visit::expr(filter, &mut reads);
        }
        reads.0
    }
}

/// The column name of a returned expression nobody named: a property's key, a function's
/// name, else `expr`; and whether it is known to need no quotes.
fn auto_alias(expr: &ExprNode) -> (&'static str, bool) {
    match &expr.0 {
        ExprKind::Property { key, .. } | ExprKind::Key(_, key) => (key.text, key.plain),
        ExprKind::Map(_) => ("map", true),
        // `duration.between` is named `duration`.
        ExprKind::Call { name, .. } => {
            let name = name.split('.').next().unwrap_or(name);
            (name, crate::schema::names::is_plain(name))
        }
        ExprKind::CountAll => ("count", true),
        ExprKind::Subquery(sub) => (sub.kind.column(), true),
        ExprKind::Component(_, name) => (name, true),
        ExprKind::Identified { binding, .. } | ExprKind::MapProjection { binding, .. } => {
            (binding.variable.text, binding.variable.plain)
        }
        _ => ("expr", true),
    }
}

impl SetItem {
    fn binding(&self) -> BindingKey {
        match self {
            SetItem::Property { binding, .. }
            | SetItem::Whole { binding, .. }
            | SetItem::Label { binding, .. }
            | SetItem::DynamicLabel { binding, .. } => *binding,
        }
    }

    pub(crate) fn render(&self, r: &mut Renderer) {
        r.push_variable(self.binding());
        match self {
            SetItem::Property { key, value, .. } => {
                r.push(".");
                r.push_name(*key);
                r.push(" = ");
                r.expr(value);
            }
            SetItem::Whole { value, merge, .. } => {
                r.push(if *merge { " += " } else { " = " });
                r.expr(value);
            }
            SetItem::Label { label, .. } => {
                r.push(":");
                r.push_name(*label);
            }
            SetItem::DynamicLabel { value, .. } => {
                r.push(":$(");
                r.expr(value);
                r.push(")");
            }
        }
    }
}

/// Renders `items` after `keyword` (`SET `, `ON CREATE SET `..), comma-separated.
pub(crate) fn render_items(keyword: &str, items: &[SetItem], r: &mut Renderer) {
    r.clause(keyword);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            r.push(", ");
        }
        item.render(r);
    }
}

impl RemoveClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("REMOVE ");
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            match item {
                RemoveItem::Property { binding, key } => {
                    r.push_variable(*binding);
                    r.push(".");
                    r.push_name(*key);
                }
                RemoveItem::Label(label) => label.render(r),
            }
        }
    }
}

impl UnwindClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("UNWIND ");
        r.expr(&self.list);
        r.push_alias_of(self.name);
    }
}

/// Renders a returned binding of a shape of its own. A path is the map
/// [`Path`](crate::dsl::Path) decodes from; a `nullable` one (bound by an optional clause)
/// stays null when it matched nothing. A node of an enum of labels is the variant it holds,
/// `{Person: item}`, which the enum's `Deserialize` reads.
fn render_shaped(r: &mut Renderer, key: BindingKey, shape: Shape) {
    let (nullable, nodes) = match shape {
        Shape::Labelled(variants) => {
            let name = r.variable_ref(key);
            return render_variant(r, name, variants);
        }
        Shape::Path { nullable, nodes } => (nullable, nodes),
    };
    if nullable {
        r.push("CASE WHEN ");
        r.push_variable(key);
        r.push(" IS NULL THEN null ELSE ");
    }
    r.push("{nodes: ");
    if nodes.is_empty() {
        r.push("nodes(");
        r.push_variable(key);
        r.push(")");
    } else {
        let node = r.local("node");
        r.push("[");
        r.push_ref(node);
        r.push(" IN nodes(");
        r.push_variable(key);
        r.push(") | ");
        render_variant(r, node, nodes);
        r.push("]");
    }
    r.push(", relationships: relationships(");
    r.push_variable(key);
    r.push(")}");
    if nullable {
        r.push(" END");
    }
}

/// Renders a returned expression; `collect(x)` of a binding of a shape of its own (a path,
/// a node of an enum of labels) collects it in that shape, so the list decodes as well.
fn render_collected(r: &mut Renderer, expr: &ExprNode) {
    if let ExprKind::Call {
        name: "collect",
        distinct,
        args,
    } = &expr.0
    {
        if let [ExprNode(ExprKind::Variable(key))] = args.as_slice() {
            if let Some(shape) = r.shape(key) {
                r.push(if *distinct {
                    "collect(DISTINCT "
                } else {
                    "collect("
                });
                render_shaped(r, *key, shape);
                r.push(")");
                return;
            }
        }
    }
    r.expr(expr);
}

/// `CASE WHEN n:Person THEN {Person: n} WHEN .. END`: the variant a node of an enum of
/// labels holds (null for a null node).
fn render_variant(r: &mut Renderer, node: NameRef, variants: &[LabelVariant]) {
    r.push("CASE");
    for variant in variants {
        r.push(" WHEN ");
        r.push_ref(node);
        r.push(":");
        r.push_name(variant.label);
        r.push(" THEN {");
        r.push_name(GraphName::new(variant.variant));
        r.push(": ");
        r.push_ref(node);
        r.push("}");
    }
    r.push(" END");
}
