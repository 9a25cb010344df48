//! An async Neo4j Bolt client: PackStream values ([`Value`], [`Packer`], [`Unpacker`]),
//! serde decoding of any value ([`from_value`]), and connections that speak Bolt 5.0–5.4
//! and 4.4 with pipelined requests ([`Connection`]).
//!
//! It knows nothing of query builders: `typher` runs on top of it, and it is usable alone.
//!
//! ```no_run
//! # async fn demo() -> Result<(), typher_bolt::Error> {
//! use typher_bolt::{Auth, Connection, Options, TxOptions, Value};
//! let options = Options {
//!     auth: Auth::Basic { user: "neo4j".into(), password: "secret".into() },
//!     ..Options::default()
//! };
//! let mut connection = Connection::connect("localhost:7687", &options).await?;
//! let params = [("x", Value::Int(1))];
//! // RUN and the first PULL go out in one write.
//! let mut rows = connection.run("RETURN $x AS x", &params, Some(&TxOptions::default()), 1000).await?;
//! while let Some(row) = rows.next(&mut connection).await? {
//!     let x: i64 = typher_bolt::from_value(&row[0])?;
//!     assert_eq!(x, 1);
//! }
//! let summary = rows.finish(&mut connection).await?;
//! println!("{:?}", summary.query_type());
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

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
