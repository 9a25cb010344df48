//! Arithmetic: `+ - * / %` and unary `-` on numbers, `+` on strings and lists.
//!
//! Integers and floats mix as in Cypher (`i64 * f64` is `f64`, [`Mix`]); `+` also joins
//! strings and lists of one type. The result keeps the left side's optionality.

use super::name::{Name, NameTag, Param};
use super::{BaseOf, BinaryOp, Expr, ExprKind, ExprNode, Expression, IntoExpr, Reads2};
use crate::schema::{Binding, Field, MapNull, Numeric, Property, PropertyType};

/// The base type of `Self op O` for base types `Self` and `O`: as in Cypher, an integer and
/// a float give a float (`i64 * f64` is `f64`); `+` also joins strings and lists of one type.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` value and a `{O}` value do not combine",
    label = "expected a number with a number, a string with a string, or a list with a list",
    note = "integers and floats mix (the result is a float); `+` also concatenates strings and lists of the same item type"
)]
pub trait Mix<O> {
    /// The result's base type.
    type Out;
}
impl Mix<i64> for i64 {
    type Out = i64;
}
impl Mix<f64> for i64 {
    type Out = f64;
}
impl Mix<i64> for f64 {
    type Out = f64;
}
impl Mix<f64> for f64 {
    type Out = f64;
}
impl Mix<String> for String {
    type Out = String;
}
impl<T> Mix<Vec<T>> for Vec<T> {
    type Out = Vec<T>;
}

/// Base types `+` works on: numbers, strings (concatenation) and lists.
#[diagnostic::on_unimplemented(
    message = "`+` does not work on `{Self}` values",
    label = "expected numbers, strings or lists",
    note = "`+` adds numbers, concatenates strings and lists; both sides must have the same type"
)]
#[doc(hidden)]
pub trait Addable {}
impl Addable for i64 {}
impl Addable for f64 {}
impl Addable for String {}
impl<T> Addable for Vec<T> {}

/// The base type of an operator's left side.
type Left<L> = <<L as Expression>::Type as PropertyType>::Base;

/// The result of an arithmetic operator on `L` and `O`: the mixed base type, optional when
/// `L` is.
pub type ArithResult<L, O> =
    Expr<<<L as Expression>::Type as MapNull<<Left<L> as Mix<BaseOf<O>>>::Out>>::Out, Reads2<L, O>>;

fn binary<L: Expression, O: IntoExpr>(op: BinaryOp, left: L, right: O) -> ArithResult<L, O>
where
    L::Type: PropertyType + MapNull<<Left<L> as Mix<BaseOf<O>>>::Out>,
    O::Type: PropertyType,
    Left<L>: Mix<BaseOf<O>>,
{
    Expr::new(ExprNode::binary(
        op,
        left.into_expr_node(),
        right.into_operand(),
    ))
}

macro_rules! arith_ops {
    ($([$($gen:tt)*] $ty:ty;)*) => {$(
        impl<$($gen)*, O> core::ops::Add<O> for $ty
        where
            $ty: Expression,
            <$ty as Expression>::Type: PropertyType + MapNull<<Left<$ty> as Mix<BaseOf<O>>>::Out>,
            O: IntoExpr,
            O::Type: PropertyType,
            Left<$ty>: Addable + Mix<BaseOf<O>>,
        {
            type Output = ArithResult<$ty, O>;
            fn add(self, other: O) -> Self::Output {
                binary(BinaryOp::Add, self, other)
            }
        }
        arith_ops!(@numeric [$($gen)*] $ty: Sub sub Sub);
        arith_ops!(@numeric [$($gen)*] $ty: Mul mul Mul);
        arith_ops!(@numeric [$($gen)*] $ty: Div div Div);
        arith_ops!(@numeric [$($gen)*] $ty: Rem rem Rem);
        impl<$($gen)*> core::ops::Neg for $ty
        where
            $ty: Expression,
            <$ty as Expression>::Type: PropertyType,
            BaseOf<$ty>: Numeric,
        {
            type Output = Expr<<$ty as Expression>::Type, <$ty as Expression>::Refs>;
            fn neg(self) -> Self::Output {
                Expr::from(ExprKind::Negate(Box::new(self.into_expr_node())))
            }
        }
    )*};
    (@numeric [$($gen:tt)*] $ty:ty: $trait:ident $method:ident $op:ident) => {
        impl<$($gen)*, O> core::ops::$trait<O> for $ty
        where
            $ty: Expression,
            <$ty as Expression>::Type: PropertyType + MapNull<<Left<$ty> as Mix<BaseOf<O>>>::Out>,
            O: IntoExpr,
            O::Type: PropertyType,
            Left<$ty>: Numeric + Mix<BaseOf<O>>,
        {
            type Output = ArithResult<$ty, O>;
            fn $method(self, other: O) -> Self::Output {
                binary(BinaryOp::$op, self, other)
            }
        }
    };
}

arith_ops! {
    [F: Field, B: Binding] Property<F, B>;
    [T, R] Expr<T, R>;
    [Tag: NameTag, T: 'static] Name<Tag, T>;
    [T] Param<T>;
    [T] super::list::Item<T>;
}
