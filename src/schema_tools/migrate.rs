//! Versioned migrations: ordered steps, each applied once and recorded in the database with
//! a checksum, reversible when given a down script, run under a lock held in the database.

use super::error::{Error, Result};
use crate::{exec, raw, Client, Executor, ManagedTransaction};
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The label of the nodes recording applied steps (`version`, `name`, `checksum`,
/// `applied_at`). A drift check does not count it as undeclared.
pub const MIGRATION_LABEL: &str = "__TypherMigration";

/// The label of the lock node a migration run holds (`name`, `holder`, `since`), under a
/// uniqueness constraint named [`MIGRATION_LOCK_CONSTRAINT`]. A drift check ignores both.
pub const MIGRATION_LOCK_LABEL: &str = "__TypherMigrationLock";

/// The uniqueness constraint that makes the lock node one at a time. Its name does not start
/// with [`PREFIX`](super::PREFIX): `drop --all` leaves it alone.
pub const MIGRATION_LOCK_CONSTRAINT: &str = "__typher_migration_lock";

/// How long [`Migrations::migrate`] and [`Migrations::revert`] wait for another run's lock
/// by default; see [`Migrations::lock_timeout`].
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

type StepFn = dyn for<'a> Fn(&'a ManagedTransaction) -> Pin<Box<dyn Future<Output = exec::Result<()>> + 'a>>
    + Send
    + Sync;

/// What a step runs.
#[derive(Clone)]
enum Body {
    /// Cypher statements, in one transaction.
    Cypher(Vec<String>),
    /// Cypher schema statements (`CREATE CONSTRAINT`, `DROP INDEX` ..), each on its own:
    /// Neo4j does not mix them with data writes in one transaction.
    Schema(Vec<String>),
    /// A Rust function, given the step's transaction.
    Rust(Arc<StepFn>),
}

#[derive(Clone)]
struct Step {
    version: u64,
    name: String,
    checksum: String,
    body: Body,
    /// What undoes it, for [`Migrations::revert`]; `None` for an irreversible step.
    down: Option<Body>,
}

impl Body {
    /// The statements, for a dry run.
    fn describe(&self) -> Vec<String> {
        match self {
            Body::Cypher(statements) | Body::Schema(statements) => statements.clone(),
            Body::Rust(_) => vec!["(a Rust function)".to_owned()],
        }
    }

    /// A Cypher script as a body: data statements, or schema statements only.
    fn cypher(script: &str) -> std::result::Result<Self, &'static str> {
        let statements = split_statements(script);
        let schema = statements.iter().filter(|s| is_schema(s)).count();
        if schema == 0 {
            Ok(Body::Cypher(statements))
        } else if schema == statements.len() {
            Ok(Body::Schema(statements))
        } else {
            Err(
                "a step mixes schema statements (constraints, indexes) with data statements; \
                 Neo4j runs them in separate transactions, so make them two steps",
            )
        }
    }
}

/// An ordered list of migration steps; see [`Migrations::migrate`].
///
/// ```
/// use typher::schema_tools::Migrations;
/// use typher::Executor;
/// let steps = Migrations::new()
///     .cypher(1, "person names", "CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)")
///     .cypher(2, "born as integer", "MATCH (p:Person) WHERE p.born IS :: STRING SET p.born = toInteger(p.born)")
///     .rust(3, "backfill ages", async |tx| {
///         tx.execute(typher::raw::<()>("MATCH (p:Person) SET p.checked = true")).await?;
///         Ok(())
///     });
/// assert_eq!(steps.versions(), [1, 2, 3]);
/// ```
#[derive(Clone, Default)]
#[must_use = "migrations do nothing until applied with `migrate`"]
pub struct Migrations {
    steps: Vec<Step>,
    /// The first mistake in building the list, reported by `migrate` and `status`.
    invalid: Option<(u64, String, String)>,
    /// How long to wait for another run's lock; `None` for [`DEFAULT_LOCK_TIMEOUT`].
    lock_timeout: Option<Duration>,
}

impl std::fmt::Debug for Migrations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.steps.iter().map(|s| (s.version, &s.name, &s.checksum)))
            .finish()
    }
}

