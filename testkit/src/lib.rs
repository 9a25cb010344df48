//! Test support for apps built on typher: a real Bolt + Cypher server for your tests, with an
//! isolated, empty database per test ([`TestDatabase`]), and the movies example schema and
//! graph the typher guide and README use ([`movies`], [`movies_data`]).
//!
//! Add it as a dev-dependency (`typher-testkit = "0.1"`). The server is the Neo4j that
//! `NEO4J_URI`, `NEO4J_USER` and `NEO4J_PASSWORD` name, or else an embedded ArcadeDB with its
//! Bolt plugin: [`EmbeddedServer::start`] installs the PyPI package `arcadedb-embedded`
//! (pinned to [`ARCADEDB_VERSION`]; it carries the server jars and a JRE, so only `python3`
//! with pip is needed) into a cache directory once, picks free loopback ports, starts the
//! server and waits until Bolt answers. Dropping the server stops it, and it also dies with
//! the process that started it (Linux `PR_SET_PDEATHSIG`), so no java process outlives a
//! panicking or aborted test.
//!
//! ```no_run
//! use typher::prelude::*;
//! use typher_testkit::{movies::*, TestDatabase};
//!
//! #[tokio::test]
//! async fn keanu_acted_in_the_matrix() -> Result<(), Box<dyn std::error::Error>> {
//!     let db = TestDatabase::with_movies().await?;
//!     let titles = db
//!         .fetch_all(
//!             match_(Person).rel(ACTED_IN).to(Movie)
//!                 .filter(Person.name.eq("Keanu Reeves"))
//!                 .return_(Movie.title),
//!         )
//!         .await?;
//!     assert!(titles.contains(&"The Matrix".to_owned()));
//!     Ok(())
//! }
//! ```
//!
//! With the `proxies` feature, `FaultProxy` (drops, delays and cuts Bolt traffic) and
//! `TlsProxy` (TLS in front of a plain server) test what a network does to a client.

#![warn(missing_docs)]

#[cfg(feature = "proxies")]
mod proxy;
#[cfg(feature = "proxies")]
pub use proxy::{FaultProxy, Message, Traffic};
#[cfg(feature = "proxies")]
mod tls;
#[cfg(feature = "proxies")]
pub use tls::TlsProxy;
mod fixture;
pub use fixture::TestDatabase;

/// The movies-and-people schema of typher's tests and README (`Person`, `Movie`, `ACTED_IN`,
/// `DIRECTED` ...), for examples that need one.
#[allow(missing_docs)]
pub mod movies;

/// The movies-and-people graph itself (`load` replaces every `Person` and `Movie` with it).
#[allow(missing_docs)]
pub mod movies_data;

use std::io::{BufRead as _, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use typher::{Client, Settings};

/// What can go wrong in the test kit.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The embedded server could not be provisioned or started.
    Embedded(String),
    /// Connecting to the server failed.
    Exec(typher::exec::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Embedded(message) => write!(f, "embedded server: {message}"),
            Error::Exec(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Embedded(_) => None,
            Error::Exec(e) => e.source(),
        }
    }
}

impl From<typher::exec::Error> for Error {
    fn from(error: typher::exec::Error) -> Self {
        Error::Exec(error)
    }
}

/// `Result` with the test kit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The `arcadedb-embedded` release the embedded server uses.
pub const ARCADEDB_VERSION: &str = "26.10.2.post1";

const PASSWORD: &str = "typher-embedded";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);

/// A running ArcadeDB server with the Bolt plugin; stopped on drop.
pub struct EmbeddedServer {
    settings: Settings,
    http: u16,
    root: PathBuf,
    stop: Option<mpsc::Sender<()>>,
    keeper: Option<thread::JoinHandle<()>>,
}

/// Either the Neo4j the environment names, or an embedded server started for this process.
pub enum Database {
    /// `NEO4J_URI` and friends are set.
    External(Settings),
    /// No `NEO4J_URI`: a local server, stopped when this value drops.
    Embedded(EmbeddedServer),
}

impl Database {
    /// The database `NEO4J_URI` names, or else a freshly started embedded server.
    pub fn from_env_or_embedded() -> Result<Self> {
        match std::env::var("NEO4J_URI") {
            Ok(uri) if !uri.is_empty() => Ok(Self::External(Settings::from_env()?)),
            _ => Ok(Self::Embedded(EmbeddedServer::start()?)),
        }
    }

    /// Connection settings for this database.
    pub fn settings(&self) -> Settings {
        match self {
            Self::External(settings) => with_bolt_from_env(settings.clone()),
            Self::Embedded(server) => server.settings(),
        }
    }

