//! Expressions: the runtime tree that renders to Cypher, and typed predicates over it.

use crate::__private::{Both, Cons, Nil};
use crate::schema::{
    Binding, BindingKey, Field, HoldsBase, OptionalProperty, Property, PropertyType, StringProperty,
};
use core::marker::PhantomData;
use neo4rs::BoltType;

/// An expression tree node; opaque, built only through the typed DSL.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr(pub(crate) ExprKind);

/// The shapes of [`Expr`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind {
    /// `variable.key`
    Property {
        binding: BindingKey,
        key: &'static str,
    },
    /// A whole node or relationship.
    Variable(BindingKey),
    /// `{element_id: elementId(v), labels: labels(v), data: v}` (`[type(v)]` for relationships).
    Identified {
        binding: BindingKey,
        relationship: bool,
    },
    /// A value, always rendered as a `$parameter`.
    Param(BoltType),
    /// `left <op> right`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `NOT expr`
    Not(Box<Expr>),
    /// `expr IS NULL` / `expr IS NOT NULL`
    IsNull { expr: Box<Expr>, negated: bool },
}

/// Binary operators, with the precedence the renderer uses for parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    StartsWith,
    EndsWith,
    Contains,
    Regex,
    In,
}

impl BinaryOp {
    /// The Cypher spelling.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Self::Or => "OR",
            Self::Xor => "XOR",
            Self::And => "AND",
            Self::Eq => "=",
            Self::Ne => "<>",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::StartsWith => "STARTS WITH",
            Self::EndsWith => "ENDS WITH",
            Self::Contains => "CONTAINS",
            Self::Regex => "=~",
            Self::In => "IN",
        }
    }
}

impl Expr {
    pub(crate) fn binary(op: BinaryOp, left: Expr, right: Expr) -> Self {
        Self(ExprKind::Binary(op, Box::new(left), Box::new(right)))
    }

    pub(crate) fn param(value: impl Into<BoltType>) -> Self {
        Self(ExprKind::Param(value.into()))
    }

    pub(crate) fn property<F: Field, B: Binding>() -> Self {
        Self(ExprKind::Property {
            binding: B::KEY,
            key: F::KEY,
        })
    }

    /// Calls `visit` on every binding this expression reads.
    pub(crate) fn for_each_binding(&self, visit: &mut impl FnMut(BindingKey)) {
        match &self.0 {
            ExprKind::Property { binding, .. }
            | ExprKind::Variable(binding)
            | ExprKind::Identified { binding, .. } => visit(*binding),
            ExprKind::Param(_) => {}
            ExprKind::Binary(_, left, right) => {
                left.for_each_binding(visit);
                right.for_each_binding(visit);
            }
            ExprKind::Not(inner) | ExprKind::IsNull { expr: inner, .. } => {
                inner.for_each_binding(visit)
            }
        }
    }
}

/// A boolean condition reading the bindings listed in `R`; checked against the pattern by `.filter`.
#[must_use = "a predicate does nothing until passed to `.filter(..)`"]
pub struct Predicate<R> {
    pub(crate) expr: Expr,
    _refs: PhantomData<fn() -> R>,
}

impl<R> Clone for Predicate<R> {
    fn clone(&self) -> Self {
        Self::new(self.expr.clone())
    }
}

impl<R> core::fmt::Debug for Predicate<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Predicate").field(&self.expr).finish()
    }
}

impl<R> Predicate<R> {
    pub(crate) fn new(expr: Expr) -> Self {
        Self {
            expr,
            _refs: PhantomData,
        }
    }

    fn combine<R2>(self, op: BinaryOp, other: Predicate<R2>) -> Predicate<Both<R, R2>> {
        Predicate::new(Expr::binary(op, self.expr, other.expr))
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

/// The condition does not hold: `NOT (p)` (also `!p`).
pub fn not<R>(predicate: Predicate<R>) -> Predicate<R> {
    Predicate::new(Expr(ExprKind::Not(Box::new(predicate.expr))))
}

impl<R> core::ops::Not for Predicate<R> {
    type Output = Self;
    fn not(self) -> Self {
        not(self)
    }
}

impl<R, R2> core::ops::BitAnd<Predicate<R2>> for Predicate<R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitand(self, other: Predicate<R2>) -> Self::Output {
        self.and(other)
    }
}

impl<R, R2> core::ops::BitOr<Predicate<R2>> for Predicate<R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitor(self, other: Predicate<R2>) -> Self::Output {
        self.or(other)
    }
}

impl<R, R2> core::ops::BitXor<Predicate<R2>> for Predicate<R> {
    type Output = Predicate<Both<R, R2>>;
    fn bitxor(self, other: Predicate<R2>) -> Self::Output {
        self.xor(other)
    }
}

