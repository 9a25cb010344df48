//! One Bolt connection: the handshake, authentication, and pipelined requests.
//!
//! Requests are queued and written together: an auto-commit query is `RUN` + `PULL` in one
//! write (one round trip); a transaction's `BEGIN` waits in the queue for its first query;
//! the next `PULL` of a stream is sent as soon as a batch arrives, before its rows are
//! handed out. A connection whose stream was abandoned, or whose server reported a failure,
//! puts a `RESET` in front of its next request and skips the answers nobody waits for; a
//! connection that ended cleanly sends nothing extra.

use crate::error::Error;
use crate::message::{Auth, Hello, Request, Response, TxOptions};
use crate::packstream::{Pack, Packer};
use crate::tls::Tls;
use crate::value::{Map, Value};
use std::collections::VecDeque;
use std::sync::Arc;
use tokio::io::{AsyncBufRead, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// A byte stream a connection runs on: TCP, TLS, or anything else.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + Sync {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + Sync> Io for T {}

/// A Bolt protocol version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major version.
    pub major: u8,
    /// The minor version.
    pub minor: u8,
}

impl Version {
    /// Bolt 4.4, the fallback for servers without Bolt 5.
    pub const V4_4: Version = Version { major: 4, minor: 4 };
    /// Bolt 5.4, the newest this client speaks.
    pub const V5_4: Version = Version { major: 5, minor: 4 };
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// How to open a connection.
#[derive(Debug, Clone)]
pub struct Options {
    /// How to authenticate.
    pub auth: Auth,
    /// What the client calls itself (`user_agent`).
    pub agent: String,
    /// The routing context, for servers behind a `neo4j://` URI; `None` for a direct
    /// connection.
    pub routing: Option<Map>,
    /// The newest version to offer: [`Version::V5_4`], or [`Version::V4_4`] to force
    /// Bolt 4.4.
    pub max_version: Version,
    /// Whether and how to encrypt.
    pub tls: Tls,
    /// Which notifications the server should send (Bolt 5.2+; older servers send all).
    pub notifications: NotificationFilter,
    /// How long to wait for the server's next message before giving up
    /// ([`Error::TimedOut`]); `None` waits forever. A timer is armed only when a wait is
    /// due: messages already received are read without one.
    pub read_timeout: Option<std::time::Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            auth: Auth::None,
            agent: concat!("typher-bolt/", env!("CARGO_PKG_VERSION")).into(),
            routing: None,
            max_version: Version::V5_4,
            tls: Tls::Off,
            read_timeout: None,
            notifications: NotificationFilter::default(),
        }
    }
}

/// Which notifications a server sends: a minimum severity and categories to leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationFilter {
    /// `"WARNING"`, `"INFORMATION"` or `"OFF"`; the server's default when `None`.
    pub minimum_severity: Option<String>,
    /// Categories to leave out (`"HINT"`, `"UNRECOGNIZED"`, `"UNSUPPORTED"`, `"PERFORMANCE"`,
    /// `"DEPRECATION"`, `"GENERIC"`, `"SECURITY"`, `"TOPOLOGY"`).
    pub disabled_categories: Vec<String>,
}

/// What a finished query, `COMMIT` or other request reported: its metadata, with
/// accessors for the common entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Everything the server reported.
    pub metadata: Map,
}

impl Summary {
    /// A write counter of `stats` (`nodes-created`, `properties-set`, ...), 0 when absent.
    pub fn counter(&self, name: &str) -> i64 {
        match self.metadata.get("stats") {
            Some(Value::Map(stats)) => match stats.get(name) {
                Some(Value::Int(n)) => *n,
                _ => 0,
            },
            _ => 0,
        }
    }

    /// The bookmark of a committed transaction.
    pub fn bookmark(&self) -> Option<&str> {
        match self.metadata.get("bookmark") {
            Some(Value::String(b)) if !b.is_empty() => Some(b),
            _ => None,
        }
    }

    /// `r`, `w`, `rw` or `s`: whether the query read, wrote, both, or changed the schema.
    pub fn query_type(&self) -> Option<&str> {
        match self.metadata.get("type") {
            Some(Value::String(t)) => Some(t),
            _ => None,
        }
    }
}

