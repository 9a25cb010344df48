//! `UNWIND list AS name`: one row per item of a typed list.

use crate::dsl::ast::Clause;
use crate::dsl::expr::{ExprNode, IntoExpr, ListOf, Name, NameTag, Val};
use crate::dsl::query::{Query, Unwound};
use crate::dsl::scope::{AllBound, NoVars, Required, Var};
use crate::schema::{Binding, ElementBinding, NodeHandle};

/// What `UNWIND` binds each item to: a name (`name!(x)`), or a node handle (`Person`),
/// which a list of nodes unwinds back into a node binding a pattern can continue from.
#[diagnostic::on_unimplemented(
    message = "`UNWIND` cannot bind its items to `{Self}`",
    label = "expected a name (`let x = name!(x);`) or, for a list of nodes, a label handle such as `Person`"
)]
pub trait UnwindTarget {
    /// The binding each item is bound to.
    type Binding: Binding;
    /// The type of the items.
    type Item;
}

impl<Tag: NameTag, T: 'static> UnwindTarget for Name<Tag, T> {
    type Binding = Val<Tag, T>;
    type Item = T;
}

impl<H: NodeHandle> UnwindTarget for H {
    type Binding = H::Binding;
    type Item = <H::Binding as ElementBinding>::Element;
}

fn clause<L: IntoExpr, U: UnwindTarget>(list: L) -> Clause {
    crate::dsl::ast::build::unwind(list.into_operand(), <U::Binding as Binding>::KEY)
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
pub fn unwind<L, U: UnwindTarget>(
    list: L,
    name: U,
) -> Query<Var<U::Binding, Required, NoVars>, Unwound>
where
    L: IntoExpr,
    L::Refs: AllBound<NoVars>,
    L::Type: ListOf<U::Item>,
{
    Query::<NoVars, ()>::empty().unwind(list, name)
}

impl<S, P> Query<S, P> {
    /// `UNWIND list AS name`: one row per item; `name` holds the item, typed as the list's
    /// items. A list of nodes may unwind into a node handle, `unwind(people, Person)`,
    /// which patterns then continue from (`Person.again()`).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let people = name!(people);
    /// let q = match_(Person).with(collect(Person).as_(people))
    ///     .unwind(people, Person)
    ///     .match_(Person.again()).rel(ACTED_IN).to(Movie)
    ///     .return_(Movie.title);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH collect(person) AS people UNWIND people AS person \
    ///      MATCH (person)-[:ACTED_IN]->(movie:Movie) RETURN movie.title AS title"
    /// );
    /// ```
    pub fn unwind<L, U: UnwindTarget>(
        self,
        list: L,
        name: U,
    ) -> Query<Var<U::Binding, Required, S>, Unwound>
    where
        L: IntoExpr,
        L::Refs: AllBound<S>,
        L::Type: ListOf<U::Item>,
    {
        let _ = name;
        self.push(clause::<L, U>(list))
    }
}

/// A slice of values sent as one list parameter, for a batch: `unwind(rows(&people), row)`
/// then one write per row, all in one query and one round trip.
#[must_use = "rows do nothing until unwound"]
pub struct Rows<T> {
    list: ExprNode,
    _items: core::marker::PhantomData<fn() -> T>,
}

/// The values of `items` as one list parameter, typed `Vec<T>`: what `UNWIND` takes for a
/// batch write. Each row is then a `T` (a node's or relationship's struct, or a [`Link`]).
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let row = name!(row);
/// let people = vec![
///     Person { name: "Ann".into(), born: Some(1990) },
///     Person { name: "Bob".into(), born: None },
/// ];
/// let q = unwind(rows(&people), row)
///     .merge(Person.having(Person.name, row.get(Person.name)))
///     .on_create_set(Person.assign(row))
///     .on_match_set(Person.update(row));
/// assert_eq!(
///     q.to_cypher().text(),
///     "UNWIND $p0 AS row MERGE (person:Person {name: row.name}) \
///      ON CREATE SET person = row ON MATCH SET person += row"
/// );
/// ```
pub fn rows<T: serde::Serialize>(items: &[T]) -> Rows<T> {
    Rows {
        list: ExprNode::serialized(items),
        _items: core::marker::PhantomData,
    }
}

impl<T> IntoExpr for Rows<T> {
    type Type = Vec<T>;
    type Refs = crate::dsl::scope::Nil;
    fn into_operand(self) -> ExprNode {
        self.list
    }
}

/// One relationship to create in a batch: the keys of the nodes at its two ends and its
/// value. Unwound, `link.from()`, `link.rel()` and `link.to()` read its parts.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// use typher::dsl::Link;
/// let link = name!(link);
/// let links: Vec<Link<String, ActedIn, String>> =
///     vec![Link::new("Ann", ActedIn { roles: vec!["Eve".into()] }, "Heat")];
/// let q = unwind(rows(&links), link)
///     .match_(Person.having(Person.name, link.from()))
///     .match_(Movie.having(Movie.title, link.to()))
///     .create_rel(Person, ACTED_IN.value(link.rel()), Movie);
/// assert_eq!(
///     q.to_cypher().text(),
///     "UNWIND $p0 AS link MATCH (person:Person {name: link.from}) \
///      MATCH (movie:Movie {title: link.to}) CREATE (person)-[acted_in:ACTED_IN]->(movie) \
///      SET acted_in = link.rel"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link<F, R, T> {
    /// The key of the node the relationship starts at.
    pub from: F,
    /// The relationship's value.
    pub rel: R,
    /// The key of the node the relationship ends at.
    pub to: T,
}

impl<F, R, T> Link<F, R, T> {
    /// A link from the node keyed `from` to the node keyed `to`.
    pub fn new(from: impl Into<F>, rel: R, to: impl Into<T>) -> Self {
        Self {
            from: from.into(),
            rel,
            to: to.into(),
        }
    }
}

/// A part of an unwound [`Link`], typed `V`.
pub type LinkPart<V, Tag, F, R, T> = crate::dsl::expr::Expr<
    V,
    crate::dsl::scope::Cons<Val<Tag, Link<F, R, T>>, crate::dsl::scope::Nil>,
>;

impl<Tag: NameTag, F: 'static, R: 'static, T: 'static> Name<Tag, Link<F, R, T>> {
    fn part<V>(self, key: &'static str) -> LinkPart<V, Tag, F, R, T> {
        crate::dsl::expr::Expr::new(crate::dsl::ast::build::property(
            <Val<Tag, Link<F, R, T>> as Binding>::KEY,
            crate::schema::names::GraphName::new(key),
        ))
    }

    /// `link.from`: the key of the start node.
    pub fn from(self) -> LinkPart<F, Tag, F, R, T> {
        self.part("from")
    }

    /// `link.rel`: the relationship's value.
    pub fn rel(self) -> LinkPart<R, Tag, F, R, T> {
        self.part("rel")
    }

    /// `link.to`: the key of the end node.
    pub fn to(self) -> LinkPart<T, Tag, F, R, T> {
        self.part("to")
    }
}
