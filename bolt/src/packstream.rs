//! PackStream, Bolt's binary value format: [`Packer`] writes values, [`Unpacker`] reads them
//! back, refusing malformed input with an error instead of panicking or over-allocating.

use crate::error::Error;
use crate::value::{
    Date, DateTime, DateTimeZoneId, Duration, LocalDateTime, LocalTime, Map, Node, Path, Point,
    Relationship, Time, Value,
};

/// How deep lists, maps and structures may nest in what a server sends.
const MAX_DEPTH: usize = 128;

pub(crate) mod sig {
    pub const NODE: u8 = 0x4E;
    pub const RELATIONSHIP: u8 = 0x52;
    pub const UNBOUND_RELATIONSHIP: u8 = 0x72;
    pub const PATH: u8 = 0x50;
    pub const DATE: u8 = 0x44;
    pub const TIME: u8 = 0x54;
    pub const LOCAL_TIME: u8 = 0x74;
    pub const DATE_TIME: u8 = 0x49;
    pub const DATE_TIME_ZONE_ID: u8 = 0x69;
    pub const LEGACY_DATE_TIME: u8 = 0x46;
    pub const LEGACY_DATE_TIME_ZONE_ID: u8 = 0x66;
    pub const LOCAL_DATE_TIME: u8 = 0x64;
    pub const DURATION: u8 = 0x45;
    pub const POINT_2D: u8 = 0x58;
    pub const POINT_3D: u8 = 0x59;
}

/// Something that writes itself as one PackStream value: a query's parameters and their
/// values. Implement it for your own value type to send it without converting it first.
pub trait Pack {
    /// Writes `self` as one value.
    fn pack(&self, packer: &mut Packer);
}

/// Writes PackStream values into a buffer.
#[derive(Debug, Default)]
pub struct Packer {
    buf: Vec<u8>,
    /// Whether datetimes go out in the UTC form (Bolt 5, or 4.4 with the `utc` patch).
    utc: bool,
}

impl Packer {
    /// An empty packer; `utc` writes datetimes in the UTC form of Bolt 5 (and of 4.4 with
    /// the `utc` patch), else in the legacy local-seconds form.
    pub fn new(utc: bool) -> Self {
        Self {
            buf: Vec::new(),
            utc,
        }
    }

    /// The bytes written so far, leaving the packer empty.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// Forgets the bytes written so far, keeping the buffer for the next value.
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// The bytes written so far.
    pub fn bytes_written(&self) -> &[u8] {
        &self.buf
    }

    /// `null`.
    pub fn null(&mut self) {
        self.buf.push(0xC0);
    }

    /// A boolean.
    pub fn bool(&mut self, value: bool) {
        self.buf.push(if value { 0xC3 } else { 0xC2 });
    }

    /// An integer, in the fewest bytes.
    pub fn int(&mut self, value: i64) {
        if (-16..=127).contains(&value) {
            self.buf.push(value as u8);
        } else if let Ok(v) = i8::try_from(value) {
            self.buf.push(0xC8);
            self.buf.push(v as u8);
        } else if let Ok(v) = i16::try_from(value) {
            self.buf.push(0xC9);
            self.buf.extend_from_slice(&v.to_be_bytes());
        } else if let Ok(v) = i32::try_from(value) {
            self.buf.push(0xCA);
            self.buf.extend_from_slice(&v.to_be_bytes());
        } else {
            self.buf.push(0xCB);
            self.buf.extend_from_slice(&value.to_be_bytes());
        }
    }

    /// A float.
    pub fn float(&mut self, value: f64) {
        self.buf.push(0xC1);
        self.buf.extend_from_slice(&value.to_bits().to_be_bytes());
    }

    /// A string.
    pub fn string(&mut self, value: &str) {
        self.header(value.len(), 0x80, [0xD0, 0xD1, 0xD2]);
        self.buf.extend_from_slice(value.as_bytes());
    }

