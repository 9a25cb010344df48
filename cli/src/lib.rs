//! The `typher` command line as a library, so your own crate gets a command line with your
//! models and migrations compiled in: no schema file to write, no folder to ship.
//!
//! ```no_run
//! // src/bin/typher.rs of your crate; run it with `cargo run --bin typher -- diff`.
//! use typher::prelude::*;
//! use typher::schema_tools::{Migrations, Schema};
//!
//! #[derive(Node, serde::Serialize, serde::Deserialize)]
//! pub struct Person {
//!     #[node(unique)]
//!     pub name: String,
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     typher_cli::App::new()
//!         .schema(Schema::new().node::<Person>())
//!         .migrations(
//!             Migrations::new()
//!                 .cypher(1, "people", "CREATE (:Person {name: 'Ada'})")
//!                 .down("MATCH (p:Person {name: 'Ada'}) DELETE p"),
//!         )
//!         .run()
//! }
//! ```
//!
//! A service builds its migration files in with `typher::embed_migrations!("migrations")`
//! (a `Migrations` of the folder's `.cypher` files, checked at compile time), and passes that
//! to `.migrations(..)`; `typher migrate add NAME` writes a new pair of files there.
//!
//! `cargo install typher-cli` installs the same command line without models (`typher`):
//! `install`, `drop` and `diff` then read a schema file (`--schema FILE`, the JSON of a
//! [`Schema`], as `typher inspect --schema-out` writes it), and migrations come from
//! `--dir` (default `migrations`).
//!
//! The commands: `inspect`, `install`, `drop`, `diff`, and `migrate run | add | revert |
//! status | unlock`. Every command that writes takes `--dry-run`, which prints what it would
//! do and writes nothing. With `--json`, each report has one documented shape:
//! - `migrate run`: `[{"version": 3, "name": "..", "took_ms": 12}]`
//!   ([`Applied`](typher::schema_tools::Applied)); with `--dry-run`, `[{"version": 3,
//!   "name": "..", "statements": [".."]}]` ([`Planned`]);
//! - `migrate revert`: one `Applied` or `null`; with `--dry-run`, one `Planned` or `null`;
//! - `migrate status`: `[{"version": 3, "name": "..", "reversible": true, "state":
//!   "applied", "applied_at": ".."}]`, `state` one of `applied`, `pending`, `changed` (with
//!   `recorded` and `now`), `unknown` ([`StepStatus`](typher::schema_tools::StepStatus));
//! - `diff`: a [`Drift`](typher::schema_tools::Drift); `inspect`: an
//!   [`Inspection`](typher::schema_tools::Inspection).
//!
//! Exit status: 0 when done, 1 when `diff` finds drift, 2 on an error.

#![warn(missing_docs)]

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use typher::schema_tools::{
    drop_installed, inspect, list, InspectOptions, Migrations, Planned, Schema, StepState,
    DEFAULT_SAMPLE,
};
use typher::{Client, Settings};
use typher_testkit::EmbeddedServer;

/// A command line with (optionally) your models and migrations built in; see the
/// [crate docs](crate).
#[derive(Default)]
#[must_use = "an App does nothing until `run`"]
pub struct App {
    schema: Option<Schema>,
    migrations: Option<Migrations>,
}

/// Why a command failed, as printed after `error: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

/// `?` turns each of these errors into a [`Failure`] with its message.
macro_rules! failure_from {
    ($($error:ty),*) => {$(
        impl From<$error> for Failure {
            fn from(e: $error) -> Self {
                Failure(e.to_string())
            }
        }
    )*};
}

failure_from!(
    String,
    &str,
    typher::schema_tools::Error,
    typher::exec::Error,
    std::io::Error,
    serde_json::Error
);

impl App {
    /// A command line without models: schemas from files, migrations from a folder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds your models in: `install`, `drop` and `diff` use `schema` unless given
    /// `--schema FILE`.
    pub fn schema(mut self, schema: Schema) -> Self {
        self.schema = Some(schema);
        self
    }

