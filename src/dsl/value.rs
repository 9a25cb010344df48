//! typher's own parameter value: what a query sends, with no driver type in sight.
//!
//! The DSL turns every literal into a [`Value`]; [`to_value`] turns any `Serialize` value into
//! one (structs and maps become maps, sequences and tuples lists, unit variants their name,
//! `None`/`()` null). Values Bolt cannot carry faithfully are refused with a clear error:
//! integers outside `i64`, NaN and infinite floats, and maps with non-string keys. The
//! execution layer converts a `Value` to the driver's type when it sends the query.

use serde::ser::{self, Serialize};
use std::collections::BTreeMap;
use std::fmt::{self, Display};

/// A parameter value: the Cypher types a query can send.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit signed integer, Cypher's only integer type.
    Int(i64),
    /// A 64-bit float; never NaN or infinite when built by typher.
    Float(f64),
    /// A string.
    String(String),
    /// A byte array.
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<Value>),
    /// A map with string keys.
    Map(BTreeMap<String, Value>),
    /// A date without time zone.
    Date(chrono::NaiveDate),
    /// A local date and time, without time zone.
    LocalDateTime(chrono::NaiveDateTime),
    /// A date and time at a fixed offset from UTC.
    DateTime(chrono::DateTime<chrono::FixedOffset>),
    /// A duration (Cypher's `DURATION`), in seconds and nanoseconds.
    Duration(std::time::Duration),
}

impl Value {
    /// Refuses NaN and infinite floats anywhere in the value, as [`to_value`] does: the
    /// typed DSL builds values infallibly, so the execution layer checks them before sending.
    pub fn check_finite(&self) -> Result<(), ParamError> {
        match self {
            Self::Float(x) => float(*x).map(drop),
            Self::List(items) => items.iter().try_for_each(Value::check_finite),
            Self::Map(entries) => entries.values().try_for_each(Value::check_finite),
            _ => Ok(()),
        }
    }

    /// A short name of the value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) => "an integer",
            Self::Float(_) => "a float",
            Self::String(_) => "a string",
            Self::Bytes(_) => "bytes",
            Self::List(_) => "a list",
            Self::Map(_) => "a map",
            Self::Date(_) => "a date",
            Self::LocalDateTime(_) => "a local datetime",
            Self::DateTime(_) => "a datetime",
            Self::Duration(_) => "a duration",
        }
    }
}

/// Writes the value readably, for `Display` of a rendered query (the text never holds values).
impl Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => f.write_str("null"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Float(x) => write!(f, "{x:?}"),
            Self::String(s) => write_string(f, s),
            Self::Bytes(b) => write!(f, "bytes({})", b.len()),
            Self::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Self::Map(map) => {
                f.write_str("{")?;
                for (i, (key, item)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}: {item}", crate::dsl::escape_name(key))?;
                }
                f.write_str("}")
            }
            Self::Date(d) => write!(f, "date('{d}')"),
            Self::LocalDateTime(d) => {
                write!(f, "localdatetime('{}')", d.format("%Y-%m-%dT%H:%M:%S%.f"))
            }
            Self::DateTime(d) => write!(f, "datetime('{}')", d.to_rfc3339()),
            Self::Duration(d) => write!(
                f,
                "duration({{seconds: {}, nanoseconds: {}}})",
                d.as_secs(),
                d.subsec_nanos()
            ),
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    use fmt::Write;
    f.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

macro_rules! from_primitive {
    ($($ty:ty => |$v:ident| $conv:expr),* $(,)?) => {$(
        impl From<$ty> for Value {
            fn from($v: $ty) -> Self {
                $conv
            }
        }
    )*};
}
from_primitive!(
    i64 => |v| Value::Int(v), i32 => |v| Value::Int(v.into()), i16 => |v| Value::Int(v.into()),
    i8 => |v| Value::Int(v.into()), u32 => |v| Value::Int(v.into()), u16 => |v| Value::Int(v.into()),
    u8 => |v| Value::Int(v.into()), bool => |v| Value::Bool(v), f64 => |v| Value::Float(v),
    f32 => |v| Value::Float(v.into()), String => |v| Value::String(v),
    &str => |v| Value::String(v.to_owned()), char => |v| Value::String(v.to_string()),
    chrono::NaiveDate => |v| Value::Date(v), chrono::NaiveDateTime => |v| Value::LocalDateTime(v),
    chrono::DateTime<chrono::FixedOffset> => |v| Value::DateTime(v),
    chrono::DateTime<chrono::Utc> => |v| Value::DateTime(v.fixed_offset()),
    std::time::Duration => |v| Value::Duration(v),
);

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(item: Option<T>) -> Self {
        item.map_or(Value::Null, Into::into)
    }
}

