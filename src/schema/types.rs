//! Which Rust types can be stored as properties, and how they compare.

/// A Rust type that can be a property value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no property value",
    label = "not a value a property can hold",
    note = "property values are integers, floats, `bool`, `String`, chrono dates and times, `std::time::Duration`, `Vec` of these, or `Option` of any of them; a node or relationship is none: compare or order it by a property (`Movie.released`), or by identity (`.is_same(..)`)"
)]
pub trait PropertyType {
    /// What comparisons take: `i64` for every integer type, `f64` for floats, `T` for `Option<T>`.
    type Base;
    /// Whether the property may be missing (an `Option`).
    const OPTIONAL: bool;
    /// The Cypher type of a stored value, for a property type constraint (`IS :: INTEGER`);
    /// `None` when there is none to state.
    const CYPHER_TYPE: Option<&'static str> = None;
    /// The Cypher type of a list of such values (`LIST<INTEGER NOT NULL>`), if any.
    #[doc(hidden)]
    const LIST_TYPE: Option<&'static str> = None;
}

/// The type a value decodes as when it may be null (from an `OPTIONAL MATCH`).
pub trait OrNull {
    /// `Option<Self>`, or `Self` when already an `Option`.
    type Out;
    /// The value without its null: `T` for `Option<T>`, else `Self` (what `collect` keeps).
    type Inner;
}

/// Maps a value type to `U`, keeping it optional: `Option<X>` gives `Option<U>`, anything
/// else `U` (what `size`, `toString` and the like return).
#[doc(hidden)]
pub trait MapNull<U> {
    /// The mapped type.
    type Out;
}
impl<X, U> MapNull<U> for Option<X> {
    type Out = Option<U>;
}
impl<X, U> MapNull<U> for Vec<X> {
    type Out = U;
}

/// Properties on which `starts_with`, `ends_with`, `contains` and `regex` work.
#[diagnostic::on_unimplemented(
    message = "string operators need a string, but this expression holds `{Self}`",
    label = "not a string",
    note = "`starts_with`, `ends_with`, `contains`, `regex` and the string functions work only on `String` values"
)]
pub trait StringProperty {}
impl StringProperty for String {}

/// Properties on which `is_null` and `is_not_null` work.
#[diagnostic::on_unimplemented(
    message = "`is_null`/`is_not_null` need an optional property, but this property is a required `{Self}`",
    label = "a required property is never null",
    note = "declare the field as `Option<..>` if the property may be missing"
)]
pub trait OptionalProperty {}
impl<T> OptionalProperty for Option<T> {}
/// A node or relationship, which is null where an `OPTIONAL MATCH` found nothing.
#[diagnostic::do_not_recommend]
impl<T: super::Element> OptionalProperty for T {}

/// A value of type `Self` compares with values of base type `T`.
///
/// Implemented with concrete impl headers (not through `PropertyType::Base`), so a mismatch
/// is reported with this message rather than as a type mismatch.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` value cannot be compared with a `{T}` value",
    label = "expected a `{T}` value, or an expression holding `{T}`",
    note = "a value compares only with a value of the same type (`T` for an `Option<T>` property; every integer type counts as `i64`, every float as `f64`)"
)]
pub trait HoldsBase<T> {
    /// Whether the value may be null, at the type level: [`True`](super::identity::True)
    /// for an `Option`, else [`False`](super::identity::False).
    type Nullable;
}

/// A value of nullability `Self` may be stored in a property of nullability `P`: anything
/// in an optional property, only a value that is never null in a required one.
#[diagnostic::on_unimplemented(
    message = "a value that may be null cannot be stored in a required property",
    label = "this value may be null, and the property is required",
    note = "a required property must keep a value, or the node no longer decodes: give a default with `.coalesce(..)`, or declare the field `Option<..>`; an optional property is cleared with `null::<T>()` or REMOVE"
)]
pub trait FitsNull<P> {}
impl<P> FitsNull<P> for super::identity::False {}
impl FitsNull<super::identity::True> for super::identity::True {}

/// Base types with an order: what `min`, `max` and `ORDER BY` accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` values have no order",
    label = "cannot be ordered",
    note = "numbers, strings, booleans, dates and durations can be ordered; nodes, relationships and lists cannot"
)]
pub trait Comparable {}

/// Base types with arithmetic: what `sum`, `avg`, `abs` and `+ - * / %` accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number",
    label = "expected an integer or a float",
    note = "`sum`, `avg`, `abs`, `round` and arithmetic take integer (`i64`) or float (`f64`) values"
)]
pub trait Numeric {}
impl Numeric for i64 {}
impl Numeric for f64 {}

macro_rules! property_types {
    ($base:ty as $cypher:literal: $($ty:ty),*) => {$(
        impl PropertyType for $ty {
            type Base = $base;
            const OPTIONAL: bool = false;
            const CYPHER_TYPE: Option<&'static str> = Some($cypher);
            const LIST_TYPE: Option<&'static str> = Some(concat!("LIST<", $cypher, " NOT NULL>"));
        }
        impl HoldsBase<$base> for $ty {
            type Nullable = super::identity::False;
        }
        impl OrNull for $ty {
            type Out = Option<$ty>;
            type Inner = $ty;
        }
        impl<U> MapNull<U> for $ty {
            type Out = U;
        }
    )*};
}
property_types!(i64 as "INTEGER": i8, i16, i32, i64, u8, u16, u32);
property_types!(f64 as "FLOAT": f32, f64);
property_types!(bool as "BOOLEAN": bool);
property_types!(String as "STRING": String);
property_types!(chrono::NaiveDate as "DATE": chrono::NaiveDate);
property_types!(chrono::NaiveDateTime as "LOCAL DATETIME": chrono::NaiveDateTime);
property_types!(
    chrono::DateTime<chrono::FixedOffset> as "ZONED DATETIME":
    chrono::DateTime<chrono::FixedOffset>
);
property_types!(std::time::Duration as "DURATION": std::time::Duration);

macro_rules! comparable {
    ($($ty:ty),*) => {$(impl Comparable for $ty {})*};
}
comparable!(
    i64,
    f64,
    bool,
    String,
    chrono::NaiveDate,
    chrono::NaiveDateTime,
    chrono::DateTime<chrono::FixedOffset>,
    std::time::Duration
);

impl<T: PropertyType> PropertyType for Vec<T> {
    type Base = Vec<T::Base>;
    const OPTIONAL: bool = false;
    const CYPHER_TYPE: Option<&'static str> = T::LIST_TYPE;
}
impl<T: HoldsBase<X>, X> HoldsBase<Vec<X>> for Vec<T> {
    type Nullable = super::identity::False;
}
impl<T: HoldsBase<X>, X> HoldsBase<X> for Option<T> {
    type Nullable = super::identity::True;
}

/// A node or relationship holds itself: so when a node is compared (which
/// [`PropertyType`] refuses, once), the value it is compared with raises no second error.
#[diagnostic::do_not_recommend]
impl<T: super::Element> HoldsBase<T> for T {
    type Nullable = super::identity::False;
}

impl<T> OrNull for Vec<T> {
    type Out = Option<Vec<T>>;
    type Inner = Vec<T>;
}

impl<T: PropertyType> PropertyType for Option<T> {
    type Base = T::Base;
    const OPTIONAL: bool = true;
    const CYPHER_TYPE: Option<&'static str> = T::CYPHER_TYPE;
    const LIST_TYPE: Option<&'static str> = T::LIST_TYPE;
}
impl<T> OrNull for Option<T> {
    type Out = Option<T>;
    type Inner = T;
}

impl OrNull for () {
    type Out = ();
    type Inner = ();
}