    /// Builds your migrations in (see [`typher::embed_migrations!`]): `migrate run`,
    /// `revert` and `status` use them unless given `--dir`.
    pub fn migrations(mut self, migrations: Migrations) -> Self {
        self.migrations = Some(migrations);
        self
    }

    /// Parses the process's arguments, runs the command, prints to stdout, and returns the
    /// exit status (errors go to stderr, with status 2).
    pub fn run(self) -> ExitCode {
        let mut stdout = std::io::stdout().lock();
        match self.run_from(std::env::args_os(), &mut stdout) {
            Ok(code) => code,
            Err(failure) => {
                eprintln!("error: {failure}");
                ExitCode::from(2)
            }
        }
    }

    /// Runs the command line `args` (the first is the program's name), writing what it
    /// prints to `out`: for tests, and for programs that drive it. `--help` and argument
    /// mistakes come back as a [`Failure`] holding clap's text.
    pub fn run_from<I, T>(self, args: I, out: &mut dyn Write) -> Result<ExitCode, Failure>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let cli = match Cli::try_parse_from(args) {
            Ok(cli) => cli,
            Err(e) if !e.use_stderr() => {
                write!(out, "{e}")?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(e) => return Err(Failure(e.render().to_string())),
        };
        let runtime = tokio::runtime::Runtime::new()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        runtime.block_on(self.execute(cli, out))
    }
}

