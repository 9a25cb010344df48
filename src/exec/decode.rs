//! Rows into the Rust types a query promised.
//!
//! A typed query's `RETURN` fixes its row shape: one item decodes as [`Single`], a tuple as
//! [`Columns`], each column by its name through serde. Raw queries default to [`ByName`], the
//! neo4rs convention (a struct by column names, or the only column).
//!
//! Decoding borrows each value straight from the row. Only when it fails is the value
//! decoded a second time, through `serde_path_to_error`, to name the failing field.

use super::error::{Error, Result};
use neo4rs::{BoltType, Row};
use serde::de::{DeserializeOwned, IntoDeserializer};

pub use crate::dsl::row::{ByName, Columns, Shape, Single};

/// Decodes a row of a given shape.
#[diagnostic::on_unimplemented(
    message = "rows of this query cannot be decoded into `{Self}`",
    label = "every returned type must implement `serde::Deserialize`",
    note = "derive `serde::Deserialize` on the node and relationship structs the query returns"
)]
pub trait RowDecoder: Shape {
    /// Decodes `row`, whose columns are named `columns` in `RETURN` order.
    fn decode(row: &Row, columns: &[String]) -> Result<Self::Row>;
}

/// Decodes column `name` of `row`, naming the failing field on error.
pub(crate) fn column<T: DeserializeOwned>(row: &Row, name: &str) -> Result<T> {
    row.get::<T>(name).or_else(|fast_error| {
        let value: BoltType = row.get(name).map_err(|_| Error::Decode {
            column: name.to_owned(),
            path: String::new(),
            message: format!("the row has no such column ({fast_error})"),
        })?;
        Err(explain::<T>(name, &value, fast_error.to_string()))
    })
}

/// Decodes `value` once more, recording the path, to say where and why it does not fit `T`,
/// and what the server sent there.
fn explain<T: DeserializeOwned>(column: &str, value: &BoltType, fallback: String) -> Error {
    match serde_path_to_error::deserialize::<_, T>(value.into_deserializer()) {
        Err(e) => {
            let path = e.path().to_string();
            let message = match at_path(value, &path) {
                Some(found) => format!("{}; the server sent {}", e.into_inner(), describe(found)),
                None => "the server sent no such property, but the field is required (declare it as `Option<..>` if it may be missing)".to_owned(),
            };
            Error::Decode {
                column: column.to_owned(),
                path,
                message,
            }
        }
        // The second pass succeeding would mean the fast path disagreed; report its error.
        Ok(_) => Error::Decode {
            column: column.to_owned(),
            path: String::new(),
            message: fallback,
        },
    }
}

/// The value at a serde path such as `born`, `roles[0]` or `data.tags[2]` inside `value`.
fn at_path<'v>(value: &'v BoltType, path: &str) -> Option<&'v BoltType> {
    if path.is_empty() || path == "." {
        return Some(value);
    }
    let mut current = value;
    for segment in path.split('.') {
        let (key, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            current = match current {
                BoltType::Map(map) => map.value.get(key)?,
                BoltType::Node(node) => node.properties.value.get(key)?,
                BoltType::Relation(rel) => rel.properties.value.get(key)?,
                _ => return None,
            };
        }
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            let index: usize = index.parse().ok()?;
            current = match current {
                BoltType::List(list) => list.value.get(index)?,
                _ => return None,
            };
        }
    }
    Some(current)
}

/// What a value is, in words, for decode errors.
fn describe(value: &BoltType) -> String {
    match value {
        BoltType::Null(_) => "null".into(),
        BoltType::Boolean(b) => format!("the boolean {}", b.value),
        BoltType::Integer(i) => format!("the integer {}", i.value),
        BoltType::Float(x) => format!("the float {}", x.value),
        BoltType::String(_) => "a string".into(),
        BoltType::Bytes(b) => format!("{} bytes", b.value.len()),
        BoltType::List(l) => format!("a list of {} items", l.value.len()),
        BoltType::Map(m) => format!("a map of {} entries", m.value.len()),
        BoltType::Node(n) => {
            let labels: Vec<String> = n
                .labels
                .value
                .iter()
                .map(|l| match l {
                    BoltType::String(s) => s.value.clone(),
                    other => format!("{other:?}"),
                })
                .collect();
            format!("a node labelled {}", labels.join(":"))
        }
        BoltType::Relation(r) => format!("a relationship of type {}", r.typ.value),
        BoltType::UnboundedRelation(r) => format!("a relationship of type {}", r.typ.value),
        BoltType::Path(_) => "a path".into(),
        BoltType::Date(_) => "a date".into(),
        BoltType::Time(_) | BoltType::LocalTime(_) => "a time".into(),
        BoltType::DateTime(_) | BoltType::DateTimeZoneId(_) => "a datetime".into(),
        BoltType::LocalDateTime(_) => "a local datetime".into(),
        BoltType::Duration(_) => "a duration".into(),
        BoltType::Point2D(_) | BoltType::Point3D(_) => "a point".into(),
    }
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
    fn decode(row: &Row, columns: &[String]) -> Result<T> {
        column(row, first(columns)?)
    }
}

impl<T: DeserializeOwned> RowDecoder for ByName<T> {
    fn decode(row: &Row, _columns: &[String]) -> Result<T> {
        row.to::<T>().map_err(|e| {
            let message = e.to_string();
            let keys: Vec<String> = row.keys().into_iter().map(|k| k.value.clone()).collect();
            match row.to::<neo4rs::BoltMap>() {
                Ok(map) => match explain::<T>("*", &BoltType::Map(map), message.clone()) {
                    Error::Decode { path, message, .. } => Error::Decode {
                        column: keys.join(", "),
                        path,
                        message,
                    },
                    other => other,
                },
                Err(_) => Error::Decode {
                    column: keys.join(", "),
                    path: String::new(),
                    message,
                },
            }
        })
    }
}

