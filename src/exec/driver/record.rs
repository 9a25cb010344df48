//! A result row as the server sent it, and reading its values into Rust types.
//!
//! Decoding borrows each value straight from the row. Only when it fails is the value
//! decoded a second time, through `serde_path_to_error`, to name the failing field and say
//! what the server sent there.

use crate::exec::error::{Error, Result};
use serde::de::value::MapDeserializer;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use typher_bolt::{Map, Value, ValueDeserializer};

/// One result row, undecoded: its values by column name. Typed queries decode rows for you
/// (see [`Executor::fetch_all`](crate::Executor::fetch_all)); a record is what
/// [`Executor::records`](crate::Executor::records) hands over.
pub struct Record {
    fields: Arc<[String]>,
    values: Vec<Value>,
}

impl Record {
    pub(crate) fn new(fields: Arc<[String]>, values: Vec<Value>) -> Self {
        Self { fields, values }
    }

    /// A record of `values` by column name, for tests.
    #[cfg(test)]
    pub(crate) fn of(values: &[(&str, crate::dsl::Value)]) -> Self {
        Self {
            fields: values.iter().map(|(k, _)| (*k).to_owned()).collect(),
            values: values
                .iter()
                .map(|(_, v)| super::params::bolt_of(v))
                .collect(),
        }
    }

    /// The column names, in `RETURN` order.
    pub fn columns(&self) -> &[String] {
        &self.fields
    }

    fn value(&self, column: &str) -> Option<&Value> {
        let at = self.fields.iter().position(|f| f == column)?;
        self.values.get(at)
    }

    /// The row as a map deserializer: a struct reads its fields by column name.
    fn by_names(
        &self,
    ) -> MapDeserializer<'_, impl Iterator<Item = (&str, &Value)>, typher_bolt::Error> {
        MapDeserializer::new(
            self.fields
                .iter()
                .map(String::as_str)
                .zip(self.values.iter()),
        )
    }

    /// The value of column `column` as `T`; the error names the column, the field inside the
    /// value that does not fit, and what the server sent there.
    pub fn get<T: DeserializeOwned>(&self, column: &str) -> Result<T> {
        let value = self.value(column).ok_or_else(|| Error::Decode {
            column: column.to_owned(),
            path: String::new(),
            message: format!(
                "the row has no such column (its columns are {})",
                self.fields.join(", ")
            ),
        })?;
        T::deserialize(ValueDeserializer(value))
            .map_err(|fast_error| explain::<T>(column, value, fast_error.to_string()))
    }

    /// The whole row as `T`: a struct by column names, or the value of the only column.
    pub fn to<T: DeserializeOwned>(&self) -> Result<T> {
        let by_names = T::deserialize(self.by_names());
        let error = match (by_names, self.values.as_slice()) {
            (Ok(row), _) => return Ok(row),
            (Err(e), [only]) => match T::deserialize(ValueDeserializer(only)) {
                Ok(row) => return Ok(row),
                Err(_) => e,
            },
            (Err(e), _) => e,
        };
        Err(self.row_error::<T>(error))
    }

    /// Why the row as a whole does not fit `T`: the field, or the only column, and what
    /// the server sent there.
    fn row_error<T: DeserializeOwned>(&self, error: typher_bolt::Error) -> Error {
        let message = error.to_string();
        let row: Map = self
            .fields
            .iter()
            .cloned()
            .zip(self.values.iter().cloned())
            .collect();
        let by_names = explain::<T>("*", &Value::Map(row), message.clone());
        // One column, and `T` fails on the row as a whole (it is no struct with that
        // field): the column's value did not fit, so say what it held.
        let whole_row = match &by_names {
            Error::Decode { path, .. } => path.is_empty() || path == ".",
            _ => true,
        };
        if let ([only], [value], true) = (&*self.fields, self.values.as_slice(), whole_row) {
            return explain::<T>(only, value, message);
        }
        match by_names {
            Error::Decode { path, message, .. } => Error::Decode {
                column: self.fields.join(", "),
                path,
                message,
            },
            other => other,
        }
    }
}

