//! Reading a [`Value`] into any `serde::Deserialize` type, borrowing its strings.
//!
//! Conventions: a node or relationship reads as its properties (a struct or a map); a
//! path as `{nodes, relationships}`; a point as `{srid, x, y, z}`; dates, times and
//! datetimes as the ISO-8601 strings chrono reads; a duration as `std::time::Duration`
//! reads it (`[seconds, nanoseconds]`, a month counted as 2,629,800 s); a map of one entry
//! or a string as an enum variant.

use crate::error::Error;
use crate::value::{Map, Value};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::Decode(msg.to_string())
    }
}

/// Decodes `value` into `T`.
pub fn from_value<'de, T: serde::Deserialize<'de>>(value: &'de Value) -> Result<T, Error> {
    T::deserialize(ValueDeserializer(value))
}

/// A deserializer over a borrowed [`Value`].
#[derive(Clone, Copy)]
pub struct ValueDeserializer<'de>(pub &'de Value);

impl<'de> IntoDeserializer<'de, Error> for &'de Value {
    type Deserializer = ValueDeserializer<'de>;
    fn into_deserializer(self) -> Self::Deserializer {
        ValueDeserializer(self)
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Int(i) => Unexpected::Signed(*i),
        Value::Float(x) => Unexpected::Float(*x),
        Value::String(s) => Unexpected::Str(s),
        Value::Bytes(b) => Unexpected::Bytes(b),
        Value::List(_) | Value::Path(_) => Unexpected::Seq,
        Value::Map(_) | Value::Node(_) | Value::Relationship(_) | Value::Point(_) => {
            Unexpected::Map
        }
        _ => Unexpected::Other("a temporal value"),
    }
}

impl<'de> ValueDeserializer<'de> {
    fn invalid<T>(self, visitor: &dyn de::Expected) -> Result<T, Error> {
        Err(de::Error::invalid_type(unexpected(self.0), visitor))
    }

    fn temporal_string(self) -> Result<Option<String>, Error> {
        let bad = |what: &str| Error::Decode(format!("the {what} is out of chrono's range"));
        Ok(Some(match self.0 {
            Value::Date(d) => d.to_chrono().ok_or_else(|| bad("date"))?.to_string(),
            Value::LocalDateTime(d) => {
                format!("{:?}", d.to_chrono().ok_or_else(|| bad("local datetime"))?)
            }
            Value::DateTime(d) => d.to_chrono().ok_or_else(|| bad("datetime"))?.to_rfc3339(),
            Value::DateTimeZoneId(d) => d.to_chrono().ok_or_else(|| bad("datetime"))?.to_rfc3339(),
            Value::LocalTime(t) => t.to_chrono().ok_or_else(|| bad("time"))?.to_string(),
            Value::Time(t) => {
                let (time, offset) = t.to_chrono().ok_or_else(|| bad("time"))?;
                format!("{time}{offset}")
            }
            _ => return Ok(None),
        }))
    }

