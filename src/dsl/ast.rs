//! The plain data a query builds up; the renderer turns it into Cypher.

use super::expr::Expr;
use crate::schema::BindingKey;

/// A whole read query.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct QueryAst {
    pub clauses: Vec<MatchClause>,
    pub returns: Vec<Expr>,
    pub distinct: bool,
    pub order: Vec<(Expr, bool)>,
    pub skip: Option<Expr>,
    pub limit: Option<Expr>,
}

/// `MATCH` or `OPTIONAL MATCH` with its pattern and `WHERE`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MatchClause {
    pub optional: bool,
    pub start: NodePattern,
    pub steps: Vec<(RelPattern, NodePattern)>,
    pub filter: Option<Expr>,
}

/// `(variable:Label)`, or `(variable)` when joining a node bound by an earlier clause.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NodePattern {
    pub binding: BindingKey,
    pub label: &'static str,
    pub reuse: bool,
}

/// `-[variable:TYPE|OTHER]->` in one of three directions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelPattern {
    pub binding: Option<BindingKey>,
    pub types: Vec<&'static str>,
    pub direction: Direction,
}

/// Which way a relationship step points, seen from the node before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Outgoing,
    Incoming,
    Either,
}
