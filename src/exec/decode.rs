//! Rows into the Rust types a query promised.
//!
//! A typed query's `RETURN` fixes its row shape: one item decodes as [`Single`], a tuple as
//! [`Columns`], each column by its name through serde. Raw queries default to [`ByName`], the
//! usual convention (a struct by column names, or the only column).
//!
//! Decoding borrows each value straight from the row ([`Record::get`]); only when it fails
//! is the value read a second time, to name the failing field.

use super::driver::Record;
use super::error::{Error, Result};
use crate::dsl::tuples::for_tuples;
use serde::de::DeserializeOwned;

pub use crate::dsl::row::{ByName, Columns, Shape, Single};

/// Decodes a row of a given shape.
#[diagnostic::on_unimplemented(
    message = "rows of this query cannot be decoded into `{Self}`",
    label = "every returned type must implement `serde::Deserialize`",
    note = "derive `serde::Deserialize` on the node and relationship structs the query returns"
)]
pub trait RowDecoder: Shape {
    /// Decodes `record`, whose columns are named `columns` in `RETURN` order.
    fn decode(record: &Record, columns: &[String]) -> Result<Self::Row>;
}

fn first(columns: &[String]) -> Result<&str> {
    columns
        .first()
        .map(String::as_str)
        .ok_or_else(|| Error::Decode {
            column: String::new(),
            path: String::new(),
            message: "the query returns no columns".into(),
        })
}

impl<T: DeserializeOwned> RowDecoder for Single<T> {
    fn decode(record: &Record, columns: &[String]) -> Result<T> {
        record.get(first(columns)?)
    }
}

impl<T: DeserializeOwned> RowDecoder for ByName<T> {
    fn decode(record: &Record, _columns: &[String]) -> Result<T> {
        record.to()
    }
}

macro_rules! column_tuples {
    ($n:literal: $($name:ident $_u:ident $index:tt),+) => {
        impl<$($name: DeserializeOwned),+> RowDecoder for Columns<($($name,)+)> {
            fn decode(record: &Record, columns: &[String]) -> Result<($($name,)+)> {
                let name = |i: usize| {
                    columns.get(i).map(String::as_str).ok_or_else(|| Error::Decode {
                        column: format!("#{i}"),
                        path: String::new(),
                        message: format!("the query returns {} columns, fewer than the row type has", columns.len()),
                    })
                };
                Ok(($(record.get::<$name>(name($index)?)?,)+))
            }
        }
    };
}
for_tuples!(column_tuples);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::Value;

    #[test]
    fn each_shape_decodes_its_columns() {
        let record = Record::of(&[
            ("p.name", Value::from("Tom")),
            ("p.born", Value::from(1956i64)),
        ]);
        let columns = ["p.name".to_owned(), "p.born".to_owned()];
        let pair = Columns::<(String, Option<i64>)>::decode(&record, &columns).unwrap();
        assert_eq!(pair, ("Tom".to_owned(), Some(1956)));
        let first = Single::<String>::decode(&record, &columns).unwrap();
        assert_eq!(first, "Tom");
    }

    #[test]
    fn missing_columns_are_errors_not_panics() {
        let record = Record::of(&[("a", Value::from(1i64))]);
        let err = Columns::<(i64, i64)>::decode(&record, &["a".into()]).unwrap_err();
        assert!(
            err.to_string().contains("fewer than the row type has"),
            "{err}"
        );
        let err = Single::<i64>::decode(&record, &[]).unwrap_err();
        assert!(err.to_string().contains("no columns"), "{err}");
    }
}
