//! Functions on nodes, relationships and lists, and the raw-fragment escape hatch.
//! String, number and list functions are methods: see [`ExprMethods`](super::ExprMethods).

use super::{Expr, ExprKind, ExprNode, Expression, Operand, Reads2};
use crate::dsl::scope::{Cons, Nil};
pub use crate::schema::MapNull;
use crate::schema::{Binding, Handle, NodeHandle};

/// Lists whose items have type `T` (nulls of an optional list count as empty).
#[diagnostic::on_unimplemented(
    message = "expected a list, found `{Self}`",
    label = "expected a `Vec` of `{T}`",
    note = "`UNWIND`, `IN`, `head`, `last`, indexing and slicing take lists (`Vec<T>`)"
)]
pub trait ListOf<T> {}
impl<T> ListOf<T> for Vec<T> {}
impl<T> ListOf<T> for Option<Vec<T>> {}

/// Lists `IN` looks for a `T` in: lists of `T`, optional ones, and lists holding nulls
/// (`IN` finds their other items).
#[diagnostic::on_unimplemented(
    message = "`IN` needs a list of `{T}`, found `{Self}`",
    label = "expected a `Vec` of `{T}` (items may be `Option`s)"
)]
pub trait InList<T> {}
impl<T> InList<T> for Vec<T> {}
impl<T> InList<T> for Option<Vec<T>> {}
impl<T> InList<T> for Vec<Option<T>> {}

fn of_binding<T, H: Handle>(name: &'static str) -> Expr<T, Cons<H::Binding, Nil>> {
    Expr::new(ExprNode::call(
        name,
        vec![crate::dsl::ast::build::variable(
            <H::Binding as Binding>::KEY,
        )],
    ))
}

/// A Rust value as an expression (sent as a parameter), usable wherever an expression is:
/// `lit(1) + lit(2)`, `lit("a").concat(Person.name)`.
///
/// ```
/// # use typher::prelude::*;
/// let x = name!(x);
/// let q = return_((lit(1) + lit(2)).as_(x));
/// assert_eq!(q.to_cypher().text(), "RETURN $p0 + $p1 AS x");
/// ```
pub fn lit<V: super::Literal>(value: V) -> Expr<V::Type, Nil> {
    Expr::new(super::IntoExpr::into_operand(value))
}

/// `null` of type `Option<T>`: to set an optional property to null (removing it), as a
/// `CASE` branch, or as a value to return.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let q = match_(Movie).set(Movie.tagline.to(null::<String>()));
/// assert_eq!(q.to_cypher().text(), "MATCH (movie:Movie) SET movie.tagline = null");
/// ```
pub fn null<T>() -> Expr<Option<T>, Nil> {
    Expr::new(crate::dsl::ast::build::null())
}

/// `labels(node)`: the node's labels.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String }
/// let q = match_(Person).return_(labels(Person));
/// assert_eq!(q.to_cypher().text(), "MATCH (person:Person) RETURN labels(person) AS labels");
/// ```
pub fn labels<H: NodeHandle>(node: H) -> Expr<Vec<String>, Cons<H::Binding, Nil>> {
    let _ = node;
    of_binding::<_, H>("labels")
}

/// `keys(x)`: the keys a node, a relationship or a map has.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let m = name!(m);
/// let q = match_(Person).with(Person::map(Person.name, Person.born).as_(m)).return_(keys(m));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WITH {name: person.name, born: person.born} AS m RETURN keys(m) AS keys"
/// );
/// ```
pub fn keys<E: Expression>(value: E) -> Expr<Vec<String>, E::Refs>
where
    E::Type: super::Record,
{
    Expr::new(ExprNode::call("keys", vec![value.into_expr_node()]))
}

/// `elementId(n)`: the server's id of a node or relationship.
pub fn element_id<H: Handle>(element: H) -> Expr<String, Cons<H::Binding, Nil>> {
    let _ = element;
    of_binding::<_, H>("elementId")
}

/// `type(r)`: a relationship's type.
pub fn relationship_type<H: crate::schema::RelBindingHandle>(
    rel: H,
) -> Expr<String, Cons<H::Binding, Nil>> {
    let _ = rel;
    of_binding::<_, H>("type")
}

/// `range(from, to)`: the integers from `from` to `to`, both included.
///
/// ```
/// # use typher::prelude::*;
/// let years = name!(year);
/// let q = unwind(range(1990, 1992), years).return_(years);
/// assert_eq!(q.to_cypher().text(), "UNWIND range($p0, $p1) AS year RETURN year");
/// ```
pub fn range<A: Operand<i64>, B: Operand<i64>>(from: A, to: B) -> Expr<Vec<i64>, Reads2<A, B>> {
    Expr::new(ExprNode::call(
        "range",
        vec![from.into_operand(), to.into_operand()],
    ))
}

/// A raw Cypher fragment of declared Rust type `T`, inserted as it is.
///
/// **Unchecked**: typher cannot see what the text reads or whether it has type `T`; never
/// build it from user input (pass values as parameters instead). It exists so one construct
/// typher lacks does not force a whole query raw.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String }
/// let q = match_(Person)
///     .filter(raw_expr::<bool>("person.name =~ '(?i)tom.*'"))
///     .return_(raw_expr::<i64>("size(person.name)").as_(name!(length)));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WHERE person.name =~ '(?i)tom.*' RETURN size(person.name) AS length"
/// );
/// ```
pub fn raw_expr<T>(cypher: impl Into<String>) -> Expr<T, Nil> {
    Expr::from(ExprKind::Raw(cypher.into()))
}