    fn duration_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Value::Duration(d) = self.0 else {
            return self.invalid(&visitor);
        };
        let std = d.to_std().ok_or_else(|| {
            Error::Decode("a negative or too long duration does not fit std::time::Duration".into())
        })?;
        visitor.visit_seq(de::value::SeqDeserializer::new(
            [std.as_secs(), u64::from(std.subsec_nanos())].into_iter(),
        ))
    }

    fn properties<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Map(m) => visitor.visit_map(Entries::new(m)),
            Value::Node(n) => visitor.visit_map(Entries::new(&n.properties)),
            Value::Relationship(r) => visitor.visit_map(Entries::new(&r.properties)),
            Value::Path(p) => visitor.visit_map(PathAccess { path: p, at: 0 }),
            Value::Point(p) => visitor.visit_map(PointAccess { point: *p, at: 0 }),
            _ => self.invalid(&visitor),
        }
    }
}

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(x) => visitor.visit_f64(*x),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Bytes(b) => visitor.visit_borrowed_bytes(b),
            Value::List(items) => visitor.visit_seq(Items(items.iter())),
            Value::Duration(_) => self.duration_seq(visitor),
            Value::Map(_)
            | Value::Node(_)
            | Value::Relationship(_)
            | Value::Path(_)
            | Value::Point(_) => self.properties(visitor),
            _ => match self.temporal_string()? {
                Some(s) => visitor.visit_string(s),
                None => self.invalid(&visitor),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::List(items) => visitor.visit_seq(Items(items.iter())),
            Value::Bytes(b) => {
                visitor.visit_seq(de::value::SeqDeserializer::new(b.iter().copied()))
            }
            Value::Duration(_) => self.duration_seq(visitor),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.properties(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Duration(_) => self.duration_seq(visitor),
            _ => self.properties(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Map(m) if m.len() == 1 => {
                let (variant, value) = m.iter().next().expect("one entry");
                visitor.visit_enum(Variant { variant, value })
            }
            Value::Map(m) => Err(Error::Decode(format!(
                "an enum is read from a map of one entry (its variant), but the server sent a map of {} entries",
                m.len()
            ))),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => match self.temporal_string()? {
                Some(s) => visitor.visit_string(s),
                None => self.invalid(&visitor),
            },
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Bytes(b) => visitor.visit_borrowed_bytes(b),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char identifier
    }
}

struct Items<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(ValueDeserializer(item)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A map's entries, read key then value.
struct Entries<'de> {
    entries: std::slice::Iter<'de, (String, Value)>,
    value: Option<&'de Value>,
}

impl<'de> Entries<'de> {
    fn new(map: &'de Map) -> Self {
        Self {
            entries: map.entries.iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                let key = key.as_str();
                self.value = Some(value);
                seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error::Decode("a map value was read before its key".into()))?;
        seed.deserialize(ValueDeserializer(value))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A path read as `{nodes: [..], relationships: [..]}`.
struct PathAccess<'de> {
    path: &'de crate::value::Path,
    at: u8,
}

impl<'de> MapAccess<'de> for PathAccess<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.at {
            0 => "nodes",
            1 => "relationships",
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        self.at += 1;
        match self.at {
            1 => seed.deserialize(Elements(&self.path.nodes)),
            _ => seed.deserialize(Elements(&self.path.relationships)),
        }
    }
}

/// A path's nodes or relationships, each read as its properties.
struct Elements<'de, E>(&'de [E]);

trait Element {
    fn properties(&self) -> &Map;
}
impl Element for crate::value::Node {
    fn properties(&self) -> &Map {
        &self.properties
    }
}
impl Element for crate::value::Relationship {
    fn properties(&self) -> &Map {
        &self.properties
    }
}

impl<'de, E: Element> Deserializer<'de> for Elements<'de, E> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(ElementItems(self.0.iter()))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct ElementItems<'de, E>(std::slice::Iter<'de, E>);

impl<'de, E: Element> SeqAccess<'de> for ElementItems<'de, E> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|e| {
                let mut entries = Entries::new(e.properties());
                seed.deserialize(de::value::MapAccessDeserializer::new(&mut entries))
            })
            .transpose()
    }
}

/// A point read as `{srid, x, y, z}` (`z` for 3D points only).
struct PointAccess {
    point: crate::value::Point,
    at: usize,
}

impl<'de> MapAccess<'de> for PointAccess {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let keys: &[&'static str] = match self.point.z {
            Some(_) => &["srid", "x", "y", "z"],
            None => &["srid", "x", "y"],
        };
        match keys.get(self.at) {
            Some(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        self.at += 1;
        let p = self.point;
        match self.at {
            1 => seed.deserialize(p.srid.into_deserializer()),
            2 => seed.deserialize(p.x.into_deserializer()),
            3 => seed.deserialize(p.y.into_deserializer()),
            _ => seed.deserialize(p.z.unwrap_or(f64::NAN).into_deserializer()),
        }
    }
}

struct Variant<'de> {
    variant: &'de str,
    value: &'de Value,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = ValueDeserializer<'de>;
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Error> {
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(
            self.variant,
        ))?;
        Ok((variant, ValueDeserializer(self.value)))
    }
}

