//! Bolt messages: the requests a client writes ([`Request`]) and the responses a server
//! answers with ([`Response`]), as PackStream structures.

use crate::error::Error;
use crate::packstream::{Pack, Packer, Unpacker};
use crate::value::{Map, Value};

mod signature {
    pub const HELLO: u8 = 0x01;
    pub const GOODBYE: u8 = 0x02;
    pub const RESET: u8 = 0x0F;
    pub const RUN: u8 = 0x10;
    pub const BEGIN: u8 = 0x11;
    pub const COMMIT: u8 = 0x12;
    pub const ROLLBACK: u8 = 0x13;
    pub const DISCARD: u8 = 0x2F;
    pub const PULL: u8 = 0x3F;
    pub const ROUTE: u8 = 0x66;
    pub const LOGON: u8 = 0x6A;
    pub const LOGOFF: u8 = 0x6B;
    pub const SUCCESS: u8 = 0x70;
    pub const RECORD: u8 = 0x71;
    pub const IGNORED: u8 = 0x7E;
    pub const FAILURE: u8 = 0x7F;
}

/// How a client proves who it is.
#[derive(Clone, Default)]
pub enum Auth {
    /// No authentication (a server with auth disabled).
    #[default]
    None,
    /// User name and password.
    Basic {
        /// The user name.
        user: String,
        /// The password; never shown in `Debug`.
        password: String,
    },
    /// A bearer token (SSO); never shown in `Debug`.
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Basic { user, .. } => write!(f, "Basic {{ user: {user:?}, password: *** }}"),
            Auth::Bearer(_) => f.write_str("Bearer(***)"),
        }
    }
}

impl Auth {
    fn entries(&self, packer: &mut Packer, extra: usize) {
        match self {
            Auth::None => {
                packer.map_header(1 + extra);
                entry(packer, "scheme", "none");
            }
            Auth::Basic { user, password } => {
                packer.map_header(3 + extra);
                entry(packer, "scheme", "basic");
                entry(packer, "principal", user);
                entry(packer, "credentials", password);
            }
            Auth::Bearer(token) => {
                packer.map_header(2 + extra);
                entry(packer, "scheme", "bearer");
                entry(packer, "credentials", token);
            }
        }
    }
}

fn entry(packer: &mut Packer, key: &str, value: &str) {
    packer.string(key);
    packer.string(value);
}

/// Where and how a transaction runs: what `BEGIN`, or an auto-commit `RUN`, carries.
#[derive(Debug, Clone, Default)]
pub struct TxOptions {
    /// Bookmarks the transaction must see (causal consistency).
    pub bookmarks: Vec<String>,
    /// The server's timeout for the transaction.
    pub timeout: Option<std::time::Duration>,
    /// Metadata the server shows in `SHOW TRANSACTIONS` and its query log.
    pub metadata: Map,
    /// Read access mode: a routing server sends the transaction to a reader.
    pub read: bool,
    /// The database; the user's home database when `None`.
    pub database: Option<String>,
    /// The user to run as (impersonation).
    pub impersonate: Option<String>,
}

impl TxOptions {
    fn pack(&self, packer: &mut Packer) {
        let count = usize::from(!self.bookmarks.is_empty())
            + usize::from(self.timeout.is_some())
            + usize::from(!self.metadata.is_empty())
            + usize::from(self.read)
            + usize::from(self.database.is_some())
            + usize::from(self.impersonate.is_some());
        packer.map_header(count);
        if !self.bookmarks.is_empty() {
            packer.string("bookmarks");
            packer.list_header(self.bookmarks.len());
            self.bookmarks.iter().for_each(|b| packer.string(b));
        }
        if let Some(timeout) = self.timeout {
            packer.string("tx_timeout");
            packer.int(i64::try_from(timeout.as_millis()).unwrap_or(i64::MAX));
        }
        if !self.metadata.is_empty() {
            packer.string("tx_metadata");
            self.metadata.pack(packer);
        }
        if self.read {
            entry(packer, "mode", "r");
        }
        if let Some(db) = &self.database {
            entry(packer, "db", db);
        }
        if let Some(user) = &self.impersonate {
            entry(packer, "imp_user", user);
        }
    }
}

/// What a client says when it connects.
pub(crate) struct Hello<'a> {
    pub agent: &'a str,
    /// Bolt 5.1+ authenticates in a separate `LOGON`; before, `HELLO` carries the auth.
    pub auth: Option<&'a Auth>,
    pub routing: Option<&'a Map>,
    /// Bolt 5.3+ wants `bolt_agent`.
    pub bolt_agent: bool,
    /// Bolt 4.4 asks for the UTC datetime patch.
    pub utc_patch: bool,
    /// Bolt 5.2+ filters notifications.
    pub notifications: Option<&'a crate::connection::NotificationFilter>,
}