    /// A byte array.
    pub fn bytes(&mut self, value: &[u8]) {
        let len = value.len();
        if let Ok(n) = u8::try_from(len) {
            self.buf.push(0xCC);
            self.buf.push(n);
        } else if let Ok(n) = u16::try_from(len) {
            self.buf.push(0xCD);
            self.buf.extend_from_slice(&n.to_be_bytes());
        } else {
            self.buf.push(0xCE);
            self.buf.extend_from_slice(&(len as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(value);
    }

    /// The start of a list of `len` items; the items follow.
    pub fn list_header(&mut self, len: usize) {
        self.header(len, 0x90, [0xD4, 0xD5, 0xD6]);
    }

    /// The start of a map of `len` entries; each key, then its value, follows.
    pub fn map_header(&mut self, len: usize) {
        self.header(len, 0xA0, [0xD8, 0xD9, 0xDA]);
    }

    /// The start of a structure of `fields` fields tagged `signature`.
    pub fn struct_header(&mut self, fields: u8, signature: u8) {
        self.buf.push(0xB0 | (fields & 0x0F));
        self.buf.push(signature);
    }

    fn header(&mut self, len: usize, tiny: u8, [m8, m16, m32]: [u8; 3]) {
        if len < 16 {
            self.buf.push(tiny | len as u8);
        } else if let Ok(n) = u8::try_from(len) {
            self.buf.push(m8);
            self.buf.push(n);
        } else if let Ok(n) = u16::try_from(len) {
            self.buf.push(m16);
            self.buf.extend_from_slice(&n.to_be_bytes());
        } else {
            self.buf.push(m32);
            self.buf.extend_from_slice(&(len as u32).to_be_bytes());
        }
    }

    /// A date.
    pub fn date(&mut self, value: Date) {
        self.struct_header(1, sig::DATE);
        self.int(value.days);
    }

    /// An instant at an offset, in the form the connection's protocol version reads.
    pub fn date_time(&mut self, value: DateTime) {
        if self.utc {
            self.struct_header(3, sig::DATE_TIME);
            self.int(value.seconds);
        } else {
            self.struct_header(3, sig::LEGACY_DATE_TIME);
            self.int(value.seconds.saturating_add(value.offset_seconds));
        }
        self.int(value.nanoseconds);
        self.int(value.offset_seconds);
    }

    /// A date and time without zone.
    pub fn local_date_time(&mut self, value: LocalDateTime) {
        self.struct_header(2, sig::LOCAL_DATE_TIME);
        self.int(value.seconds);
        self.int(value.nanoseconds);
    }

    /// A duration.
    pub fn duration(&mut self, value: Duration) {
        self.struct_header(4, sig::DURATION);
        self.int(value.months);
        self.int(value.days);
        self.int(value.seconds);
        self.int(value.nanoseconds);
    }

    /// Any value, recursively.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Int(i) => self.int(*i),
            Value::Float(x) => self.float(*x),
            Value::String(s) => self.string(s),
            Value::Bytes(b) => self.bytes(b),
            Value::List(items) => {
                self.list_header(items.len());
                items.iter().for_each(|item| self.value(item));
            }
            Value::Map(map) => self.map(map),
            Value::Node(n) => {
                self.struct_header(4, sig::NODE);
                self.int(n.id);
                self.list_header(n.labels.len());
                n.labels.iter().for_each(|l| self.string(l));
                self.map(&n.properties);
                self.string(&n.element_id);
            }
            Value::Relationship(r) => self.relationship(r),
            Value::Path(p) => self.path(p),
            Value::Date(d) => self.date(*d),
            Value::Time(t) => {
                self.struct_header(2, sig::TIME);
                self.int(t.nanoseconds);
                self.int(t.offset_seconds);
            }
            Value::LocalTime(t) => {
                self.struct_header(1, sig::LOCAL_TIME);
                self.int(t.nanoseconds);
            }
            Value::DateTime(d) => self.date_time(*d),
            Value::DateTimeZoneId(d) => {
                self.struct_header(3, sig::DATE_TIME_ZONE_ID);
                self.int(d.seconds);
                self.int(d.nanoseconds);
                self.string(&d.zone);
            }
            Value::LocalDateTime(d) => self.local_date_time(*d),
            Value::Duration(d) => self.duration(*d),
            Value::Point(p) => match p.z {
                None => {
                    self.struct_header(3, sig::POINT_2D);
                    self.int(p.srid);
                    self.float(p.x);
                    self.float(p.y);
                }
                Some(z) => {
                    self.struct_header(4, sig::POINT_3D);
                    self.int(p.srid);
                    self.float(p.x);
                    self.float(p.y);
                    self.float(z);
                }
            },
        }
    }

    fn map(&mut self, map: &Map) {
        self.map_header(map.len());
        for (k, v) in map.iter() {
            self.string(k);
            self.value(v);
        }
    }

    fn relationship(&mut self, r: &Relationship) {
        self.struct_header(8, sig::RELATIONSHIP);
        self.int(r.id);
        self.int(r.start_id);
        self.int(r.end_id);
        self.string(&r.rel_type);
        self.map(&r.properties);
        self.string(&r.element_id);
        self.string(&r.start_element_id);
        self.string(&r.end_element_id);
    }

    /// A path, as Bolt writes it: distinct nodes, distinct unbound relationships, and the
    /// walk as indexes into both.
    fn path(&mut self, p: &Path) {
        self.struct_header(3, sig::PATH);
        self.list_header(p.nodes.len());
        for n in &p.nodes {
            self.value(&Value::Node(n.clone()));
        }
        self.list_header(p.relationships.len());
        for r in &p.relationships {
            self.struct_header(4, sig::UNBOUND_RELATIONSHIP);
            self.int(r.id);
            self.string(&r.rel_type);
            self.map(&r.properties);
            self.string(&r.element_id);
        }
        self.list_header(p.relationships.len() * 2);
        for (i, r) in p.relationships.iter().enumerate() {
            let forward = p
                .nodes
                .get(i)
                .is_some_and(|n| n.element_id == r.start_element_id);
            let index = i as i64 + 1;
            self.int(if forward { index } else { -index });
            self.int(i as i64 + 1);
        }
    }
}

impl Pack for Value {
    fn pack(&self, packer: &mut Packer) {
        packer.value(self);
    }
}

impl Pack for Map {
    fn pack(&self, packer: &mut Packer) {
        packer.map(self);
    }
}

impl<T: Pack> Pack for [(&str, T)] {
    fn pack(&self, packer: &mut Packer) {
        packer.map_header(self.len());
        for (k, v) in self {
            packer.string(k);
            v.pack(packer);
        }
    }
}

impl<T: Pack, const N: usize> Pack for [(&str, T); N] {
    fn pack(&self, packer: &mut Packer) {
        self[..].pack(packer);
    }
}

impl<T: Pack> Pack for Vec<(&str, T)> {
    fn pack(&self, packer: &mut Packer) {
        self[..].pack(packer);
    }
}

impl<T: Pack + ?Sized> Pack for &T {
    fn pack(&self, packer: &mut Packer) {
        (**self).pack(packer);
    }
}

/// Reads PackStream values from a message's bytes.
pub struct Unpacker<'b> {
    buf: &'b [u8],
    depth: usize,
}

