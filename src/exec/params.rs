//! Any `Serialize` value as a Bolt parameter (neo4rs cannot do this itself).
//!
//! Structs and maps become Bolt maps, sequences and tuples lists, unit variants their name,
//! and `None`/`()` null. Values Bolt cannot carry faithfully are refused with a clear error:
//! integers outside `i64`, NaN and infinite floats, and maps with non-string keys.

use neo4rs::{BoltList, BoltMap, BoltNull, BoltString, BoltType};
use serde::ser::{self, Serialize};
use std::fmt::Display;

/// Converts `value` to a Bolt value, or says why it cannot be sent.
pub fn to_bolt<T: Serialize + ?Sized>(value: &T) -> Result<BoltType, ParamError> {
    value.serialize(BoltSerializer)
}

/// Why a value cannot become a Bolt parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

impl Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParamError {}

impl ser::Error for ParamError {
    fn custom<T: Display>(msg: T) -> Self {
        ParamError(msg.to_string())
    }
}

fn integer<T: TryInto<i64> + Display + Copy>(value: T) -> Result<BoltType, ParamError> {
    value
        .try_into()
        .map(BoltType::from)
        .map_err(|_| ParamError(format!("the integer {value} does not fit in a 64-bit signed integer, the only integer Bolt has")))
}

fn float(value: f64) -> Result<BoltType, ParamError> {
    if value.is_finite() {
        Ok(BoltType::from(value))
    } else {
        Err(ParamError(format!(
            "the float {value} is not a finite number; Cypher comparisons with it are meaningless, so it is refused"
        )))
    }
}

fn map_of(entries: Vec<(String, BoltType)>) -> BoltType {
    let mut map = BoltMap::with_capacity(entries.len());
    for (key, value) in entries {
        map.put(BoltString::from(key), value);
    }
    BoltType::Map(map)
}

fn list_of(items: Vec<BoltType>) -> BoltType {
    BoltType::List(BoltList { value: items })
}

/// Serializes into a [`BoltType`].
struct BoltSerializer;

