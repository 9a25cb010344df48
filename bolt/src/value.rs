//! Every value a Bolt server sends: PackStream's core types plus the graph, temporal and
//! spatial structures, and their chrono forms.

use chrono::{DateTime as ChronoDateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// A value as the server sent it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit signed integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A string.
    String(String),
    /// A byte array.
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<Value>),
    /// A map with string keys, in the order the server sent them.
    Map(Map),
    /// A node.
    Node(Node),
    /// A relationship.
    Relationship(Relationship),
    /// A path: its nodes and relationships in walking order.
    Path(Path),
    /// A date.
    Date(Date),
    /// A time of day at an offset from UTC.
    Time(Time),
    /// A time of day without time zone.
    LocalTime(LocalTime),
    /// An instant at an offset from UTC.
    DateTime(DateTime),
    /// An instant in a named time zone.
    DateTimeZoneId(DateTimeZoneId),
    /// A date and time without time zone.
    LocalDateTime(LocalDateTime),
    /// A duration in months, days, seconds and nanoseconds.
    Duration(Duration),
    /// A 2D or 3D point.
    Point(Point),
}

/// A map with string keys; small, so lookups scan it and keep the server's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    pub(crate) entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty map with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Vec::with_capacity(capacity),
        }
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Adds an entry, replacing an earlier one of the same key.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Removes and returns the value under `key`.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn push(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut map = Map::default();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// A node: its labels, properties and identity.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The legacy numeric id.
    pub id: i64,
    /// The element id (Bolt 5; the numeric id as text on Bolt 4).
    pub element_id: String,
    /// The labels.
    pub labels: Vec<String>,
    /// The properties.
    pub properties: Map,
}

/// A relationship: its type, properties, identity and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Relationship {
    /// The legacy numeric id.
    pub id: i64,
    /// The element id (Bolt 5; the numeric id as text on Bolt 4).
    pub element_id: String,
    /// The start node's legacy numeric id.
    pub start_id: i64,
    /// The start node's element id.
    pub start_element_id: String,
    /// The end node's legacy numeric id.
    pub end_id: i64,
    /// The end node's element id.
    pub end_element_id: String,
    /// The relationship type.
    pub rel_type: String,
    /// The properties.
    pub properties: Map,
}

/// A path in walking order: `relationships[i]` joins `nodes[i]` and `nodes[i + 1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The nodes, start to end (one more than relationships).
    pub nodes: Vec<Node>,
    /// The relationships, each with its own direction.
    pub relationships: Vec<Relationship>,
}

/// A date, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Days since the Unix epoch.
    pub days: i64,
}

/// A time of day at an offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// Nanoseconds since midnight, local time.
    pub nanoseconds: i64,
    /// The offset from UTC in seconds.
    pub offset_seconds: i64,
}

/// A time of day without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// Nanoseconds since midnight.
    pub nanoseconds: i64,
}

/// An instant, with the offset it was written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Seconds since the Unix epoch, UTC.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanoseconds: i64,
    /// The offset from UTC in seconds.
    pub offset_seconds: i64,
}

/// An instant in a named time zone (`Europe/Berlin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeZoneId {
    /// Seconds since the Unix epoch, UTC.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanoseconds: i64,
    /// The zone's name.
    pub zone: String,
}

/// A date and time without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDateTime {
    /// Seconds since 1970-01-01T00:00, as if it were UTC.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanoseconds: i64,
}

/// A Cypher duration: months and days are kept apart from seconds, as Cypher does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    /// Months.
    pub months: i64,
    /// Days.
    pub days: i64,
    /// Seconds.
    pub seconds: i64,
    /// Nanoseconds.
    pub nanoseconds: i64,
}

/// A point in a coordinate reference system (`srid`): 2D, or 3D with `z`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The coordinate reference system (7203 cartesian, 4326 WGS-84, ...).
    pub srid: i64,
    /// x, or longitude.
    pub x: f64,
    /// y, or latitude.
    pub y: f64,
    /// z, or height, for 3D points.
    pub z: Option<f64>,
}

