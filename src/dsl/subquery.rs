//! Subqueries: `EXISTS { .. }`, `COUNT { .. }` and `COLLECT { .. }` as typed expressions,
//! and what they share with `CALL (..) { .. }` ([`call`](super::clause::call)): explicit
//! imports.
//!
//! A subquery sees only what it imports plus what it binds itself. The imports are the first
//! argument (a label or relationship handle, a name, or a tuple of them); the body is a
//! closure that builds the subquery from a query whose scope holds exactly those imports, so
//! reading anything else does not compile. The imports must be bound where the subquery is
//! used. Inside, a label the outer query also binds is a new binding (and gets its own
//! variable), so it never makes an outer reference ambiguous.

use super::clause::return_::Returning;
use super::expr::{Expr, Name, NameTag, Val};
use super::query::Query;
use super::row::Single;
use super::scope::{Cons, Nil, NoVars, NullOf, Required, Var};
use crate::dsl::ast::{QueryAst, SubqueryKind};
use crate::dsl::tuples::for_tuples;
use crate::schema::{Binding, BindingKey, Handle};

/// What a subquery imports: a label or relationship handle (`Person`), a name, `()` for
/// nothing, or a tuple of up to 12 of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be imported into a subquery",
    label = "expected a label or relationship handle, a name, or a tuple of them",
    note = "a subquery imports bindings of the enclosing query: `Person`, `Person.alias(Coactor)`, `ACTED_IN`, a `name!(..)`"
)]
pub trait Imports {
    /// The subquery's scope to start with: the imports.
    type Scope;
    /// The bindings read from the enclosing query.
    type Refs;
    /// The keys of the imported bindings, in order.
    #[doc(hidden)]
    fn keys(out: &mut Vec<BindingKey>);
}

impl Imports for () {
    type Scope = NoVars;
    type Refs = Nil;
    fn keys(_: &mut Vec<BindingKey>) {}
}

impl<H: Handle> Imports for H {
    type Scope = Var<H::Binding, Required, NoVars>;
    type Refs = Cons<H::Binding, Nil>;
    fn keys(out: &mut Vec<BindingKey>) {
        out.push(<H::Binding as Binding>::KEY);
    }
}

impl<Tag: NameTag, T: 'static> Imports for Name<Tag, T> {
    type Scope = Var<Val<Tag, T>, Required, NoVars>;
    type Refs = Cons<Val<Tag, T>, Nil>;
    fn keys(out: &mut Vec<BindingKey>) {
        out.push(<Val<Tag, T> as Binding>::KEY);
    }
}

/// One item of a tuple of imports: the binding it brings into the subquery.
#[doc(hidden)]
pub trait Import {
    /// The binding imported.
    type Binding: Binding;
}
impl<H: Handle> Import for H {
    type Binding = H::Binding;
}
impl<Tag: NameTag, T: 'static> Import for Name<Tag, T> {
    type Binding = Val<Tag, T>;
}

macro_rules! import_tuples {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: Import),+> Imports for ($($name,)+) {
            type Scope = import_tuples!(@scope $($name)+);
            type Refs = import_tuples!(@refs $($name)+);
            fn keys(out: &mut Vec<BindingKey>) {
                $(out.push(<$name::Binding as Binding>::KEY);)+
            }
        }
    };
    (@scope $first:ident $($rest:ident)*) => {
        Var<$first::Binding, Required, import_tuples!(@scope $($rest)*)>
    };
    (@scope) => { NoVars };
    (@refs $first:ident $($rest:ident)*) => {
        Cons<$first::Binding, import_tuples!(@refs $($rest)*)>
    };
    (@refs) => { Nil };
}
for_tuples!(import_tuples);

/// The scope a `CALL` body starts from in an enclosing scope `S`: the imports, each as
/// nullable as it is in `S` (an import from an `OPTIONAL MATCH` stays nullable inside).
#[doc(hidden)]
pub trait ImportsFrom<S>: Imports {
    /// The imports with their nullability in `S`.
    type Scope;
}

impl<S> ImportsFrom<S> for () {
    type Scope = NoVars;
}

impl<S, I: Imports + Import> ImportsFrom<S> for I
where
    S: NullOf<<I::Binding as Binding>::Id>,
{
    type Scope = Var<I::Binding, <S as NullOf<<I::Binding as Binding>::Id>>::Null, NoVars>;
}

macro_rules! imports_from {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<S, $($name: Import),+> ImportsFrom<S> for ($($name,)+)
        where
            $(S: NullOf<<$name::Binding as Binding>::Id>,)+
        {
            type Scope = imports_from!(@scope S; $($name)+);
        }
    };
    (@scope $s:ident; $first:ident $($rest:ident)*) => {
        Var<
            $first::Binding,
            <$s as NullOf<<$first::Binding as Binding>::Id>>::Null,
            imports_from!(@scope $s; $($rest)*),
        >
    };
    (@scope $s:ident;) => { NoVars };
}
for_tuples!(imports_from);

/// The query a `CALL` body starts from in enclosing scope `S`.
pub type CallStart<I, S> = Query<<I as ImportsFrom<S>>::Scope, Imported>;

/// Position: the start of a subquery, before its first clause.
pub struct Imported;

/// The query a subquery body starts from: its imports and nothing else.
pub type SubqueryStart<I> = Query<<I as Imports>::Scope, Imported>;

