//! `CALL procedure(args) YIELD column AS name`: a procedure with a typed signature, whose
//! yielded columns join the scope as typed names.
//!
//! A [`Procedure`] knows its name and the Rust types of the columns it yields, in order:
//! [`db::labels`] and the other built-ins declare theirs, and [`procedure`] declares any
//! other (the escape hatch: names and types as you state them). `.call_procedure(proc,
//! names)` yields every column into a [`name!`](crate::name) (or `()` to leave it out), each
//! checked against the column's type.

use crate::dsl::ast::Clause;
use crate::dsl::expr::{ExprNode, IntoExpr, Name, NameTag, Val};
use crate::dsl::query::{Called, Query};
use crate::dsl::scope::{AllBound, Both, Nil, NoVars, Required, Var};
use crate::dsl::tuples::for_tuples;
use crate::schema::{Binding, BindingKey};
use core::marker::PhantomData;
use std::borrow::Cow;

/// A procedure call: its dotted name, its arguments, and the columns it yields, whose Rust
/// types are `Cols` (a tuple); `Reads` lists the bindings the arguments read.
#[must_use = "a procedure does nothing until called: `.call_procedure(proc, names)`"]
pub struct Procedure<Cols, Reads = Nil> {
    name: Cow<'static, str>,
    args: Vec<ExprNode>,
    columns: Vec<Cow<'static, str>>,
    _types: PhantomData<fn() -> (Cols, Reads)>,
}

impl<Cols, Reads> Procedure<Cols, Reads> {
    /// One more argument: a value (sent as a parameter) or an expression of the query.
    pub fn arg<V: IntoExpr>(mut self, value: V) -> Procedure<Cols, Both<Reads, V::Refs>> {
        self.args.push(value.into_operand());
        Procedure {
            name: self.name,
            args: self.args,
            columns: self.columns,
            _types: PhantomData,
        }
    }
}

/// The column types a procedure yields: a tuple of up to 12 Rust types.
#[doc(hidden)]
pub trait YieldColumns {
    /// The column names, one per type: `["name", "versions"]`.
    type Names;
    /// The names as a list.
    #[doc(hidden)]
    fn names(names: Self::Names) -> Vec<Cow<'static, str>>;
}

macro_rules! columns {
    ($n:literal: $($t:ident $_u:ident $_i:tt),+) => {
        impl<$($t),+> YieldColumns for ($($t,)+) {
            type Names = [&'static str; $n];
            fn names(names: Self::Names) -> Vec<Cow<'static, str>> {
                names.into_iter().map(Cow::Borrowed).collect()
            }
        }
    };
}
for_tuples!(columns);

/// A procedure typher has no signature for, with the column names and types you declare:
/// the escape hatch. The name and columns are quoted where they need it; arguments go as
/// parameters.
///
/// ```
/// # use typher::prelude::*;
/// let (name, edition) = (name!(name), name!(edition));
/// let q = call_procedure(
///     procedure::<(String, Vec<String>, String)>("dbms.components", ["name", "versions", "edition"]),
///     (name, (), edition),
/// )
/// .return_((name, edition));
/// assert_eq!(
///     q.to_cypher().text(),
///     "CALL dbms.components() YIELD name, edition RETURN name, edition"
/// );
/// ```
pub fn procedure<Cols: YieldColumns>(name: &'static str, columns: Cols::Names) -> Procedure<Cols> {
    Procedure {
        name: Cow::Borrowed(name),
        args: Vec::new(),
        columns: Cols::names(columns),
        _types: PhantomData,
    }
}

/// The built-in `db.*` procedures, with their signatures.
pub mod db {
    use super::{procedure, Procedure};

    /// `db.labels()`: every label in use, yielding `label: String`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// let label = name!(label);
    /// let q = call_procedure(db::labels(), label).return_(label);
    /// assert_eq!(q.to_cypher().text(), "CALL db.labels() YIELD label RETURN label");
    /// ```
    pub fn labels() -> Procedure<(String,)> {
        procedure("db.labels", ["label"])
    }

    /// `db.relationshipTypes()`: every relationship type in use, yielding
    /// `relationshipType: String`.
    pub fn relationship_types() -> Procedure<(String,)> {
        procedure("db.relationshipTypes", ["relationshipType"])
    }

    /// `db.propertyKeys()`: every property key, yielding `propertyKey: String`.
    pub fn property_keys() -> Procedure<(String,)> {
        procedure("db.propertyKeys", ["propertyKey"])
    }
}

