//! One walk over the query tree, in the spirit of Diesel's `AstPass`: a [`Visitor`] is
//! called on every clause and every expression node, outermost first, bodies of `CALL`,
//! `FOREACH` and expression subqueries included. The renderer's pre-pass (which variables
//! are read, which named parameters appear), the question "does this query write?" and
//! the labels a failed write may have broken a constraint of are all visitors; a new
//! clause is walked by adding its arm to [`clause`].

use super::{
    Clause, Created, ExprKind, ExprNode, ListOp, NodePattern, PathPattern, PatternStep, QueryAst,
    RelPattern, RemoveItem, SetItem,
};
use crate::schema::BindingKey;

/// What a walk calls back; every method does nothing unless overridden.
pub(crate) trait Visitor {
    /// Whether the walk enters patterns and expressions; a visitor of clauses alone says
    /// no, and is walked through clauses and the bodies of `CALL` and `FOREACH` only.
    const EXPRESSIONS: bool = true;
    /// A clause, before anything inside it.
    fn clause(&mut self, _clause: &Clause) {}
    /// An expression node, before the nodes below it. A variable a clause names without an
    /// expression (the target of `SET`, `REMOVE` or `DELETE`) comes as a `Variable`.
    fn expr(&mut self, _expr: &ExprKind) {}
    /// A node pattern.
    fn node(&mut self, _node: &NodePattern) {}
    /// A relationship step of a pattern.
    fn rel(&mut self, _rel: &RelPattern) {}
}

/// Walks every clause of `ast`.
pub(crate) fn query(ast: &QueryAst, v: &mut impl Visitor) {
    for c in &ast.clauses {
        clause(c, v);
    }
}

/// Walks one clause and everything in it.
pub(crate) fn clause<V: Visitor>(clause: &Clause, v: &mut V) {
    v.clause(clause);
    if !V::EXPRESSIONS {
        match clause {
            Clause::Call(c) => query(&c.body, v),
            Clause::Foreach(f) => query(&f.body, v),
            _ => {}
        }
        return;
    }
    match clause {
        Clause::Match(m) => {
            m.patterns.iter().for_each(|p| pattern(p, v));
            m.filter.iter().for_each(|e| expr(e, v));
        }
        Clause::With(p) | Clause::Return(p) => {
            p.items.iter().for_each(|i| expr(&i.expr, v));
            p.order.iter().for_each(|(e, _)| expr(e, v));
            p.skip
                .iter()
                .chain(&p.limit)
                .chain(&p.filter)
                .for_each(|e| expr(e, v));
        }
        Clause::Unwind(u) => expr(&u.list, v),
        Clause::Call(c) => query(&c.body, v),
        Clause::Procedure(c) => {
            c.args.iter().for_each(|e| expr(e, v));
            c.filter.iter().for_each(|e| expr(e, v));
        }
        Clause::Create(c) => {
            for item in &c.items {
                match item {
                    Created::Node { value, .. } => expr(value, v),
                    Created::Rel { value, .. } => value.iter().for_each(|e| expr(e, v)),
                }
            }
        }
        Clause::Merge(m) => {
            pattern(&m.pattern, v);
            m.on_create
                .iter()
                .chain(&m.on_match)
                .for_each(|i| set_item(i, v));
        }
        Clause::Set(c) => c.items.iter().for_each(|i| set_item(i, v)),
        Clause::Remove(c) => {
            for item in &c.items {
                match item {
                    RemoveItem::Label(label) => set_item(label, v),
                    RemoveItem::Property { binding, .. } => variable(*binding, v),
                }
            }
        }
        Clause::Delete(d) => d.items.iter().for_each(|key| variable(*key, v)),
        Clause::Foreach(f) => {
            expr(&f.list, v);
            query(&f.body, v);
        }
        Clause::Finish => {}
    }
}

/// A variable named outside any expression: it is read.
fn variable(key: BindingKey, v: &mut impl Visitor) {
    v.expr(&ExprKind::Variable(key));
}

/// The target of a `SET` item (read: a relationship matched without a variable gets one)
/// and its value.
fn set_item(item: &SetItem, v: &mut impl Visitor) {
    match item {
        SetItem::Property { binding, value, .. }
        | SetItem::Whole { binding, value, .. }
        | SetItem::DynamicLabel { binding, value } => {
            variable(*binding, v);
            expr(value, v);
        }
        SetItem::Label { binding, .. } => variable(*binding, v),
    }
}

