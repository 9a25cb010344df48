//! Typed expressions: every expression has a Rust result type and the list of bindings it
//! reads, and renders to parameterised Cypher.
//!
//! * [`Expression`] is implemented by everything that reads the graph or the query: property
//!   handles (`Person.born`), label and relationship handles, named values (`name!(..)`),
//!   named parameters ([`param`]) and computed [`Expr`]s. Its blanket
//!   companion [`ExprMethods`] gives every one of them the same methods (comparisons, string
//!   and list functions, ordering, `.as_(..)`), so functions compose.
//! * [`IntoExpr`] adds plain Rust values, which always become `$parameters`; [`Operand<T>`]
//!   is an `IntoExpr` whose type compares with `T`.

mod aggregate;
mod case;
mod extra;
mod functions;
mod list;
pub(crate) mod map;
pub mod methods;
mod name;
mod ops;
mod record;
mod temporal;

pub use crate::dsl::ast::ExprNode;
pub(crate) use crate::dsl::ast::{BinaryOp, ExprKind};
pub use aggregate::{
    avg, collect, collect_distinct, count, count_all, count_distinct, max, min, sum,
};
pub use case::{case, case_of, Case, SimpleCase};
pub use extra::Extra;
pub use functions::{
    element_id, keys, labels, lit, null, range, raw_expr, relationship_type, InList, ListOf,
    MapNull,
};
pub use list::Item;
pub use map::MapItems;
pub use methods::{ExprMethods, Order};
pub use name::{param, Aliased, Name, NameTag, Param, SameAs, Val};
pub use record::{label_variant, record_map, Key, KeyIn, KeyOf, Keyed, LabelOf, MapValue, Record};
pub use temporal::{duration_between, now, today, HasDate, HasTime, Instant};

use crate::dsl::scope::{Both, Cons, Nil};
use crate::dsl::value::Value;
use crate::schema::{
    Binding, ElementBinding, Field, Handle, HoldsBase, Identified, Property, PropertyType,
    WithIdentity,
};
use core::marker::PhantomData;

/// A computed expression of Rust type `T` that reads the bindings listed in `R`.
#[must_use = "an expression does nothing until used in a clause"]
pub struct Expr<T, R = Nil> {
    pub(crate) node: ExprNode,
    _type: PhantomData<fn() -> (T, R)>,
}

/// A boolean condition reading the bindings listed in `R`; checked against the scope by `.filter`.
pub type Predicate<R> = Expr<bool, R>;

impl<T, R> Expr<T, R> {
    pub(crate) fn new(node: ExprNode) -> Self {
        Self {
            node,
            _type: PhantomData,
        }
    }

    pub(crate) fn from(node: ExprKind) -> Self {
        Self::new(ExprNode(node))
    }
}

impl<T, R> Clone for Expr<T, R> {
    fn clone(&self) -> Self {
        Self::new(self.node.clone())
    }
}

impl<T, R> core::fmt::Debug for Expr<T, R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Expr").field(&self.node).finish()
    }
}

/// A typed expression: a property, a label or relationship handle, a named value, a named
/// parameter, or a computed [`Expr`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an expression",
    label = "expected a property, a label or relationship handle, a named value or an expression",
    note = "an `Option` is no value to compare with: compare with the inner type (`T` for an `Option<T>` property), and test for null with `.is_null()`"
)]
pub trait Expression: Sized {
    /// The Rust type of the value (an `Option` when it may be missing).
    type Type;
    /// The bindings the expression reads.
    type Refs;
    /// The bindings an `ORDER BY` key of this expression reads.
    #[doc(hidden)]
    type OrderRefs;
    /// The scope entry a projection of this expression adds in front of `Rest`.
    #[doc(hidden)]
    type Entry<N, Rest>;
    /// Whether `WITH` can carry the expression as it is (a binding or a named value).
    #[doc(hidden)]
    type Carry;
    /// The expression tree.
    #[doc(hidden)]
    fn into_expr_node(self) -> ExprNode;
}

