//! Maps with a typed record: `#[derive(Record)]` on a struct makes `Pair::map(a, b)` a map
//! literal `{a: .., b: ..}` whose values are checked against the fields' types, and the
//! `Pair` constant's key handles read its keys (`m.key(Pair.a)` renders `m.a`); rows
//! decode into the struct.

use super::{Expr, Expression};
use crate::dsl::ast::{build, ExprNode};
use crate::schema::names::GraphName;
use core::marker::PhantomData;

/// A struct that is the typed record of a Cypher map; implemented by `#[derive(Record)]`.
pub trait Record: 'static {
    /// The map's keys, in field order.
    const KEYS: &'static [&'static str];
}

/// `{key: value, ..}` of record `T`, its values in field order.
#[doc(hidden)]
pub fn record_map<T: Record, R>(values: Vec<ExprNode>) -> Expr<T, R> {
    let entries = T::KEYS
        .iter()
        .zip(values)
        .map(|(key, value)| (GraphName::new(key), value))
        .collect();
    Expr::new(build::map(entries))
}

/// The handle of key `T`-typed key of record `R`: `Pair.a`.
pub struct Key<R, T>(&'static str, PhantomData<fn() -> (R, T)>);

impl<R, T> Key<R, T> {
    /// The handle; only the derive builds one.
    #[doc(hidden)]
    pub const fn new(key: &'static str) -> Self {
        Self(key, PhantomData)
    }
}

impl<R, T> Clone for Key<R, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R, T> Copy for Key<R, T> {}

/// A key handle of record `R`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a key of a `{R}` map",
    label = "a key of another record",
    note = "read a key with the handle of the map's own record: `m.key(Pair.a)` for a `Pair` map"
)]
pub trait KeyOf<R> {
    /// The key's value type.
    type Value;
    /// The key.
    #[doc(hidden)]
    fn name(&self) -> &'static str;
}
impl<R, T> KeyOf<R> for Key<R, T> {
    type Value = T;
    fn name(&self) -> &'static str {
        self.0
    }
}

/// A property handle reads the key of its element held as a value:
/// `people.at(0).key(Person.name)`.
impl<F: crate::schema::Field, B: crate::schema::Binding> KeyOf<F::Owner>
    for crate::schema::Property<F, B>
{
    type Value = F::Value;
    fn name(&self) -> &'static str {
        F::KEY
    }
}

/// A value whose keys `.key(..)` reads: a record (a map of a `#[derive(Record)]` struct, a
/// node or a relationship), or an `Option` of one, whose keys may then be null.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no keys to read",
    label = "expected a map of a `#[derive(Record)]` struct, a node or a relationship",
    note = "`.key(..)` reads a key of a typed map or of a node held as a value; read a bound node's property through its handle, `Person.name`"
)]
pub trait Keyed {
    /// The record whose keys are read.
    type Record;
}
impl<R: Record> Keyed for R {
    type Record = R;
}
impl<R: Record> Keyed for Option<R> {
    type Record = R;
}

/// The type a key of type `V` reads as, of a [`Keyed`] value: `V`, or `V` made optional
/// when the value may be null.
pub trait KeyIn<V> {
    /// The key's type.
    type Out;
}
impl<R: Record, V> KeyIn<V> for R {
    type Out = V;
}
impl<R: Record, V: crate::schema::OrNull> KeyIn<V> for Option<R> {
    type Out = V::Out;
}

/// A value for a map key of type `T`: an operand of `T`'s base type (`null::<T>()` for an
/// optional key left empty).
#[diagnostic::on_unimplemented(
    message = "the value given for a `{T}` key has another type",
    label = "expected a `{T}` value, or an expression holding one"
)]
pub trait MapValue<T>: super::IntoExpr {}
impl<T: crate::schema::PropertyType, V: super::Operand<T::Base>> MapValue<T> for V {}

/// A label's struct that is variant `VARIANT` of enum `E` (`#[derive(Labels)]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not one of the labels of `{E}`",
    label = "a node of another label",
    note = "the labels of a `#[derive(Labels)]` enum are the structs its variants hold"
)]
pub trait LabelOf<E> {
    /// The variant's name, as serde reads it.
    const VARIANT: &'static str;
}

/// `{Variant: node}`: a node as the variant of label enum `E` its label is.
#[doc(hidden)]
pub fn label_variant<E, H>(node: H) -> Expr<E, <H as Expression>::Refs>
where
    H: crate::schema::NodeHandle + Expression,
    H::Label: LabelOf<E>,
{
    let key = GraphName::new(<H::Label as LabelOf<E>>::VARIANT);
    Expr::new(build::map(vec![(key, node.into_expr_node())]))
}

/// `map.key` of an expression holding a record.
pub(crate) fn record_key<T, E: Expression>(map: E, key: &'static str) -> Expr<T, E::Refs> {
    Expr::new(build::key(map.into_expr_node(), GraphName::new(key)))
}
