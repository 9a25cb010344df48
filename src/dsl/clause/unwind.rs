//! `UNWIND list AS name`: one row per item of a typed list.

use super::Clause;
use crate::dsl::expr::{ExprNode, IntoExpr, ListOf, Name, NameTag, Val};
use crate::dsl::query::{Query, Unwound};
use crate::dsl::render::Renderer;
use crate::dsl::scope::{AllBound, NoVars, Required, Var};
use crate::schema::{Binding, BindingKey};

/// `UNWIND list AS name`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnwindClause {
    pub list: ExprNode,
    pub name: BindingKey,
}

impl UnwindClause {
    pub(crate) fn render(&self, r: &mut Renderer) {
        r.clause("UNWIND ");
        r.expr(&self.list);
        r.push_alias_of(self.name);
    }
}

fn clause<L: IntoExpr, Tag: NameTag, T: 'static>(list: L) -> Clause {
    Clause::Unwind(UnwindClause {
        list: list.into_operand(),
        name: <Val<Tag, T> as Binding>::KEY,
    })
}

/// `UNWIND list AS name` at the start of a query: a literal `Vec` (one parameter), a
/// [`param`](crate::dsl::param), or a list expression such as [`range`](crate::dsl::range).
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String, pub released: i64 }
/// let year = name!(year);
/// let q = unwind(vec![1999, 2003], year)
///     .match_(Movie)
///     .filter(Movie.released.eq(year))
///     .return_((year, Movie.title));
/// assert_eq!(
///     q.to_cypher().text(),
///     "UNWIND $p0 AS year MATCH (movie:Movie) WHERE movie.released = year \
///      RETURN year, movie.title AS title"
/// );
/// ```
pub fn unwind<L, Tag: NameTag, T: 'static>(
    list: L,
    name: Name<Tag, T>,
) -> Query<Var<Val<Tag, T>, Required, NoVars>, Unwound>
where
    L: IntoExpr,
    L::Refs: AllBound<NoVars>,
    L::Type: ListOf<T>,
{
    Query::<NoVars, ()>::empty().unwind(list, name)
}

impl<S, P> Query<S, P> {
    /// `UNWIND list AS name`: one row per item; `name` holds the item, typed as the list's items.
    pub fn unwind<L, Tag: NameTag, T: 'static>(
        self,
        list: L,
        name: Name<Tag, T>,
    ) -> Query<Var<Val<Tag, T>, Required, S>, Unwound>
    where
        L: IntoExpr,
        L::Refs: AllBound<S>,
        L::Type: ListOf<T>,
    {
        let _ = name;
        self.push(clause::<L, Tag, T>(list))
    }
}
