//! The clause pipeline: a query is a list of clauses, and each clause family lives in its own
//! module with its builder methods, its AST node and its rendering.
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

pub mod call;
pub mod match_;
pub mod procedure;
pub mod projection;
pub mod return_;
pub mod union;
pub mod unwind;
pub mod with;

use super::expr::ExprNode;
use super::render::Renderer;

/// One clause of a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Clause {
    Match(match_::MatchClause),
    Call(call::CallClause),
    Procedure(procedure::ProcedureClause),
    With(projection::ProjectionClause),
    Unwind(unwind::UnwindClause),
    Return(projection::ProjectionClause),
}

/// A whole single query: its clauses in order.
#[derive(Debug, Clone, Default, PartialEq)]
#[doc(hidden)]
pub struct QueryAst {
    pub(crate) clauses: Vec<Clause>,
}

impl Clause {
    /// Calls `visit` on every expression of the clause.
    fn for_each_expr(&self, visit: &mut impl FnMut(&ExprNode)) {
        match self {
            Clause::Match(m) => m.for_each_expr(visit),
            Clause::With(p) | Clause::Return(p) => p.for_each_expr(visit),
            Clause::Unwind(u) => visit(&u.list),
            Clause::Call(c) => c.body.for_each_expr(visit),
            Clause::Procedure(c) => c.for_each_expr(visit),
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
        if matches!(
            self.clauses.last(),
            Some(Clause::Unwind(_)) | Some(Clause::Call(_)) | None
        ) {
            self.clauses
                .push(Clause::With(projection::ProjectionClause::star()));
        }
        let slot = match self.clauses.last_mut() {
            Some(Clause::Match(m)) => &mut m.filter,
            Some(Clause::With(p)) | Some(Clause::Return(p)) => &mut p.filter,
            Some(Clause::Procedure(c)) => &mut c.filter,
            Some(Clause::Unwind(_)) | Some(Clause::Call(_)) | None => return,
        };
        *slot = Some(match slot.take() {
            None => condition,
            Some(previous) => ExprNode::binary(super::expr::BinaryOp::And, previous, condition),
        });
    }

    /// The last clause, if it is a `MATCH`.
    pub(crate) fn last_match(&mut self) -> Option<&mut match_::MatchClause> {
        match self.clauses.last_mut() {
            Some(Clause::Match(m)) => Some(m),
            _ => None,
        }
    }

    /// The pattern the last `MATCH` is building.
    pub(crate) fn last_pattern(&mut self) -> Option<&mut crate::dsl::pattern::PathPattern> {
        self.last_match().and_then(|m| m.patterns.last_mut())
    }

    /// The last clause, if it is a projection (`WITH` or `RETURN`).
    pub(crate) fn projection(&mut self) -> Option<&mut projection::ProjectionClause> {
        match self.clauses.last_mut() {
            Some(Clause::With(p)) | Some(Clause::Return(p)) => Some(p),
            _ => None,
        }
    }
}