const NANOS_PER_SECOND: i64 = 1_000_000_000;

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

fn time_of_day(nanoseconds: i64) -> Option<NaiveTime> {
    let seconds = u32::try_from(nanoseconds.div_euclid(NANOS_PER_SECOND)).ok()?;
    let nanos = u32::try_from(nanoseconds.rem_euclid(NANOS_PER_SECOND)).ok()?;
    NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos)
}

fn naive(seconds: i64, nanoseconds: i64) -> Option<NaiveDateTime> {
    let seconds = seconds.checked_add(nanoseconds.div_euclid(NANOS_PER_SECOND))?;
    let nanos = u32::try_from(nanoseconds.rem_euclid(NANOS_PER_SECOND)).ok()?;
    ChronoDateTime::from_timestamp(seconds, nanos).map(|d| d.naive_utc())
}

impl Date {
    /// The date in chrono; `None` outside chrono's range.
    pub fn to_chrono(self) -> Option<NaiveDate> {
        epoch()
            .date()
            .checked_add_signed(chrono::TimeDelta::try_days(self.days)?)
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Self {
            days: date.signed_duration_since(epoch().date()).num_days(),
        }
    }
}

impl Time {
    /// The local time of day and its offset; `None` when out of range.
    pub fn to_chrono(self) -> Option<(NaiveTime, FixedOffset)> {
        Some((
            time_of_day(self.nanoseconds)?,
            FixedOffset::east_opt(i32::try_from(self.offset_seconds).ok()?)?,
        ))
    }
}

impl LocalTime {
    /// The time of day; `None` when out of range.
    pub fn to_chrono(self) -> Option<NaiveTime> {
        time_of_day(self.nanoseconds)
    }
}

impl DateTime {
    /// The instant at its offset; `None` when out of range.
    pub fn to_chrono(self) -> Option<ChronoDateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(i32::try_from(self.offset_seconds).ok()?)?;
        Some(
            naive(self.seconds, self.nanoseconds)?
                .and_utc()
                .with_timezone(&offset),
        )
    }
}

impl From<ChronoDateTime<FixedOffset>> for DateTime {
    fn from(value: ChronoDateTime<FixedOffset>) -> Self {
        Self {
            seconds: value.timestamp(),
            nanoseconds: i64::from(value.timestamp_subsec_nanos()),
            offset_seconds: i64::from(value.offset().local_minus_utc()),
        }
    }
}

impl DateTimeZoneId {
    /// The instant, shown in UTC (the zone's offset needs a zone database); `None` when
    /// out of range.
    pub fn to_chrono(&self) -> Option<ChronoDateTime<FixedOffset>> {
        Some(
            naive(self.seconds, self.nanoseconds)?
                .and_utc()
                .fixed_offset(),
        )
    }
}

impl LocalDateTime {
    /// The date and time; `None` when out of range.
    pub fn to_chrono(self) -> Option<NaiveDateTime> {
        naive(self.seconds, self.nanoseconds)
    }
}

impl From<NaiveDateTime> for LocalDateTime {
    fn from(value: NaiveDateTime) -> Self {
        let utc = value.and_utc();
        Self {
            seconds: utc.timestamp(),
            nanoseconds: i64::from(utc.timestamp_subsec_nanos()),
        }
    }
}

impl Duration {
    /// The duration as `std::time::Duration`, a month counted as 2,629,800 s (an average
    /// Gregorian month) and a day as 86,400 s; `None` when negative or out of range.
    pub fn to_std(self) -> Option<std::time::Duration> {
        let seconds = self
            .months
            .checked_mul(2_629_800)?
            .checked_add(self.days.checked_mul(86_400)?)?
            .checked_add(self.seconds)?
            .checked_add(self.nanoseconds.div_euclid(NANOS_PER_SECOND))?;
        let nanos = u32::try_from(self.nanoseconds.rem_euclid(NANOS_PER_SECOND)).ok()?;
        Some(std::time::Duration::new(
            u64::try_from(seconds).ok()?,
            nanos,
        ))
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Self {
            months: 0,
            days: 0,
            seconds: i64::try_from(value.as_secs()).unwrap_or(i64::MAX),
            nanoseconds: i64::from(value.subsec_nanos()),
        }
    }
}