    /// A connected client.
    pub async fn client(&self) -> typher::exec::Result<Client> {
        Client::connect(self.settings()).await
    }
}

/// `settings` offering the Bolt versions `TYPHER_BOLT` asks for: `4.4` forces Bolt 4.4
/// (the suite runs once that way too), anything else the newest.
pub fn with_bolt_from_env(mut settings: Settings) -> Settings {
    if std::env::var("TYPHER_BOLT").is_ok_and(|v| v.trim() == "4.4") {
        settings.bolt_version = typher::exec::BoltVersion::V4_4;
    }
    settings
}

impl EmbeddedServer {
    /// Installs the server if needed, starts it and waits until Bolt accepts connections.
    pub fn start() -> Result<Self> {
        Self::start_on(None)
    }

    /// Like [`EmbeddedServer::start`], with Bolt on `bolt_port` when given (a free port
    /// otherwise); a port already taken is an error that says so.
    pub fn start_on(bolt_port: Option<u16>) -> Result<Self> {
        let bolt = match bolt_port {
            Some(port) => {
                TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
                    Error::Embedded(format!("cannot listen on 127.0.0.1:{port}: {e}"))
                })?;
                port
            }
            None => free_port()?,
        };
        let package = provision()?;
        let root = fresh_root()?;
        let http = free_port()?;
        let mut command = server_command(&package, &root, bolt, http);
        let log = std::fs::File::create(root.join("server.log")).map_err(|e| {
            Error::Embedded(format!(
                "cannot create the server log in {}: {e}",
                root.display()
            ))
        })?;
        let log_err = log
            .try_clone()
            .map_err(|e| Error::Embedded(format!("cannot share the server log: {e}")))?;
        command.stdout(log).stderr(log_err).stdin(Stdio::null());

        let exited: Arc<Mutex<Option<ExitStatus>>> = Arc::default();
        let (stop, keeper) = keep(command, Arc::clone(&exited))?;
        let mut server = Self {
            settings: Settings::builder()
                .uri(format!("127.0.0.1:{bolt}"))
                .user("root")
                .password(PASSWORD)
                .database("neo4j")
                .build(),
            http,
            root,
            stop: Some(stop),
            keeper: Some(keeper),
        };
        server.wait_for_bolt(bolt, &exited)?;
        Ok(server)
    }

    /// Settings that connect to this server.
    pub fn settings(&self) -> Settings {
        with_bolt_from_env(self.settings.clone())
    }

    /// A connected client.
    pub async fn client(&self) -> typher::exec::Result<Client> {
        Client::connect(self.settings()).await
    }

    fn wait_for_bolt(&mut self, port: u16, exited: &Mutex<Option<ExitStatus>>) -> Result<()> {
        let started = Instant::now();
        loop {
            if let Some(status) = *exited.lock().unwrap_or_else(|e| e.into_inner()) {
                return Err(Error::Embedded(format!(
                    "the server exited during startup ({status}); its log ends with:\n{}",
                    self.log_tail()
                )));
            }
            // Bolt listens before the default database exists: wait for both.
            if TcpStream::connect(("127.0.0.1", port)).is_ok()
                && self.log_tail().contains("ArcadeDB Server started")
            {
                return Ok(());
            }
            if started.elapsed() > STARTUP_TIMEOUT {
                return Err(Error::Embedded(format!(
                    "Bolt did not answer on port {port} within {}s; the log ends with:\n{}",
                    STARTUP_TIMEOUT.as_secs(),
                    self.log_tail()
                )));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(self.root.join("server.log")) {
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for EmbeddedServer {
    fn drop(&mut self) {
        // Closing the channel tells the keeper thread to kill the server and reap it.
        self.stop.take();
        if let Some(keeper) = self.keeper.take() {
            let _ = keeper.join();
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Starts `command` on a thread that lives as long as the server: the process gets
/// `PR_SET_PDEATHSIG`, which fires when *that thread* ends, so the server dies with the
/// keeper, and the keeper with the process or on request.
fn keep(
    mut command: Command,
    exited: Arc<Mutex<Option<ExitStatus>>>,
) -> Result<(mpsc::Sender<()>, thread::JoinHandle<()>)> {
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let (ready_tx, ready_rx) = mpsc::channel::<std::io::Result<()>>();
    let keeper = thread::Builder::new()
        .name("typher-embedded-server".into())
        .spawn(move || {
            let mut child: Child = match spawn_tied(&mut command) {
                Ok(child) => {
                    let _ = ready_tx.send(Ok(()));
                    child
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            // Ends when the owner closes the channel (or sends); polls for an early exit.
            while let Err(mpsc::RecvTimeoutError::Timeout) =
                stop_rx.recv_timeout(Duration::from_millis(200))
            {
                if let Ok(Some(status)) = child.try_wait() {
                    *exited.lock().unwrap_or_else(|e| e.into_inner()) = Some(status);
                    return;
                }
            }
            let _ = child.kill();
            let _ = child.wait();
        })
        .map_err(|e| Error::Embedded(format!("cannot start the keeper thread: {e}")))?;
    match ready_rx.recv() {
        Ok(Ok(())) => Ok((stop_tx, keeper)),
        Ok(Err(e)) => Err(Error::Embedded(format!("cannot start java: {e}"))),
        Err(_) => Err(Error::Embedded(
            "the keeper thread ended before starting the server".into(),
        )),
    }
}

#[cfg(target_os = "linux")]
fn spawn_tied(command: &mut Command) -> std::io::Result<Child> {
    use std::os::unix::process::CommandExt as _;
    // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.spawn()
}

#[cfg(not(target_os = "linux"))]
fn spawn_tied(command: &mut Command) -> std::io::Result<Child> {
    command.spawn()
}

fn server_command(package: &Path, root: &Path, bolt: u16, http: u16) -> Command {
    let mut command = Command::new(package.join("jre/bin/java"));
    let jars = package.join("jars/*");
    command
        .arg("-Xms64m")
        .arg("-Xmx1g")
        .arg("-cp")
        .arg(jars)
        .arg(format!("-Darcadedb.server.rootPassword={PASSWORD}"))
        .arg(format!("-Darcadedb.server.rootPath={}", root.display()))
        .arg(format!(
            "-Darcadedb.server.databaseDirectory={}",
            root.join("databases").display()
        ))
        .arg("-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin")
        .arg("-Darcadedb.bolt.host=127.0.0.1")
        .arg(format!("-Darcadedb.bolt.port={bolt}"))
        .arg("-Darcadedb.server.httpIncomingHost=127.0.0.1")
        .arg(format!("-Darcadedb.server.httpIncomingPort={http}"))
        .arg("-Darcadedb.server.defaultDatabases=neo4j[root]")
        .arg("com.arcadedb.server.ArcadeDBServer")
        .current_dir(root);
    command
}

fn free_port() -> Result<u16> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| Error::Embedded(format!("no free loopback port: {e}")))
}

/// Removes server directories of processes that are gone (a shared server in a `static`
/// is never dropped, so its directory outlives the test process).
fn sweep_stale_roots() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix("typher-arcadedb-"))
        else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        let alive = Path::new("/proc").join(pid).exists();
        if !pid.is_empty() && Path::new("/proc").exists() && !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn fresh_root() -> Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    sweep_stale_roots();
    let root = std::env::temp_dir().join(format!(
        "typher-arcadedb-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("databases"))
        .map_err(|e| Error::Embedded(format!("cannot create {}: {e}", root.display())))?;
    Ok(root)
}

/// Where provisioned packages live: `$TYPHER_CACHE_DIR`, else `$XDG_CACHE_HOME/typher`,
/// else `~/.cache/typher`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TYPHER_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("typher");
    }
    match std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        Some(home) => PathBuf::from(home).join(".cache").join("typher"),
        None => std::env::temp_dir().join("typher-cache"),
    }
}

/// Installs `arcadedb-embedded` into the cache (once) and returns its package directory.
///
/// The install goes to a private directory first and is renamed into place, so parallel
/// test processes never see a half-installed package. A cached install is used only when
/// every file pip recorded for it is there with its recorded size; anything less (an
/// interrupted copy, a cleaned cache) is removed and installed again. pip runs at most
/// [`pip_timeout`], and says what it does on standard error while it downloads.
pub fn provision() -> Result<PathBuf> {
    let target = cache_dir().join(format!("arcadedb-embedded-{ARCADEDB_VERSION}"));
    let package = target.join("arcadedb_embedded");
    if target.exists() {
        match verify_install(&target) {
            Ok(()) => return Ok(package),
            Err(why) => {
                eprintln!(
                    "typher-testkit: the cached server in {} is incomplete ({why}); installing it again",
                    target.display()
                );
                remove_aside(&target)?;
            }
        }
    }
    sweep_stale_partials(&target);
    let staging = target.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .map_err(|e| Error::Embedded(format!("cannot create {}: {e}", staging.display())))?;
    if let Err(e) = run_pip(&staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if let Err(why) = verify_install(&staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Error::Embedded(format!(
            "pip installed an incomplete package into {}: {why}",
            staging.display()
        )));
    }
    if std::fs::rename(&staging, &target).is_err() {
        // Another process finished first; its copy is as good as ours.
        let _ = std::fs::remove_dir_all(&staging);
    }
    verify_install(&target).map_err(|why| {
        Error::Embedded(format!(
            "the installed package in {} is incomplete: {why}",
            target.display()
        ))
    })?;
    Ok(package)
}

/// How long the one-time `pip install` may take: `$TYPHER_PIP_TIMEOUT_SECS`, else 15 minutes.
pub fn pip_timeout() -> Duration {
    std::env::var("TYPHER_PIP_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(15 * 60), Duration::from_secs)
}

/// Runs pip into `staging`, echoing its output, killing it after [`pip_timeout`].
fn run_pip(staging: &Path) -> Result<()> {
    let limit = pip_timeout();
    eprintln!(
        "typher-testkit: installing arcadedb-embedded=={ARCADEDB_VERSION} (server jars and a JRE, \
         about 100 MB) into {}; once per machine, at most {limit:?}",
        cache_dir().display()
    );
    let mut child = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-deps",
            "--progress-bar",
            "off",
            "--timeout",
            "60",
        ])
        .arg("--target")
        .arg(staging)
        .arg(format!("arcadedb-embedded=={ARCADEDB_VERSION}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Embedded(format!(
                "cannot run python3 ({e}); the embedded server is installed with pip: install \
                 python3 and pip (Debian: `apt-get install python3-pip`), or point NEO4J_URI, \
                 NEO4J_USER and NEO4J_PASSWORD at a running Neo4j"
            ))
        })?;
    // pip's lines are echoed as they come, and the last ones kept for an error message.
    let tail: Arc<Mutex<Vec<String>>> = Arc::default();
    let echoes: Vec<_> = [
        child
            .stdout
            .take()
            .map(|o| Box::new(o) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|e| Box::new(e) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|stream| {
        let tail = Arc::clone(&tail);
        thread::spawn(move || {
            for line in std::io::BufReader::new(stream)
                .lines()
                .map_while(|l| l.ok())
            {
                eprintln!("typher-testkit: pip: {line}");
                let mut tail = tail.lock().unwrap_or_else(|e| e.into_inner());
                tail.push(line);
                let excess = tail.len().saturating_sub(20);
                tail.drain(..excess);
            }
        })
    })
    .collect();
    let started = Instant::now();
    let mut told = Duration::ZERO;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(Error::Embedded(format!("cannot wait for pip: {e}"))),
        }
        let elapsed = started.elapsed();
        if elapsed >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Embedded(format!(
                "`pip install arcadedb-embedded=={ARCADEDB_VERSION}` took longer than {limit:?} \
                 and was stopped; check the network (or a proxy: pip reads HTTPS_PROXY), raise \
                 TYPHER_PIP_TIMEOUT_SECS, or set NEO4J_URI"
            )));
        }
        if elapsed >= told + Duration::from_secs(15) {
            told = elapsed;
            eprintln!("typher-testkit: pip still running ({}s)", elapsed.as_secs());
        }
        thread::sleep(Duration::from_millis(100));
    };
    for echo in echoes {
        let _ = echo.join();
    }
    if status.success() {
        return Ok(());
    }
    let tail = tail.lock().unwrap_or_else(|e| e.into_inner()).join("\n");
    Err(Error::Embedded(format!(
        "`python3 -m pip install arcadedb-embedded=={ARCADEDB_VERSION}` failed; if pip is \
         missing install it (Debian: `apt-get install python3-pip`), or set NEO4J_URI:\n{tail}"
    )))
}

