//! The clause pipeline: a query is a list of clauses ([`QueryAst`]),
//! and each clause family lives in its own module with its typed builder methods; the
//! [`ast`](crate::dsl::ast) nodes they build are rendered by [`render`](crate::dsl::render).
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
use crate::dsl::ast::{Clause, MatchClause, PathPattern, ProjectionClause, QueryAst};

impl QueryAst {
    /// Adds `condition` to the `WHERE` of the last clause, joined with `AND`; after an
    /// `UNWIND`, through `WITH *`.
    pub(crate) fn add_filter(&mut self, condition: ExprNode) {
        if !matches!(
            self.clauses.last(),
            Some(Clause::Match(_) | Clause::With(_) | Clause::Return(_) | Clause::Procedure(_))
        ) {
            self.clauses.push(crate::dsl::ast::build::with_star());
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
