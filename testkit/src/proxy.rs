//! A loopback TCP proxy that can stall, cut or half-drop Bolt connections, for fault tests
//! against a real server.
//!
//! ```no_run
//! # async fn demo(settings: typher::Settings) -> std::io::Result<()> {
//! use typher_testkit::FaultProxy;
//! let proxy = FaultProxy::start(&settings.uri).await?;
//! let through = proxy.settings(&settings); // connects through the proxy
//! proxy.stall(); // every byte now waits: the server seems to have gone silent
//! proxy.resume();
//! proxy.cut(); // every open connection is closed at once
//! # Ok(()) }
//! ```

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use typher::Settings;

/// Bolt messages the proxy recognises in what the client sends (Bolt 4.4 chunk encoding of
/// a message without fields: length `00 02`, the struct marker, the signature, end `00 00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// `COMMIT` of an explicit transaction.
    Commit,
    /// `ROLLBACK` of an explicit transaction.
    Rollback,
    /// `RUN` of a query (auto-commit or in a transaction): one per query sent.
    Run,
}

impl Message {
    /// The whole message, for the messages without fields.
    fn bytes(self) -> Option<[u8; 6]> {
        match self {
            Message::Commit => Some([0x00, 0x02, 0xB0, 0x12, 0x00, 0x00]),
            Message::Rollback => Some([0x00, 0x02, 0xB0, 0x13, 0x00, 0x00]),
            // Counted by reading the chunks (`Frames`).
            Message::Run => None,
        }
    }
}

#[derive(Default)]
struct Counters {
    commits: AtomicUsize,
    rollbacks: AtomicUsize,
    runs: AtomicUsize,
    accepted: AtomicUsize,
    /// Bolt messages clients sent.
    messages: AtomicUsize,
    /// Round trips: bursts of client bytes each sent after the server last spoke (or as a
    /// connection's first bytes).
    flights: AtomicUsize,
}

/// What clients sent through a [`FaultProxy`] since it started or was last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    /// Bolt messages (`RUN`, `PULL`, `BEGIN`, ...; the handshake is none).
    pub messages: usize,
    /// Round trips: each time a client sent something after hearing from the server.
    pub round_trips: usize,
    /// Connections opened.
    pub connections: usize,
}

/// Reads the client's side of a Bolt connection as it streams by: the 20-byte handshake,
/// then messages as chunks (a 2-byte length, that many bytes; a zero length ends the
/// message). The first chunk of a message starts with its struct marker and signature.
#[derive(Default)]
struct Frames {
    /// Handshake bytes still to skip.
    handshake: usize,
    /// Bytes left of the current chunk's body.
    body: usize,
    /// The header bytes of the next chunk read so far.
    header: Vec<u8>,
    /// Whether the next chunk starts a message.
    at_message_start: bool,
    /// The first body bytes of a message's first chunk (marker and signature).
    start: Vec<u8>,
}

/// The signature of a Bolt `RUN` message.
const RUN: u8 = 0x10;

impl Frames {
    fn new() -> Self {
        Self {
            handshake: 20,
            at_message_start: true,
            ..Self::default()
        }
    }

    /// Reads `bytes`; returns how many `RUN` messages started in them.
    #[cfg(test)]
    fn runs(&mut self, bytes: &[u8]) -> usize {
        self.read(bytes).1
    }

    /// Reads `bytes`; returns how many messages, and how many `RUN` messages, started in them.
    fn read(&mut self, mut bytes: &[u8]) -> (usize, usize) {
        let (mut messages, mut runs) = (0, 0);
        while !bytes.is_empty() {
            if self.handshake > 0 {
                let n = self.handshake.min(bytes.len());
                self.handshake -= n;
                bytes = &bytes[n..];
            } else if self.body > 0 {
                let n = self.body.min(bytes.len());
                if self.start.len() < 2 {
                    let want = (2 - self.start.len()).min(n);
                    self.start.extend_from_slice(&bytes[..want]);
                    if self.start.len() == 2 && self.start[1] == RUN {
                        runs += 1;
                    }
                }
                self.body -= n;
                bytes = &bytes[n..];
            } else {
                self.header.push(bytes[0]);
                bytes = &bytes[1..];
                if self.header.len() == 2 {
                    let size = usize::from(u16::from_be_bytes([self.header[0], self.header[1]]));
                    self.header.clear();
                    if size == 0 {
                        self.at_message_start = true;
                    } else {
                        if self.at_message_start {
                            self.start.clear();
                            self.at_message_start = false;
                            messages += 1;
                        } else {
                            // A later chunk of the same message: its first bytes are data, no signature.
                            self.start = vec![0, 0];
                        }
                        self.body = size;
                    }
                }
            }
        }
        (messages, runs)
    }
}

