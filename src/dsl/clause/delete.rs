//! `DELETE` and `DETACH DELETE` of bound nodes and relationships.
//!
//! A plain `DELETE` of a node that still has relationships fails on the server and changes
//! nothing; typher reports it as [`Error::NodeStillConnected`](crate::exec::Error::NodeStillConnected).

use crate::dsl::query::{Query, Written};
use crate::dsl::scope::{AllBound, Cons, Nil};
use crate::dsl::tuples::for_tuples;
use crate::schema::{Binding, BindingKey, Handle};

/// What `DELETE` takes: a label or relationship handle bound before, or a tuple of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is nothing `DELETE` can remove",
    label = "expected a node or relationship bound before (`Person`, `ACTED_IN`), or a tuple of them"
)]
#[doc(hidden)]
pub trait DeleteItems {
    /// The bindings deleted.
    type Refs;
    /// Appends their keys.
    #[doc(hidden)]
    fn push_keys(out: &mut Vec<BindingKey>);
}

impl<H: Handle> DeleteItems for H {
    type Refs = Cons<H::Binding, Nil>;
    fn push_keys(out: &mut Vec<BindingKey>) {
        out.push(<H::Binding as Binding>::KEY);
    }
}

macro_rules! tuple_deletes {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: Handle),+> DeleteItems for ($($name,)+) {
            type Refs = crate::__private::both!($(Cons<$name::Binding, Nil>),+);
            fn push_keys(out: &mut Vec<BindingKey>) {
                $(out.push(<$name::Binding as Binding>::KEY);)+
            }
        }
    };
}
for_tuples!(tuple_deletes);

impl<S, P> Query<S, P> {
    fn delete_clause<I: DeleteItems>(self, detach: bool) -> Query<S, Written> {
        let mut items = Vec::new();
        I::push_keys(&mut items);
        self.push(crate::dsl::ast::build::delete(detach, items))
    }

    /// `DELETE ..`: relationships, or nodes without relationships. A node that still has
    /// some makes the query fail with
    /// [`Error::NodeStillConnected`](crate::exec::Error::NodeStillConnected), and nothing changes.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(ACTED_IN).to(Movie.having(Movie.title, "Heat")).delete(ACTED_IN);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[acted_in:ACTED_IN]->(movie:Movie {title: $p0}) DELETE acted_in"
    /// );
    /// ```
    pub fn delete<I>(self, items: I) -> Query<S, Written>
    where
        I: DeleteItems,
        I::Refs: AllBound<S>,
    {
        let _ = items;
        self.delete_clause::<I>(false)
    }

    /// `DETACH DELETE ..`: nodes together with their relationships.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person.having(Person.name, "Ann")).detach_delete(Person);
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person {name: $p0}) DETACH DELETE person");
    /// ```
    pub fn detach_delete<I>(self, items: I) -> Query<S, Written>
    where
        I: DeleteItems,
        I::Refs: AllBound<S>,
    {
        let _ = items;
        self.delete_clause::<I>(true)
    }
}
