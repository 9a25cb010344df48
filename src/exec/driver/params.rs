//! typher's [`Value`] as the driver's `BoltType`: the one place parameters meet neo4rs.

use crate::dsl::Value;
use neo4rs::{BoltList, BoltMap, BoltNull, BoltString, BoltType};

/// The driver's query of `text` with the parameters `params`, each copied once into Bolt.
pub(crate) fn query<'p>(
    text: &str,
    params: impl IntoIterator<Item = (&'p str, &'p Value)>,
) -> neo4rs::Query {
    params
        .into_iter()
        .fold(neo4rs::query(text), |q, (name, value)| {
            q.param(name, bolt_of(value))
        })
}

/// The driver's form of a borrowed parameter value: one copy, straight into Bolt.
pub(crate) fn bolt_of(value: &Value) -> BoltType {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_convert_to_bolt() {
        assert_eq!(bolt_of(&Value::Int(3)), BoltType::from(3i64));
        assert_eq!(bolt_of(&Value::from(vec!["a"])), BoltType::from(vec!["a"]));
        assert_eq!(bolt_of(&Value::Null), BoltType::Null(BoltNull));
        let value = crate::dsl::value::to_value(&std::collections::BTreeMap::from([("k", 1)]));
        match bolt_of(&value.unwrap()) {
            BoltType::Map(m) => assert_eq!(m.value.get("k"), Some(&BoltType::from(1i64))),
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn the_driver_query_carries_every_parameter() {
        let (one, two) = (Value::Int(1), Value::from("x"));
        let q = query("RETURN $p0, $p1", [("p0", &one), ("p1", &two)]);
        assert!(q.has_param_key("p0") && q.has_param_key("p1"));
        assert!(!q.has_param_key("p2"));
    }
}
