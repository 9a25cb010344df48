//! A result row as the server sent it, and reading its values into Rust types.
//!
//! Decoding borrows each value straight from the row. Only when it fails is the value
//! decoded a second time, through `serde_path_to_error`, to name the failing field and say
//! what the server sent there.

use crate::exec::error::{Error, Result};
use neo4rs::{BoltType, Row};
use serde::de::{DeserializeOwned, IntoDeserializer};

/// One result row, undecoded: its values by column name. Typed queries decode rows for you
/// (see [`Executor::fetch_all`](crate::Executor::fetch_all)); a record is what
/// [`Executor::records`](crate::Executor::records) hands over.
pub struct Record(Row);

impl Record {
    pub(crate) fn new(row: Row) -> Self {
        Self(row)
    }

    /// A record of `values` by column name, for tests.
    #[cfg(test)]
    pub(crate) fn of(values: &[(&str, crate::dsl::Value)]) -> Self {
        let fields = neo4rs::BoltList {
            value: values.iter().map(|(k, _)| BoltType::from(*k)).collect(),
        };
        let data = neo4rs::BoltList {
            value: values
                .iter()
                .map(|(_, v)| super::params::bolt_of(v))
                .collect(),
        };
        Self(Row::new(fields, data))
    }

    /// The value of column `column` as `T`; the error names the column, the field inside the
    /// value that does not fit, and what the server sent there.
    pub fn get<T: DeserializeOwned>(&self, column: &str) -> Result<T> {
        self.0.get::<T>(column).or_else(|fast_error| {
            let value: BoltType = self.0.get(column).map_err(|_| Error::Decode {
                column: column.to_owned(),
                path: String::new(),
                message: format!("the row has no such column ({fast_error})"),
            })?;
            Err(explain::<T>(column, &value, fast_error.to_string()))
        })
    }

    /// The whole row as `T`: a struct by column names, or the value of the only column.
    pub fn to<T: DeserializeOwned>(&self) -> Result<T> {
        self.0.to::<T>().map_err(|e| {
            let message = e.to_string();
            let keys: Vec<String> = self.0.keys().into_iter().map(|k| k.value.clone()).collect();
            let by_names = self
                .0
                .to::<neo4rs::BoltMap>()
                .ok()
                .map(|map| explain::<T>("*", &BoltType::Map(map), message.clone()));
            // One column, and `T` fails on the row as a whole (it is no struct with that
            // field): the column's value did not fit, so say what it held.
            let whole_row = match &by_names {
                Some(Error::Decode { path, .. }) => path.is_empty() || path == ".",
                _ => true,
            };
            if let ([only], true) = (keys.as_slice(), whole_row) {
                if let Ok(value) = self.0.get::<BoltType>(only) {
                    return explain::<T>(only, &value, message);
                }
            }
            match by_names {
                Some(Error::Decode { path, message, .. }) => Error::Decode {
                    column: keys.join(", "),
                    path,
                    message,
                },
                Some(other) => other,
                None => Error::Decode {
                    column: keys.join(", "),
                    path: String::new(),
                    message,
                },
            }
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use neo4rs::{BoltList, BoltString};

    fn row(pairs: &[(&str, BoltType)]) -> (Record, Vec<String>) {
        let fields = BoltList {
            value: pairs.iter().map(|(k, _)| BoltType::from(*k)).collect(),
        };
        let data = BoltList {
            value: pairs.iter().map(|(_, v)| v.clone()).collect(),
        };
        let names = pairs.iter().map(|(k, _)| (*k).to_owned()).collect();
        (Record(Row::new(fields, data)), names)
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
    fn single_struct_decodes_from_its_column() {
        let (r, _) = row(&[("p", person(BoltType::from(1956i64)))]);
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
        let (r, _) = row(&[("p", person(BoltType::from("nineteen")))]);
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
            (BoltType::from(1.5f64), "the float 1.5"),
            (BoltType::Null(neo4rs::BoltNull), "null"),
            (BoltType::from(vec![1i64, 2]), "a list of 2 items"),
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
        let mut props = neo4rs::BoltMap::new();
        props.put(BoltString::from("name"), BoltType::from("Tom"));
        let node = neo4rs::BoltNode::new(
            neo4rs::BoltInteger::new(1),
            BoltList {
                value: vec![BoltType::from("Person")],
            },
            props,
        );
        let (r, _) = row(&[("p", BoltType::Node(node))]);
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
        let (r, _) = row(&[("a", BoltType::from(1i64))]);
        let err = r.get::<i64>("b").unwrap_err();
        assert!(err.to_string().contains("no such column"), "{err}");
    }

    #[test]
    fn one_raw_column_that_does_not_fit_says_what_the_server_sent() {
        let cases = [
            (BoltType::Null(neo4rs::BoltNull), "null"),
            (BoltType::from(3.5f64), "the float 3.5"),
            (BoltType::from(vec![1i64, 2]), "a list of 2 items"),
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
        let (r, _) = row(&[("n", BoltType::from(7i64))]);
        assert_eq!(r.to::<Named>().unwrap().n, 7);
        assert_eq!(r.to::<i64>().unwrap(), 7);
    }

    #[test]
    fn by_name_decodes_structs_from_column_names() {
        let (r, _) = row(&[
            ("name", BoltType::from("Tom")),
            ("born", BoltType::from(1956i64)),
        ]);
        let out = r.to::<Person>().unwrap();
        assert_eq!(out.born, Some(1956));
        let (r, _) = row(&[
            ("name", BoltType::from("Tom")),
            ("born", BoltType::from(true)),
        ]);
        let err = r.to::<Person>().unwrap_err();
        assert!(err.to_string().contains("at `born`"), "{err}");
    }
}