/// An open Bolt connection.
pub struct Connection {
    io: BufReader<Box<dyn Io>>,
    packer: Packer,
    /// Chunked messages not yet written.
    out: Vec<u8>,
    /// A message as it is read.
    message: Vec<u8>,
    /// Requests whose summary (SUCCESS, FAILURE or IGNORED) was not read yet.
    unread: usize,
    /// Summaries to read and drop before the next one someone waits for.
    skip: usize,
    /// The server failed a request and ignores everything until a `RESET`.
    failed: bool,
    /// A `BEGIN` was queued and its answer not read yet.
    begin_unanswered: bool,
    version: Version,
    server: String,
    read_timeout: Option<std::time::Duration>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("version", &self.version)
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

const MAGIC: [u8; 4] = [0x60, 0x60, 0xB0, 0x17];

impl Connection {
    /// Opens a connection over TCP to `address` (`host:port`), encrypted as
    /// [`Options::tls`] says.
    pub async fn connect(address: &str, options: &Options) -> Result<Connection, Error> {
        let config = options.tls.config()?;
        let tcp = tokio::net::TcpStream::connect(address).await?;
        tcp.set_nodelay(true)?;
        match config {
            None => Self::open(tcp, options).await,
            Some(config) => {
                let host = match address.rsplit_once(':') {
                    Some((host, port)) if port.parse::<u16>().is_ok() => host,
                    _ => address,
                };
                let tls = crate::tls::connect(tcp, host, config).await?;
                Self::open(tls, options).await
            }
        }
    }

    /// Opens a connection over `io`: the handshake, `HELLO`, and `LOGON` where the version
    /// has it, written together.
    pub async fn open(io: impl Io + 'static, options: &Options) -> Result<Connection, Error> {
        let mut io = BufReader::with_capacity(64 * 1024, Box::new(io) as Box<dyn Io>);
        let mut handshake = Vec::with_capacity(20);
        handshake.extend_from_slice(&MAGIC);
        let max = options.max_version;
        if max.major >= 5 {
            // 5.max down to 5.0, then 4.4.
            handshake.extend_from_slice(&[0, max.minor, max.minor, 5]);
        }
        handshake.extend_from_slice(&[0, 0, 4, 4]);
        handshake.resize(20, 0);
        io.write_all(&handshake).await?;
        io.flush().await?;
        let mut agreed = [0u8; 4];
        io.read_exact(&mut agreed).await?;
        let version = Version {
            major: agreed[3],
            minor: agreed[2],
        };
        if agreed == [0; 4] {
            return Err(Error::NoVersion);
        }
        if matches!(agreed, [0x15 | 0x16, 0x03, ..]) {
            return Err(Error::Protocol(
                "the server answered with TLS: connect with bolt+s:// (or bolt+ssc:// for a self-signed certificate)".into(),
            ));
        }
        if agreed == *b"HTTP" {
            return Err(Error::Protocol(
                "the server answered in HTTP: the address is an HTTP port, not Bolt".into(),
            ));
        }
        if !(version == Version::V4_4 || (version.major == 5 && version <= max)) {
            return Err(Error::Protocol(format!(
                "the server chose Bolt {version}, which was not offered"
            )));
        }
        let logon = version >= Version { major: 5, minor: 1 };
        let mut connection = Connection {
            io,
            packer: Packer::new(version.major >= 5),
            out: Vec::with_capacity(8 * 1024),
            message: Vec::with_capacity(8 * 1024),
            unread: 0,
            skip: 0,
            failed: false,
            begin_unanswered: false,
            version,
            server: String::new(),
            read_timeout: options.read_timeout,
        };
        connection.queue(&Request::Hello(Hello {
            agent: &options.agent,
            auth: (!logon).then_some(&options.auth),
            routing: options.routing.as_ref(),
            bolt_agent: version >= Version { major: 5, minor: 3 },
            utc_patch: version == Version::V4_4,
            notifications: (version >= Version { major: 5, minor: 2 })
                .then_some(&options.notifications),
        }));
        if logon {
            connection.queue(&Request::Logon(&options.auth));
        }
        connection.flush().await?;
        let hello = connection.summary().await?;
        if logon {
            connection.summary().await?;
        }
        if let Some(Value::String(server)) = hello.metadata.get("server") {
            connection.server = server.clone();
        }
        if version == Version::V4_4 {
            let utc = matches!(hello.metadata.get("patch_bolt"),
                Some(Value::List(patches)) if patches.contains(&Value::from("utc")));
            connection.packer = Packer::new(utc);
        }
        Ok(connection)
    }