/// Walks a pattern: its node patterns, inline property values and `WHERE`s.
pub(crate) fn pattern(pattern: &PathPattern, v: &mut impl Visitor) {
    node(&pattern.start, v);
    for step in &pattern.steps {
        match step {
            PatternStep::Rel(rel, n) => {
                v.rel(rel);
                rel.extras.props.iter().for_each(|(_, e)| expr(e, v));
                node(n, v);
            }
            PatternStep::Quantified(q) => {
                self::pattern(&q.inner, v);
                q.filter.iter().for_each(|e| expr(e, v));
            }
            PatternStep::Node(n) => node(n, v),
        }
    }
}

fn node(n: &NodePattern, v: &mut impl Visitor) {
    v.node(n);
    n.props.iter().for_each(|(_, e)| expr(e, v));
    n.filter.iter().for_each(|e| expr(e, v));
}

/// Walks an expression and every node below it.
pub(crate) fn expr(e: &ExprNode, v: &mut impl Visitor) {
    v.expr(&e.0);
    match &e.0 {
        ExprKind::Property { .. }
        | ExprKind::Variable(_)
        | ExprKind::Identified { .. }
        | ExprKind::Param(_)
        | ExprKind::Unsendable(_)
        | ExprKind::NamedParam(_)
        | ExprKind::Null
        | ExprKind::Raw(_)
        | ExprKind::Local { .. }
        | ExprKind::CountAll => {}
        ExprKind::List { list, op, .. } => {
            expr(list, v);
            match &**op {
                ListOp::Comprehension { filter, map } => {
                    filter.iter().chain(map).for_each(|e| expr(e, v))
                }
                ListOp::Quantifier(_, pred) => expr(pred, v),
                ListOp::Reduce { init, step } => {
                    expr(init, v);
                    expr(step, v);
                }
            }
        }
        ExprKind::Binary(_, pair) | ExprKind::Index(pair) => pair.iter().for_each(|e| expr(e, v)),
        ExprKind::Subquery(sub) => query(&sub.body, v),
        ExprKind::Not(inner)
        | ExprKind::Negate(inner)
        | ExprKind::Component(inner, _)
        | ExprKind::Key(inner, _)
        | ExprKind::IsNull { expr: inner, .. } => expr(inner, v),
        ExprKind::Call { args, .. } => args.iter().for_each(|a| expr(a, v)),
        ExprKind::MapProjection { entries, .. } | ExprKind::Map(entries) => entries
            .iter()
            .filter_map(|e| e.value.as_ref())
            .for_each(|e| expr(e, v)),
        ExprKind::Slice { list, from, to } => {
            expr(list, v);
            from.iter().chain(to).for_each(|e| expr(e, v));
        }
        ExprKind::Case {
            subject,
            branches,
            otherwise,
        } => {
            subject.iter().chain(otherwise).for_each(|e| expr(e, v));
            for (when, then) in branches {
                expr(when, v);
                expr(then, v);
            }
        }
    }
}

/// The ids of the bindings some expression reads.
#[derive(Default)]
pub(crate) struct Reads(pub(crate) Vec<u64>);

impl Reads {
    fn add(&mut self, id: u64) {
        if !self.0.contains(&id) {
            self.0.push(id);
        }
    }
}

impl Visitor for Reads {
    fn expr(&mut self, expr: &ExprKind) {
        if let Some(id) = expr.binding_id() {
            self.add(id);
        }
    }

    /// A relationship bound before and walked again reads its variable.
    fn rel(&mut self, rel: &RelPattern) {
        if let (true, Some(key)) = (rel.reuse, rel.binding) {
            self.add(key.id);
        }
    }
}

/// What a query writes, found from its clauses alone.
#[derive(Default)]
struct Writes {
    /// Some clause writes.
    writes: bool,
    /// Some `CALL { .. } IN TRANSACTIONS` commits batch by batch.
    batched: bool,
    /// Some procedure is called, which may write.
    procedure: bool,
}

impl Visitor for Writes {
    const EXPRESSIONS: bool = false;
    fn clause(&mut self, clause: &Clause) {
        match clause {
            Clause::Create(_)
            | Clause::Merge(_)
            | Clause::Set(_)
            | Clause::Remove(_)
            | Clause::Delete(_)
            | Clause::Foreach(_) => self.writes = true,
            Clause::Call(c) => self.batched |= c.in_transactions.is_some(),
            Clause::Procedure(_) => self.procedure = true,
            _ => {}
        }
    }
}