/// Checks an install against pip's `RECORD`: every file listed is there, with its size.
fn verify_install(target: &Path) -> std::result::Result<(), String> {
    let record = target
        .join(format!("arcadedb_embedded-{ARCADEDB_VERSION}.dist-info"))
        .join("RECORD");
    let listed = std::fs::read_to_string(&record)
        .map_err(|e| format!("cannot read {}: {e}", record.display()))?;
    let mut files = 0;
    for line in listed.lines().filter(|l| !l.trim().is_empty()) {
        // `path,sha256=…,size`; the RECORD file lists itself without a size.
        let mut fields = line.rsplitn(3, ',');
        let (size, _hash, path) = (fields.next(), fields.next(), fields.next());
        let (Some(size), Some(path)) = (size, path) else {
            return Err(format!("unreadable RECORD line `{line}`"));
        };
        let Ok(size) = size.parse::<u64>() else {
            continue;
        };
        let file = target.join(path);
        match std::fs::metadata(&file) {
            Ok(meta) if meta.len() == size => files += 1,
            Ok(meta) => return Err(format!("{path} has {} bytes instead of {size}", meta.len())),
            Err(_) => return Err(format!("{path} is missing")),
        }
    }
    if files == 0 {
        return Err("RECORD lists no files".into());
    }
    if !target.join("arcadedb_embedded/jre/bin/java").exists() {
        return Err("jre/bin/java is missing".into());
    }
    Ok(())
}