    /// The protocol version both sides agreed on.
    pub fn version(&self) -> Version {
        self.version
    }

    /// What the server calls itself (`Neo4j/5.26.0`).
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Whether the connection is idle and clean: nothing unread, no failure pending.
    pub fn is_clean(&self) -> bool {
        self.unread == 0 && !self.failed && !self.begin_unanswered
    }

    /// Whether the server may still be there, judged without a round trip: a clean idle
    /// connection whose peer closed it (a restarted server, an idle timeout) reads as ended
    /// at once. Bytes waiting on it are no Bolt the client asked for, so they count as
    /// closed too (except a NOOP chunk). A connection with answers still to read is taken
    /// as open: its next read tells.
    pub fn is_open(&mut self) -> bool {
        if !self.is_clean() {
            return true;
        }
        if !self.io.buffer().is_empty() {
            return false;
        }
        let mut probe = [0u8; 1];
        let mut buf = tokio::io::ReadBuf::new(&mut probe);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        let reader = std::pin::Pin::new(self.io.get_mut());
        match AsyncRead::poll_read(reader, &mut context, &mut buf) {
            std::task::Poll::Pending => true,
            std::task::Poll::Ready(Ok(())) if buf.filled().is_empty() => false,
            // A byte arrived unasked: only a NOOP chunk (two zero bytes) is harmless.
            std::task::Poll::Ready(Ok(())) => buf.filled() == [0] && self.skip_noop(),
            std::task::Poll::Ready(Err(_)) => false,
        }
    }

    /// Reads the second byte of a NOOP chunk whose first arrived unasked.
    fn skip_noop(&mut self) -> bool {
        let mut probe = [0u8; 1];
        let mut buf = tokio::io::ReadBuf::new(&mut probe);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        let reader = std::pin::Pin::new(self.io.get_mut());
        matches!(
            AsyncRead::poll_read(reader, &mut context, &mut buf),
            std::task::Poll::Ready(Ok(())) if buf.filled() == [0]
        )
    }

    fn queue(&mut self, request: &Request<'_>) {
        request.pack(&mut self.packer);
        for chunk in self.packer.bytes_written().chunks(u16::MAX as usize) {
            self.out
                .extend_from_slice(&(chunk.len() as u16).to_be_bytes());
            self.out.extend_from_slice(chunk);
        }
        self.out.extend_from_slice(&[0, 0]);
        // Emptied, not taken: the next message reuses the buffer.
        self.packer.clear();
        self.unread += 1;
    }

    async fn flush(&mut self) -> Result<(), Error> {
        self.io.write_all(&self.out).await?;
        self.out.clear();
        self.io.flush().await?;
        Ok(())
    }

    /// Puts a `RESET` in front of the next request when the server failed or a stream was
    /// abandoned; the answers before it are skipped when read.
    fn prepare(&mut self) {
        if self.failed || self.unread > 0 {
            self.queue(&Request::Reset);
            self.skip = self.unread;
            self.failed = false;
            self.begin_unanswered = false;
        }
    }

    /// Reads the next message into `self.message`: straight from the buffer when it holds
    /// the whole message, else waiting for the server, bounded by the read timeout.
    async fn read_message(&mut self) -> Result<(), Error> {
        self.message.clear();
        if self.buffered_message() {
            return Ok(());
        }
        self.message.clear();
        match self.read_timeout {
            None => self.read_chunks().await,
            Some(limit) => match tokio::time::timeout(limit, self.read_chunks()).await {
                Ok(read) => read,
                Err(_) => Err(Error::TimedOut(limit)),
            },
        }
    }