impl QueryAst {
    /// Whether the query writes and so must run in one explicit transaction to be atomic
    /// (some servers commit an auto-commit statement's rows one by one); not when it holds
    /// `CALL { .. } IN TRANSACTIONS`, which needs an auto-commit transaction, nor when it
    /// writes one single node (`create(value)`, then at most a `RETURN`): one record is
    /// all or nothing on its own, and the explicit transaction would cost two round trips.
    pub fn writes_atomically(&self) -> bool {
        if let [Clause::Create(create), rest @ ..] = self.clauses.as_slice() {
            let one_node = matches!(create.items.as_slice(), [Created::Node { .. }]);
            if one_node && rest.iter().all(|c| matches!(c, Clause::Return(_))) {
                return false;
            }
        }
        let found = self.scan_writes();
        found.writes && !found.batched
    }

    /// Whether any clause writes (in `CALL` and `FOREACH` bodies too).
    pub(crate) fn writes(&self) -> bool {
        self.scan_writes().writes
    }

    /// Whether the query only reads: no clause writes and no procedure (which may write) is
    /// called, so a cluster may run it on a reader.
    pub(crate) fn reads_only(&self) -> bool {
        let found = self.scan_writes();
        !found.writes && !found.batched && !found.procedure
    }

    fn scan_writes(&self) -> Writes {
        let mut found = Writes::default();
        query(self, &mut found);
        found
    }

    /// Every label the query names (matched, created, merged or set): where a constraint
    /// it broke may be.
    pub(crate) fn labels(&self) -> Vec<&'static str> {
        #[derive(Default)]
        struct Labels(Vec<&'static str>);
        impl Labels {
            fn add(&mut self, name: &'static str) {
                if !self.0.contains(&name) {
                    self.0.push(name);
                }
            }
        }
        impl Visitor for Labels {
            fn clause(&mut self, clause: &Clause) {
                let set: Vec<&SetItem> = match clause {
                    Clause::Create(c) => {
                        for item in &c.items {
                            if let Created::Node { label, extra, .. } = item {
                                self.add(label.text);
                                extra.iter().for_each(|l| self.add(l.text));
                            }
                        }
                        return;
                    }
                    Clause::Set(c) => c.items.iter().collect(),
                    Clause::Merge(m) => m.on_create.iter().chain(&m.on_match).collect(),
                    _ => return,
                };
                for item in set {
                    if let SetItem::Label { label, .. } = item {
                        self.add(label.text);
                    }
                }
            }
            fn node(&mut self, node: &NodePattern) {
                node.label
                    .iter()
                    .chain(&node.labels)
                    .for_each(|l| self.add(l.text));
            }
        }
        let mut found = Labels::default();
        query(self, &mut found);
        found.0
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[derive(Node, serde::Serialize)]
    struct Item {
        key: i64,
    }

    #[derive(Node, serde::Serialize)]
    struct Shelf {
        code: i64,
    }

    #[derive(Node, serde::Serialize)]
    struct Archived {}

    #[test]
    fn the_labels_a_query_names_are_found_wherever_they_are() {
        assert_eq!(create(Item { key: 1 }).ast.labels(), ["Item"]);
        let q = match_(Shelf).set(Shelf.labeled(Archived)).merge(Item);
        assert_eq!(q.ast.labels(), ["Shelf", "Archived", "Item"]);
        let read = match_(Item)
            .filter(exists(Item, |q| q.match_(Shelf).return_(Shelf)))
            .return_(Item);
        assert_eq!(read.ast.labels(), ["Item", "Shelf"]);
    }

    #[test]
    fn only_writes_of_more_than_one_record_need_an_explicit_transaction() {
        let item = || Item { key: 1 };
        let row = name!(row);
        // One node is all or nothing on its own, with or without RETURN.
        assert!(!create(item()).ast.writes_atomically());
        assert!(!create(item()).return_(Item).ast.writes_atomically());
        // Anything more may be committed piecemeal by an auto-commit statement.
        assert!(unwind(rows(&[item()]), row)
            .create(Item.value(row))
            .ast
            .writes_atomically());
        assert!(create(item()).set(Item.key.to(2)).ast.writes_atomically());
        assert!(match_(Item).detach_delete(Item).ast.writes_atomically());
        // A read writes nothing, a batched write commits batch by batch.
        assert!(!match_(Item).return_(Item).ast.writes_atomically());
        assert!(!match_(Item).return_(Item).ast.writes());
        assert!(create(item()).return_(Item).ast.writes());
        assert!(!unwind(rows(&[item()]), row)
            .call_in_transactions(row, 10, |q| q.create(Item.value(row)))
            .ast
            .writes_atomically());
        assert!(unwind(rows(&[item()]), row)
            .call_in_transactions(row, 10, |q| q.create(Item.value(row)))
            .ast
            .writes());
    }
}
