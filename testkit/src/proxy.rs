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
}

impl Message {
    fn bytes(self) -> [u8; 6] {
        match self {
            Message::Commit => [0x00, 0x02, 0xB0, 0x12, 0x00, 0x00],
            Message::Rollback => [0x00, 0x02, 0xB0, 0x13, 0x00, 0x00],
        }
    }
}

#[derive(Default)]
struct Counters {
    commits: AtomicUsize,
    rollbacks: AtomicUsize,
    accepted: AtomicUsize,
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
        let upstream = upstream
            .split_once("://")
            .map_or(upstream, |(_, rest)| rest)
            .rsplit('@')
            .next()
            .unwrap_or(upstream)
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?.to_string();
        let shared = Arc::new(Shared {
            upstream,
            stalled: watch::channel(false).0,
            generation: watch::channel(0).0,
            lose_commit_replies: AtomicBool::new(false),
            counters: Counters::default(),
            recorded: std::sync::Mutex::new(Vec::new()),
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
        tokio::select! {
            () = to_server(client_read, upstream_write, &shared, &commit_sent) => {}
            () = to_client(upstream_read, client_write, &shared, &commit_sent) => {}
        }
    };
    tokio::select! {
        () = work => {}
        _ = generation.wait_for(|g| *g != born) => {}
    }
}

async fn wait_unstalled(shared: &Shared) {
    let mut stalled = shared.stalled.subscribe();
    let _ = stalled.wait_for(|s| !*s).await;
}

async fn to_server(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    shared: &Shared,
    commit_sent: &AtomicBool,
) {
    let mut buffer = vec![0; 64 * 1024];
    // The last bytes of the previous read, so a message split across reads is still seen.
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        wait_unstalled(shared).await;
        let mut seen = std::mem::take(&mut tail);
        seen.extend_from_slice(&buffer[..n]);
        for message in [Message::Commit, Message::Rollback] {
            let count = seen
                .windows(6)
                .filter(|w| *w == message.bytes().as_slice())
                .count();
            if count > 0 {
                let counter = match message {
                    Message::Commit => &shared.counters.commits,
                    Message::Rollback => &shared.counters.rollbacks,
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
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}

async fn to_client(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    shared: &Shared,
    commit_sent: &AtomicBool,
) {
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
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}