/// One step [`Migrations::migrate`] applied or [`Migrations::revert`] reverted. As JSON:
/// `{"version": 3, "name": "add person index", "took_ms": 12}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// The step's version.
    pub version: u64,
    /// The step's name.
    pub name: String,
    /// How long it took.
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
}

fn millis<S: serde::Serializer>(
    took: &Duration,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_u64(u64::try_from(took.as_millis()).unwrap_or(u64::MAX))
}

/// A step a run would apply or revert, with what it would send: what `--dry-run` prints. As
/// JSON: `{"version": 3, "name": "add person index", "statements": ["CREATE INDEX .."]}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Planned {
    /// The step's version.
    pub version: u64,
    /// The step's name.
    pub name: String,
    /// Its Cypher statements, in order (`(a Rust function)` for a Rust step).
    pub statements: Vec<String>,
}

/// Where a step stands in a database; see [`Migrations::status`]. As JSON, one flat object
/// per step whatever its state: `{"version": 3, "name": "..", "reversible": true, "state":
/// "applied", "applied_at": ".."}`, where `state` is `applied`, `pending`, `changed` (with
/// `recorded` and `now` checksums) or `unknown`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepStatus {
    /// The step's version.
    pub version: u64,
    /// The step's name (as recorded, for a step the list does not have).
    pub name: String,
    /// Whether [`Migrations::revert`] can undo it (it has a down script).
    pub reversible: bool,
    /// Its state.
    #[serde(flatten)]
    pub state: StepState,
}

/// The state of a step in a database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    /// Applied, and unchanged since.
    Applied {
        /// When, as the server recorded it.
        #[serde(rename = "applied_at")]
        at: String,
    },
    /// Not applied yet.
    Pending,
    /// Applied, and changed since: `migrate` refuses to run.
    Changed {
        /// The checksum recorded when it was applied.
        recorded: String,
        /// The checksum of the step now.
        now: String,
    },
    /// Recorded in the database, but not in the list: `migrate` refuses to run.
    Unknown,
}

/// A step as the database records it.
#[derive(serde::Deserialize)]
struct Record {
    version: i64,
    name: String,
    checksum: String,
    applied_at: String,
}