impl ser::Serializer for BoltSerializer {
    type Ok = BoltType;
    type Error = ParamError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn serialize_bool(self, v: bool) -> Result<BoltType, ParamError> {
        Ok(BoltType::from(v))
    }
    fn serialize_i8(self, v: i8) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<BoltType, ParamError> {
        integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<BoltType, ParamError> {
        float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<BoltType, ParamError> {
        float(v)
    }
    fn serialize_char(self, v: char) -> Result<BoltType, ParamError> {
        Ok(BoltType::from(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<BoltType, ParamError> {
        Ok(BoltType::from(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<BoltType, ParamError> {
        Ok(BoltType::from(v))
    }
    fn serialize_none(self) -> Result<BoltType, ParamError> {
        Ok(BoltType::Null(BoltNull))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<BoltType, ParamError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<BoltType, ParamError> {
        Ok(BoltType::Null(BoltNull))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<BoltType, ParamError> {
        Ok(BoltType::Null(BoltNull))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<BoltType, ParamError> {
        Ok(BoltType::from(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<BoltType, ParamError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<BoltType, ParamError> {
        Ok(map_of(vec![(variant.to_owned(), value.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, ParamError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, ParamError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, ParamError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<SeqBuilder>, ParamError> {
        Ok(VariantBuilder(variant, SeqBuilder(Vec::with_capacity(len))))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, ParamError> {
        Ok(MapBuilder(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapBuilder, ParamError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<MapBuilder>, ParamError> {
        Ok(VariantBuilder(
            variant,
            MapBuilder(Vec::with_capacity(len), None),
        ))
    }
}

/// Collects a list.
struct SeqBuilder(Vec<BoltType>);

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.0.push(value.serialize(BoltSerializer)?);
        Ok(())
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(list_of(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(list_of(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(list_of(self.0))
    }
}

/// Collects a map; the second field holds a key waiting for its value.
struct MapBuilder(Vec<(String, BoltType)>, Option<String>);

impl ser::SerializeMap for MapBuilder {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ParamError> {
        match key.serialize(BoltSerializer)? {
            BoltType::String(s) => {
                self.1 = Some(s.value);
                Ok(())
            }
            other => Err(ParamError(format!(
                "map keys must be strings, found {other:?}"
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        let key = self
            .1
            .take()
            .ok_or_else(|| ParamError("a map value came without its key".into()))?;
        self.0.push((key, value.serialize(BoltSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(map_of(self.0))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        let value = value
            .serialize(BoltSerializer)
            .map_err(|e| ParamError(format!("field `{key}`: {e}")))?;
        self.0.push((key.to_owned(), value));
        Ok(())
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(map_of(self.0))
    }
}

/// An enum variant carrying a tuple or struct: `{variant: ..}`.
struct VariantBuilder<T>(&'static str, T);

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.1.push(value)
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(map_of(vec![(self.0.to_owned(), list_of(self.1 .0))]))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = BoltType;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<BoltType, ParamError> {
        Ok(map_of(vec![(self.0.to_owned(), map_of(self.1 .0))]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Person {
        name: String,
        born: Option<i64>,
        tags: Vec<&'static str>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Tagged(i32),
        Shaped { x: u8 },
    }

    fn get<'a>(map: &'a BoltType, key: &str) -> &'a BoltType {
        match map {
            BoltType::Map(m) => m.value.get(&BoltString::from(key)).expect("key present"),
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn structs_become_maps() {
        let p = to_bolt(&Person {
            name: "Tom".into(),
            born: None,
            tags: vec!["a"],
        })
        .unwrap();
        assert_eq!(get(&p, "name"), &BoltType::from("Tom"));
        assert_eq!(get(&p, "born"), &BoltType::Null(BoltNull));
        assert_eq!(get(&p, "tags"), &BoltType::from(vec!["a"]));
    }

    #[test]
    fn maps_sequences_and_enums() {
        let mut m = BTreeMap::new();
        m.insert("k", 1u32);
        assert_eq!(get(&to_bolt(&m).unwrap(), "k"), &BoltType::from(1i64));
        assert_eq!(
            to_bolt(&(1u8, "x")).unwrap(),
            list_of(vec![BoltType::from(1i64), BoltType::from("x")])
        );
        assert_eq!(to_bolt(&Kind::Plain).unwrap(), BoltType::from("Plain"));
        assert_eq!(
            get(&to_bolt(&Kind::Tagged(3)).unwrap(), "Tagged"),
            &BoltType::from(3i64)
        );
        let shaped = to_bolt(&Kind::Shaped { x: 2 }).unwrap();
        assert_eq!(get(get(&shaped, "Shaped"), "x"), &BoltType::from(2i64));
    }

    #[test]
    fn out_of_range_integers_are_refused() {
        assert_eq!(
            to_bolt(&(i64::MAX as u64)).unwrap(),
            BoltType::from(i64::MAX)
        );
        let err = to_bolt(&u64::MAX).unwrap_err();
        assert!(err.0.contains("18446744073709551615"), "{err}");
        assert!(to_bolt(&i128::MIN).is_err());
    }

    #[test]
    fn non_finite_floats_are_refused_with_the_field_named() {
        #[derive(Serialize)]
        struct Reading {
            value: f64,
        }
        let err = to_bolt(&Reading { value: f64::NAN }).unwrap_err();
        assert!(err.0.starts_with("field `value`: the float NaN"), "{err}");
        assert!(to_bolt(&f64::INFINITY).is_err());
        assert_eq!(to_bolt(&1.5f32).unwrap(), BoltType::from(1.5f64));
    }

    #[test]
    fn non_string_keys_are_refused() {
        let mut m = BTreeMap::new();
        m.insert(1, "x");
        assert!(to_bolt(&m)
            .unwrap_err()
            .0
            .contains("map keys must be strings"));
    }
}
