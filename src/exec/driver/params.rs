//! typher's [`Value`]s written straight into a `RUN` message: the one place parameters meet
//! the Bolt client, with no copy in between.

use crate::dsl::Value;
use typher_bolt::{Pack, Packer};

/// A query as it is sent: its text and its parameters, borrowed from the statement.
#[derive(Clone)]
pub(crate) struct DriverQuery<'a> {
    pub(crate) text: &'a str,
    pub(crate) params: Vec<(&'a str, &'a Value)>,
}

impl<'a> DriverQuery<'a> {
    /// A query without parameters.
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            params: Vec::new(),
        }
    }
}

/// The query of `text` with the parameters `params`.
pub(crate) fn query<'p>(
    text: &'p str,
    params: impl IntoIterator<Item = (&'p str, &'p Value)>,
) -> DriverQuery<'p> {
    DriverQuery {
        text,
        params: params.into_iter().collect(),
    }
}

/// The parameters of a query, as the map `RUN` carries.
pub(crate) struct Params<'q, 'a>(pub(crate) &'q [(&'a str, &'a Value)]);

impl Pack for Params<'_, '_> {
    fn pack(&self, packer: &mut Packer) {
        packer.map_header(self.0.len());
        for (name, value) in self.0 {
            packer.string(name);
            pack(value, packer);
        }
    }
}

fn pack(value: &Value, p: &mut Packer) {
    match value {
        Value::Null => p.null(),
        Value::Bool(b) => p.bool(*b),
        Value::Int(i) => p.int(*i),
        Value::Float(x) => p.float(*x),
        Value::String(s) => p.string(s),
        Value::Bytes(b) => p.bytes(b),
        Value::List(items) => {
            p.list_header(items.len());
            items.iter().for_each(|item| pack(item, p));
        }
        Value::Map(entries) => {
            p.map_header(entries.len());
            for (key, item) in entries {
                p.string(key);
                pack(item, p);
            }
        }
        Value::Date(d) => p.date((*d).into()),
        Value::LocalDateTime(d) => p.local_date_time((*d).into()),
        Value::DateTime(d) => p.date_time((*d).into()),
        Value::Duration(d) => p.duration((*d).into()),
    }
}

/// The Bolt value of a typher value (transaction metadata; rows in tests).
pub(crate) fn bolt_of(value: &Value) -> typher_bolt::Value {
    use typher_bolt::Value as Bolt;
    match value {
        Value::Null => Bolt::Null,
        Value::Bool(b) => Bolt::Bool(*b),
        Value::Int(i) => Bolt::Int(*i),
        Value::Float(x) => Bolt::Float(*x),
        Value::String(s) => Bolt::String(s.clone()),
        Value::Bytes(b) => Bolt::Bytes(b.clone()),
        Value::List(items) => Bolt::List(items.iter().map(bolt_of).collect()),
        Value::Map(entries) => Bolt::Map(
            entries
                .iter()
                .map(|(k, v)| (k.as_str(), bolt_of(v)))
                .collect(),
        ),
        Value::Date(d) => Bolt::from(*d),
        Value::LocalDateTime(d) => Bolt::from(*d),
        Value::DateTime(d) => Bolt::from(*d),
        Value::Duration(d) => Bolt::from(*d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use typher_bolt::Value as Bolt;

    #[test]
    fn values_pack_as_bolt() {
        assert_eq!(bolt_of(&Value::Int(3)), Bolt::Int(3));
        assert_eq!(
            bolt_of(&Value::from(vec!["a"])),
            Bolt::List(vec![Bolt::from("a")])
        );
        assert_eq!(bolt_of(&Value::Null), Bolt::Null);
        let value = crate::dsl::value::to_value(&std::collections::BTreeMap::from([("k", 1)]));
        match bolt_of(&value.unwrap()) {
            Bolt::Map(m) => assert_eq!(m.get("k"), Some(&Bolt::Int(1))),
            other => panic!("not a map: {other:?}"),
        }
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 2).unwrap();
        match bolt_of(&Value::Date(day)) {
            Bolt::Date(d) => assert_eq!(d.to_chrono(), Some(day)),
            other => panic!("not a date: {other:?}"),
        }
    }

    #[test]
    fn the_query_carries_every_parameter() {
        let (one, two) = (Value::Int(1), Value::from("x"));
        let q = query("RETURN $p0, $p1", [("p0", &one), ("p1", &two)]);
        let names: Vec<&str> = q.params.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["p0", "p1"]);
        let mut packer = Packer::new(true);
        Params(&q.params).pack(&mut packer);
        let bytes = packer.take();
        let Bolt::Map(map) = typher_bolt::Unpacker::new(&bytes).value().unwrap() else {
            panic!("parameters pack as a map")
        };
        assert_eq!(map.get("p1"), Some(&Bolt::from("x")));
    }
}