/// Anything usable as an operand: an [`Expression`], or a plain Rust value (a parameter).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a Cypher value",
    label = "expected a number, a string, a bool, a date, a `Vec` of these, or an expression"
)]
pub trait IntoExpr {
    /// The Rust type of the value.
    type Type;
    /// The bindings the operand reads.
    type Refs;
    /// The expression tree.
    #[doc(hidden)]
    fn into_operand(self) -> ExprNode;
}

#[diagnostic::do_not_recommend]
impl<E: Expression> IntoExpr for E {
    type Type = E::Type;
    type Refs = E::Refs;
    fn into_operand(self) -> ExprNode {
        self.into_expr_node()
    }
}

/// An operand whose value compares with values of base type `T`.
#[diagnostic::on_unimplemented(
    message = "a value of another type cannot be compared or combined with a `{T}` value",
    label = "expected a `{T}` value, or an expression holding `{T}`",
    note = "a value compares only with a value of the same type: `T` for an `Option<T>` property (test for null with `.is_null()`), `i64` for every integer type, `f64` for every float"
)]
pub trait Operand<T>: IntoExpr {}
#[diagnostic::do_not_recommend]
impl<O: IntoExpr, T> Operand<T> for O where O::Type: HoldsBase<T> {}

/// A plain Rust value, sent as a parameter.
pub trait Literal: IntoExpr<Refs = Nil> {
    /// The value.
    fn into_value(self) -> Value;
}

macro_rules! literals {
    ($ty:ty => $out:ty $(, $rest:ty)*) => {
        literals!(@one $ty => $out);
        $(literals!(@one $rest => $out);)*
    };
    (@one $ty:ty => $out:ty) => {
        impl IntoExpr for $ty {
            type Type = $out;
            type Refs = Nil;
            fn into_operand(self) -> ExprNode {
                ExprNode::param(Literal::into_value(self))
            }
        }
        impl Literal for $ty {
            fn into_value(self) -> Value {
                Value::from(self)
            }
        }
    };
}
literals!(i64 => i64, i32, i16, i8, u32, u16, u8);
literals!(f64 => f64, f32);
literals!(bool => bool);
literals!(String => String, &str, char);
literals!(chrono::NaiveDate => chrono::NaiveDate);
literals!(chrono::NaiveDateTime => chrono::NaiveDateTime);
literals!(chrono::DateTime<chrono::FixedOffset> => chrono::DateTime<chrono::FixedOffset>, chrono::DateTime<chrono::Utc>);
literals!(std::time::Duration => std::time::Duration);

impl IntoExpr for &String {
    type Type = String;
    type Refs = Nil;
    fn into_operand(self) -> ExprNode {
        ExprNode::param(Literal::into_value(self))
    }
}
impl Literal for &String {
    fn into_value(self) -> Value {
        Value::String(self.clone())
    }
}

/// What a list parameter may hold: any [`Literal`], or an `Option` of one (`None` is sent
/// as null: `vec![Some(1), None]`). A lone `Option` is no operand: `= null` is never true,
/// so compare with the inner value and test for null with `.is_null()`.
#[doc(hidden)]
pub trait ListItem {
    /// The Rust type of the item.
    type Type;
    /// The value.
    fn into_item(self) -> Value;
}
impl<V: Literal> ListItem for V {
    type Type = V::Type;
    fn into_item(self) -> Value {
        self.into_value()
    }
}
impl<V: Literal> ListItem for Option<V> {
    type Type = Option<V::Type>;
    fn into_item(self) -> Value {
        self.map_or(Value::Null, Literal::into_value)
    }
}

impl<V: ListItem> IntoExpr for Vec<V> {
    type Type = Vec<V::Type>;
    type Refs = Nil;
    fn into_operand(self) -> ExprNode {
        ExprNode::param(Literal::into_value(self))
    }
}
impl<V: ListItem> Literal for Vec<V> {
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(ListItem::into_item).collect())
    }
}

