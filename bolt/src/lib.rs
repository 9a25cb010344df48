//! An async Neo4j Bolt client: PackStream values ([`Value`], [`Packer`], [`Unpacker`]),
//! serde decoding of any value ([`from_value`]), and connections that speak Bolt 5.0–5.4
//! and 4.4 with pipelined requests ([`Connection`]).
//!
//! It knows nothing of query builders: `typher` runs on top of it, and it is usable alone.

mod connection;
mod de;
mod error;
mod message;
pub mod packstream;
mod tls;
mod value;

pub use connection::{
    CommitFailed, Committed, Connection, Io, NotificationFilter, Options, Stream, Summary, Version,
};
pub use de::{from_value, ValueDeserializer};
pub use error::Error;
pub use message::{Auth, Response, TxOptions};
pub use packstream::{Pack, Packer, Unpacker};
/// The TLS library, for [`Tls::Custom`] configurations.
pub use rustls;
pub use tls::Tls;
pub use value::{
    Date, DateTime, DateTimeZoneId, Duration, LocalDateTime, LocalTime, Map, Node, Path, Point,
    Relationship, Time, Value,
};