macro_rules! column_tuples {
    ($($name:ident $index:tt),+) => {
        impl<$($name: DeserializeOwned),+> RowDecoder for Columns<($($name,)+)> {
            fn decode(row: &Row, columns: &[String]) -> Result<($($name,)+)> {
                let name = |i: usize| {
                    columns.get(i).map(String::as_str).ok_or_else(|| Error::Decode {
                        column: format!("#{i}"),
                        path: String::new(),
                        message: format!("the query returns {} columns, fewer than the row type has", columns.len()),
                    })
                };
                Ok(($(column::<$name>(row, name($index)?)?,)+))
            }
        }
    };
}
column_tuples!(A 0);
column_tuples!(A 0, B 1);
column_tuples!(A 0, B 1, C 2);
column_tuples!(A 0, B 1, C 2, D 3);
column_tuples!(A 0, B 1, C 2, D 3, E 4);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7, J 8);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7, J 8, K 9);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7, J 8, K 9, L 10);
column_tuples!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7, J 8, K 9, L 10, M 11);

#[cfg(test)]
mod tests {
    use super::*;
    use neo4rs::{BoltList, BoltString};

    fn row(pairs: &[(&str, BoltType)]) -> (Row, Vec<String>) {
        let fields = BoltList {
            value: pairs.iter().map(|(k, _)| BoltType::from(*k)).collect(),
        };
        let data = BoltList {
            value: pairs.iter().map(|(_, v)| v.clone()).collect(),
        };
        let names = pairs.iter().map(|(k, _)| (*k).to_owned()).collect();
        (Row::new(fields, data), names)
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Person {
        name: String,
        born: Option<i64>,
    }

    fn person(born: BoltType) -> BoltType {
        let mut map = neo4rs::BoltMap::new();
        map.put(BoltString::from("name"), BoltType::from("Tom"));
        map.put(BoltString::from("born"), born);
        BoltType::Map(map)
    }

    #[test]
    fn tuples_decode_column_by_column() {
        let (r, cols) = row(&[
            ("p.name", BoltType::from("Tom")),
            ("p.born", BoltType::from(1956i64)),
        ]);
        let out = Columns::<(String, Option<i64>)>::decode(&r, &cols).unwrap();
        assert_eq!(out, ("Tom".to_owned(), Some(1956)));
    }

    #[test]
    fn single_struct_decodes_from_its_column() {
        let (r, cols) = row(&[("p", person(BoltType::from(1956i64)))]);
        let out = Single::<Person>::decode(&r, &cols).unwrap();
        assert_eq!(
            out,
            Person {
                name: "Tom".into(),
                born: Some(1956)
            }
        );
    }

    #[test]
    fn decode_errors_name_the_column_and_the_field() {
        let (r, cols) = row(&[("p", person(BoltType::from("nineteen")))]);
        match Single::<Person>::decode(&r, &cols).unwrap_err() {
            Error::Decode {
                column,
                path,
                message,
            } => {
                assert_eq!(column, "p");
                assert_eq!(path, "born");
                assert!(message.contains("nineteen"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_errors_say_what_the_server_sent() {
        let cases = [
            (BoltType::from(1.5f64), "the float 1.5"),
            (BoltType::Null(neo4rs::BoltNull), "null"),
            (BoltType::from(vec![1i64, 2]), "a list of 2 items"),
        ];
        for (born, found) in cases {
            let (r, cols) = row(&[("p", person(born))]);
            let err = Single::<Person>::decode(&r, &cols)
                .err()
                .map(|e| e.to_string());
            match err {
                Some(text) => assert!(text.contains(found), "{text}"),
                // null is a fine `Option<i64>`.
                None => assert_eq!(found, "null"),
            }
        }
        let mut props = neo4rs::BoltMap::new();
        props.put(BoltString::from("name"), BoltType::from("Tom"));
        let node = neo4rs::BoltNode::new(
            neo4rs::BoltInteger::new(1),
            BoltList {
                value: vec![BoltType::from("Person")],
            },
            props,
        );
        let (r, cols) = row(&[("p", BoltType::Node(node))]);
        let err = Single::<i64>::decode(&r, &cols).unwrap_err().to_string();
        assert!(err.contains("a node labelled Person"), "{err}");

        #[derive(serde::Deserialize, Debug)]
        struct Needs {
            #[allow(dead_code)]
            missing: String,
        }
        let err = Single::<Needs>::decode(&r, &cols).unwrap_err().to_string();
        assert!(
            err.contains("at `missing`") && err.contains("no such property"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_column_is_an_error_not_a_panic() {
        let (r, _) = row(&[("a", BoltType::from(1i64))]);
        let err = Columns::<(i64, i64)>::decode(&r, &["a".into()]).unwrap_err();
        assert!(
            err.to_string().contains("fewer than the row type has"),
            "{err}"
        );
        let err = Single::<i64>::decode(&r, &["b".into()]).unwrap_err();
        assert!(err.to_string().contains("no such column"), "{err}");
    }

    #[test]
    fn by_name_decodes_structs_from_column_names() {
        let (r, cols) = row(&[
            ("name", BoltType::from("Tom")),
            ("born", BoltType::from(1956i64)),
        ]);
        let out = ByName::<Person>::decode(&r, &cols).unwrap();
        assert_eq!(out.born, Some(1956));
        let (r, cols) = row(&[
            ("name", BoltType::from("Tom")),
            ("born", BoltType::from(true)),
        ]);
        let err = ByName::<Person>::decode(&r, &cols).unwrap_err();
        assert!(err.to_string().contains("at `born`"), "{err}");
    }
}