    /// Takes a whole message out of the read buffer, if it holds one.
    fn buffered_message(&mut self) -> bool {
        let buffer = self.io.buffer();
        let mut at = 0;
        let mut chunks = Vec::new();
        loop {
            let Some(header) = buffer.get(at..at + 2) else {
                return false;
            };
            let size = usize::from(u16::from_be_bytes([header[0], header[1]]));
            at += 2;
            if size == 0 {
                if chunks.is_empty() {
                    continue; // a NOOP chunk
                }
                break;
            }
            if buffer.len() < at + size {
                return false;
            }
            chunks.push(at..at + size);
            at += size;
        }
        for chunk in chunks {
            self.message.extend_from_slice(&buffer[chunk]);
        }
        std::pin::Pin::new(&mut self.io).consume(at);
        true
    }

    async fn read_chunks(&mut self) -> Result<(), Error> {
        loop {
            let size = usize::from(self.io.read_u16().await?);
            if size == 0 {
                if self.message.is_empty() {
                    continue; // a NOOP chunk between messages
                }
                return Ok(());
            }
            let start = self.message.len();
            self.message.resize(start + size, 0);
            self.io.read_exact(&mut self.message[start..]).await?;
        }
    }

    /// The next response someone waits for.
    async fn receive(&mut self) -> Result<Response, Error> {
        loop {
            if self.unread == 0 {
                return Err(Error::Protocol(
                    "a response was awaited, but no request is outstanding".into(),
                ));
            }
            self.read_message().await?;
            let response = Response::decode(&self.message)?;
            if !matches!(response, Response::Record(_)) {
                self.unread -= 1;
            }
            if self.skip > 0 {
                if !matches!(response, Response::Record(_)) {
                    self.skip -= 1;
                }
                continue;
            }
            return Ok(response);
        }
    }

    /// The next summary: a success, or the failure as an error.
    async fn summary(&mut self) -> Result<Summary, Error> {
        match self.receive().await? {
            Response::Success(metadata) => Ok(Summary { metadata }),
            Response::Failure { code, message } => {
                self.failed = true;
                Err(Error::Server { code, message })
            }
            Response::Ignored => {
                self.failed = true;
                Err(Error::Ignored)
            }
            Response::Record(_) => Err(Error::Protocol("a RECORD where a summary was due".into())),
        }
    }

    /// Reads the answer of a queued `BEGIN`, if one is due.
    async fn begun(&mut self) -> Result<(), Error> {
        if std::mem::take(&mut self.begin_unanswered) {
            self.summary().await?;
        }
        Ok(())
    }

    /// Runs `query` with `params` (a map), fetching `fetch` rows per batch (-1 for all):
    /// `RUN` and the first `PULL` in one write. `options` makes it an auto-commit
    /// transaction's; inside `BEGIN`, pass `None`.
    pub async fn run<P: Pack + ?Sized>(
        &mut self,
        query: &str,
        params: &P,
        options: Option<&TxOptions>,
        fetch: i64,
    ) -> Result<Stream, Error> {
        if options.is_some() {
            self.prepare();
        } else {
            // Inside a transaction: the answers of an abandoned stream come first.
            self.skip = self
                .unread
                .saturating_sub(usize::from(self.begin_unanswered));
        }
        self.queue(&Request::Run {
            query,
            params: &params,
            options,
        });
        self.queue(&Request::Pull { n: fetch });
        self.flush().await?;
        let begun = self.begun().await;
        let run = self.summary().await;
        let (begun, run) = match (begun, run) {
            (Ok(()), Ok(run)) => ((), run),
            (Err(e), _) | (Ok(()), Err(e)) => {
                // The PULL behind the failure is answered with IGNORED: read it now, it is
                // already on its way.
                let _ = self.receive().await;
                return Err(e);
            }
        };
        let () = begun;
        Ok(Stream {
            fields: fields_of(&run),
            rows: VecDeque::new(),
            pulling: true,
            fetch,
            summary: None,
            run: run.metadata,
        })
    }