/// Schema tools for Neo4j: write Rust models from a live graph, install the constraints and
/// indexes your models imply, check the database for drift, and run versioned migrations.
///
/// Connects with --uri/--user/--password/--database, or NEO4J_URI, NEO4J_USER,
/// NEO4J_PASSWORD and NEO4J_DATABASE; --embedded starts a throwaway local server with the
/// movies example graph instead.
#[derive(Parser)]
#[command(
    name = "typher",
    version,
    max_term_width = 100,
    after_help = "Every command that writes takes --dry-run. JSON shapes: see \
                  https://docs.rs/typher-cli.\n\
                  Exit status: 0 when done, 1 when `diff` finds drift, 2 on an error.\n\
                  Try it: typher --embedded inspect"
)]
struct Cli {
    #[command(flatten)]
    connection: Connection,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Connection {
    /// The server's Bolt URI (bolt://, bolt+s://, neo4j://, neo4j+s://).
    #[arg(long, env = "NEO4J_URI", global = true)]
    uri: Option<String>,
    /// The user name.
    #[arg(long, env = "NEO4J_USER", global = true)]
    user: Option<String>,
    /// The password (prefer the environment variable: flags show in process lists).
    #[arg(long, env = "NEO4J_PASSWORD", hide_env_values = true, global = true)]
    password: Option<String>,
    /// The database [default: neo4j].
    #[arg(long, env = "NEO4J_DATABASE", global = true)]
    database: Option<String>,
    /// Start a throwaway local server (embedded ArcadeDB with the Bolt plugin, installed
    /// through pip on first use), loaded with the movies example graph, and use it instead.
    #[arg(long, global = true)]
    embedded: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Write Rust models for the database: a #[derive(Node)] struct per label and a
    /// #[derive(Relationship)] struct per relationship type, with types inferred from
    /// sampled values.
    Inspect {
        /// Write the models to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also write the schema the models imply, as JSON, for `install` and `diff`.
        #[arg(long, value_name = "FILE")]
        schema_out: Option<PathBuf>,
        /// How many nodes of each label and relationships of each type to sample.
        #[arg(long, default_value_t = DEFAULT_SAMPLE, value_name = "N")]
        sample: usize,
        /// Leave relationship properties out of the models.
        #[arg(long)]
        skip_relationship_properties: bool,
        /// Print what was found as JSON instead of Rust.
        #[arg(long)]
        json: bool,
    },
    /// Create the constraints and indexes the models imply (IF NOT EXISTS: installing
    /// twice changes nothing).
    Install {
        #[command(flatten)]
        schema: SchemaFile,
        /// Print the statements instead of running them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Drop the constraints and indexes typher installed: those of the models, or with
    /// --all every one named typher_*. Others are never touched.
    Drop {
        #[command(flatten)]
        schema: SchemaFile,
        /// Drop every constraint and index typher installed, whatever schema it came from.
        #[arg(long)]
        all: bool,
        /// Print the statements instead of running them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Compare the models with the database: missing or extra constraints and indexes,
    /// undeclared labels and relationship types, and sampled values of the wrong type.
    /// Exits with 1 when they differ.
    Diff {
        #[command(flatten)]
        schema: SchemaFile,
        /// How many nodes of each label and relationships of each type to sample.
        #[arg(long, default_value_t = DEFAULT_SAMPLE, value_name = "N")]
        sample: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Versioned migrations: run, add, revert, status, unlock.
    #[command(subcommand)]
    Migrate(Migrate),
}

#[derive(Subcommand)]
enum Migrate {
    /// Apply the migrations the database has not recorded yet, in version order, holding
    /// the migration lock (a second run waits for it).
    Run(LockedRun),
    /// Write the files of a new reversible migration: V<timestamp>__<name>.up.cypher and
    /// .down.cypher.
    Add {
        /// What the migration does, such as "add person index".
        name: String,
        /// The folder to write into.
        #[arg(long, default_value = "migrations", value_name = "DIR")]
        dir: PathBuf,
        /// Print the files it would write; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Undo the latest applied migration with its down script and forget it.
    Revert(LockedRun),
    /// Show which migrations are applied, pending, changed since applied, or unknown.
    Status {
        #[command(flatten)]
        dir: MigrationsDir,
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove the lock a crashed run left behind (only when no run is active).
    Unlock {
        /// Tell who holds the lock; remove nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Args)]
struct SchemaFile {
    /// The schema, as JSON: `serde_json::to_string(&schema)` of a typher::schema_tools::Schema,
    /// or what `typher inspect --schema-out` wrote. Needed unless the models are built in.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
    /// Keep only what Neo4j Community Edition can install (uniqueness constraints and
    /// indexes).
    #[arg(long)]
    community: bool,
}

/// What `migrate run` and `migrate revert` take: both write, under the migration lock.
#[derive(Args)]
struct LockedRun {
    #[command(flatten)]
    dir: MigrationsDir,
    /// Print the steps and statements that would run; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// How long to wait while another run holds the lock.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    lock_timeout: u64,
}

#[derive(Args)]
struct MigrationsDir {
    /// The folder of migration files, named like V3__add_person_index.cypher (version 3) or
    /// V3__add_person_index.up.cypher and .down.cypher. Default: the migrations built in,
    /// else `migrations`.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// A connected client, and the embedded server it talks to, if any (kept alive with it).
async fn connect(connection: &Connection) -> Result<(Client, Option<EmbeddedServer>), Failure> {
    if connection.embedded {
        eprintln!("starting a throwaway embedded server with the movies graph ..");
        let server = tokio::task::spawn_blocking(EmbeddedServer::start)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        let client = server.client().await?;
        typher_testkit::movies_data::load(&client)
            .await
            .map_err(|e| format!("loading the movies graph: {e}"))?;
        return Ok((client, Some(server)));
    }
    let settings = Settings::from_lookup(|key| {
        let flag = match key {
            "NEO4J_URI" => &connection.uri,
            "NEO4J_USER" => &connection.user,
            "NEO4J_PASSWORD" => &connection.password,
            "NEO4J_DATABASE" => &connection.database,
            _ => return None,
        };
        flag.clone()
    })
    .map_err(|e| format!("{e}; or pass --uri, --user and --password, or try --embedded"))?;
    Ok((Client::connect(settings).await?, None))
}

fn load_schema(path: &Path) -> Result<Schema, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the schema {}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a typher schema: {e}", path.display()))?)
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    Ok(std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    Ok(serde_json::to_string_pretty(value)?)
}

fn print_plan(out: &mut dyn Write, verb: &str, plan: &[Planned]) -> Result<(), Failure> {
    if plan.is_empty() {
        writeln!(out, "nothing to {verb}")?;
    }
    for step in plan {
        writeln!(out, "would {verb} {} {}:", step.version, step.name)?;
        for statement in &step.statements {
            writeln!(out, "  {statement};")?;
        }
    }
    Ok(())
}

impl App {
    /// The schema of a command: its file if given, else the models built in.
    fn schema_of(&self, file: &SchemaFile) -> Result<Schema, Failure> {
        let schema = match (&file.schema, &self.schema) {
            (Some(path), _) => load_schema(path)?,
            (None, Some(schema)) => schema.clone(),
            (None, None) => {
                return Err(Failure(
                    "no schema: pass --schema FILE, or build your models in with \
                     typher_cli::App::new().schema(..)"
                        .into(),
                ))
            }
        };
        Ok(if file.community {
            schema.for_community()
        } else {
            schema
        })
    }

    /// The migrations of a command: its folder if given, else those built in, else
    /// `migrations`.
    fn migrations_of(&self, dir: &MigrationsDir) -> Result<Migrations, Failure> {
        Ok(match (&dir.dir, &self.migrations) {
            (Some(dir), _) => Migrations::from_dir(dir)?,
            (None, Some(built_in)) => built_in.clone(),
            (None, None) => Migrations::from_dir("migrations")?,
        })
    }

    async fn execute(self, cli: Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
        // Work without a server first; files are read before any connection is tried.
        match &cli.command {
            Command::Install {
                schema,
                dry_run: true,
            } => {
                for statement in self.schema_of(schema)?.statements() {
                    writeln!(out, "{statement};")?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            Command::Migrate(Migrate::Add { name, dir, dry_run }) => {
                if *dry_run {
                    writeln!(
                        out,
                        "would write V<now>__{name}.up.cypher and .down.cypher in {}",
                        dir.display()
                    )?;
                } else {
                    for path in Migrations::add_files(dir, name)? {
                        writeln!(out, "wrote {}", path.display())?;
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            _ => {}
        }
        let schema = match &cli.command {
            Command::Install { schema, .. } | Command::Diff { schema, .. } => {
                Some(self.schema_of(schema)?)
            }
            Command::Drop {
                schema, all: false, ..
            } => Some(self.schema_of(schema)?),
            _ => None,
        };
        let migrations = match &cli.command {
            Command::Migrate(Migrate::Run(run) | Migrate::Revert(run)) => Some(
                self.migrations_of(&run.dir)?
                    .lock_timeout(Duration::from_secs(run.lock_timeout)),
            ),
            Command::Migrate(Migrate::Status { dir, .. }) => Some(self.migrations_of(dir)?),
            _ => None,
        };
        let schema = || schema.clone().ok_or(Failure("no schema was read".into()));
        let migrations = || {
            migrations
                .clone()
                .ok_or(Failure("no migrations were read".into()))
        };
        let (db, _server) = connect(&cli.connection).await?;
        match cli.command {
            Command::Inspect {
                output,
                schema_out,
                sample,
                skip_relationship_properties,
                json: as_json,
            } => {
                let options = InspectOptions {
                    sample,
                    relationship_properties: !skip_relationship_properties,
                };
                let bar = ProgressBar::hidden();
                let found = inspect(&db, options, |p| {
                    if bar.is_hidden() && p.total > 0 {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        bar.set_length(p.total as u64);
                        bar.set_style(
                            ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                                .unwrap_or_else(|_| ProgressStyle::default_bar()),
                        );
                    }
                    bar.set_position(p.done as u64);
                    bar.set_message(p.current.to_owned());
                })
                .await?;
                bar.finish_and_clear();
                let text = if as_json {
                    json(&found)?
                } else {
                    found.to_rust()
                };
                match &output {
                    Some(path) => write_file(path, &text)?,
                    None => write!(out, "{text}")?,
                }
                if let Some(path) = &schema_out {
                    write_file(path, &json(&found.schema())?)?;
                }
                eprintln!(
                    "{} labels and {} relationship types inspected",
                    found.nodes.len(),
                    found.relationships.len()
                );
            }
            Command::Install { .. } => {
                let created = schema()?.install(&db).await?;
                for name in &created {
                    writeln!(out, "created {name}")?;
                }
                writeln!(out, "{} created", created.len())?;
            }
            Command::Drop { all, dry_run, .. } => {
                if dry_run {
                    let installed = list(&db).await?;
                    let statements: Vec<String> = if all {
                        installed
                            .all()
                            .filter(|i| i.is_typher())
                            .map(|i| i.drop_statement())
                            .collect()
                    } else {
                        schema()?
                            .items()
                            .iter()
                            .filter(|i| installed.has(&i.name))
                            .map(|i| i.drop_statement())
                            .collect()
                    };
                    for statement in statements {
                        writeln!(out, "{statement};")?;
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                let dropped = if all {
                    drop_installed(&db).await?
                } else {
                    schema()?.drop(&db).await?
                };
                for name in &dropped {
                    writeln!(out, "dropped {name}")?;
                }
                writeln!(out, "{} dropped", dropped.len())?;
            }
            Command::Diff {
                sample,
                json: as_json,
                ..
            } => {
                let drift = schema()?.diff(&db, sample).await?;
                if as_json {
                    writeln!(out, "{}", json(&drift)?)?;
                } else {
                    write!(out, "{drift}")?;
                }
                if !drift.is_empty() {
                    return Ok(ExitCode::from(1));
                }
            }
            Command::Migrate(Migrate::Run(LockedRun {
                dry_run,
                json: as_json,
                ..
            })) => {
                if dry_run {
                    let plan = migrations()?.plan(&db).await?;
                    if as_json {
                        writeln!(out, "{}", json(&plan)?)?;
                    } else {
                        print_plan(out, "apply", &plan)?;
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                let applied = migrations()?.migrate(&db).await?;
                if as_json {
                    writeln!(out, "{}", json(&applied)?)?;
                } else {
                    for step in &applied {
                        writeln!(
                            out,
                            "applied {} {} ({} ms)",
                            step.version,
                            step.name,
                            step.took.as_millis()
                        )?;
                    }
                    if applied.is_empty() {
                        writeln!(out, "up to date")?;
                    }
                }
            }
            Command::Migrate(Migrate::Revert(LockedRun {
                dry_run,
                json: as_json,
                ..
            })) => {
                if dry_run {
                    let plan = migrations()?.revert_plan(&db).await?;
                    if as_json {
                        writeln!(out, "{}", json(&plan)?)?;
                    } else {
                        print_plan(out, "revert", plan.as_slice())?;
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                let reverted = migrations()?.revert(&db).await?;
                if as_json {
                    writeln!(out, "{}", json(&reverted)?)?;
                } else {
                    match reverted {
                        Some(step) => writeln!(
                            out,
                            "reverted {} {} ({} ms)",
                            step.version,
                            step.name,
                            step.took.as_millis()
                        )?,
                        None => writeln!(out, "nothing to revert")?,
                    }
                }
            }
            Command::Migrate(Migrate::Status { json: as_json, .. }) => {
                let status = migrations()?.status(&db).await?;
                if as_json {
                    writeln!(out, "{}", json(&status)?)?;
                } else {
                    for step in &status {
                        let state = match &step.state {
                            StepState::Applied { at } => format!("applied {at}"),
                            StepState::Pending => "pending".to_owned(),
                            StepState::Changed { recorded, now } => {
                                format!("CHANGED since applied (checksum {recorded}, now {now})")
                            }
                            StepState::Unknown => "UNKNOWN: recorded, not in the list".to_owned(),
                        };
                        let reversible = if step.reversible {
                            ""
                        } else {
                            " (irreversible)"
                        };
                        writeln!(
                            out,
                            "{:>14}  {:<40} {state}{reversible}",
                            step.version, step.name
                        )?;
                    }
                }
            }
            Command::Migrate(Migrate::Unlock { dry_run }) => {
                let holder = Migrations::lock_holder(&db).await?;
                match (holder, dry_run) {
                    (None, _) => writeln!(out, "no lock is held")?,
                    (Some(holder), true) => writeln!(out, "would remove the lock of {holder}")?,
                    (Some(holder), false) => {
                        Migrations::unlock(&db).await?;
                        writeln!(out, "removed the lock of {holder}")?;
                    }
                }
            }
            Command::Migrate(Migrate::Add { .. }) => {}
        }
        Ok(ExitCode::SUCCESS)
    }
}
