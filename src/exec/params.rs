//! typher's [`Value`] as the driver's `BoltType`: the one place parameters meet neo4rs.

pub use crate::dsl::value::ParamError;
use crate::dsl::value::{to_value, Value};
use neo4rs::{BoltList, BoltMap, BoltNull, BoltString, BoltType};
use serde::Serialize;

/// Converts any `Serialize` value to a Bolt value, or says why it cannot be sent.
pub fn to_bolt<T: Serialize + ?Sized>(value: &T) -> Result<BoltType, ParamError> {
    to_value(value).map(bolt)
}

/// The driver's form of a borrowed parameter value: one copy, straight into Bolt.
pub fn bolt_of(value: &Value) -> BoltType {
    match value {
        Value::Null => BoltType::Null(BoltNull),
        Value::Bool(b) => BoltType::from(*b),
        Value::Int(i) => BoltType::from(*i),
        Value::Float(x) => BoltType::from(*x),
        Value::String(s) => BoltType::from(s.as_str()),
        Value::Bytes(b) => BoltType::from(b.as_slice()),
        Value::List(items) => BoltType::List(BoltList {
            value: items.iter().map(bolt_of).collect(),
        }),
        Value::Map(entries) => {
            let mut map = BoltMap::with_capacity(entries.len());
            for (key, item) in entries {
                map.put(BoltString::from(key.as_str()), bolt_of(item));
            }
            BoltType::Map(map)
        }
        Value::Date(d) => BoltType::from(*d),
        Value::LocalDateTime(d) => BoltType::from(*d),
        Value::DateTime(d) => BoltType::from(*d),
        Value::Duration(d) => BoltType::from(*d),
    }
}

/// The driver's form of a parameter value.
pub fn bolt(value: Value) -> BoltType {
    bolt_of(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_convert_to_bolt() {
        assert_eq!(bolt(Value::Int(3)), BoltType::from(3i64));
        assert_eq!(bolt(Value::from(vec!["a"])), BoltType::from(vec!["a"]));
        assert_eq!(bolt(Value::Null), BoltType::Null(BoltNull));
        let nested = Value::from(vec![vec!["a"], vec![]]);
        assert_eq!(bolt_of(&nested), bolt(nested.clone()));
        let map = to_bolt(&std::collections::BTreeMap::from([("k", 1)])).unwrap();
        match map {
            BoltType::Map(m) => assert_eq!(m.value.get("k"), Some(&BoltType::from(1i64))),
            other => panic!("not a map: {other:?}"),
        }
    }
}