/// Removes a broken install; renamed away first, so no other process picks it up meanwhile.
fn remove_aside(target: &Path) -> Result<()> {
    let aside = target.with_extension(format!("broken-{}", std::process::id()));
    std::fs::rename(target, &aside)
        .and_then(|()| std::fs::remove_dir_all(&aside))
        .or_else(|e| if target.exists() { Err(e) } else { Ok(()) })
        .map_err(|e| {
            Error::Embedded(format!(
                "cannot remove the broken install in {}: {e}; delete it by hand",
                target.display()
            ))
        })
}

/// Deletes staging directories left by installs whose process is gone (killed mid-install).
fn sweep_stale_partials(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!("{}.partial-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_string_lossy()
            .strip_prefix(&prefix)
            .map(str::to_owned)
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<libc::pid_t>() else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let alive = unsafe { libc::kill(pid, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static COUNTER: AtomicUsize = AtomicUsize::new(0);

    /// A fake install in a fresh directory: two files and pip's RECORD of them.
    fn fake_install() -> PathBuf {
        let target = std::env::temp_dir().join(format!(
            "typher-testkit-verify-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&target);
        let info = target.join(format!("arcadedb_embedded-{ARCADEDB_VERSION}.dist-info"));
        let java = target.join("arcadedb_embedded/jre/bin/java");
        std::fs::create_dir_all(&info).unwrap();
        std::fs::create_dir_all(java.parent().unwrap()).unwrap();
        std::fs::write(&java, b"#!java").unwrap();
        std::fs::write(target.join("arcadedb_embedded/server.py"), b"print(1)\n").unwrap();
        std::fs::write(
            info.join("RECORD"),
            format!(
                "arcadedb_embedded/jre/bin/java,sha256=x,6\n\
                 arcadedb_embedded/server.py,sha256=y,9\n\
                 arcadedb_embedded-{ARCADEDB_VERSION}.dist-info/RECORD,,\n"
            ),
        )
        .unwrap();
        target
    }

    #[test]
    fn a_complete_install_verifies() {
        let target = fake_install();
        assert_eq!(verify_install(&target), Ok(()));
        std::fs::remove_dir_all(&target).unwrap();
    }

    #[test]
    fn a_half_written_install_is_detected_and_removed() {
        let target = fake_install();
        std::fs::write(target.join("arcadedb_embedded/server.py"), b"pri").unwrap();
        let why = verify_install(&target).unwrap_err();
        assert!(why.contains("server.py has 3 bytes instead of 9"), "{why}");
        std::fs::remove_file(target.join("arcadedb_embedded/server.py")).unwrap();
        let why = verify_install(&target).unwrap_err();
        assert!(why.contains("server.py is missing"), "{why}");
        remove_aside(&target).unwrap();
        assert!(!target.exists());
    }

    #[test]
    fn an_install_without_its_record_is_incomplete() {
        let target = fake_install();
        std::fs::remove_dir_all(
            target.join(format!("arcadedb_embedded-{ARCADEDB_VERSION}.dist-info")),
        )
        .unwrap();
        assert!(verify_install(&target).unwrap_err().contains("RECORD"));
        std::fs::remove_dir_all(&target).unwrap();
    }

    #[test]
    fn staging_directories_of_dead_processes_are_swept() {
        let target = fake_install();
        let dead = target.with_extension("partial-999999999");
        let mine = target.with_extension(format!("partial-{}", std::process::id()));
        std::fs::create_dir_all(&dead).unwrap();
        std::fs::create_dir_all(&mine).unwrap();
        sweep_stale_partials(&target);
        assert!(
            !dead.exists(),
            "a dead process's staging directory is removed"
        );
        assert!(mine.exists(), "a live process's staging directory stays");
        std::fs::remove_dir_all(&mine).unwrap();
        std::fs::remove_dir_all(&target).unwrap();
    }
}
