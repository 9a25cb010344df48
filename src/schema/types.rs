//! Which Rust types can be stored as properties, and how they compare.

/// A Rust type that can be a property value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored as a graph property",
    label = "unsupported property type",
    note = "properties may be integers, floats, `bool`, `String`, `Vec` of these, or `Option` of any of them"
)]
pub trait PropertyType {
    /// What comparisons take: `i64` for every integer type, `f64` for floats, `T` for `Option<T>`.
    type Base;
    /// Whether the property may be missing (an `Option`).
    const OPTIONAL: bool;
}

/// The type a value decodes as when it may be null (from an `OPTIONAL MATCH`).
pub trait OrNull {
    /// `Option<Self>`, or `Self` when already an `Option`.
    type Out;
}

/// Properties on which `starts_with`, `ends_with`, `contains` and `regex` work.
#[diagnostic::on_unimplemented(
    message = "string operators need a string property, but this property holds `{Self}`",
    label = "not a string property",
    note = "`starts_with`, `ends_with`, `contains` and `regex` work only on `String` properties"
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

/// A property holding `Self` compares with values and properties of base type `T`.
///
/// Implemented with concrete impl headers (not through `PropertyType::Base`), so a mismatch
/// is reported with this message rather than as a type mismatch.
#[diagnostic::on_unimplemented(
    message = "a property holding `{Self}` cannot be compared with a property holding `{T}`",
    label = "properties of different types",
    note = "a property compares only with a property of the same type (integer with integer, string with string, ..)"
)]
pub trait HoldsBase<T> {}

macro_rules! property_types {
    ($base:ty: $($ty:ty),*) => {$(
        impl PropertyType for $ty {
            type Base = $base;
            const OPTIONAL: bool = false;
        }
        impl HoldsBase<$base> for $ty {}
        impl OrNull for $ty {
            type Out = Option<$ty>;
        }
    )*};
}
property_types!(i64: i8, i16, i32, i64, u8, u16, u32);
property_types!(f64: f32, f64);
property_types!(bool: bool);
property_types!(String: String);

impl<T: PropertyType> PropertyType for Vec<T> {
    type Base = Vec<T::Base>;
    const OPTIONAL: bool = false;
}
impl<T: HoldsBase<X>, X> HoldsBase<Vec<X>> for Vec<T> {}
impl<T: HoldsBase<X>, X> HoldsBase<X> for Option<T> {}

impl<T> OrNull for Vec<T> {
    type Out = Option<Vec<T>>;
}

impl<T: PropertyType> PropertyType for Option<T> {
    type Base = T::Base;
    const OPTIONAL: bool = true;
}
impl<T> OrNull for Option<T> {
    type Out = Option<T>;
}

impl OrNull for () {
    type Out = ();
}