/// The right-hand side of a comparison with a property of type `T`: a value or another property.
#[diagnostic::on_unimplemented(
    message = "expected a `{T}` value or a property holding `{T}`, found `{Self}`",
    label = "cannot be compared with a `{T}` property",
    note = "comparisons take the property's own type (`T` for an `Option<T>` property); a property compares only with a property of the same type"
)]
pub trait Operand<T> {
    /// The bindings this operand reads.
    type Refs;
    /// The expression.
    #[doc(hidden)]
    fn into_expr(self) -> Expr;
}

/// A plain value usable where a property of type `T` is expected (in lists, for instance).
#[diagnostic::on_unimplemented(
    message = "expected a `{T}` value, found `{Self}`",
    label = "not a `{T}` value"
)]
pub trait Value<T> {
    /// The value as a Bolt parameter.
    fn into_bolt(self) -> BoltType;
}

macro_rules! values {
    ($base:ty: $($ty:ty => |$v:ident| $conv:expr),* $(,)?) => {$(
        impl Value<$base> for $ty {
            fn into_bolt(self) -> BoltType {
                let $v = self;
                BoltType::from($conv)
            }
        }
        impl Operand<$base> for $ty {
            type Refs = Nil;
            fn into_expr(self) -> Expr {
                Expr(ExprKind::Param(Value::<$base>::into_bolt(self)))
            }
        }
    )*};
}

values!(i64:
    i64 => |v| v, i32 => |v| i64::from(v), i16 => |v| i64::from(v), i8 => |v| i64::from(v),
    u32 => |v| i64::from(v), u16 => |v| i64::from(v), u8 => |v| i64::from(v),
);
values!(f64: f64 => |v| v, f32 => |v| f64::from(v));
values!(bool: bool => |v| v);
values!(String:
    String => |v| v, &str => |v| v.to_owned(), &String => |v| v.clone(), char => |v| v.to_string(),
);

impl<T, V: Value<T>> Value<Vec<T>> for Vec<V> {
    fn into_bolt(self) -> BoltType {
        BoltType::List(neo4rs::BoltList {
            value: self.into_iter().map(Value::<T>::into_bolt).collect(),
        })
    }
}

impl<T, V: Value<T>> Operand<Vec<T>> for Vec<V> {
    type Refs = Nil;
    fn into_expr(self) -> Expr {
        Expr(ExprKind::Param(Value::<Vec<T>>::into_bolt(self)))
    }
}

/// The comparable base type of a property (`i64` for `Option<i64>`).
pub type BaseOf<F> = <<F as Field>::Value as PropertyType>::Base;

impl<F: Field, B: Binding, T> Operand<T> for Property<F, B>
where
    F::Value: HoldsBase<T>,
{
    type Refs = Cons<B, Nil>;
    fn into_expr(self) -> Expr {
        Expr::property::<F, B>()
    }
}

/// A sort key: a property with a direction.
#[must_use = "an ordering does nothing until passed to `.order_by(..)`"]
pub struct Order<R> {
    pub(crate) expr: Expr,
    pub(crate) descending: bool,
    _refs: PhantomData<fn() -> R>,
}

impl<F: Field, B: Binding> Property<F, B> {
    fn compare<O: Operand<BaseOf<F>>>(self, op: BinaryOp, other: O) -> Predicate<Cons<B, O::Refs>> {
        Predicate::new(Expr::binary(
            op,
            Expr::property::<F, B>(),
            other.into_expr(),
        ))
    }