impl<'de> VariantAccess<'de> for ValueDeserializer<'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.properties(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Date, DateTime, Duration, Node, Point};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Person {
        name: String,
        born: Option<i64>,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn node(props: &[(&str, Value)]) -> Value {
        Value::Node(Node {
            id: 1,
            element_id: "4:x:1".into(),
            labels: vec!["Person".into()],
            properties: props.iter().cloned().collect(),
        })
    }

    #[test]
    fn nodes_read_as_their_properties() {
        let ann = node(&[("name", "Ann".into()), ("born", Value::Int(1970))]);
        let person: Person = from_value(&ann).unwrap();
        assert_eq!(
            person,
            Person {
                name: "Ann".into(),
                born: Some(1970),
                tags: vec![]
            }
        );
        let map: BTreeMap<String, i64> = from_value(&node(&[("a", Value::Int(1))])).unwrap();
        assert_eq!(map["a"], 1);
        let err = from_value::<Person>(&node(&[("name", Value::Int(3))])).unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid type: integer `3`, expected a string"),
            "{err}"
        );
    }

    #[test]
    fn temporals_read_as_chrono_and_std() {
        let day: chrono::NaiveDate = from_value(&Value::Date(Date { days: 1 })).unwrap();
        assert_eq!(day.to_string(), "1970-01-02");
        let at = Value::DateTime(DateTime {
            seconds: 0,
            nanoseconds: 0,
            offset_seconds: 3600,
        });
        let at: chrono::DateTime<chrono::FixedOffset> = from_value(&at).unwrap();
        assert_eq!(at.to_rfc3339(), "1970-01-01T01:00:00+01:00");
        let span = Value::Duration(Duration {
            months: 0,
            days: 1,
            seconds: 2,
            nanoseconds: 3,
        });
        let span: std::time::Duration = from_value(&span).unwrap();
        assert_eq!(span, std::time::Duration::new(86_402, 3));
        let local: chrono::NaiveDateTime = from_value(&Value::from(at.naive_utc())).unwrap();
        assert_eq!(local, at.naive_utc());
    }

    #[test]
    fn options_enums_points_and_bytes() {
        assert_eq!(from_value::<Option<i64>>(&Value::Null).unwrap(), None);
        assert_eq!(from_value::<Option<i64>>(&Value::Int(2)).unwrap(), Some(2));
        #[derive(Debug, Deserialize, PartialEq)]
        enum Either {
            Person(Person),
            Nothing,
        }
        let tagged = Value::Map(
            [("Person", node(&[("name", "Bo".into())]))]
                .into_iter()
                .collect(),
        );
        assert!(
            matches!(from_value::<Either>(&tagged).unwrap(), Either::Person(p) if p.name == "Bo")
        );
        assert_eq!(
            from_value::<Either>(&"Nothing".into()).unwrap(),
            Either::Nothing
        );
        #[derive(Deserialize)]
        struct Xy {
            x: f64,
            y: f64,
            z: Option<f64>,
        }
        let p: Xy = from_value(&Value::Point(Point {
            srid: 7203,
            x: 1.0,
            y: 2.0,
            z: None,
        }))
        .unwrap();
        assert_eq!((p.x, p.y, p.z), (1.0, 2.0, None));
        let b: Vec<u8> = from_value(&Value::Bytes(vec![1, 2])).unwrap();
        assert_eq!(b, [1, 2]);
        assert!(from_value::<u8>(&Value::Int(300)).is_err());
        assert_eq!(from_value::<f64>(&Value::Int(3)).unwrap(), 3.0);
    }
}
