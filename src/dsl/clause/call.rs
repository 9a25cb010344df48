//! `CALL (x, y) { .. }` and `OPTIONAL CALL (x, y) { .. }`: a subquery run once per row,
//! whose returned items join the enclosing query's scope.
//!
//! The subquery imports its variables explicitly, in the variable scope clause `CALL (x)`
//! (the form Neo4j 5 recommends; the older importing `WITH x` inside the braces is not
//! rendered, so a query has one spelling). What it returns joins the outer scope with its
//! types, and with `OPTIONAL CALL` as nullable.

use super::return_::Returning;
use crate::dsl::ast::{Clause, QueryAst};
use crate::dsl::expr::ExprKind;
use crate::dsl::query::{Called, Query, WriteEnd, Written};
use crate::dsl::scope::{AllBound, Append, Nullify};
use crate::dsl::subquery::{CallStart, Imports, ImportsFrom};

/// `CALL (imports) { body }`, keeping bound what the body returns.
fn call_clause<I: Imports>(optional: bool, body: QueryAst, in_transactions: Option<u64>) -> Clause {
    {
        let mut imports = Vec::new();
        I::keys(&mut imports);
        let exported = match body.clauses.last() {
            Some(Clause::Return(p)) => p
                .items
                .iter()
                .filter_map(|item| match (&item.name, &item.expr.0) {
                    (Some(name), _) => Some(name.id),
                    (None, ExprKind::Variable(key)) => Some(key.id),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        crate::dsl::ast::build::call(optional, imports, body, exported, in_transactions)
    }
}

/// The query after `.call(imports, body)` whose body returns scope entries `P`.
pub type AfterCall<S, P> = Query<<P as Append<S>>::Out, Called>;
/// The query after `.optional_call(imports, body)`.
pub type AfterOptionalCall<S, P> = Query<<<P as Nullify>::Out as Append<S>>::Out, Called>;

impl<S, Pos> Query<S, Pos> {
    /// `CALL (imports) { .. }`: runs the subquery once per row; its returned items join
    /// the scope with their types. The body may read only `imports` and its own bindings;
    /// an import keeps its nullability (after `OPTIONAL MATCH`, its values are `Option`).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let roles = name!(roles);
    /// let q = match_(Person)
    ///     .call(Person, |q| {
    ///         q.match_(Person.again()).rel(ACTED_IN).to(Movie).return_(count_all().as_(roles))
    ///     })
    ///     .return_((Person.name, roles));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) CALL (person) { MATCH (person)-[:ACTED_IN]->(movie:Movie) \
    ///      RETURN count(*) AS roles } RETURN person.name AS name, roles"
    /// );
    /// ```
    pub fn call<I, O, R, P>(
        self,
        imports: I,
        body: impl FnOnce(CallStart<I, S>) -> Returning<O, R, P>,
    ) -> AfterCall<S, P>
    where
        I: ImportsFrom<S>,
        I::Refs: AllBound<S>,
        P: Append<S>,
    {
        let _ = imports;
        let body = crate::dsl::subquery::body_ast(body(Query::from_ast(QueryAst::default())));
        self.push(call_clause::<I>(false, body, None))
    }

    /// `OPTIONAL CALL (imports) { .. }`: like [`call`](Self::call), but a row whose subquery
    /// finds nothing is kept, with the returned items null (so they decode as `Option`).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person)
    ///     .optional_call(Person, |q| {
    ///         q.match_(Person.again()).rel(DIRECTED).to(Movie).return_(Movie)
    ///     })
    ///     .return_((Person.name, Movie.title));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) OPTIONAL CALL (person) { MATCH (person)-[:DIRECTED]->(movie:Movie) \
    ///      RETURN movie } RETURN person.name AS name, movie.title AS title"
    /// );
    /// ```
    pub fn optional_call<I, O, R, P>(
        self,
        imports: I,
        body: impl FnOnce(CallStart<I, S>) -> Returning<O, R, P>,
    ) -> AfterOptionalCall<S, P>
    where
        I: ImportsFrom<S>,
        I::Refs: AllBound<S>,
        P: Nullify,
        P::Out: Append<S>,
    {
        let _ = imports;
        let body = crate::dsl::subquery::body_ast(body(Query::from_ast(QueryAst::default())));
        self.push(call_clause::<I>(true, body, None))
    }

    /// `CALL (imports) { .. } IN TRANSACTIONS OF n ROWS`: runs the writes `body` builds in
    /// transactions of `rows` input rows each, for imports too large for one transaction.
    /// The server commits each batch on its own, so run it with
    /// [`Executor::execute`](crate::Executor::execute) on a client (an auto-commit transaction), never
    /// inside [`Client::write`](crate::Client::write) or an explicit transaction.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let row = name!(row);
    /// let people = vec![Person { name: "Ann".into(), born: None }];
    /// let q = unwind(rows(&people), row)
    ///     .call_in_transactions(row, 1000, |q| q.create(Person.value(row)));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "UNWIND $p0 AS row CALL (row) { CREATE (person:Person {name: row.name, born: row.born}) } \
    ///      IN TRANSACTIONS OF 1000 ROWS"
    /// );
    /// ```
    pub fn call_in_transactions<I, S2, P2>(
        self,
        imports: I,
        rows: u64,
        body: impl FnOnce(CallStart<I, S>) -> Query<S2, P2>,
    ) -> Query<S, Written>
    where
        I: ImportsFrom<S>,
        I::Refs: AllBound<S>,
        P2: WriteEnd,
    {
        let _ = imports;
        let body = body(Query::from_ast(QueryAst::default())).ast;
        self.push(call_clause::<I>(false, body, Some(rows.max(1))))
    }
}