/// A request message.
pub(crate) enum Request<'a> {
    Hello(Hello<'a>),
    Logon(&'a Auth),
    #[allow(dead_code)]
    Logoff,
    Goodbye,
    Reset,
    Run {
        query: &'a str,
        params: &'a dyn Pack,
        options: Option<&'a TxOptions>,
    },
    Pull {
        n: i64,
    },
    Discard,
    Begin(&'a TxOptions),
    Commit,
    Rollback,
    Route {
        routing: &'a Map,
        bookmarks: &'a [String],
        database: Option<&'a str>,
        impersonate: Option<&'a str>,
    },
}

impl Request<'_> {
    pub(crate) fn pack(&self, p: &mut Packer) {
        use signature as s;
        match self {
            Request::Hello(hello) => {
                p.struct_header(1, s::HELLO);
                let severity = hello
                    .notifications
                    .and_then(|n| n.minimum_severity.as_deref());
                let disabled = hello
                    .notifications
                    .map_or(&[][..], |n| n.disabled_categories.as_slice());
                let extra = 1
                    + usize::from(hello.routing.is_some())
                    + usize::from(hello.bolt_agent)
                    + usize::from(hello.utc_patch)
                    + usize::from(severity.is_some())
                    + usize::from(!disabled.is_empty());
                match hello.auth {
                    Some(auth) => auth.entries(p, extra),
                    None => p.map_header(extra),
                }
                entry(p, "user_agent", hello.agent);
                if hello.bolt_agent {
                    p.string("bolt_agent");
                    p.map_header(2);
                    entry(p, "product", hello.agent);
                    entry(p, "language", "Rust");
                }
                if let Some(routing) = hello.routing {
                    p.string("routing");
                    routing.pack(p);
                }
                if hello.utc_patch {
                    p.string("patch_bolt");
                    p.list_header(1);
                    p.string("utc");
                }
                if let Some(severity) = severity {
                    entry(p, "notifications_minimum_severity", severity);
                }
                if !disabled.is_empty() {
                    p.string("notifications_disabled_categories");
                    p.list_header(disabled.len());
                    disabled.iter().for_each(|c| p.string(c));
                }
            }
            Request::Logon(auth) => {
                p.struct_header(1, s::LOGON);
                auth.entries(p, 0);
            }
            Request::Logoff => p.struct_header(0, s::LOGOFF),
            Request::Goodbye => p.struct_header(0, s::GOODBYE),
            Request::Reset => p.struct_header(0, s::RESET),
            Request::Run {
                query,
                params,
                options,
            } => {
                p.struct_header(3, s::RUN);
                p.string(query);
                params.pack(p);
                match options {
                    Some(options) => options.pack(p),
                    None => p.map_header(0),
                }
            }
            Request::Pull { n } => {
                p.struct_header(1, s::PULL);
                p.map_header(1);
                p.string("n");
                p.int(*n);
            }
            Request::Discard => {
                p.struct_header(1, s::DISCARD);
                p.map_header(1);
                p.string("n");
                p.int(-1);
            }
            Request::Begin(options) => {
                p.struct_header(1, s::BEGIN);
                options.pack(p);
            }
            Request::Commit => p.struct_header(0, s::COMMIT),
            Request::Rollback => p.struct_header(0, s::ROLLBACK),
            Request::Route {
                routing,
                bookmarks,
                database,
                impersonate,
            } => {
                p.struct_header(3, s::ROUTE);
                routing.pack(p);
                p.list_header(bookmarks.len());
                bookmarks.iter().for_each(|b| p.string(b));
                p.map_header(usize::from(database.is_some()) + usize::from(impersonate.is_some()));
                if let Some(db) = database {
                    entry(p, "db", db);
                }
                if let Some(user) = impersonate {
                    entry(p, "imp_user", user);
                }
            }
        }
    }
}

/// A response message.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// The request succeeded; its metadata.
    Success(Map),
    /// One result row.
    Record(Vec<Value>),
    /// The request was ignored after an earlier failure.
    Ignored,
    /// The request failed.
    Failure {
        /// The Neo4j status code.
        code: String,
        /// The server's message.
        message: String,
    },
}