struct Shared {
    upstream: String,
    /// While true, no byte moves in either direction, and new connections are accepted but
    /// never answered.
    stalled: watch::Sender<bool>,
    /// Bumped by [`FaultProxy::cut`]; every connection of an older generation closes.
    generation: watch::Sender<u64>,
    /// When set, the server's reply to a `COMMIT` is dropped and the connection closed.
    lose_commit_replies: AtomicBool,
    counters: Counters,
    /// The first [`RECORDED`] bytes clients sent, for [`FaultProxy::client_sent`].
    recorded: std::sync::Mutex<Vec<u8>>,
    /// How long every byte takes through the proxy, each way.
    delay: std::sync::Mutex<std::time::Duration>,
}

/// How many bytes of client traffic the proxy keeps.
const RECORDED: usize = 1 << 20;

/// A proxy in front of a Bolt server; stops when dropped.
pub struct FaultProxy {
    address: String,
    shared: Arc<Shared>,
    acceptor: JoinHandle<()>,
}

impl FaultProxy {
    /// Listens on a free loopback port and forwards to `upstream` (`host:port`, with or without
    /// a `scheme://` and credentials).
    pub async fn start(upstream: &str) -> std::io::Result<Self> {
        let upstream = host_port(upstream);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?.to_string();
        let shared = Arc::new(Shared {
            upstream,
            stalled: watch::channel(false).0,
            generation: watch::channel(0).0,
            lose_commit_replies: AtomicBool::new(false),
            counters: Counters::default(),
            recorded: std::sync::Mutex::new(Vec::new()),
            delay: std::sync::Mutex::new(std::time::Duration::ZERO),
        });
        let acceptor = tokio::spawn(accept(listener, Arc::clone(&shared)));
        Ok(Self {
            address,
            shared,
            acceptor,
        })
    }

    /// `host:port` of the proxy.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// `settings` pointed at the proxy instead of the server.
    pub fn settings(&self, settings: &Settings) -> Settings {
        let mut through = settings.clone();
        through.uri = format!("bolt://{}", self.address);
        through
    }

    /// Stops every byte in both directions, on open and new connections, until
    /// [`FaultProxy::resume`]: a half-open peer, or a server that accepts and never answers.
    pub fn stall(&self) {
        self.shared.stalled.send_replace(true);
    }

    /// Lets bytes flow again.
    pub fn resume(&self) {
        self.shared.stalled.send_replace(false);
    }

    /// Closes every open connection now; new ones are served.
    pub fn cut(&self) {
        self.shared.generation.send_modify(|g| *g += 1);
    }

    /// From now on, a `COMMIT` reaches the server but its reply never reaches the client:
    /// the proxy waits for the server's answer, drops it and closes the connection.
    pub fn lose_commit_replies(&self, lose: bool) {
        self.shared
            .lose_commit_replies
            .store(lose, Ordering::SeqCst);
    }

    /// How many `message`s clients have sent through the proxy.
    pub fn sent(&self, message: Message) -> usize {
        let counter = match message {
            Message::Commit => &self.shared.counters.commits,
            Message::Rollback => &self.shared.counters.rollbacks,
            Message::Run => &self.shared.counters.runs,
        };
        counter.load(Ordering::SeqCst)
    }

    /// Whether any client sent `bytes` through the proxy (within the first MiB sent).
    pub fn client_sent(&self, bytes: &[u8]) -> bool {
        let recorded = self
            .shared
            .recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        recorded.windows(bytes.len()).any(|w| w == bytes)
    }