fn malformed(what: impl std::fmt::Display) -> Error {
    Error::Protocol(format!("malformed PackStream: {what}"))
}

impl<'b> Unpacker<'b> {
    /// Reads from `buf`.
    pub fn new(buf: &'b [u8]) -> Self {
        Self { buf, depth: 0 }
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.buf.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'b [u8], Error> {
        if n > self.buf.len() {
            return Err(malformed(format!(
                "{n} bytes announced, {} left",
                self.buf.len()
            )));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn length(
        &mut self,
        marker: u8,
        tiny: u8,
        [m8, m16, m32]: [u8; 3],
    ) -> Result<Option<usize>, Error> {
        Ok(Some(match marker {
            m if m & 0xF0 == tiny => usize::from(m & 0x0F),
            m if m == m8 => usize::from(self.byte()?),
            m if m == m16 => usize::from(u16::from_be_bytes(self.array()?)),
            m if m == m32 => u32::from_be_bytes(self.array()?) as usize,
            _ => return Ok(None),
        }))
    }

    /// A structure's header: its field count and signature.
    pub fn struct_header(&mut self) -> Result<(usize, u8), Error> {
        match self.byte()? {
            m @ 0xB0..=0xBF => Ok((usize::from(m & 0x0F), self.byte()?)),
            m => Err(malformed(format!(
                "expected a structure, found marker {m:#04x}"
            ))),
        }
    }

    /// One value, recursively.
    pub fn value(&mut self) -> Result<Value, Error> {
        let marker = self.byte()?;
        match marker {
            0xC0 => Ok(Value::Null),
            0xC2 => Ok(Value::Bool(false)),
            0xC3 => Ok(Value::Bool(true)),
            0x00..=0x7F => Ok(Value::Int(i64::from(marker))),
            0xF0..=0xFF => Ok(Value::Int(i64::from(marker as i8))),
            0xC8 => Ok(Value::Int(i64::from(i8::from_be_bytes(self.array()?)))),
            0xC9 => Ok(Value::Int(i64::from(i16::from_be_bytes(self.array()?)))),
            0xCA => Ok(Value::Int(i64::from(i32::from_be_bytes(self.array()?)))),
            0xCB => Ok(Value::Int(i64::from_be_bytes(self.array()?))),
            0xC1 => Ok(Value::Float(f64::from_bits(u64::from_be_bytes(
                self.array()?,
            )))),
            0xCC..=0xCE => {
                let len = match marker {
                    0xCC => usize::from(self.byte()?),
                    0xCD => usize::from(u16::from_be_bytes(self.array()?)),
                    _ => u32::from_be_bytes(self.array()?) as usize,
                };
                Ok(Value::Bytes(self.take(len)?.to_vec()))
            }
            _ => {
                if let Some(len) = self.length(marker, 0x80, [0xD0, 0xD1, 0xD2])? {
                    return self.string_of(len).map(Value::String);
                }
                if let Some(len) = self.length(marker, 0x90, [0xD4, 0xD5, 0xD6])? {
                    return self.nested(|u| {
                        // Every item takes at least one byte: never reserve more than is left.
                        let mut items = Vec::with_capacity(len.min(u.buf.len()));
                        for _ in 0..len {
                            items.push(u.value()?);
                        }
                        Ok(Value::List(items))
                    });
                }
                if let Some(len) = self.length(marker, 0xA0, [0xD8, 0xD9, 0xDA])? {
                    return self.nested(|u| u.map_of(len)).map(Value::Map);
                }
                if let 0xB0..=0xBF = marker {
                    let fields = usize::from(marker & 0x0F);
                    let signature = self.byte()?;
                    return self.nested(|u| u.structure(fields, signature));
                }
                Err(malformed(format!("unknown marker {marker:#04x}")))
            }
        }
    }

    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<T, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(malformed(format!(
                "values nest deeper than {MAX_DEPTH} levels"
            )));
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn string_of(&mut self, len: usize) -> Result<String, Error> {
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| malformed("a string is not UTF-8"))
    }

    fn map_of(&mut self, len: usize) -> Result<Map, Error> {
        let mut map = Map::with_capacity(len.min(self.buf.len() / 2));
        for _ in 0..len {
            let key = self.string()?;
            let value = self.value()?;
            map.push(key, value);
        }
        Ok(map)
    }

    /// A string.
    pub fn string(&mut self) -> Result<String, Error> {
        let marker = self.byte()?;
        match self.length(marker, 0x80, [0xD0, 0xD1, 0xD2])? {
            Some(len) => self.string_of(len),
            None => Err(malformed(format!(
                "expected a string, found marker {marker:#04x}"
            ))),
        }
    }

    /// A map.
    pub fn map(&mut self) -> Result<Map, Error> {
        match self.value()? {
            Value::Map(map) => Ok(map),
            other => Err(malformed(format!(
                "expected a map, found {}",
                other.describe()
            ))),
        }
    }

    fn int(&mut self) -> Result<i64, Error> {
        match self.value()? {
            Value::Int(i) => Ok(i),
            other => Err(malformed(format!(
                "expected an integer, found {}",
                other.describe()
            ))),
        }
    }

    fn float(&mut self) -> Result<f64, Error> {
        match self.value()? {
            Value::Float(x) => Ok(x),
            other => Err(malformed(format!(
                "expected a float, found {}",
                other.describe()
            ))),
        }
    }

    fn strings(&mut self) -> Result<Vec<String>, Error> {
        match self.value()? {
            Value::List(items) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s),
                    other => Err(malformed(format!(
                        "expected a string, found {}",
                        other.describe()
                    ))),
                })
                .collect(),
            other => Err(malformed(format!(
                "expected a list, found {}",
                other.describe()
            ))),
        }
    }

    fn structure(&mut self, fields: usize, signature: u8) -> Result<Value, Error> {
        let expect = |n: &[usize]| {
            if n.contains(&fields) {
                Ok(())
            } else {
                Err(malformed(format!(
                    "structure {signature:#04x} has {fields} fields"
                )))
            }
        };
        Ok(match signature {
            sig::NODE => {
                expect(&[3, 4])?;
                Value::Node(self.node(fields)?)
            }
            sig::RELATIONSHIP => {
                expect(&[5, 8])?;
                let id = self.int()?;
                let start_id = self.int()?;
                let end_id = self.int()?;
                let rel_type = self.string()?;
                let properties = self.map()?;
                let (element_id, start_element_id, end_element_id) = if fields == 8 {
                    (self.string()?, self.string()?, self.string()?)
                } else {
                    (id.to_string(), start_id.to_string(), end_id.to_string())
                };
                Value::Relationship(Relationship {
                    id,
                    element_id,
                    start_id,
                    start_element_id,
                    end_id,
                    end_element_id,
                    rel_type,
                    properties,
                })
            }
            sig::PATH => {
                expect(&[3])?;
                Value::Path(self.path()?)
            }
            sig::DATE => {
                expect(&[1])?;
                Value::Date(Date { days: self.int()? })
            }
            sig::TIME => {
                expect(&[2])?;
                Value::Time(Time {
                    nanoseconds: self.int()?,
                    offset_seconds: self.int()?,
                })
            }
            sig::LOCAL_TIME => {
                expect(&[1])?;
                Value::LocalTime(LocalTime {
                    nanoseconds: self.int()?,
                })
            }
            sig::DATE_TIME | sig::LEGACY_DATE_TIME => {
                expect(&[3])?;
                let (seconds, nanoseconds, offset_seconds) =
                    (self.int()?, self.int()?, self.int()?);
                let seconds = match signature {
                    // The legacy form counts local seconds.
                    sig::LEGACY_DATE_TIME => seconds.saturating_sub(offset_seconds),
                    _ => seconds,
                };
                Value::DateTime(DateTime {
                    seconds,
                    nanoseconds,
                    offset_seconds,
                })
            }
            sig::DATE_TIME_ZONE_ID | sig::LEGACY_DATE_TIME_ZONE_ID => {
                expect(&[3])?;
                Value::DateTimeZoneId(DateTimeZoneId {
                    seconds: self.int()?,
                    nanoseconds: self.int()?,
                    zone: self.string()?,
                })
            }
            sig::LOCAL_DATE_TIME => {
                expect(&[2])?;
                Value::LocalDateTime(LocalDateTime {
                    seconds: self.int()?,
                    nanoseconds: self.int()?,
                })
            }
            sig::DURATION => {
                expect(&[4])?;
                Value::Duration(Duration {
                    months: self.int()?,
                    days: self.int()?,
                    seconds: self.int()?,
                    nanoseconds: self.int()?,
                })
            }
            sig::POINT_2D => {
                expect(&[3])?;
                Value::Point(Point {
                    srid: self.int()?,
                    x: self.float()?,
                    y: self.float()?,
                    z: None,
                })
            }
            sig::POINT_3D => {
                expect(&[4])?;
                Value::Point(Point {
                    srid: self.int()?,
                    x: self.float()?,
                    y: self.float()?,
                    z: Some(self.float()?),
                })
            }
            other => return Err(malformed(format!("unknown structure {other:#04x}"))),
        })
    }

    fn node(&mut self, fields: usize) -> Result<Node, Error> {
        let id = self.int()?;
        let labels = self.strings()?;
        let properties = self.map()?;
        let element_id = if fields == 4 {
            self.string()?
        } else {
            id.to_string()
        };
        Ok(Node {
            id,
            element_id,
            labels,
            properties,
        })
    }

    fn list_len(&mut self) -> Result<usize, Error> {
        let marker = self.byte()?;
        self.length(marker, 0x90, [0xD4, 0xD5, 0xD6])?
            .ok_or_else(|| malformed(format!("expected a list, found marker {marker:#04x}")))
    }

    fn path(&mut self) -> Result<Path, Error> {
        let count = self.list_len()?;
        let mut nodes = Vec::with_capacity(count.min(self.buf.len()));
        for _ in 0..count {
            match self.struct_header()? {
                (f @ (3 | 4), sig::NODE) => nodes.push(self.node(f)?),
                _ => return Err(malformed("a path's nodes must be nodes")),
            }
        }
        let count = self.list_len()?;
        let mut unbound = Vec::with_capacity(count.min(self.buf.len()));
        for _ in 0..count {
            match self.struct_header()? {
                (f @ (3 | 4), sig::UNBOUND_RELATIONSHIP) => {
                    let id = self.int()?;
                    let rel_type = self.string()?;
                    let properties = self.map()?;
                    let element_id = if f == 4 {
                        self.string()?
                    } else {
                        id.to_string()
                    };
                    unbound.push((id, element_id, rel_type, properties));
                }
                _ => {
                    return Err(malformed(
                        "a path's relationships must be unbound relationships",
                    ))
                }
            }
        }
        let count = self.list_len()?;
        if count % 2 != 0 {
            return Err(malformed("a path's indexes come in pairs"));
        }
        let first = nodes
            .first()
            .cloned()
            .ok_or_else(|| malformed("a path without nodes"))?;
        let mut walk = Path {
            nodes: vec![first],
            relationships: Vec::with_capacity(count / 2),
        };
        for _ in 0..count / 2 {
            let (rel, node) = (self.int()?, self.int()?);
            let (id, element_id, rel_type, properties) = usize::try_from(rel.unsigned_abs())
                .ok()
                .and_then(|i| unbound.get(i.checked_sub(1)?))
                .cloned()
                .ok_or_else(|| malformed(format!("path relationship index {rel} out of range")))?;
            let next = usize::try_from(node)
                .ok()
                .and_then(|i| nodes.get(i))
                .cloned()
                .ok_or_else(|| malformed(format!("path node index {node} out of range")))?;
            let previous = walk.nodes.last().cloned().unwrap_or_else(|| next.clone());
            let (start, end) = if rel > 0 {
                (&previous, &next)
            } else {
                (&next, &previous)
            };
            walk.relationships.push(Relationship {
                id,
                element_id,
                start_id: start.id,
                start_element_id: start.element_id.clone(),
                end_id: end.id,
                end_element_id: end.element_id.clone(),
                rel_type,
                properties,
            });
            walk.nodes.push(next);
        }
        Ok(walk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Value) -> Value {
        let mut p = Packer::new(true);
        p.value(value);
        let bytes = p.take();
        let mut u = Unpacker::new(&bytes);
        let back = u.value().expect("decodes");
        assert!(u.is_done(), "bytes left after {value:?}");
        back
    }

    #[test]
    fn integers_take_the_fewest_bytes_and_come_back() {
        for (value, len) in [
            (0i64, 1),
            (-16, 1),
            (127, 1),
            (-17, 2),
            (-128, 2),
            (128, 3),
            (-129, 3),
            (32_768, 5),
            (i64::from(i32::MIN) - 1, 9),
            (i64::MAX, 9),
            (i64::MIN, 9),
        ] {
            let mut p = Packer::new(true);
            p.int(value);
            assert_eq!(p.bytes_written().len(), len, "{value}");
            assert_eq!(round_trip(&Value::Int(value)), Value::Int(value));
        }
    }

    #[test]
    fn sizes_cross_every_header_width() {
        for len in [0usize, 15, 16, 255, 256, 65_535, 65_536] {
            let s = Value::String("x".repeat(len));
            assert_eq!(round_trip(&s), s);
            let l = Value::List(vec![Value::Null; len.min(70_000)]);
            assert_eq!(round_trip(&l), l);
            let b = Value::Bytes(vec![7; len]);
            assert_eq!(round_trip(&b), b);
        }
        let m: Map = (0..300).map(|i| (format!("k{i}"), Value::Int(i))).collect();
        assert_eq!(round_trip(&Value::Map(m.clone())), Value::Map(m));
    }

    #[test]
    fn a_path_comes_back_in_walking_order() {
        let node = |id: i64| Node {
            id,
            element_id: format!("n{id}"),
            labels: vec!["P".into()],
            properties: Map::default(),
        };
        let rel = |id: i64, start: i64, end: i64| Relationship {
            id,
            element_id: format!("r{id}"),
            start_id: start,
            start_element_id: format!("n{start}"),
            end_id: end,
            end_element_id: format!("n{end}"),
            rel_type: "KNOWS".into(),
            properties: Map::default(),
        };
        // 1 -> 2 <- 3
        let path = Path {
            nodes: vec![node(1), node(2), node(3)],
            relationships: vec![rel(10, 1, 2), rel(11, 3, 2)],
        };
        assert_eq!(round_trip(&Value::Path(path.clone())), Value::Path(path));
    }

    #[test]
    fn legacy_datetimes_count_local_seconds() {
        let mut p = Packer::new(false);
        let at = DateTime {
            seconds: 1000,
            nanoseconds: 5,
            offset_seconds: 3600,
        };
        p.date_time(at);
        let bytes = p.take();
        assert_eq!(bytes[1], sig::LEGACY_DATE_TIME);
        assert_eq!(Unpacker::new(&bytes).value().unwrap(), Value::DateTime(at));
    }

    #[test]
    fn malformed_input_is_an_error() {
        for bytes in [
            &[0xD0, 0x05, b'a'][..],
            &[0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
            &[0xDA, 0xFF, 0xFF, 0xFF, 0xFF],
            &[0x81, 0xFF],
            &[0xB1, 0x01, 0x01],
            &[0xB2, 0x4E, 0x01, 0x90],
            &[0xE0],
            &[],
        ] {
            assert!(
                matches!(Unpacker::new(bytes).value(), Err(Error::Protocol(_))),
                "{bytes:?}"
            );
        }
        let deep = vec![0x91; 10_000];
        assert!(matches!(
            Unpacker::new(&deep).value(),
            Err(Error::Protocol(_))
        ));
    }
}
