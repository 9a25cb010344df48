//! Named values and named parameters: the typed handles of `AS name` and `$name`.

use super::{ExprNode, Expression};
use crate::dsl::scope::{Cons, Nil, Var};
use crate::schema::identity::True;
use crate::schema::{Binding, BindingKey};
use core::marker::PhantomData;

/// The identity of one `name!(..)` declaration; implemented by the macro on a fresh type.
pub trait NameTag: 'static {
    /// The Cypher variable.
    const NAME: &'static str;
    /// Type-level identity.
    type Id;
    /// The same identity as a number.
    const ID: u64;
}

/// A named value of Rust type `T`: what `expr.as_(name)`, `WITH`, `RETURN` and `UNWIND` bind.
///
/// Declared with [`name!`](crate::name), which gives each declaration its own type; `T` is
/// inferred from the expression it names (or written: `name!(total: i64)`). The handle is
/// `Copy`: use it to define the value (`count(Movie).as_(movies)`) and to read it afterwards
/// (`.filter(movies.ge(2))`, `.return_(movies)`).
pub struct Name<Tag, T>(PhantomData<fn() -> (Tag, T)>);

impl<Tag, T> Name<Tag, T> {
    /// The handle; only `name!` needs to build one.
    #[doc(hidden)]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<Tag, T> Clone for Name<Tag, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Tag, T> Copy for Name<Tag, T> {}

impl<Tag: NameTag, T> core::fmt::Debug for Name<Tag, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Name({})", Tag::NAME)
    }
}

/// The scope binding of a named value.
pub struct Val<Tag, T>(PhantomData<fn() -> (Tag, T)>);

impl<Tag: NameTag, T: 'static> Binding for Val<Tag, T> {
    type Id = Tag::Id;
    const KEY: BindingKey = BindingKey::new(Tag::NAME, Tag::ID);
    type Shown = Tag;
}

impl<Tag: NameTag, T: 'static> Name<Tag, T> {
    /// `row.key`: a property of the struct this name holds (an `UNWIND` row of a label's
    /// struct), typed as the property.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let row = name!(row);
    /// let people = vec![Person { name: "Ann".into(), born: None }];
    /// let q = unwind(rows(&people), row).return_(row.get(Person.name));
    /// assert_eq!(q.to_cypher().text(), "UNWIND $p0 AS row RETURN row.name AS name");
    /// ```
    pub fn get<F, B>(
        self,
        property: crate::schema::Property<F, B>,
    ) -> super::Expr<F::Value, Cons<Val<Tag, T>, Nil>>
    where
        F: crate::schema::Field<Owner = T>,
    {
        let _ = property;
        super::Expr::new(crate::dsl::ast::build::property(
            <Val<Tag, T> as Binding>::KEY,
            F::KEY_NAME,
        ))
    }
}

impl<Tag: NameTag, T: 'static> Expression for Name<Tag, T> {
    type Type = T;
    type Refs = Cons<Val<Tag, T>, Nil>;
    type OrderRefs = Cons<Val<Tag, T>, Nil>;
    type Entry<N, Rest> = Var<Val<Tag, T>, N, Rest>;
    type Carry = True;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::variable(<Val<Tag, T> as Binding>::KEY)
    }
}

/// An expression named for a projection: `count(movie) AS movies`; see `ExprMethods::as_`.
#[must_use = "a named expression does nothing until passed to `.with(..)` or `.return_(..)`"]
pub struct Aliased<Tag, T, R> {
    pub(crate) expr: ExprNode,
    _type: crate::schema::identity::Phantom<(Tag, T, R)>,
}

impl<Tag, T, R> Aliased<Tag, T, R> {
    pub(crate) fn new(expr: ExprNode) -> Self {
        Self {
            expr,
            _type: PhantomData,
        }
    }
}

/// Requires an expression's type to be the type a name was declared with.
#[diagnostic::on_unimplemented(
    message = "expected a `{T}` value, found `{Self}`",
    label = "a value of another type",
    note = "a name or named parameter holds one type; a name declared without a type (`name!(total)`) takes the type of what it names"
)]
pub trait SameAs<T> {}
impl<T> SameAs<T> for T {}

/// A named parameter `$name` of type `T`, bound when the query runs; see [`param`].
pub struct Param<T> {
    name: &'static str,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Param<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Param<T> {}

impl<T> Param<T> {
    /// The parameter's name, without `$`.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// A named parameter `$name` holding a `T`, so a query built once runs again with new values:
/// bind it with `Returning::bind` before running.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Movie { pub title: String, pub released: i64 }
/// let year = param::<i64>("year");
/// let q = match_(Movie).filter(Movie.released.ge(year)).return_(Movie.title);
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (movie:Movie) WHERE movie.released >= $year RETURN movie.title AS title"
/// );
/// let q = q.bind(year, 1999);
/// assert_eq!(q.to_cypher().params().get("year"), Some(&typher::dsl::Value::Int(1999)));
/// ```
pub fn param<T>(name: &'static str) -> Param<T> {
    Param {
        name,
        _type: PhantomData,
    }
}

impl<T> Expression for Param<T> {
    type Type = T;
    type Refs = Nil;
    type OrderRefs = Nil;
    type Entry<N, Rest> = Rest;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::named_param(self.name)
    }
}