/// A finished subquery body: a query, with or without `RETURN`.
#[doc(hidden)]
pub trait Body: sealed::Body {}
impl<S, P> Body for Query<S, P> {}
impl<O, R, P> Body for Returning<O, R, P> {}

mod sealed {
    use super::Query;
    use super::Returning;
    use crate::dsl::ast::QueryAst;
    /// Gives up the body's clauses; only typher's query types are bodies.
    pub trait Body {
        fn into_ast(self) -> QueryAst;
    }
    impl<S, P> Body for Query<S, P> {
        fn into_ast(self) -> QueryAst {
            self.ast
        }
    }
    impl<O, R, P> Body for Returning<O, R, P> {
        fn into_ast(self) -> QueryAst {
            self.ast
        }
    }
}

/// The clauses of a subquery body.
pub(crate) fn body_ast<B: Body>(body: B) -> QueryAst {
    sealed::Body::into_ast(body)
}

fn subquery<T, I: Imports, Q: Body>(
    kind: SubqueryKind,
    body: impl FnOnce(SubqueryStart<I>) -> Q,
) -> Expr<T, I::Refs> {
    let start = Query::from_ast(QueryAst::default());
    Expr::new(crate::dsl::ast::build::subquery(
        kind,
        sealed::Body::into_ast(body(start)),
    ))
}

/// `EXISTS { .. }`: whether the subquery finds anything. Its body may read only `imports`
/// and what it binds itself; negate it with [`not`](super::expr::not) for
/// `WHERE NOT EXISTS { .. }` (what a bare `WHERE NOT (p)-[:ACTED_IN]->()` means).
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Person)
///     .filter(exists(Person, |q| q.match_(Person.again()).rel(DIRECTED).to(())))
///     .return_(Person.name);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WHERE EXISTS { MATCH (person)-[:DIRECTED]->() } RETURN person.name AS name"
/// );
/// ```
pub fn exists<I: Imports, Q: Body>(
    imports: I,
    body: impl FnOnce(SubqueryStart<I>) -> Q,
) -> Expr<bool, I::Refs> {
    let _ = imports;
    subquery::<_, I, _>(SubqueryKind::Exists, body)
}

/// `COUNT { .. }`: how many rows the subquery has, as an `i64` expression.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Movie)
///     .filter(count_of(Movie, |q| q.match_(Movie.again()).rel(ACTED_IN).from(Person)).gt(8))
///     .return_(Movie.title);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (movie:Movie) WHERE COUNT { MATCH (movie)<-[:ACTED_IN]-(person:Person) } > $p0 \
///      RETURN movie.title AS title"
/// );
/// ```
pub fn count_of<I: Imports, Q: Body>(
    imports: I,
    body: impl FnOnce(SubqueryStart<I>) -> Q,
) -> Expr<i64, I::Refs> {
    let _ = imports;
    subquery::<_, I, _>(SubqueryKind::Count, body)
}

/// A subquery that returns exactly one column, of type `T`: what `COLLECT { .. }` takes.
#[diagnostic::on_unimplemented(
    message = "a `COLLECT` subquery or a pattern comprehension must return exactly one column",
    label = "this subquery returns `{Self}`",
    note = "return one item: `.return_(Movie.title)`, not a tuple"
)]
pub trait OneColumn {
    /// The column's type.
    type Item;
}
impl<T> OneColumn for Single<T> {
    type Item = T;
}

/// `COLLECT { .. }`: the subquery's only column, as a typed list.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let titles = name!(titles);
/// let q = match_(Person).return_((
///     Person.name,
///     collect_of(Person, |q| {
///         q.match_(Person.again()).rel(DIRECTED).to(Movie).return_(Movie.title)
///     })
///     .as_(titles),
/// ));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) RETURN person.name AS name, \
///      COLLECT { MATCH (person)-[:DIRECTED]->(movie:Movie) RETURN movie.title AS title } AS titles"
/// );
/// ```
pub fn collect_of<I: Imports, O, R: OneColumn, P>(
    imports: I,
    body: impl FnOnce(SubqueryStart<I>) -> Returning<O, R, P>,
) -> Expr<Vec<R::Item>, I::Refs> {
    let _ = imports;
    subquery::<_, I, _>(SubqueryKind::Collect, body)
}

/// A pattern comprehension, `[(person)-[:DIRECTED]->(movie:Movie) WHERE .. | movie.title]`:
/// the list of one value per match of a pattern. The body is built like a
/// [`collect_of`] body: one `MATCH` of one pattern, maybe a `WHERE`, and a `RETURN` of one
/// item, which becomes the value after `|`. (A body with more than that renders as the
/// `COLLECT { .. }` subquery it is equivalent to.)
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Person).return_((
///     Person.name,
///     comprehension(Person, |q| {
///         q.match_(Person.again()).rel(DIRECTED).to(Movie)
///             .filter(Movie.released.gt(1990))
///             .return_(Movie.title)
///     }),
/// ));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) RETURN person.name AS name, \
///      [(person)-[:DIRECTED]->(movie:Movie) WHERE movie.released > $p0 | movie.title] AS collect"
/// );
/// ```
pub fn comprehension<I: Imports, O, R: OneColumn, P>(
    imports: I,
    body: impl FnOnce(SubqueryStart<I>) -> Returning<O, R, P>,
) -> Expr<Vec<R::Item>, I::Refs> {
    let _ = imports;
    subquery::<_, I, _>(SubqueryKind::Comprehension, body)
}