/// Converts any `Serialize` value to a [`Value`], or says why it cannot be sent.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, ParamError> {
    value.serialize(ValueSerializer { depth: 0 })
}

/// How deeply lists, maps and structs may nest inside one parameter. Deeper values are
/// refused with a [`ParamError`] rather than risk the stack (a value nested 100,000 deep
/// would otherwise overflow it).
pub const MAX_PARAM_DEPTH: usize = 100;

/// Why a value cannot become a query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

impl Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParamError {}

impl ser::Error for ParamError {
    fn custom<T: Display>(msg: T) -> Self {
        ParamError(msg.to_string())
    }
}

fn integer<T: TryInto<i64> + Display + Copy>(value: T) -> Result<Value, ParamError> {
    value
        .try_into()
        .map(Value::Int)
        .map_err(|_| ParamError(format!("the integer {value} does not fit in a 64-bit signed integer, the only integer Bolt has")))
}

fn float(value: f64) -> Result<Value, ParamError> {
    if value.is_finite() {
        Ok(Value::Float(value))
    } else {
        Err(ParamError(format!(
            "the float {value} is not a finite number; Cypher comparisons with it are meaningless, so it is refused"
        )))
    }
}

fn map_of(entries: Vec<(String, Value)>) -> Value {
    Value::Map(entries.into_iter().collect())
}

fn list_of(items: Vec<Value>) -> Value {
    Value::List(items)
}

/// Serializes into a [`Value`], counting how deep it is inside the value.
#[derive(Clone, Copy)]
struct ValueSerializer {
    depth: usize,
}