/// A 64-bit FNV-1a hash of the step's kind and text, in hex.
fn checksum(kind: &str, parts: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in core::iter::once(kind).chain(parts.iter().map(String::as_str)) {
        for byte in part.bytes().chain(core::iter::once(0)) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Whether a statement changes the schema (constraints and indexes).
fn is_schema(statement: &str) -> bool {
    let words: Vec<String> = statement
        .split_whitespace()
        .take(3)
        .map(str::to_ascii_uppercase)
        .collect();
    matches!(words.first().map(String::as_str), Some("CREATE" | "DROP"))
        && words[1..]
            .iter()
            .any(|w| matches!(w.as_str(), "CONSTRAINT" | "INDEX"))
}

/// Splits a Cypher script at the `;` that end its statements (not those inside strings,
/// quoted names or comments); drops empty statements and comment-only ones.
pub(crate) fn split_statements(script: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                current.push(c);
                while let Some(d) = chars.next() {
                    current.push(d);
                    if d == '\\' && c != '`' {
                        if let Some(e) = chars.next() {
                            current.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        current.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                current.push(' ');
            }
            ';' => statements.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    statements.push(current);
    statements
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Migrations {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a step of Cypher statements (separated by `;`). Data statements run in one
    /// transaction together with the step's record, so a failing step leaves nothing. Schema
    /// statements (`CREATE CONSTRAINT`, `DROP INDEX` ..) run one by one, since Neo4j does not
    /// mix them with data writes and schema changes do not roll back: if one fails, those
    /// before it stay, so write them with `IF NOT EXISTS` / `IF EXISTS` and a re-run
    /// completes the step. A step may not mix the two.
    pub fn cypher(self, version: u64, name: &str, script: &str) -> Self {
        let checksum = checksum("cypher", &split_statements(script));
        match Body::cypher(script) {
            Ok(body) => self.push(version, name, checksum, body),
            Err(reason) => self.invalid(version, name, reason),
        }
    }

    /// Makes the step added last reversible: `script` undoes it, for [`Migrations::revert`].
    /// The down script is not part of the checksum, so one can be added to an applied step.
    ///
    /// ```
    /// use typher::schema_tools::Migrations;
    /// let steps = Migrations::new()
    ///     .cypher(1, "person names", "CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)")
    ///     .down("DROP INDEX person_name IF EXISTS");
    /// assert_eq!(steps.versions(), [1]);
    /// ```
    pub fn down(self, script: &str) -> Self {
        match Body::cypher(script) {
            Ok(body) => self.set_down(body),
            Err(reason) => {
                let (version, name) = self.last_step();
                self.invalid(version, &name, reason)
            }
        }
    }

    /// Makes the step added last reversible with a Rust function, run in the transaction
    /// that also deletes the step's record.
    pub fn down_rust<F>(self, step: F) -> Self
    where
        F: AsyncFn(&ManagedTransaction) -> exec::Result<()> + Send + Sync + 'static,
    {
        self.set_down(rust_body(step))
    }

    fn last_step(&self) -> (u64, String) {
        self.steps
            .last()
            .map_or((0, String::new()), |s| (s.version, s.name.clone()))
    }

    fn set_down(mut self, body: Body) -> Self {
        match self.steps.last_mut() {
            Some(step) => {
                step.down = Some(body);
                self
            }
            None => self.invalid(0, "", "`down` follows the step it undoes; there is none"),
        }
    }

    /// Adds a step that runs a Rust function in the step's transaction. Its checksum covers
    /// its version and name only: a changed function is not detected, so give a changed
    /// step a new version.
    pub fn rust<F>(self, version: u64, name: &str, step: F) -> Self
    where
        F: AsyncFn(&ManagedTransaction) -> exec::Result<()> + Send + Sync + 'static,
    {
        let checksum = checksum("rust", &[name.to_owned()]);
        self.push(version, name, checksum, rust_body(step))
    }

    /// Sets how long [`migrate`](Self::migrate) and [`revert`](Self::revert) wait while
    /// another run holds the lock before they fail ([`DEFAULT_LOCK_TIMEOUT`] otherwise).
    pub fn lock_timeout(mut self, timeout: Duration) -> Self {
        self.lock_timeout = Some(timeout);
        self
    }

    /// Adds one step per `V<version>__<name>.cypher` file of `dir` (`V3__add_person_index.cypher`
    /// is step 3, `add person index`), in version order; a reversible step is a pair,
    /// `V3__add_person_index.up.cypher` and `V3__add_person_index.down.cypher`. Other files
    /// are skipped. To build the files into the binary instead, see
    /// [`embed_migrations!`](crate::embed_migrations).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let read_error = |e: std::io::Error| {
            Error::Files(format!("reading migrations in {}: {e}", dir.display()))
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_error)? {
            let path = entry.map_err(read_error)?.path();
            let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if file.ends_with(".cypher") {
                let script = std::fs::read_to_string(&path).map_err(read_error)?;
                files.push((file.to_owned(), script));
            }
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(f, s)| (f.as_str(), s.as_str()))
            .collect();
        Self::from_files(&files)
    }

    /// Like [`from_dir`](Self::from_dir), from `(file name, contents)` pairs: what
    /// [`embed_migrations!`](crate::embed_migrations) builds in. Files not ending in
    /// `.cypher` are skipped; a misnamed one, or a down file without its up file, is an
    /// error.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Self> {
        struct Parsed<'a> {
            version: u64,
            name: String,
            up: Option<&'a str>,
            down: Option<&'a str>,
        }
        let mut steps: Vec<Parsed<'_>> = Vec::new();
        for (file, script) in files {
            let Some(stem) = file.strip_suffix(".cypher") else {
                continue;
            };
            let (stem, down) = match (stem.strip_suffix(".up"), stem.strip_suffix(".down")) {
                (Some(stem), _) => (stem, false),
                (_, Some(stem)) => (stem, true),
                _ => (stem, false),
            };
            let parsed = stem
                .strip_prefix('V')
                .and_then(|s| s.split_once("__"))
                .and_then(|(v, name)| Some((v.parse::<u64>().ok()?, name.replace('_', " "))));
            let Some((version, name)) = parsed else {
                return Err(Error::Files(format!(
                    "migration file {file} is not named V<version>__<name>.cypher \
                     (or .up.cypher and .down.cypher)"
                )));
            };
            let index = match steps.iter().position(|s| s.version == version) {
                Some(index) if steps[index].name == name => index,
                Some(index) => {
                    return Err(Error::Files(format!(
                        "migration files {file} and `{}` share version {version}",
                        steps[index].name
                    )))
                }
                None => {
                    steps.push(Parsed {
                        version,
                        name,
                        up: None,
                        down: None,
                    });
                    steps.len() - 1
                }
            };
            let slot = if down {
                &mut steps[index].down
            } else {
                &mut steps[index].up
            };
            if slot.replace(script).is_some() {
                return Err(Error::Files(format!(
                    "migration version {version} has two {} files",
                    if down { "down" } else { "up" }
                )));
            }
        }
        steps.sort_by_key(|s| s.version);
        let mut migrations = Self::new();
        for step in steps {
            let Some(up) = step.up else {
                return Err(Error::Files(format!(
                    "migration version {} `{}` has a down file and no up file",
                    step.version, step.name
                )));
            };
            migrations = migrations.cypher(step.version, &step.name, up);
            if let Some(down) = step.down {
                migrations = migrations.down(down);
            }
        }
        Ok(migrations)
    }

    /// What [`embed_migrations!`](crate::embed_migrations) expands to: like
    /// [`from_files`](Self::from_files), with a mistake kept for `migrate` and `status` to
    /// report (the macro already refused misnamed files at compile time).
    #[doc(hidden)]
    pub fn embedded(files: &[(&str, &str)]) -> Self {
        Self::from_files(files).unwrap_or_else(|e| Self::new().invalid(0, "", &e.to_string()))
    }

    /// Writes the files of a new reversible step into `dir` (created if missing):
    /// `V<version>__<name>.up.cypher` and `.down.cypher`, where the version is the UTC time
    /// `YYYYMMDDHHMMSS` (one more than the newest file's version if that is later). Returns
    /// the two paths; what `typher migrate add NAME` runs.
    pub fn add_files(dir: impl AsRef<Path>, name: &str) -> Result<[std::path::PathBuf; 2]> {
        let dir = dir.as_ref();
        let io = |e: std::io::Error| Error::Files(format!("{}: {e}", dir.display()));
        let slug: String = name
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let slug = slug.trim_matches('_').to_owned();
        if slug.is_empty() {
            return Err(Error::Files(format!("`{name}` is no migration name")));
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let now: u64 = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
            .format("%Y%m%d%H%M%S")
            .to_string()
            .parse()
            .unwrap_or(1);
        let newest = Self::from_dir(dir)?.versions().last().copied().unwrap_or(0);
        let version = now.max(newest + 1);
        let paths = [
            dir.join(format!("V{version}__{slug}.up.cypher")),
            dir.join(format!("V{version}__{slug}.down.cypher")),
        ];
        let texts = [
            format!(
                "// Migration {version} `{}`: what it does.\n",
                slug.replace('_', " ")
            ),
            format!("// Undoes migration {version}.\n"),
        ];
        for (path, text) in paths.iter().zip(texts) {
            std::fs::write(path, text).map_err(io)?;
        }
        Ok(paths)
    }

    /// The versions, in order.
    pub fn versions(&self) -> Vec<u64> {
        self.steps.iter().map(|s| s.version).collect()
    }

    fn invalid(mut self, version: u64, name: &str, reason: &str) -> Self {
        self.invalid
            .get_or_insert((version, name.to_owned(), reason.to_owned()));
        self
    }

    fn push(mut self, version: u64, name: &str, checksum: String, body: Body) -> Self {
        if version == 0 {
            return self.invalid(version, name, "versions start at 1");
        }
        if let Some(last) = self.steps.last() {
            if version <= last.version {
                let reason = format!(
                    "versions must increase: it follows version {} `{}`",
                    last.version, last.name
                );
                return self.invalid(version, name, &reason);
            }
        }
        self.steps.push(Step {
            version,
            name: name.to_owned(),
            checksum,
            body,
            down: None,
        });
        self
    }

    fn check_list(&self) -> Result<()> {
        match &self.invalid {
            Some((version, name, reason)) => Err(Error::Migration {
                version: *version,
                name: name.clone(),
                reason: reason.clone(),
                source: None,
            }),
            None => Ok(()),
        }
    }

    /// The steps as the database records them, by version.
    async fn records(db: &Client) -> exec::Result<Vec<Record>> {
        Box::pin(db.fetch_all(raw::<Record>(format!(
            "MATCH (m:{MIGRATION_LABEL}) RETURN m.version AS version, m.name AS name, \
             m.checksum AS checksum, toString(m.applied_at) AS applied_at ORDER BY version"
        ))))
        .await
    }

    /// Where each step stands in `db`: applied, pending, changed since applied, or recorded
    /// but unknown to this list.
    pub async fn status(&self, db: &Client) -> Result<Vec<StepStatus>> {
        self.check_list()?;
        let records = Self::records(db).await?;
        let mut status: Vec<StepStatus> = self
            .steps
            .iter()
            .map(|step| {
                let record = records
                    .iter()
                    .find(|r| u64::try_from(r.version) == Ok(step.version));
                let state = match record {
                    None => StepState::Pending,
                    Some(r) if r.checksum == step.checksum => StepState::Applied {
                        at: r.applied_at.clone(),
                    },
                    Some(r) => StepState::Changed {
                        recorded: r.checksum.clone(),
                        now: step.checksum.clone(),
                    },
                };
                StepStatus {
                    version: step.version,
                    name: step.name.clone(),
                    reversible: step.down.is_some(),
                    state,
                }
            })
            .collect();
        for r in &records {
            let version = u64::try_from(r.version).unwrap_or(0);
            if !self.steps.iter().any(|s| s.version == version) {
                status.push(StepStatus {
                    version,
                    name: r.name.clone(),
                    reversible: false,
                    state: StepState::Unknown,
                });
            }
        }
        status.sort_by_key(|s| s.version);
        Ok(status)
    }

    /// The steps [`migrate`](Self::migrate) would apply now, with their statements, after
    /// the same checks; sends nothing but reads. What `--dry-run` prints.
    pub async fn plan(&self, db: &Client) -> Result<Vec<Planned>> {
        let pending = self.pending(db).await?;
        Ok(pending
            .iter()
            .map(|step| planned(step, &step.body))
            .collect())
    }

    /// The pending steps, in order, after refusing a changed or unknown applied step and a
    /// pending step before an applied one.
    async fn pending(&self, db: &Client) -> Result<Vec<&Step>> {
        let status = self.status(db).await?;
        let mut latest_applied = 0;
        for s in &status {
            let refuse = |reason: String| Error::Migration {
                version: s.version,
                name: s.name.clone(),
                reason,
                source: None,
            };
            match &s.state {
                StepState::Changed { recorded, now } => {
                    return Err(refuse(format!(
                        "changed since it was applied (checksum {recorded}, now {now}); \
                         add a new step instead of editing an applied one"
                    )))
                }
                StepState::Unknown => {
                    return Err(refuse(
                        "the database records this step, and the list has no such version"
                            .to_owned(),
                    ))
                }
                StepState::Applied { .. } => latest_applied = s.version,
                StepState::Pending => {}
            }
        }
        if let Some(early) = status
            .iter()
            .find(|s| s.state == StepState::Pending && s.version < latest_applied)
        {
            return Err(Error::Migration {
                version: early.version,
                name: early.name.clone(),
                reason: format!("pending, and comes before applied version {latest_applied}"),
                source: None,
            });
        }
        Ok(self
            .steps
            .iter()
            .filter(|step| {
                status
                    .iter()
                    .any(|s| s.version == step.version && s.state == StepState::Pending)
            })
            .collect())
    }

    /// Applies the steps `db` has not recorded yet, in order, each in its own transaction
    /// together with its record; returns what it applied (nothing when up to date).
    ///
    /// Holds the migration lock while it runs: a second run, from this process or another
    /// machine, waits for it (up to [`lock_timeout`](Self::lock_timeout)), then finds the
    /// steps applied, so nothing is applied twice. Refuses, before running anything, when an
    /// applied step has changed since, when the database records a step the list lacks, or
    /// when a pending step comes before an applied one. A failing step rolls back, is not
    /// recorded, and stops the run.
    ///
    /// ```no_run
    /// # async fn demo(db: &typher::Client) -> typher::Result<()> {
    /// use typher::schema_tools::Migrations;
    /// let applied = Migrations::from_dir("migrations")?.migrate(db).await?;
    /// println!("{} steps applied", applied.len());
    /// # Ok(()) }
    /// ```
    pub async fn migrate(&self, db: &Client) -> Result<Vec<Applied>> {
        self.under_lock(db, self.migrate_locked(db)).await
    }

    /// Runs `work` holding the migration lock, after checking the list; releases the lock
    /// whatever `work` returned.
    async fn under_lock<T>(&self, db: &Client, work: impl Future<Output = Result<T>>) -> Result<T> {
        self.check_list()?;
        let lock = Lock::acquire(db, self.lock_timeout.unwrap_or(DEFAULT_LOCK_TIMEOUT)).await?;
        let result = work.await;
        lock.release(db).await;
        result
    }

    async fn migrate_locked(&self, db: &Client) -> Result<Vec<Applied>> {
        let mut applied = Vec::new();
        for step in self.pending(db).await? {
            let started = Instant::now();
            Box::pin(apply(db, &step.body, step, true))
                .await
                .map_err(|e| failed(step, &step.body, e))?;
            applied.push(Applied {
                version: step.version,
                name: step.name.clone(),
                took: started.elapsed(),
            });
        }
        Ok(applied)
    }

    /// The step [`revert`](Self::revert) would undo now (the latest applied one), with its
    /// down statements; `None` when nothing is applied. Sends nothing but reads.
    pub async fn revert_plan(&self, db: &Client) -> Result<Option<Planned>> {
        Ok(self
            .latest_applied(db)
            .await?
            .map(|(step, down)| planned(step, down)))
    }

    /// The latest applied step and its down body; refuses an unknown, changed or
    /// irreversible one.
    async fn latest_applied(&self, db: &Client) -> Result<Option<(&Step, &Body)>> {
        let status = self.status(db).await?;
        let Some(latest) = status.iter().rev().find(|s| s.state != StepState::Pending) else {
            return Ok(None);
        };
        let refuse = |reason: &str| Error::Migration {
            version: latest.version,
            name: latest.name.clone(),
            reason: reason.to_owned(),
            source: None,
        };
        let step = match &latest.state {
            StepState::Unknown => {
                return Err(refuse(
                    "the latest applied step is not in the list, so it cannot be reverted",
                ))
            }
            StepState::Changed { .. } => {
                return Err(refuse(
                    "changed since it was applied; revert with the version that applied it",
                ))
            }
            _ => self.steps.iter().find(|s| s.version == latest.version),
        };
        let Some(step) = step else {
            return Ok(None);
        };
        match &step.down {
            Some(down) => Ok(Some((step, down))),
            None => Err(refuse(
                "irreversible: it has no down script (a `.down.cypher` file, or `.down(..)`)",
            )),
        }
    }

    /// Undoes the latest applied step with its down script and deletes its record, in one
    /// transaction (schema statements one by one, as they run); returns it, or `None` when
    /// nothing is applied. Holds the migration lock, like [`migrate`](Self::migrate).
    pub async fn revert(&self, db: &Client) -> Result<Option<Applied>> {
        self.under_lock(db, self.revert_locked(db)).await
    }

    async fn revert_locked(&self, db: &Client) -> Result<Option<Applied>> {
        let Some((step, down)) = self.latest_applied(db).await? else {
            return Ok(None);
        };
        let started = Instant::now();
        Box::pin(apply(db, down, step, false))
            .await
            .map_err(|e| failed(step, down, e))?;
        Ok(Some(Applied {
            version: step.version,
            name: step.name.clone(),
            took: started.elapsed(),
        }))
    }

    /// Who holds the migration lock and since when, if anyone does.
    pub async fn lock_holder(db: &Client) -> Result<Option<String>> {
        let held = Lock::held_by(db).await?;
        Ok((!held.is_empty()).then_some(held))
    }

    /// Removes a lock a crashed run left behind; returns whether there was one. Only for when
    /// no run is active: the lock is what keeps two runs apart.
    pub async fn unlock(db: &Client) -> Result<bool> {
        #[derive(serde::Deserialize)]
        struct Removed {
            removed: i64,
        }
        let removed = Box::pin(db.fetch_all(raw::<Removed>(format!(
            "OPTIONAL MATCH (l:{MIGRATION_LOCK_LABEL}) DETACH DELETE l RETURN count(l) AS removed"
        ))))
        .await?;
        Ok(removed.first().is_some_and(|r| r.removed > 0))
    }
}

/// What a dry run shows of `body` for `step`.
fn planned(step: &Step, body: &Body) -> Planned {
    Planned {
        version: step.version,
        name: step.name.clone(),
        statements: body.describe(),
    }
}

/// The error of a step that failed while `body` ran.
fn failed(step: &Step, body: &Body, e: exec::Error) -> Error {
    Error::Migration {
        version: step.version,
        name: step.name.clone(),
        reason: match body {
            Body::Schema(_) => {
                "failed; schema statements before the failing one stay applied".to_owned()
            }
            _ => "failed; nothing of it was kept and its record is unchanged".to_owned(),
        },
        source: Some(Box::new(e)),
    }
}

fn rust_body<F>(step: F) -> Body
where
    F: AsyncFn(&ManagedTransaction) -> exec::Result<()> + Send + Sync + 'static,
{
    let step = Arc::new(step);
    Body::Rust(Arc::new(move |tx| {
        let step = Arc::clone(&step);
        Box::pin(async move { step(tx).await })
    }))
}

/// The migration lock, held in the database as one node under a uniqueness constraint.
struct Lock {
    holder: String,
}

impl Lock {
    /// Takes the lock, waiting while another run holds it, up to `timeout`.
    async fn acquire(db: &Client, timeout: Duration) -> Result<Self> {
        // Concurrent runs may race to create the constraint; one wins, and a failure here
        // is told by the CREATE below if the constraint is really missing.
        let _ = Box::pin(db.execute(raw::<()>(format!(
            "CREATE CONSTRAINT {MIGRATION_LOCK_CONSTRAINT} IF NOT EXISTS \
             FOR (l:{MIGRATION_LOCK_LABEL}) REQUIRE l.name IS UNIQUE"
        ))))
        .await;
        let holder = format!(
            "process {} ({:016x})",
            std::process::id(),
            fastrand::u64(..)
        );
        let started = Instant::now();
        loop {
            let taken = Box::pin(
                db.execute(
                    raw::<()>(format!(
                        "CREATE (:{MIGRATION_LOCK_LABEL} {{name: 'migrations', holder: $holder, \
                     since: datetime()}})"
                    ))
                    .param("holder", &holder),
                ),
            )
            .await;
            match taken {
                Ok(_) => return Ok(Self { holder }),
                Err(exec::Error::ConstraintViolation { .. }) if started.elapsed() < timeout => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(exec::Error::ConstraintViolation { .. }) => {
                    let held = Self::held_by(db).await.unwrap_or_default();
                    return Err(Error::Locked {
                        waited: started.elapsed(),
                        holder: held,
                    });
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Who holds the lock and since when, as the database records it.
    async fn held_by(db: &Client) -> exec::Result<String> {
        #[derive(serde::Deserialize)]
        struct Held {
            holder: String,
            since: String,
        }
        let held = Box::pin(db.fetch_all(raw::<Held>(format!(
            "MATCH (l:{MIGRATION_LOCK_LABEL}) RETURN l.holder AS holder, \
             toString(l.since) AS since"
        ))))
        .await?;
        Ok(held
            .first()
            .map(|h| format!("{} since {}", h.holder, h.since))
            .unwrap_or_default())
    }

    /// Gives the lock back. A failure leaves it for `typher migrate unlock`.
    async fn release(self, db: &Client) {
        let released = Box::pin(
            db.execute(
                raw::<()>(format!(
                    "MATCH (l:{MIGRATION_LOCK_LABEL} {{holder: $holder}}) DELETE l"
                ))
                .param("holder", &self.holder),
            ),
        )
        .await;
        if let Err(e) = released {
            tracing::warn!(error = %e, "the migration lock could not be released; \
                 remove it with `typher migrate unlock` once no run is active");
        }
    }
}

/// The statement recording a step.
fn record(step: &Step) -> crate::exec::Raw<crate::exec::decode::ByName<()>> {
    raw::<()>(format!(
        "CREATE (:{MIGRATION_LABEL} {{version: $version, name: $name, checksum: $checksum, \
         applied_at: datetime()}})"
    ))
    .param("version", step.version)
    .param("name", &step.name)
    .param("checksum", &step.checksum)
}

/// The statement deleting a step's record.
fn forget(step: &Step) -> crate::exec::Raw<crate::exec::decode::ByName<()>> {
    raw::<()>(format!(
        "MATCH (m:{MIGRATION_LABEL} {{version: $version}}) DELETE m"
    ))
    .param("version", step.version)
}

/// Runs `body`, then records `step` as applied (`applying`) or deletes its record
/// (reverting), in the body's transaction when it has one.
async fn apply(db: &Client, body: &Body, step: &Step, applying: bool) -> exec::Result<()> {
    let bookkeeping = || if applying { record(step) } else { forget(step) };
    match body {
        Body::Schema(statements) => {
            for statement in statements {
                Box::pin(db.execute(raw::<()>(statement.as_str()))).await?;
            }
            Box::pin(db.execute(bookkeeping())).await?;
        }
        Body::Cypher(statements) => {
            Box::pin(db.write(async |tx| {
                for statement in statements {
                    tx.execute(raw::<()>(statement.as_str())).await?;
                }
                tx.execute(bookkeeping()).await?;
                Ok(())
            }))
            .await?;
        }
        Body::Rust(run) => {
            Box::pin(db.write(async |tx| {
                run(&tx).await?;
                tx.execute(bookkeeping()).await?;
                Ok(())
            }))
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_split_at_statement_ends_only() {
        let script = "CREATE (:A {s: 'a;b'}); // one; comment\n\
                      MATCH (`x;y`) /* block; */ RETURN \"q\\\";\";\n\n;  ";
        assert_eq!(
            split_statements(script),
            [
                "CREATE (:A {s: 'a;b'})",
                "MATCH (`x;y`)   RETURN \"q\\\";\""
            ]
        );
    }

    #[test]
    fn schema_statements_are_told_apart() {
        assert!(is_schema(
            "create constraint x IF NOT EXISTS FOR (n:A) REQUIRE n.a IS UNIQUE"
        ));
        assert!(is_schema("DROP INDEX x IF EXISTS"));
        assert!(is_schema("CREATE TEXT INDEX t FOR (n:A) ON (n.b)"));
        assert!(!is_schema("CREATE (:Index {constraint: 1})"));
    }

    #[test]
    fn mistakes_in_the_list_are_reported_not_panicked() {
        let m = Migrations::new()
            .cypher(2, "b", "RETURN 1")
            .cypher(1, "a", "RETURN 1");
        assert!(matches!(
            m.check_list(),
            Err(Error::Migration { version: 1, .. })
        ));
        let mixed =
            Migrations::new().cypher(1, "x", "CREATE INDEX i FOR (n:A) ON (n.a); CREATE (:A)");
        assert!(matches!(
            mixed.check_list(),
            Err(Error::Migration { version: 1, .. })
        ));
    }

    #[test]
    fn checksums_follow_the_text() {
        let a = Migrations::new().cypher(1, "a", "RETURN 1");
        let b = Migrations::new().cypher(1, "a", "RETURN 1;\n");
        let c = Migrations::new().cypher(1, "a", "RETURN 2");
        assert_eq!(a.steps[0].checksum, b.steps[0].checksum);
        assert_ne!(a.steps[0].checksum, c.steps[0].checksum);
    }
}