/// An array is a list, as a `Vec` is: `unwind([1, 2, 3], x)`.
impl<V: ListItem, const N: usize> IntoExpr for [V; N] {
    type Type = Vec<V::Type>;
    type Refs = Nil;
    fn into_operand(self) -> ExprNode {
        ExprNode::param(Literal::into_value(self))
    }
}
impl<V: ListItem, const N: usize> Literal for [V; N] {
    fn into_value(self) -> Value {
        Value::List(self.into_iter().map(ListItem::into_item).collect())
    }
}

impl<T, R> Expression for Expr<T, R> {
    type Type = T;
    type Refs = R;
    type OrderRefs = R;
    type Entry<N, Rest> = Rest;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        self.node
    }
}

impl<F: Field, B: Binding> Expression for Property<F, B> {
    type Type = F::Value;
    type Refs = Cons<B, Nil>;
    type OrderRefs = crate::dsl::scope::PropertyOr<F, B>;
    type Entry<N, Rest> =
        crate::dsl::scope::Var<crate::dsl::scope::ProjectedProperty<F, B>, N, Rest>;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::property(B::KEY, F::KEY_NAME)
    }
}

#[diagnostic::do_not_recommend]
impl<H: Handle> Expression for H {
    type Type = <H::Binding as ElementBinding>::Element;
    type Refs = Cons<H::Binding, Nil>;
    type OrderRefs = Cons<H::Binding, Nil>;
    type Entry<N, Rest> = crate::dsl::scope::Var<H::Binding, N, Rest>;
    type Carry = crate::schema::identity::True;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::variable(<H::Binding as Binding>::KEY)
    }
}

impl<H: Handle> Expression for WithIdentity<H> {
    type Type = Identified<<H::Binding as ElementBinding>::Element>;
    type Refs = Cons<H::Binding, Nil>;
    type OrderRefs = Cons<H::Binding, Nil>;
    type Entry<N, Rest> = Rest;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::identified(<H::Binding as Binding>::KEY, H::RELATIONSHIP)
    }
}

/// `Both<A, B>` for the reads of an operator's two sides.
pub type Reads2<A, B> = Both<<A as IntoExpr>::Refs, <B as IntoExpr>::Refs>;

/// The comparable base type of an expression (`i64` for `Option<i64>`).
pub type BaseOf<E> = <<E as IntoExpr>::Type as PropertyType>::Base;

/// The condition does not hold: `NOT (p)` (also `!p`).
pub fn not<R>(predicate: Predicate<R>) -> Predicate<R> {
    Expr::from(ExprKind::Not(Box::new(predicate.node)))
}

impl<R> Expr<bool, R> {
    fn combine<R2>(self, op: BinaryOp, other: Predicate<R2>) -> Predicate<Both<R, R2>> {
        Expr::new(ExprNode::binary(op, self.node, other.node))
    }

    /// Both conditions hold: `a AND b` (also `a & b`).
    pub fn and<R2>(self, other: Predicate<R2>) -> Predicate<Both<R, R2>> {
        self.combine(BinaryOp::And, other)
    }

    /// At least one condition holds: `a OR b` (also `a | b`).
    pub fn or<R2>(self, other: Predicate<R2>) -> Predicate<Both<R, R2>> {
        self.combine(BinaryOp::Or, other)
    }

    /// Exactly one condition holds: `a XOR b` (also `a ^ b`).
    pub fn xor<R2>(self, other: Predicate<R2>) -> Predicate<Both<R, R2>> {
        self.combine(BinaryOp::Xor, other)
    }
}

impl<R> core::ops::Not for Expr<bool, R> {
    type Output = Self;
    fn not(self) -> Self {
        not(self)
    }
}

impl<R, R2> core::ops::BitAnd<Predicate<R2>> for Expr<bool, R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitand(self, other: Predicate<R2>) -> Self::Output {
        self.and(other)
    }
}

impl<R, R2> core::ops::BitOr<Predicate<R2>> for Expr<bool, R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitor(self, other: Predicate<R2>) -> Self::Output {
        self.or(other)
    }
}

impl<R, R2> core::ops::BitXor<Predicate<R2>> for Expr<bool, R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitxor(self, other: Predicate<R2>) -> Self::Output {
        self.xor(other)
    }
}
