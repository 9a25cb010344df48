//! Row shapes: how a row of a query decodes, fixed by its `RETURN` (the decoding itself is
//! the execution layer's).

use core::marker::PhantomData;

/// The Rust type one row decodes as; no bounds, so it can be named before decoding.
/// Sealed: the shapes are the three below, so decoding (and [`RowDecoder`] in exec) covers
/// every one.
///
/// [`RowDecoder`]: crate::exec::decode::RowDecoder
pub trait Shape: sealed::Shape {
    /// One row.
    type Row;
}

/// One returned item: the row is that item's value.
pub struct Single<T>(PhantomData<fn() -> T>);

/// Several returned items: the row is a tuple, one element per column.
pub struct Columns<T>(PhantomData<fn() -> T>);

/// Rows decoded by column name: a struct whose fields are the column names, or the value of
/// the only column.
pub struct ByName<T>(PhantomData<fn() -> T>);

impl<T> Shape for Single<T> {
    type Row = T;
}
impl<T> Shape for Columns<T> {
    type Row = T;
}
impl<T> Shape for ByName<T> {
    type Row = T;
}

mod sealed {
    /// The row shapes.
    pub trait Shape {}
    impl<T> Shape for super::Single<T> {}
    impl<T> Shape for super::Columns<T> {}
    impl<T> Shape for super::ByName<T> {}
}