    /// Delays every byte by `each_way` in each direction from now on (on new connections),
    /// as a network between client and server would: bytes keep their order, and a
    /// client that pipelines its requests waits once.
    pub fn delay(&self, each_way: std::time::Duration) {
        *self.shared.delay.lock().unwrap_or_else(|e| e.into_inner()) = each_way;
    }

    /// What clients sent since the proxy started or since [`FaultProxy::reset_traffic`].
    pub fn traffic(&self) -> Traffic {
        let c = &self.shared.counters;
        Traffic {
            messages: c.messages.load(Ordering::SeqCst),
            round_trips: c.flights.load(Ordering::SeqCst),
            connections: c.accepted.load(Ordering::SeqCst),
        }
    }

    /// Starts counting [`FaultProxy::traffic`] from zero.
    pub fn reset_traffic(&self) {
        let c = &self.shared.counters;
        c.messages.store(0, Ordering::SeqCst);
        c.flights.store(0, Ordering::SeqCst);
        c.accepted.store(0, Ordering::SeqCst);
    }

    /// How many connections the proxy has accepted.
    pub fn accepted(&self) -> usize {
        self.shared.counters.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.acceptor.abort();
        self.cut();
    }
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((client, _)) = listener.accept().await {
        shared.counters.accepted.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(serve(client, Arc::clone(&shared)));
    }
}

/// Forwards one connection until either side closes, or the proxy cuts it.
async fn serve(client: TcpStream, shared: Arc<Shared>) {
    let mut generation = shared.generation.subscribe();
    let born = *generation.borrow_and_update();
    let work = async {
        // A stalled proxy accepts, then never answers: not even the upstream connection opens.
        wait_unstalled(&shared).await;
        let Ok(upstream) = TcpStream::connect(&shared.upstream).await else {
            return;
        };
        let _ = (client.set_nodelay(true), upstream.set_nodelay(true));
        let (client_read, client_write) = client.into_split();
        let (upstream_read, upstream_write) = upstream.into_split();
        let commit_sent = AtomicBool::new(false);
        // Set when the server sends; a client burst after it is a new round trip.
        let server_spoke = AtomicBool::new(true);
        let delay = *shared.delay.lock().unwrap_or_else(|e| e.into_inner());
        let (to_upstream, upstream_queue) = tokio::sync::mpsc::unbounded_channel();
        let (to_downstream, downstream_queue) = tokio::sync::mpsc::unbounded_channel();
        let sides = Sides {
            commit_sent: &commit_sent,
            server_spoke: &server_spoke,
        };
        tokio::select! {
            () = to_server(client_read, to_upstream, &shared, sides) => {}
            () = to_client(upstream_read, to_downstream, &shared, sides) => {}
            () = deliver(upstream_queue, upstream_write, delay) => {}
            () = deliver(downstream_queue, client_write, delay) => {}
        }
    };
    tokio::select! {
        () = work => {}
        _ = generation.wait_for(|g| *g != born) => {}
    }
}

/// `host:port` of a URI (`bolt://user:password@host:port/`) or of `host:port` itself.
pub(crate) fn host_port(uri: &str) -> String {
    uri.split_once("://")
        .map_or(uri, |(_, rest)| rest)
        .rsplit('@')
        .next()
        .unwrap_or(uri)
        .trim_end_matches('/')
        .to_owned()
}

/// What the two directions of one connection share.
#[derive(Clone, Copy)]
struct Sides<'a> {
    commit_sent: &'a AtomicBool,
    server_spoke: &'a AtomicBool,
}

/// Bytes read from one side, stamped with when they arrived.
type Queue = tokio::sync::mpsc::UnboundedReceiver<(tokio::time::Instant, Vec<u8>)>;
type Sender = tokio::sync::mpsc::UnboundedSender<(tokio::time::Instant, Vec<u8>)>;

