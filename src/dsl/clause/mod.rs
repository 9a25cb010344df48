//! The clause pipeline: a query is a list of clauses ([`QueryAst`]),
//! and each clause family lives in its own module with its typed builder methods and the
//! rendering of its [`ast`](crate::dsl::ast) node.
//!
//! | module | clauses |
//! | --- | --- |
//! | [`match_`] | `MATCH`, `OPTIONAL MATCH`, relationship steps, `WHERE` |
//! | [`call`] | `CALL (..) { .. }`, `OPTIONAL CALL (..) { .. }` |
//! | [`procedure`] | `CALL db.labels() YIELD label` |
//! | [`projection`] | what `WITH` and `RETURN` share: items, `DISTINCT`, `ORDER BY`, `SKIP`, `LIMIT` |
//! | [`with`] | `WITH`, which re-scopes the query |
//! | [`unwind`] | `UNWIND list AS name` |
//! | [`return_`] | `RETURN`, and the finished query |
//! | [`union`] | `UNION` / `UNION ALL` |
//! | [`create`] | `CREATE` of nodes from their structs and of relationships between bound nodes |
//! | [`merge`] | `MERGE` of a node on its keys or of a relationship, `ON CREATE SET`, `ON MATCH SET` |
//! | [`set`] | `SET` of properties, whole values and labels; `REMOVE` |
//! | [`delete`] | `DELETE`, `DETACH DELETE` |
//! | [`foreach`] | `FOREACH (item IN list \| ..)` |

pub mod call;
pub mod create;
pub mod delete;
pub mod finish;
pub mod foreach;
pub mod match_;
pub mod merge;
pub mod procedure;
pub mod projection;
pub mod return_;
pub mod set;
pub mod union;
pub mod unwind;
pub mod with;

use super::expr::ExprNode;
use super::render::Renderer;
use crate::dsl::ast::{Clause, Created, MatchClause, PathPattern, ProjectionClause, QueryAst};

impl Clause {
    /// Calls `visit` on every expression of the clause.
    fn for_each_expr(&self, visit: &mut impl FnMut(&ExprNode)) {
        match self {
            Clause::Match(m) => m.for_each_expr(visit),
            Clause::With(p) | Clause::Return(p) => p.for_each_expr(visit),
            Clause::Unwind(u) => visit(&u.list),
            Clause::Call(c) => c.body.for_each_expr(visit),
            Clause::Procedure(c) => c.for_each_expr(visit),
            Clause::Create(c) => c.for_each_expr(visit),
            Clause::Merge(m) => m.for_each_expr(visit),
            Clause::Set(c) => c.items.iter().for_each(|item| item.for_each_expr(visit)),
            Clause::Remove(c) => c.for_each_expr(visit),
            Clause::Delete(d) => d.for_each_expr(visit),
            Clause::Foreach(f) => {
                visit(&f.list);
                f.body.for_each_expr(visit);
            }
            Clause::Finish => {}
        }
    }

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
            Clause::Set(c) => set::render_items("SET ", &c.items, r),
            Clause::Remove(c) => c.render(r),
            Clause::Delete(c) => c.render(r),
            Clause::Foreach(f) => f.render(r),
            Clause::Finish => r.clause("FINISH"),
        }
    }
}

impl QueryAst {
    /// Calls `visit` on every expression of every clause.
    pub(crate) fn for_each_expr(&self, visit: &mut impl FnMut(&ExprNode)) {
        for clause in &self.clauses {
            clause.for_each_expr(visit);
        }
    }

    /// Adds `condition` to the `WHERE` of the last clause, joined with `AND`; after an
    /// `UNWIND`, through `WITH *`.
    pub(crate) fn add_filter(&mut self, condition: ExprNode) {
        if !matches!(
            self.clauses.last(),
            Some(Clause::Match(_) | Clause::With(_) | Clause::Return(_) | Clause::Procedure(_))
        ) {
            self.clauses.push(Clause::With(ProjectionClause::star()));
        }
        let slot = match self.clauses.last_mut() {
            Some(Clause::Match(m)) => &mut m.filter,
            Some(Clause::With(p)) | Some(Clause::Return(p)) => &mut p.filter,
            Some(Clause::Procedure(c)) => &mut c.filter,
            _ => return,
        };
        *slot = Some(match slot.take() {
            None => condition,
            Some(previous) => ExprNode::binary(super::expr::BinaryOp::And, previous, condition),
        });
    }

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
        fn scan(ast: &QueryAst, writes: &mut bool, batched: &mut bool) {
            for clause in &ast.clauses {
                match clause {
                    Clause::Create(_)
                    | Clause::Merge(_)
                    | Clause::Set(_)
                    | Clause::Remove(_)
                    | Clause::Delete(_)
                    | Clause::Foreach(_) => *writes = true,
                    Clause::Call(c) => {
                        *batched |= c.in_transactions.is_some();
                        scan(&c.body, writes, batched);
                    }
                    _ => {}
                }
            }
        }
        let (mut writes, mut batched) = (false, false);
        scan(self, &mut writes, &mut batched);
        writes && !batched
    }

    /// The last clause, if it is a `MATCH`.
    pub(crate) fn last_match(&mut self) -> Option<&mut MatchClause> {
        match self.clauses.last_mut() {
            Some(Clause::Match(m)) => Some(m),
            _ => None,
        }
    }

    /// The pattern the last `MATCH` is building.
    pub(crate) fn last_pattern(&mut self) -> Option<&mut PathPattern> {
        self.last_match().and_then(|m| m.patterns.last_mut())
    }

    /// The last clause, if it is a projection (`WITH` or `RETURN`).
    pub(crate) fn projection(&mut self) -> Option<&mut ProjectionClause> {
        match self.clauses.last_mut() {
            Some(Clause::With(p)) | Some(Clause::Return(p)) => Some(p),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[derive(Node, serde::Serialize)]
    struct Item {
        key: i64,
    }

    #[derive(Alias)]
    struct Other;

    #[test]
    fn only_writes_of_more_than_one_record_need_an_explicit_transaction() {
        let item = || Item { key: 1 };
        let row = name!(row);
        // One node is all or nothing on its own, with or without RETURN.
        assert!(!create(item()).ast.writes_atomically());
        assert!(!create(item()).return_(Item).ast.writes_atomically());
        // Anything more may be committed piecemeal by an auto-commit statement.
        assert!(create(item())
            .create(Item.alias(Other).value(item()))
            .ast
            .writes_atomically());
        assert!(unwind(rows(&[item()]), row)
            .create(Item.value(row))
            .ast
            .writes_atomically());
        assert!(create(item()).set(Item.key.to(2)).ast.writes_atomically());
        assert!(match_(Item).detach_delete(Item).ast.writes_atomically());
        // A read writes nothing.
        assert!(!match_(Item).return_(Item).ast.writes_atomically());
    }
}