/// Decodes `value` once more, recording the path, to say where and why it does not fit `T`,
/// and what the server sent there.
fn explain<T: DeserializeOwned>(column: &str, value: &Value, fallback: String) -> Error {
    match serde_path_to_error::deserialize::<_, T>(ValueDeserializer(value)) {
        Err(e) => {
            let mut path = e.path().to_string();
            let inner = e.into_inner().to_string();
            // serde reports a missing field on the struct that lacks it: point at the field.
            let missing = inner
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            if let Some(field) = missing {
                path = match path.as_str() {
                    "" | "." => field.to_owned(),
                    outer => format!("{outer}.{field}"),
                };
            }
            let message = match (missing, at_path(value, &path)) {
                (None, Some(found)) => format!("{inner}; the server sent {}", found.describe()),
                _ => "the server sent no such property, but the field is required (declare it as `Option<..>` if it may be missing)".to_owned(),
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
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
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
                Value::Map(map) => map.get(key)?,
                Value::Node(node) => node.properties.get(key)?,
                Value::Relationship(rel) => rel.properties.get(key)?,
                _ => return None,
            };
        }
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            let index: usize = index.parse().ok()?;
            current = match current {
                Value::List(list) => list.get(index)?,
                _ => return None,
            };
        }
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use typher_bolt::Node;

    fn row(pairs: &[(&str, Value)]) -> (Record, Vec<String>) {
        let names: Vec<String> = pairs.iter().map(|(k, _)| (*k).to_owned()).collect();
        let values = pairs.iter().map(|(_, v)| v.clone()).collect();
        (Record::new(names.clone().into(), values), names)
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Person {
        name: String,
        born: Option<i64>,
    }

    fn person(born: Value) -> Value {
        Value::Map(
            [("name", Value::from("Tom")), ("born", born)]
                .into_iter()
                .collect(),
        )
    }

    #[test]
    fn single_struct_decodes_from_its_column() {
        let (r, _) = row(&[("p", person(Value::Int(1956)))]);
        let out = r.get::<Person>("p").unwrap();
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
        let (r, _) = row(&[("p", person(Value::from("nineteen")))]);
        match r.get::<Person>("p").unwrap_err() {
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
            (Value::Float(1.5), "the float 1.5"),
            (Value::Null, "null"),
            (
                Value::List(vec![Value::Int(1), Value::Int(2)]),
                "a list of 2 items",
            ),
        ];
        for (born, found) in cases {
            let (r, _) = row(&[("p", person(born))]);
            let err = r.get::<Person>("p").err().map(|e| e.to_string());
            match err {
                Some(text) => assert!(text.contains(found), "{text}"),
                // null is a fine `Option<i64>`.
                None => assert_eq!(found, "null"),
            }
        }
        let node = Node {
            id: 1,
            element_id: "4:x:1".into(),
            labels: vec!["Person".into()],
            properties: [("name", Value::from("Tom"))].into_iter().collect(),
        };
        let (r, _) = row(&[("p", Value::Node(node))]);
        let err = r.get::<i64>("p").unwrap_err().to_string();
        assert!(err.contains("a node labelled Person"), "{err}");

        #[derive(serde::Deserialize, Debug)]
        struct Needs {
            #[allow(dead_code)]
            missing: String,
        }
        let err = r.get::<Needs>("p").unwrap_err().to_string();
        assert!(
            err.contains("at `missing`") && err.contains("no such property"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_column_is_an_error_not_a_panic() {
        let (r, _) = row(&[("a", Value::Int(1))]);
        let err = r.get::<i64>("b").unwrap_err();
        assert!(err.to_string().contains("no such column"), "{err}");
    }

    #[test]
    fn one_raw_column_that_does_not_fit_says_what_the_server_sent() {
        let cases = [
            (Value::Null, "null"),
            (Value::Float(3.5), "the float 3.5"),
            (
                Value::List(vec![Value::Int(1), Value::Int(2)]),
                "a list of 2 items",
            ),
        ];
        for (value, found) in cases {
            let (r, _) = row(&[("n", value)]);
            let err = r.to::<i64>().unwrap_err().to_string();
            assert!(err.contains(found), "{err}");
            assert!(!err.contains("map"), "{err}");
        }
        // A one-column row still decodes a struct by its column names.
        #[derive(serde::Deserialize, Debug)]
        struct Named {
            n: i64,
        }
        let (r, _) = row(&[("n", Value::Int(7))]);
        assert_eq!(r.to::<Named>().unwrap().n, 7);
        assert_eq!(r.to::<i64>().unwrap(), 7);
    }

    #[test]
    fn by_name_decodes_structs_from_column_names() {
        let (r, _) = row(&[("name", Value::from("Tom")), ("born", Value::Int(1956))]);
        let out = r.to::<Person>().unwrap();
        assert_eq!(out.born, Some(1956));
        let (r, _) = row(&[("name", Value::from("Tom")), ("born", Value::from(true))]);
        let err = r.to::<Person>().unwrap_err();
        assert!(err.to_string().contains("at `born`"), "{err}");
    }
}
