//! `typher`: the command line of typher's schema tools. A thin shell over
//! `typher::schema_tools`: each command parses its flags, connects, calls the library and
//! prints what it returned.

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use typher::schema_tools::{
    drop_installed, inspect, InspectOptions, Migrations, Schema, StepState, DEFAULT_SAMPLE,
};
use typher::{Client, Settings};
use typher_testkit::EmbeddedServer;

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
    after_help = "Exit status: 0 when done, 1 when `diff` finds drift, 2 on an error.\n\
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
    /// Create the constraints and indexes a schema file implies (IF NOT EXISTS: installing
    /// twice changes nothing).
    Install {
        #[command(flatten)]
        schema: SchemaFile,
        /// Print the statements instead of running them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Drop the constraints and indexes typher installed: those of a schema file, or with
    /// --all every one named typher_*. Others are never touched.
    Drop {
        #[command(flatten)]
        schema: OptionalSchemaFile,
        /// Drop every constraint and index typher installed, whatever schema it came from.
        #[arg(long, conflicts_with = "schema")]
        all: bool,
    },
    /// Compare a schema file with the database: missing or extra constraints and indexes,
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
    /// Apply the migrations the database has not recorded yet, in version order.
    Migrate {
        #[command(flatten)]
        dir: MigrationsDir,
    },
    /// Show which migrations are applied, pending, changed since applied, or unknown.
    Status {
        #[command(flatten)]
        dir: MigrationsDir,
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct SchemaFile {
    /// The schema, as JSON: `serde_json::to_string(&schema)` of a typher::schema_tools::Schema,
    /// or what `typher inspect --schema-out` wrote.
    #[arg(long, value_name = "FILE")]
    schema: PathBuf,
    /// Keep only what Neo4j Community Edition can install (uniqueness constraints and
    /// indexes).
    #[arg(long)]
    community: bool,
}

#[derive(Args)]
struct OptionalSchemaFile {
    /// The schema whose constraints and indexes to drop, as JSON.
    #[arg(long, value_name = "FILE", required_unless_present = "all")]
    schema: Option<PathBuf>,
}

#[derive(Args)]
struct MigrationsDir {
    /// The directory of migration files, named like V3__add_person_index.cypher (version 3).
    #[arg(long, default_value = "migrations", value_name = "DIR")]
    dir: PathBuf,
}

/// What went wrong, for stderr; exits with 2.
type Failure = String;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(message) => fail(message),
    }
}

fn fail(message: Failure) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// A connected client, and the embedded server it talks to, if any (kept alive with it).
async fn connect(connection: &Connection) -> Result<(Client, Option<EmbeddedServer>), Failure> {
    if connection.embedded {
        eprintln!("starting a throwaway embedded server with the movies graph ..");
        let server = tokio::task::spawn_blocking(EmbeddedServer::start)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        let client = server.client().await.map_err(|e| e.to_string())?;
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
    let client = Client::connect(settings).await.map_err(|e| e.to_string())?;
    Ok((client, None))
}

fn read_schema(file: &SchemaFile) -> Result<Schema, Failure> {
    let schema = load_schema(&file.schema)?;
    Ok(if file.community {
        schema.for_community()
    } else {
        schema
    })
}

fn load_schema(path: &Path) -> Result<Schema, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the schema {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a typher schema: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    if let Command::Install {
        schema,
        dry_run: true,
    } = &cli.command
    {
        for statement in read_schema(schema)?.statements() {
            println!("{statement};");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let failed = |e: typher::schema_tools::Error| e.to_string();
    // Files first: a mistake in them is told before any connection is tried.
    let schema = match &cli.command {
        Command::Install { schema, .. } | Command::Diff { schema, .. } => {
            Some(read_schema(schema)?)
        }
        Command::Drop { schema, .. } => schema.schema.as_deref().map(load_schema).transpose()?,
        _ => None,
    };
    let migrations = match &cli.command {
        Command::Migrate { dir } | Command::Status { dir, .. } => {
            Some(Migrations::from_dir(&dir.dir).map_err(failed)?)
        }
        _ => None,
    };
    let schema = || schema.clone().ok_or("no schema file was read");
    let migrations = || migrations.clone().ok_or("no migrations were read");
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
            .await
            .map_err(failed)?;
            bar.finish_and_clear();
            let text = if as_json {
                json(&found)?
            } else {
                found.to_rust()
            };
            match &output {
                Some(path) => write(path, &text)?,
                None => print!("{text}"),
            }
            if let Some(path) = &schema_out {
                write(path, &json(&found.schema())?)?;
            }
            eprintln!(
                "{} labels and {} relationship types inspected",
                found.nodes.len(),
                found.relationships.len()
            );
        }
        Command::Install { schema, .. } => {
            let created = read_schema(&schema)?.install(&db).await.map_err(failed)?;
            for name in &created {
                println!("created {name}");
            }
            println!("{} created", created.len());
        }
        Command::Drop { all, .. } => {
            let dropped = if all {
                drop_installed(&db).await.map_err(failed)?
            } else {
                schema()?.drop(&db).await.map_err(failed)?
            };
            for name in &dropped {
                println!("dropped {name}");
            }
            println!("{} dropped", dropped.len());
        }
        Command::Diff {
            sample,
            json: as_json,
            ..
        } => {
            let drift = schema()?.diff(&db, sample).await.map_err(failed)?;
            if as_json {
                println!("{}", json(&drift)?);
            } else {
                print!("{drift}");
            }
            if !drift.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Migrate { .. } => {
            let applied = migrations()?.migrate(&db).await.map_err(failed)?;
            for step in &applied {
                println!(
                    "applied {} {} ({} ms)",
                    step.version,
                    step.name,
                    step.took.as_millis()
                );
            }
            if applied.is_empty() {
                println!("up to date");
            }
        }
        Command::Status { dir, json: as_json } => {
            let status = Migrations::from_dir(&dir.dir)
                .map_err(failed)?
                .status(&db)
                .await
                .map_err(failed)?;
            if as_json {
                println!("{}", json(&status)?);
            } else {
                for step in &status {
                    let state = match &step.state {
                        StepState::Applied { at } => format!("applied {at}"),
                        StepState::Pending => "pending".to_owned(),
                        StepState::Changed { recorded, now } => {
                            format!("CHANGED since applied (checksum {recorded}, now {now})")
                        }
                        StepState::Unknown => "UNKNOWN: recorded, not in the directory".to_owned(),
                    };
                    println!("{:>5}  {:<40} {state}", step.version, step.name);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