/// Where one yielded column goes: a name of the column's type `C`, or `()` to leave it out.
#[diagnostic::on_unimplemented(
    message = "a column of type `{C}` cannot be yielded into `{Self}`",
    label = "expected a `name!(..)` holding a `{C}`, or `()` to leave the column out",
    note = "a procedure's columns are yielded in order, each into a name of its type"
)]
#[doc(hidden)]
pub trait YieldItem<C> {
    /// The scope `S` with this column's name added.
    type Entry<S>;
    /// The key of the name, if any.
    #[doc(hidden)]
    fn key() -> Option<BindingKey>;
}
impl<C: 'static, Tag: NameTag> YieldItem<C> for Name<Tag, C> {
    type Entry<S> = Var<Val<Tag, C>, Required, S>;
    fn key() -> Option<BindingKey> {
        Some(<Val<Tag, C> as Binding>::KEY)
    }
}
impl<C> YieldItem<C> for () {
    type Entry<S> = S;
    fn key() -> Option<BindingKey> {
        None
    }
}

/// The names a procedure's columns are yielded into, one per column in order: a single name
/// for a one-column procedure, else a tuple.
#[diagnostic::on_unimplemented(
    message = "the names given do not match the procedure's columns `{Cols}` one by one",
    label = "expected one `name!(..)` (or `()`) per column, in the procedure's order",
    note = "each name holds its column's type: `name!(label)` takes it from the procedure, `name!(label: String)` states it"
)]
pub trait Yields<Cols> {
    /// The scope `S` with the yielded names added.
    type Out<S>;
    /// The keys, one per column.
    #[doc(hidden)]
    fn keys() -> Vec<Option<BindingKey>>;
}
impl<C: 'static, Tag: NameTag> Yields<(C,)> for Name<Tag, C> {
    type Out<S> = <Self as YieldItem<C>>::Entry<S>;
    fn keys() -> Vec<Option<BindingKey>> {
        vec![<Self as YieldItem<C>>::key()]
    }
}

macro_rules! yields {
    ($n:literal: $($y:ident $c:ident $_i:tt),+) => {
        impl<$($c,)+ $($y: YieldItem<$c>),+> Yields<($($c,)+)> for ($($y,)+) {
            type Out<S> = yields!(@out S; $($y $c),+);
            fn keys() -> Vec<Option<BindingKey>> {
                vec![$(<$y as YieldItem<$c>>::key()),+]
            }
        }
    };
    (@out $s:ty; $y:ident $c:ident) => { <$y as YieldItem<$c>>::Entry<$s> };
    (@out $s:ty; $y:ident $c:ident, $($rest:tt)+) => {
        <$y as YieldItem<$c>>::Entry<yields!(@out $s; $($rest)+)>
    };
}
for_tuples!(yields);

/// `CALL name(args) YIELD ..` of `procedure`, its columns named by `Y`.
fn procedure_clause<Cols, Reads, Y: Yields<Cols>>(procedure: Procedure<Cols, Reads>) -> Clause {
    let yields = procedure
        .columns
        .into_iter()
        .zip(Y::keys())
        .filter_map(|(column, key)| Some((column, key?)))
        .collect();
    crate::dsl::ast::build::procedure(procedure.name, procedure.args, yields)
}

/// The query after `.call_procedure(procedure, names)` in scope `S`.
pub type AfterProcedure<S, Cols, Y> = Query<<Y as Yields<Cols>>::Out<S>, Called>;

/// `CALL procedure(..) YIELD ..` at the start of a query; see
/// [`Query::call_procedure`].
///
/// ```
/// # use typher::prelude::*;
/// let label = name!(label);
/// let q = call_procedure(db::labels(), label)
///     .filter(label.starts_with("P"))
///     .return_(label);
/// assert_eq!(
///     q.to_cypher().text(),
///     "CALL db.labels() YIELD label WHERE label STARTS WITH $p0 RETURN label"
/// );
/// ```
pub fn call_procedure<Cols, Reads, Y>(
    procedure: Procedure<Cols, Reads>,
    names: Y,
) -> AfterProcedure<NoVars, Cols, Y>
where
    Reads: AllBound<NoVars>,
    Y: Yields<Cols>,
{
    Query::<NoVars, ()>::empty().call_procedure(procedure, names)
}

impl<S, P> Query<S, P> {
    /// `CALL procedure(args) YIELD column AS name, ..`: runs the procedure once per row; each
    /// column is yielded into a name of its type (or left out with `()`), and the names join
    /// the scope. A `.filter(..)` right after it becomes the call's `WHERE`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let t = name!(t);
    /// let q = match_(Person)
    ///     .with(count(Person).as_(name!(people)))
    ///     .call_procedure(db::relationship_types(), t)
    ///     .return_(t);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH count(person) AS people \
    ///      CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t"
    /// );
    /// ```
    pub fn call_procedure<Cols, Reads, Y>(
        self,
        procedure: Procedure<Cols, Reads>,
        names: Y,
    ) -> AfterProcedure<S, Cols, Y>
    where
        Reads: AllBound<S>,
        Y: Yields<Cols>,
    {
        let _ = names;
        self.push(procedure_clause::<Cols, Reads, Y>(procedure))
    }
}