impl ValueSerializer {
    /// The serializer of a value one level further in.
    fn deeper(self) -> Result<Self, ParamError> {
        if self.depth >= MAX_PARAM_DEPTH {
            return Err(ParamError(format!(
                "the value nests deeper than {MAX_PARAM_DEPTH} levels of lists, maps or structs, the most a parameter may"
            )));
        }
        Ok(Self {
            depth: self.depth + 1,
        })
    }
}

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = ParamError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Value, ParamError> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Value, ParamError> {
        integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Value, ParamError> {
        float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, ParamError> {
        float(v)
    }
    fn serialize_char(self, v: char) -> Result<Value, ParamError> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, ParamError> {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, ParamError> {
        Ok(Value::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Value, ParamError> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, ParamError> {
        value.serialize(self.deeper()?)
    }
    fn serialize_unit(self) -> Result<Value, ParamError> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, ParamError> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, ParamError> {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, ParamError> {
        value.serialize(self.deeper()?)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, ParamError> {
        Ok(map_of(vec![(
            variant.to_owned(),
            value.serialize(self.deeper()?)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, ParamError> {
        Ok(SeqBuilder(
            Vec::with_capacity(len.unwrap_or(0)),
            self.deeper()?,
        ))
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
        Ok(VariantBuilder(
            variant,
            SeqBuilder(Vec::with_capacity(len), self.deeper()?),
        ))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, ParamError> {
        Ok(MapBuilder(
            Vec::with_capacity(len.unwrap_or(0)),
            None,
            self.deeper()?,
        ))
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
            MapBuilder(Vec::with_capacity(len), None, self.deeper()?),
        ))
    }
}

/// Collects a list.
struct SeqBuilder(Vec<Value>, ValueSerializer);

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.0.push(value.serialize(self.1)?);
        Ok(())
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(list_of(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(list_of(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(list_of(self.0))
    }
}

/// Collects a map; the second field holds a key waiting for its value, the third serializes
/// the entries.
struct MapBuilder(Vec<(String, Value)>, Option<String>, ValueSerializer);

impl ser::SerializeMap for MapBuilder {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ParamError> {
        match key.serialize(self.2)? {
            Value::String(s) => {
                self.1 = Some(s);
                Ok(())
            }
            other => Err(ParamError(format!(
                "map keys must be strings, found {}",
                other.kind()
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        let key = self
            .1
            .take()
            .ok_or_else(|| ParamError("a map value came without its key".into()))?;
        self.0.push((key, value.serialize(self.2)?));
        Ok(())
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(map_of(self.0))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        let value = value
            .serialize(self.2)
            .map_err(|e| ParamError(format!("field `{key}`: {e}")))?;
        self.0.push((key.to_owned(), value));
        Ok(())
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(map_of(self.0))
    }
}

/// An enum variant carrying a tuple or struct: `{variant: ..}`.
struct VariantBuilder<T>(&'static str, T);

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.1.push(value)
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(map_of(vec![(self.0.to_owned(), list_of(self.1 .0))]))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = Value;
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<Value, ParamError> {
        Ok(map_of(vec![(self.0.to_owned(), map_of(self.1 .0))]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

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

    fn get<'a>(map: &'a Value, key: &str) -> &'a Value {
        match map {
            Value::Map(m) => m.get(key).expect("key present"),
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn structs_become_maps() {
        let p = to_value(&Person {
            name: "Tom".into(),
            born: None,
            tags: vec!["a"],
        })
        .unwrap();
        assert_eq!(get(&p, "name"), &Value::from("Tom"));
        assert_eq!(get(&p, "born"), &Value::Null);
        assert_eq!(get(&p, "tags"), &Value::from(vec!["a"]));
    }

    #[test]
    fn maps_sequences_and_enums() {
        let mut m = BTreeMap::new();
        m.insert("k", 1u32);
        assert_eq!(get(&to_value(&m).unwrap(), "k"), &Value::Int(1));
        assert_eq!(
            to_value(&(1u8, "x")).unwrap(),
            list_of(vec![Value::Int(1), Value::from("x")])
        );
        assert_eq!(to_value(&Kind::Plain).unwrap(), Value::from("Plain"));
        assert_eq!(
            get(&to_value(&Kind::Tagged(3)).unwrap(), "Tagged"),
            &Value::Int(3)
        );
        let shaped = to_value(&Kind::Shaped { x: 2 }).unwrap();
        assert_eq!(get(get(&shaped, "Shaped"), "x"), &Value::Int(2));
    }

    #[test]
    fn out_of_range_integers_are_refused() {
        assert_eq!(to_value(&(i64::MAX as u64)).unwrap(), Value::Int(i64::MAX));
        let err = to_value(&u64::MAX).unwrap_err();
        assert!(err.0.contains("18446744073709551615"), "{err}");
        assert!(to_value(&i128::MIN).is_err());
    }

    #[test]
    fn non_finite_floats_are_refused_with_the_field_named() {
        #[derive(Serialize)]
        struct Reading {
            value: f64,
        }
        let err = to_value(&Reading { value: f64::NAN }).unwrap_err();
        assert!(err.0.starts_with("field `value`: the float NaN"), "{err}");
        assert!(to_value(&f64::INFINITY).is_err());
        assert_eq!(to_value(&1.5f32).unwrap(), Value::Float(1.5));
    }

    #[test]
    fn non_string_keys_are_refused() {
        let mut m = BTreeMap::new();
        m.insert(1, "x");
        assert!(to_value(&m)
            .unwrap_err()
            .0
            .contains("map keys must be strings"));
    }

    /// Serializes as a list holding itself `levels` deep, without building the value.
    struct Deep(usize);

    impl Serialize for Deep {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(1))?;
            if self.0 > 0 {
                seq.serialize_element(&Deep(self.0 - 1))?;
            }
            seq.end()
        }
    }

    #[test]
    fn values_nested_too_deep_are_refused_not_a_stack_overflow() {
        assert!(to_value(&Deep(MAX_PARAM_DEPTH - 1)).is_ok());
        let err = to_value(&Deep(100_000)).unwrap_err();
        assert!(err.0.contains("deeper than 100 levels"), "{err}");
    }

    #[test]
    fn display_values_are_quoted_and_escaped() {
        assert_eq!(Value::from("it's\n").to_string(), "'it\\'s\\n'");
        assert_eq!(Value::from(vec![1i64, 2]).to_string(), "[1, 2]");
    }
}