    /// `property = value` (or another property of the same type).
    pub fn eq<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Eq, other)
    }
    /// `property <> value`.
    pub fn ne<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Ne, other)
    }
    /// `property < value`.
    pub fn lt<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Lt, other)
    }
    /// `property <= value`.
    pub fn le<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Le, other)
    }
    /// `property > value`.
    pub fn gt<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Gt, other)
    }
    /// `property >= value`.
    pub fn ge<O: Operand<BaseOf<F>>>(self, other: O) -> Predicate<Cons<B, O::Refs>> {
        self.compare(BinaryOp::Ge, other)
    }

    /// `property IN $list`: one parameter holding every value.
    pub fn in_list<I>(self, values: I) -> Predicate<Cons<B, Nil>>
    where
        I: IntoIterator,
        I::Item: Value<BaseOf<F>>,
    {
        let list = neo4rs::BoltList {
            value: values.into_iter().map(Value::into_bolt).collect(),
        };
        Predicate::new(Expr::binary(
            BinaryOp::In,
            Expr::property::<F, B>(),
            Expr::param(BoltType::List(list)),
        ))
    }

    /// `property IS NULL`; only on `Option` properties.
    pub fn is_null(self) -> Predicate<Cons<B, Nil>>
    where
        F::Value: OptionalProperty,
    {
        self.null_check(false)
    }

    /// `property IS NOT NULL`; only on `Option` properties.
    pub fn is_not_null(self) -> Predicate<Cons<B, Nil>>
    where
        F::Value: OptionalProperty,
    {
        self.null_check(true)
    }

    fn null_check(self, negated: bool) -> Predicate<Cons<B, Nil>> {
        Predicate::new(Expr(ExprKind::IsNull {
            expr: Box::new(Expr::property::<F, B>()),
            negated,
        }))
    }

    /// `property STARTS WITH value`; only on string properties.
    pub fn starts_with<O: Operand<String>>(self, prefix: O) -> Predicate<Cons<B, O::Refs>>
    where
        BaseOf<F>: StringProperty,
    {
        self.string_op(BinaryOp::StartsWith, prefix)
    }

    /// `property ENDS WITH value`; only on string properties.
    pub fn ends_with<O: Operand<String>>(self, suffix: O) -> Predicate<Cons<B, O::Refs>>
    where
        BaseOf<F>: StringProperty,
    {
        self.string_op(BinaryOp::EndsWith, suffix)
    }

    /// `property CONTAINS value`; only on string properties.
    pub fn contains<O: Operand<String>>(self, part: O) -> Predicate<Cons<B, O::Refs>>
    where
        BaseOf<F>: StringProperty,
    {
        self.string_op(BinaryOp::Contains, part)
    }

    /// `property =~ pattern` (a Java regular expression); only on string properties.
    pub fn regex<O: Operand<String>>(self, pattern: O) -> Predicate<Cons<B, O::Refs>>
    where
        BaseOf<F>: StringProperty,
    {
        self.string_op(BinaryOp::Regex, pattern)
    }

    fn string_op<O: Operand<String>>(self, op: BinaryOp, other: O) -> Predicate<Cons<B, O::Refs>> {
        Predicate::new(Expr::binary(
            op,
            Expr::property::<F, B>(),
            other.into_expr(),
        ))
    }

    /// Sort ascending by this property.
    pub fn asc(self) -> Order<Cons<B, Nil>> {
        self.order(false)
    }

    /// Sort descending by this property.
    pub fn desc(self) -> Order<Cons<B, Nil>> {
        self.order(true)
    }

    fn order(self, descending: bool) -> Order<Cons<B, Nil>> {
        Order {
            expr: Expr::property::<F, B>(),
            descending,
            _refs: PhantomData,
        }
    }
}

/// Sort keys accepted by `.order_by(..)`: one key (a property or `prop.asc()/desc()`) or a tuple.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used to order this query",
    label = "expected `prop.asc()`, `prop.desc()`, a property, or a tuple of them",
    note = "every property used must belong to a label or relationship bound exactly once in the pattern"
)]
pub trait OrderItems<S> {
    /// The bindings the keys read; `.order_by` checks them against the pattern.
    type Refs;
    /// Appends `(expression, descending)` pairs.
    #[doc(hidden)]
    fn push_order(self, out: &mut Vec<(Expr, bool)>);
}

/// One sort key of a tuple passed to `.order_by(..)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sort key",
    label = "expected `prop.asc()`, `prop.desc()` or a property"
)]
pub trait OrderItem<S> {
    /// The bindings the key reads.
    type Refs;
    /// The key with its direction.
    #[doc(hidden)]
    fn into_order(self) -> (Expr, bool);
}

impl<S, R> OrderItem<S> for Order<R> {
    type Refs = R;
    fn into_order(self) -> (Expr, bool) {
        (self.expr, self.descending)
    }
}

impl<S, F: Field, B: Binding> OrderItem<S> for Property<F, B> {
    type Refs = Cons<B, Nil>;
    fn into_order(self) -> (Expr, bool) {
        (Expr::property::<F, B>(), false)
    }
}

impl<S, R> OrderItems<S> for Order<R> {
    type Refs = R;
    fn push_order(self, out: &mut Vec<(Expr, bool)>) {
        out.push(OrderItem::<S>::into_order(self));
    }
}

impl<S, F: Field, B: Binding> OrderItems<S> for Property<F, B> {
    type Refs = Cons<B, Nil>;
    fn push_order(self, out: &mut Vec<(Expr, bool)>) {
        out.push(OrderItem::<S>::into_order(self));
    }
}

macro_rules! order_tuples {
    ($($name:ident)+) => {
        impl<S, $($name: OrderItem<S>),+> OrderItems<S> for ($($name,)+) {
            type Refs = crate::__private::both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_order(self, out: &mut Vec<(Expr, bool)>) {
                let ($($name,)+) = self;
                $(out.push($name.into_order());)+
            }
        }
    };
}
order_tuples!(A);
order_tuples!(A B);
order_tuples!(A B C);
order_tuples!(A B C D);
order_tuples!(A B C D E);
order_tuples!(A B C D E G);
