//! Arithmetic: `+ - * / %` and unary `-` on numbers, `+` on strings and lists.
//!
//! Both sides must have one base type (integers with integers, floats with floats), as in
//! the comparisons; the result keeps the left side's optionality.

use super::name::{Name, NameTag, Param};
use super::{BaseOf, BinaryOp, Expr, ExprKind, ExprNode, Expression, IntoExpr, Operand, Reads2};
use crate::schema::{Binding, Field, Numeric, Property, PropertyType};

/// The value type of an arithmetic result: the base type, kept optional.
pub trait Arith {
    /// The result type.
    type Out;
}
macro_rules! arith {
    ($out:ty: $($ty:ty),*) => {$(impl Arith for $ty { type Out = $out; })*};
}
arith!(i64: i8, i16, i32, i64, u8, u16, u32);
arith!(f64: f32, f64);
arith!(String: String);
impl<T: Arith> Arith for Option<T> {
    type Out = Option<T::Out>;
}
impl<T> Arith for Vec<T> {
    type Out = Vec<T>;
}

/// Base types `+` works on: numbers, strings (concatenation) and lists.
#[diagnostic::on_unimplemented(
    message = "`+` does not work on `{Self}` values",
    label = "expected numbers, strings or lists",
    note = "`+` adds numbers, concatenates strings and lists; both sides must have the same type"
)]
pub trait Addable {}
impl Addable for i64 {}
impl Addable for f64 {}
impl Addable for String {}
impl<T> Addable for Vec<T> {}

/// The result of an arithmetic operator on `L` and `O`.
pub type ArithResult<L, O> = Expr<<<L as Expression>::Type as Arith>::Out, Reads2<L, O>>;

fn binary<L: Expression, O: IntoExpr>(op: BinaryOp, left: L, right: O) -> ArithResult<L, O>
where
    L::Type: Arith,
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
            <$ty as Expression>::Type: PropertyType + Arith,
            O: Operand<BaseOf<$ty>>,
            BaseOf<$ty>: Addable,
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
            <$ty as Expression>::Type: PropertyType + Arith,
            O: Operand<BaseOf<$ty>>,
            BaseOf<$ty>: Numeric,
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
