//! `FOREACH (item IN list | ..)`: writes once per item of a list.

use crate::dsl::expr::{IntoExpr, ListOf, Name, NameTag, Val};
use crate::dsl::query::{Query, WriteEnd, Written};
use crate::dsl::scope::{AllBound, Required, Var};
use crate::dsl::subquery::Imported;
use crate::schema::Binding;

impl<S, P> Query<S, P> {
    /// `FOREACH (item IN list | ..)`: runs the writes `body` builds once per item; `item`
    /// holds the item, typed as the list's items. The body sees the enclosing scope, and
    /// nothing it binds outlives it.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let title = name!(title);
    /// let q = match_(Person.having(Person.name, "Ann")).foreach(
    ///     title,
    ///     vec!["Heat", "Ronin"],
    ///     |q| q.merge(Movie.having(Movie.title, title)).merge_rel(Person, REVIEWED, Movie)
    ///         .on_create_set((REVIEWED.rating.to(0), REVIEWED.summary.to(""))),
    /// );
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person {name: $p0}) FOREACH (title IN $p1 | \
    ///      MERGE (movie:Movie {title: title}) MERGE (person)-[reviewed:REVIEWED]->(movie) \
    ///      ON CREATE SET reviewed.rating = $p2, reviewed.summary = $p3)"
    /// );
    /// ```
    pub fn foreach<Tag, T, L, S2, P2>(
        self,
        item: Name<Tag, T>,
        list: L,
        body: impl FnOnce(Query<Var<Val<Tag, T>, Required, S>, Imported>) -> Query<S2, P2>,
    ) -> Query<S, Written>
    where
        Tag: NameTag,
        T: 'static,
        L: IntoExpr,
        L::Refs: AllBound<S>,
        L::Type: ListOf<T>,
        P2: WriteEnd,
    {
        let _ = item;
        let body = body(Query::from_ast(crate::dsl::ast::build::query(Vec::new()))).ast;
        self.push(crate::dsl::ast::build::foreach(
            <Val<Tag, T> as Binding>::KEY,
            list.into_operand(),
            body.clauses,
        ))
    }
}
