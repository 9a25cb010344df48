//! Rendering of expressions: operators with the parentheses Cypher's precedence needs,
//! parameters, list operations and expression subqueries.

use super::names::{escape_name, param_name};
use super::Renderer;
use crate::dsl::ast::{
    Clause, ExprKind, ExprNode, ListOp, PathPattern, QueryAst, SubqueryExpr, SubqueryKind,
};
use crate::dsl::value::Value;
use std::borrow::Cow;
use std::sync::Arc;

impl Renderer<'_> {
    /// Adds a generated parameter and writes `$pN`.
    fn param(&mut self, value: &Arc<Value>) {
        let name = param_name(self.out.params.len(), self.named, &self.out.params);
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
                let v = self.lookup(*binding);
                self.out.text.push_str("{element_id: elementId(");
                self.push_ref(v);
                self.out.text.push_str(if *relationship {
                    "), labels: [type("
                } else {
                    "), labels: labels("
                });
                self.push_ref(v);
                self.out.text.push_str(if *relationship {
                    ")], data: "
                } else {
                    "), data: "
                });
                self.push_ref(v);
                self.out.text.push('}');
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
            ExprKind::Null => self.out.text.push_str("null"),
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
            ExprKind::Key(inner, key) => {
                self.operand(inner, ATOM);
                self.out.text.push('.');
                self.push_name(*key);
            }
            ExprKind::Map(entries) => {
                self.out.text.push('{');
                for (i, entry) in entries.iter().enumerate() {
                    self.out.text.push_str(if i == 0 { "" } else { ", " });
                    self.push_name(entry.key);
                    self.out.text.push_str(": ");
                    if let Some(value) = &entry.value {
                        self.expr(value);
                    }
                }
                self.out.text.push('}');
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

    /// Writes a comprehension, quantifier or `reduce`, naming its item for its body.
    fn list(&mut self, list: &ExprNode, depth: usize, op: &ListOp) {
        let item = self.names.take(Cow::Borrowed("x"), true);
        let acc = match op {
            ListOp::Reduce { .. } => self.names.take(Cow::Borrowed("acc"), true),
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
        | ExprKind::Null
        | ExprKind::Call { .. }
        | ExprKind::CountAll
        | ExprKind::Index(..)
        | ExprKind::Slice { .. }
        | ExprKind::Local { .. }
        | ExprKind::Component(..)
        | ExprKind::List { .. }
        | ExprKind::MapProjection { .. }
        | ExprKind::Map(_)
        | ExprKind::Key(..)
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