impl Response {
    /// Reads one response message.
    pub fn decode(bytes: &[u8]) -> Result<Response, Error> {
        use signature as s;
        let mut u = Unpacker::new(bytes);
        let (fields, sig) = u.struct_header()?;
        let response = match (sig, fields) {
            (s::SUCCESS, 1) => Response::Success(u.map()?),
            (s::RECORD, 1) => match u.value()? {
                Value::List(values) => Response::Record(values),
                other => {
                    return Err(Error::Protocol(format!(
                        "a RECORD holds a list, not {}",
                        other.describe()
                    )))
                }
            },
            (s::IGNORED, 0) => Response::Ignored,
            (s::FAILURE, 1) => {
                let mut map = u.map()?;
                let text = |v: Option<Value>| match v {
                    Some(Value::String(s)) => s,
                    _ => String::new(),
                };
                let code = match map.remove("code") {
                    Some(code) => text(Some(code)),
                    None => text(map.remove("neo4j_code")),
                };
                Response::Failure {
                    code,
                    message: text(map.remove("message")),
                }
            }
            (sig, fields) => {
                return Err(Error::Protocol(format!(
                    "unknown response message {sig:#04x} with {fields} fields"
                )))
            }
        };
        if !u.is_done() {
            return Err(Error::Protocol(
                "bytes left after a response message".into(),
            ));
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(request: Request<'_>) -> Vec<u8> {
        let mut p = Packer::new(true);
        request.pack(&mut p);
        p.take()
    }

    #[test]
    fn requests_pack_as_the_protocol_spells_them() {
        assert_eq!(packed(Request::Reset), [0xB0, 0x0F]);
        assert_eq!(
            packed(Request::Pull { n: 1000 }),
            [0xB1, 0x3F, 0xA1, 0x81, b'n', 0xC9, 0x03, 0xE8]
        );
        let params: [(&str, Value); 1] = [("x", Value::Int(1))];
        let run = packed(Request::Run {
            query: "RETURN $x",
            params: &params,
            options: None,
        });
        let mut u = Unpacker::new(&run);
        assert_eq!(u.struct_header().unwrap(), (3, 0x10));
        assert_eq!(u.value().unwrap(), Value::from("RETURN $x"));
        assert_eq!(
            u.value().unwrap(),
            Value::Map([("x", Value::Int(1))].into_iter().collect())
        );
        assert_eq!(u.value().unwrap(), Value::Map(Map::default()));
        let options = TxOptions {
            bookmarks: vec!["b1".into()],
            timeout: Some(std::time::Duration::from_secs(2)),
            read: true,
            database: Some("neo4j".into()),
            ..TxOptions::default()
        };
        let begin = packed(Request::Begin(&options));
        let mut u = Unpacker::new(&begin);
        u.struct_header().unwrap();
        let Value::Map(extra) = u.value().unwrap() else {
            panic!()
        };
        assert_eq!(extra.get("tx_timeout"), Some(&Value::Int(2000)));
        assert_eq!(extra.get("mode"), Some(&Value::from("r")));
        assert_eq!(extra.get("db"), Some(&Value::from("neo4j")));
        assert_eq!(extra.len(), 4);
    }

    #[test]
    fn hello_carries_the_auth_only_before_logon() {
        let auth = Auth::Basic {
            user: "neo4j".into(),
            password: "secret".into(),
        };
        let hello = |auth| {
            packed(Request::Hello(Hello {
                agent: "typher/0.1",
                auth,
                routing: None,
                bolt_agent: false,
                utc_patch: false,
                notifications: None,
            }))
        };
        let with = hello(Some(&auth));
        let mut u = Unpacker::new(&with[2..]);
        let extra = u.map().unwrap();
        assert_eq!(extra.get("credentials"), Some(&Value::from("secret")));
        assert_eq!(extra.len(), 4);
        let without = hello(None);
        assert_eq!(Unpacker::new(&without[2..]).map().unwrap().len(), 1);
        assert!(!format!("{auth:?}").contains("secret"));
    }

    #[test]
    fn responses_decode_and_junk_is_a_protocol_error() {
        let failure = [
            0xB1, 0x7F, 0xA2, 0x84, b'c', b'o', b'd', b'e', 0x81, b'X', 0x87, b'm', b'e', b's',
            b's', b'a', b'g', b'e', 0x81, b'Y',
        ];
        assert_eq!(
            Response::decode(&failure).unwrap(),
            Response::Failure {
                code: "X".into(),
                message: "Y".into()
            }
        );
        assert_eq!(Response::decode(&[0xB0, 0x7E]).unwrap(), Response::Ignored);
        assert_eq!(
            Response::decode(&[0xB1, 0x71, 0x91, 0x01]).unwrap(),
            Response::Record(vec![Value::Int(1)])
        );
        for junk in [
            &[0xB0, 0x70][..],
            &[0xB1, 0x71, 0x01],
            &[0xB0, 0x7E, 0x00],
            &[0x01],
        ] {
            assert!(
                matches!(Response::decode(junk), Err(Error::Protocol(_))),
                "{junk:?}"
            );
        }
    }
}
