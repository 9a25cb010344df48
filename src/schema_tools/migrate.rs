//! Versioned migrations: ordered steps, each applied once and recorded in the database with
//! a checksum.

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
}

impl std::fmt::Debug for Migrations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.steps.iter().map(|s| (s.version, &s.name, &s.checksum)))
            .finish()
    }
}

/// One step [`Migrations::migrate`] applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// The step's version.
    pub version: u64,
    /// The step's name.
    pub name: String,
    /// How long it took.
    pub took: Duration,
}

/// Where a step stands in a database; see [`Migrations::status`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepStatus {
    /// The step's version.
    pub version: u64,
    /// The step's name (as recorded, for a step the list does not have).
    pub name: String,
    /// Its state.
    pub state: StepState,
}

/// The state of a step in a database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum StepState {
    /// Applied, and unchanged since.
    Applied {
        /// When, as the server recorded it.
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
        let statements = split_statements(script);
        let checksum = checksum("cypher", &statements);
        let schema = statements.iter().filter(|s| is_schema(s)).count();
        let body = if schema == 0 {
            Body::Cypher(statements)
        } else if schema == statements.len() {
            Body::Schema(statements)
        } else {
            return self.invalid(
                version,
                name,
                "a step mixes schema statements (constraints, indexes) with data statements; \
                 Neo4j runs them in separate transactions, so make them two steps",
            );
        };
        self.push(version, name, checksum, body)
    }

    /// Adds a step that runs a Rust function in the step's transaction. Its checksum covers
    /// its version and name only: a changed function is not detected, so give a changed
    /// step a new version.
    pub fn rust<F>(self, version: u64, name: &str, step: F) -> Self
    where
        F: AsyncFn(&ManagedTransaction) -> exec::Result<()> + Send + Sync + 'static,
    {
        let step = Arc::new(step);
        let body: Arc<StepFn> = Arc::new(move |tx| {
            let step = Arc::clone(&step);
            Box::pin(async move { step(tx).await })
        });
        let checksum = checksum("rust", &[name.to_owned()]);
        self.push(version, name, checksum, Body::Rust(body))
    }

    /// Adds one step per `V<version>__<name>.cypher` file of `dir` (`V3__add_person_index.cypher`
    /// is step 3, `add person index`), in version order. Other files are skipped.
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
            let Some(stem) = file.strip_suffix(".cypher") else {
                continue;
            };
            let parsed = stem
                .strip_prefix('V')
                .and_then(|s| s.split_once("__"))
                .and_then(|(v, name)| Some((v.parse::<u64>().ok()?, name.replace('_', " "))));
            let Some((version, name)) = parsed else {
                return Err(Error::Files(format!(
                    "migration file {file} is not named V<version>__<name>.cypher"
                )));
            };
            files.push((version, name, path));
        }
        files.sort_by_key(|(v, ..)| *v);
        let mut migrations = Self::new();
        for (version, name, path) in files {
            let script = std::fs::read_to_string(&path).map_err(read_error)?;
            migrations = migrations.cypher(version, &name, &script);
        }
        Ok(migrations)
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
                    state: StepState::Unknown,
                });
            }
        }
        status.sort_by_key(|s| s.version);
        Ok(status)
    }

    /// Applies the steps `db` has not recorded yet, in order, each in its own transaction
    /// together with its record; returns what it applied (nothing when up to date).
    ///
    /// Refuses, before running anything, when an applied step has changed since, when the
    /// database records a step the list lacks, or when a pending step comes before an
    /// applied one. A failing step rolls back, is not recorded, and stops the run.
    ///
    /// ```no_run
    /// # async fn demo(db: &typher::Client) -> typher::Result<()> {
    /// use typher::schema_tools::Migrations;
    /// let applied = Migrations::from_dir("migrations")?.migrate(db).await?;
    /// println!("{} steps applied", applied.len());
    /// # Ok(()) }
    /// ```
    pub async fn migrate(&self, db: &Client) -> Result<Vec<Applied>> {
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
        let mut applied = Vec::new();
        for step in &self.steps {
            if !status
                .iter()
                .any(|s| s.version == step.version && s.state == StepState::Pending)
            {
                continue;
            }
            let started = Instant::now();
            Box::pin(apply(db, step))
                .await
                .map_err(|e| Error::Migration {
                    version: step.version,
                    name: step.name.clone(),
                    reason: match step.body {
                        Body::Schema(_) => "failed and was not recorded; schema statements                                             before the failing one stay applied"
                            .to_owned(),
                        _ => "failed; nothing of it was kept and it was not recorded".to_owned(),
                    },
                    source: Some(Box::new(e)),
                })?;
            applied.push(Applied {
                version: step.version,
                name: step.name.clone(),
                took: started.elapsed(),
            });
        }
        Ok(applied)
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

/// Runs one step and records it.
async fn apply(db: &Client, step: &Step) -> exec::Result<()> {
    match &step.body {
        Body::Schema(statements) => {
            for statement in statements {
                Box::pin(db.execute(raw::<()>(statement.as_str()))).await?;
            }
            Box::pin(db.execute(record(step))).await?;
        }
        Body::Cypher(statements) => {
            Box::pin(db.write(async |tx| {
                for statement in statements {
                    tx.execute(raw::<()>(statement.as_str())).await?;
                }
                tx.execute(record(step)).await?;
                Ok(())
            }))
            .await?;
        }
        Body::Rust(run) => {
            Box::pin(db.write(async |tx| {
                run(&tx).await?;
                tx.execute(record(step)).await?;
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