/// Writes each burst `delay` after it arrived, in order.
async fn deliver(mut queue: Queue, mut to: OwnedWriteHalf, delay: std::time::Duration) {
    while let Some((arrived, bytes)) = queue.recv().await {
        tokio::time::sleep_until(arrived + delay).await;
        if to.write_all(&bytes).await.is_err() {
            return;
        }
    }
}

async fn wait_unstalled(shared: &Shared) {
    let mut stalled = shared.stalled.subscribe();
    let _ = stalled.wait_for(|s| !*s).await;
}

async fn to_server(mut from: OwnedReadHalf, to: Sender, shared: &Shared, sides: Sides<'_>) {
    let commit_sent = sides.commit_sent;
    let mut buffer = vec![0; 64 * 1024];
    // The last bytes of the previous read, so a message split across reads is still seen.
    let mut tail: Vec<u8> = Vec::new();
    let mut frames = Frames::new();
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        wait_unstalled(shared).await;
        let arrived = tokio::time::Instant::now();
        let (messages, runs) = frames.read(&buffer[..n]);
        shared.counters.runs.fetch_add(runs, Ordering::SeqCst);
        shared
            .counters
            .messages
            .fetch_add(messages, Ordering::SeqCst);
        if sides.server_spoke.swap(false, Ordering::SeqCst) {
            shared.counters.flights.fetch_add(1, Ordering::SeqCst);
        }
        let mut seen = std::mem::take(&mut tail);
        seen.extend_from_slice(&buffer[..n]);
        for (message, bytes) in [Message::Commit, Message::Rollback]
            .into_iter()
            .filter_map(|m| m.bytes().map(|b| (m, b)))
        {
            let count = seen.windows(6).filter(|w| *w == bytes.as_slice()).count();
            if count > 0 {
                let counter = match message {
                    Message::Commit => &shared.counters.commits,
                    Message::Rollback => &shared.counters.rollbacks,
                    Message::Run => &shared.counters.runs,
                };
                counter.fetch_add(count, Ordering::SeqCst);
                if message == Message::Commit && shared.lose_commit_replies.load(Ordering::SeqCst) {
                    commit_sent.store(true, Ordering::SeqCst);
                }
            }
        }
        tail = seen[seen.len().saturating_sub(5)..].to_vec();
        {
            let mut recorded = shared.recorded.lock().unwrap_or_else(|e| e.into_inner());
            let room = RECORDED.saturating_sub(recorded.len()).min(n);
            recorded.extend_from_slice(&buffer[..room]);
        }
        if to.send((arrived, buffer[..n].to_vec())).is_err() {
            return;
        }
    }
}

async fn to_client(mut from: OwnedReadHalf, to: Sender, shared: &Shared, sides: Sides<'_>) {
    let commit_sent = sides.commit_sent;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if commit_sent.load(Ordering::SeqCst) {
            // The server has answered the COMMIT, so it is done; the client never hears it.
            return;
        }
        wait_unstalled(shared).await;
        sides.server_spoke.store(true, Ordering::SeqCst);
        if to
            .send((tokio::time::Instant::now(), buffer[..n].to_vec()))
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Frames;

    /// A chunked message: `marker signature body..`, as one chunk and the end marker.
    fn message(signature: u8, body: &[u8]) -> Vec<u8> {
        let mut data = vec![0xB3, signature];
        data.extend_from_slice(body);
        let mut out = u16::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        out.extend(data);
        out.extend([0, 0]);
        out
    }

    #[test]
    fn runs_are_counted_across_reads_and_not_inside_data() {
        let mut stream = vec![0x60, 0x60, 0xB0, 0x17];
        stream.extend([0; 16]);
        stream.extend(message(0x01, b"hello"));
        // A RUN whose query text holds the bytes of another RUN's start.
        stream.extend(message(0x10, &[0x00, 0x04, 0xB3, 0x10, 0x00, 0x00]));
        stream.extend(message(0x3F, &[]));
        stream.extend(message(0x10, b"RETURN 1"));
        for split in [1, 3, 7, stream.len()] {
            let mut frames = Frames::new();
            let runs: usize = stream.chunks(split).map(|c| frames.runs(c)).sum();
            assert_eq!(runs, 2, "read {split} bytes at a time");
        }
    }
}