    /// Runs `query` in a transaction of its own and commits it, all in one write: `BEGIN`,
    /// `RUN`, `PULL` of every row, `COMMIT`. One round trip, and the outcome is known: a
    /// failure the server reports means nothing was committed; a connection lost or a wait
    /// cut short once the write went out leaves it unknown
    /// ([`CommitFailed::maybe_committed`]).
    pub async fn run_committed<P: Pack + ?Sized>(
        &mut self,
        query: &str,
        params: &P,
        options: &TxOptions,
    ) -> Result<Committed, CommitFailed> {
        self.prepare();
        self.queue(&Request::Begin(options));
        self.queue(&Request::Run {
            query,
            params: &params,
            options: None,
        });
        self.queue(&Request::Pull { n: -1 });
        self.queue(&Request::Commit);
        let unknown = |error| CommitFailed {
            error,
            maybe_committed: true,
        };
        let refused = |error| CommitFailed {
            error,
            maybe_committed: false,
        };
        self.flush().await.map_err(unknown)?;
        let failed = |connection: &mut Self, error: Error| {
            if error.is_fatal() {
                unknown(error)
            } else {
                // The server ignores the rest of the pipeline, COMMIT included.
                connection.failed = true;
                refused(error)
            }
        };
        if let Err(e) = self.summary().await {
            return Err(failed(self, e));
        }
        let run = match self.summary().await {
            Ok(run) => run,
            Err(e) => return Err(failed(self, e)),
        };
        let mut rows = Vec::new();
        let summary = loop {
            match self.receive().await {
                Ok(Response::Record(row)) => rows.push(row),
                Ok(Response::Success(metadata)) => break Summary { metadata },
                Ok(Response::Failure { code, message }) => {
                    return Err(failed(self, Error::Server { code, message }))
                }
                Ok(Response::Ignored) => return Err(failed(self, Error::Ignored)),
                Err(e) => return Err(unknown(e)),
            }
        };
        let commit = match self.summary().await {
            Ok(commit) => commit,
            Err(e) => return Err(failed(self, e)),
        };
        Ok(Committed {
            fields: fields_of(&run),
            rows,
            summary,
            commit,
        })
    }

    /// Queues `BEGIN`; it goes out with the transaction's first query (or its `COMMIT`).
    pub fn begin(&mut self, options: &TxOptions) {
        self.prepare();
        self.queue(&Request::Begin(options));
        self.begin_unanswered = true;
    }

    /// Commits the open transaction; the summary holds its bookmark.
    pub async fn commit(&mut self) -> Result<Summary, Error> {
        self.queue(&Request::Commit);
        self.flush().await?;
        self.begun().await?;
        self.summary().await
    }

    /// Rolls the open transaction back.
    pub async fn rollback(&mut self) -> Result<(), Error> {
        self.queue(&Request::Rollback);
        self.flush().await?;
        let begun = self.begun().await;
        let rolled = self.summary().await.map(drop);
        begun.and(rolled)
    }

    /// Brings the connection back to a clean, idle state.
    pub async fn reset(&mut self) -> Result<(), Error> {
        self.prepare();
        if self.unread == 0 {
            self.queue(&Request::Reset);
        }
        self.flush().await?;
        self.skip = self.skip.saturating_sub(1);
        self.summary().await.map(drop)
    }

    /// Asks a routing server for the routing table of `database` (the home database when
    /// `None`): the `rt` map of its answer.
    pub async fn route(
        &mut self,
        routing: &Map,
        bookmarks: &[String],
        database: Option<&str>,
        impersonate: Option<&str>,
    ) -> Result<Map, Error> {
        self.prepare();
        self.queue(&Request::Route {
            routing,
            bookmarks,
            database,
            impersonate,
        });
        self.flush().await?;
        let mut summary = self.summary().await?;
        match summary.metadata.remove("rt") {
            Some(Value::Map(table)) => Ok(table),
            _ => Err(Error::Protocol(
                "a ROUTE answer without a routing table".into(),
            )),
        }
    }