impl Value {
    /// What the value is, in words, for error messages: "the integer 3", "a string",
    /// "a node labelled Person".
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Int(i) => format!("the integer {i}"),
            Value::Float(x) => format!("the float {x}"),
            Value::String(_) => "a string".into(),
            Value::Bytes(b) => format!("{} bytes", b.len()),
            Value::List(l) => format!("a list of {} items", l.len()),
            Value::Map(m) => format!("a map of {} entries", m.len()),
            Value::Node(n) => format!("a node labelled {}", n.labels.join(":")),
            Value::Relationship(r) => format!("a relationship of type {}", r.rel_type),
            Value::Path(_) => "a path".into(),
            Value::Date(_) => "a date".into(),
            Value::Time(_) | Value::LocalTime(_) => "a time".into(),
            Value::DateTime(_) | Value::DateTimeZoneId(_) => "a datetime".into(),
            Value::LocalDateTime(_) => "a local datetime".into(),
            Value::Duration(_) => "a duration".into(),
            Value::Point(_) => "a point".into(),
        }
    }
}

macro_rules! value_from {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl From<$ty> for Value {
            fn from(value: $ty) -> Self {
                Value::$variant(value.into())
            }
        }
    )*};
}
value_from!(
    bool => Bool, i64 => Int, i32 => Int, f64 => Float, String => String, &str => String,
    Vec<u8> => Bytes, Map => Map, Node => Node, Relationship => Relationship, Path => Path,
    Date => Date, NaiveDate => Date, DateTime => DateTime, ChronoDateTime<FixedOffset> => DateTime,
    LocalDateTime => LocalDateTime, NaiveDateTime => LocalDateTime, Duration => Duration,
    std::time::Duration => Duration, Point => Point,
);

impl From<Vec<Value>> for Value {
    fn from(value: Vec<Value>) -> Self {
        Value::List(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporals_convert_both_ways() {
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(Date::from(day).to_chrono(), Some(day));
        assert_eq!(
            Date { days: -1 }.to_chrono(),
            NaiveDate::from_ymd_opt(1969, 12, 31)
        );
        let at = ChronoDateTime::parse_from_rfc3339("1999-12-31T23:59:58.5+02:00").unwrap();
        assert_eq!(DateTime::from(at).to_chrono(), Some(at));
        let local = at.naive_local();
        assert_eq!(LocalDateTime::from(local).to_chrono(), Some(local));
        let span = std::time::Duration::new(90, 7);
        assert_eq!(Duration::from(span).to_std(), Some(span));
        let month = Duration {
            months: 1,
            days: 1,
            seconds: 0,
            nanoseconds: -1,
        };
        assert_eq!(
            month.to_std(),
            Some(std::time::Duration::new(2_629_800 + 86_399, 999_999_999))
        );
        assert_eq!(
            Duration {
                months: 0,
                days: 0,
                seconds: -1,
                nanoseconds: 0
            }
            .to_std(),
            None
        );
        assert_eq!(LocalTime { nanoseconds: -1 }.to_chrono(), None);
        assert_eq!(Date { days: i64::MAX }.to_chrono(), None);
    }

    #[test]
    fn maps_keep_order_and_replace() {
        let mut map: Map = [("b", Value::Int(1)), ("a", Value::Int(2))]
            .into_iter()
            .collect();
        map.insert("b", Value::Int(3));
        let keys: Vec<&str> = map.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(map.get("b"), Some(&Value::Int(3)));
        assert_eq!(map.remove("a"), Some(Value::Int(2)));
        assert_eq!(map.len(), 1);
    }
}