    /// Says goodbye and closes the connection.
    pub async fn close(mut self) -> Result<(), Error> {
        self.queue(&Request::Goodbye);
        self.flush().await?;
        self.io.shutdown().await?;
        Ok(())
    }
}

/// The column names a `RUN` answer lists.
fn fields_of(run: &Summary) -> Arc<[String]> {
    match run.metadata.get("fields") {
        Some(Value::List(fields)) => fields
            .iter()
            .map(|f| match f {
                Value::String(s) => s.clone(),
                other => other.describe(),
            })
            .collect(),
        _ => Arc::from([]),
    }
}

/// A query run and committed in one write ([`Connection::run_committed`]).
#[derive(Debug)]
pub struct Committed {
    /// The column names.
    pub fields: Arc<[String]>,
    /// Every row.
    pub rows: Vec<Vec<Value>>,
    /// What the query reported (counters, query type).
    pub summary: Summary,
    /// What the commit reported (the bookmark).
    pub commit: Summary,
}

/// Why [`Connection::run_committed`] failed, and whether the transaction may have
/// committed all the same.
#[derive(Debug)]
pub struct CommitFailed {
    /// What went wrong.
    pub error: Error,
    /// The write went out and no answer says it failed: it may have committed.
    pub maybe_committed: bool,
}

/// The rows of a running query, read through the connection that runs it.
#[derive(Debug)]
pub struct Stream {
    fields: Arc<[String]>,
    rows: VecDeque<Vec<Value>>,
    /// A `PULL` (or `DISCARD`) is outstanding.
    pulling: bool,
    fetch: i64,
    summary: Option<Summary>,
    run: Map,
}

impl Stream {
    /// The column names.
    pub fn fields(&self) -> &Arc<[String]> {
        &self.fields
    }

    /// What the server said when the query started (`t_first`, `qid`, ...).
    pub fn started(&self) -> &Map {
        &self.run
    }

    /// What the server reported when the stream ended (`None` while rows remain).
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }

    /// A row already received, without waiting.
    pub fn buffered(&mut self) -> Option<Vec<Value>> {
        self.rows.pop_front()
    }

    /// The next row, reading the next batch when the received ones are used up.
    pub async fn next(&mut self, connection: &mut Connection) -> Result<Option<Vec<Value>>, Error> {
        loop {
            if let Some(row) = self.rows.pop_front() {
                return Ok(Some(row));
            }
            if !self.pulling {
                return Ok(None);
            }
            self.batch(connection, false).await?;
        }
    }

    /// Reads one batch: its rows, then its summary. When more remain, the next `PULL`
    /// (or, `discarding`, a `DISCARD`) goes out at once.
    async fn batch(&mut self, connection: &mut Connection, discarding: bool) -> Result<(), Error> {
        loop {
            match connection.receive().await {
                Ok(Response::Record(row)) => {
                    if !discarding {
                        self.rows.push_back(row);
                    }
                }
                Ok(Response::Success(metadata)) => {
                    if matches!(metadata.get("has_more"), Some(Value::Bool(true))) {
                        connection.queue(&if discarding {
                            Request::Discard
                        } else {
                            Request::Pull { n: self.fetch }
                        });
                        connection.flush().await?;
                    } else {
                        self.pulling = false;
                        self.summary = Some(Summary { metadata });
                    }
                    return Ok(());
                }
                Ok(Response::Failure { code, message }) => {
                    self.pulling = false;
                    connection.failed = true;
                    return Err(Error::Server { code, message });
                }
                Ok(Response::Ignored) => {
                    self.pulling = false;
                    connection.failed = true;
                    return Err(Error::Ignored);
                }
                Err(e) => {
                    self.pulling = false;
                    return Err(e);
                }
            }
        }
    }

    /// Ends the stream: rows not read are discarded on the server; the summary says what
    /// the query did.
    pub async fn finish(mut self, connection: &mut Connection) -> Result<Summary, Error> {
        self.rows.clear();
        while self.pulling {
            self.batch(connection, true).await?;
        }
        Ok(self.summary.unwrap_or_default())
    }
}
