//! The `typher` command line against a real server (its own embedded ArcadeDB, or the Neo4j
//! `NEO4J_URI` names, which this test empties first): inspect the movies graph, compile the
//! models it writes, install their schema, find no drift; change the database and find
//! exactly that change. Then migrations from a directory.

use std::path::Path;
use std::process::{Command, Output};
use typher::schema_tools::{drop_installed, Schema};
use typher::{raw, Client, Executor, Settings};
use typher_testkit::Database;

/// Runs `typher` with the test database's settings in its environment.
fn typher(settings: &Settings, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_typher"))
        .args(args)
        .env("NEO4J_URI", &settings.uri)
        .env("NEO4J_USER", &settings.user)
        .env("NEO4J_PASSWORD", &settings.password)
        .env("NEO4J_DATABASE", &settings.database)
        .output()
        .expect("run the typher binary");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains(&settings.password),
        "the password never shows"
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts the command exited with `code`, showing its output if not.
fn exited(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn empty(db: &Client) {
    db.execute(raw::<()>("MATCH (n) DETACH DELETE n"))
        .await
        .unwrap();
    drop_installed(db).await.unwrap();
}

/// Compiles the written models with a `main` asserting their `schema()` renders `expected`,
/// and runs it.
fn compiles_to(models: &str, expected: &[String], dir: &Path) {
    let program = dir.join("inspected_models.rs");
    let main = format!(
        "{models}\nfn main() {{\n    let expected: &[&str] = &{expected:?};\n    \
         assert_eq!(schema().statements(), expected);\n}}\n"
    );
    std::fs::write(&program, main).unwrap();
    trybuild::TestCases::new().pass(&program);
}

#[tokio::test(flavor = "multi_thread")]
async fn inspect_install_diff_and_migrate_round_trip() {
    let database = Database::from_env_or_embedded().unwrap_or_else(|e| {
        panic!(
            "no database for the round trip: {e}\nThe test starts an embedded ArcadeDB server \
             through `python3 -m pip`; install python3 with pip, or set NEO4J_URI, NEO4J_USER \
             and NEO4J_PASSWORD to a Neo4j 5 (its database is emptied)."
        )
    });
    let settings = database.settings();
    let db = database.client().await.unwrap();
    empty(&db).await;
    typher_testkit::movies_data::load(&db).await.unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("round_trip");
    std::fs::create_dir_all(&dir).unwrap();
    let (models, schema) = (dir.join("models.rs"), dir.join("schema.json"));
    let (models_arg, schema_arg) = (models.to_str().unwrap(), schema.to_str().unwrap());

    // Inspect: models and the schema they imply.
    let inspected = typher(
        &settings,
        &["inspect", "-o", models_arg, "--schema-out", schema_arg],
    );
    exited(&inspected, 0);
    let code = std::fs::read_to_string(&models).unwrap();
    for line in [
        "pub struct Person {",
        "    pub born: Option<i64>,",
        "    #[node(unique)]\n    pub name: String,",
        "#[relationship(type = \"ACTED_IN\", from = Person, to = Movie)]",
        "    pub roles: Vec<String>,",
        "pub struct Directed {}",
        "        .relationship::<Reviewed>()",
    ] {
        assert!(code.contains(line), "`{line}` is in:\n{code}");
    }
    let implied: Schema = serde_json::from_str(&std::fs::read_to_string(&schema).unwrap()).unwrap();
    assert!(implied
        .statements()
        .contains(&"CREATE CONSTRAINT typher_movie_released_type IF NOT EXISTS FOR (n:Movie) REQUIRE n.released IS :: INTEGER".to_owned()));
    compiles_to(&code, &implied.statements(), &dir);

    // The options: a smaller sample, no relationship properties, JSON.
    let small = typher(
        &settings,
        &[
            "inspect",
            "--sample",
            "5",
            "--skip-relationship-properties",
            "--json",
        ],
    );
    exited(&small, 0);
    let small: serde_json::Value = serde_json::from_str(&stdout(&small)).unwrap();
    assert_eq!(small["sample"], 5);
    let people = &small["nodes"].as_array().unwrap()[1];
    assert_eq!(
        (&people["label"], &people["sampled"]),
        (&"Person".into(), &5.into())
    );
    let reviewed = small["relationships"].as_array().unwrap().iter();
    let reviewed = reviewed
        .clone()
        .find(|r| r["rel_type"] == "REVIEWED")
        .unwrap();
    assert_eq!(reviewed["properties"], serde_json::json!([]));

    // A dry run prints the statements and connects to nothing.
    let dry = Command::new(env!("CARGO_BIN_EXE_typher"))
        .args(["install", "--dry-run", "--schema", schema_arg])
        .env("NEO4J_URI", "bolt://127.0.0.1:1")
        .output()
        .unwrap();
    exited(&dry, 0);
    let statements: Vec<String> = implied
        .statements()
        .iter()
        .map(|s| format!("{s};"))
        .collect();
    assert_eq!(stdout(&dry).lines().collect::<Vec<_>>(), statements);

    // Install what the models imply: the database has it all, and its data fits.
    exited(&typher(&settings, &["install", "--schema", schema_arg]), 0);
    let diff = typher(&settings, &["diff", "--schema", schema_arg]);
    exited(&diff, 0);
    assert!(stdout(&diff).starts_with("no drift"), "{}", stdout(&diff));

    // On a Community Edition install (no type constraints), values can drift: change one
    // property's type and add a label; the report says exactly that.
    // Names read from the server reach the written code only escaped: a label, a type and
    // a key holding a newline and code write no code.
    db.execute(raw::<()>(
        "CREATE (:`Evil\npub const EVIL: u8 = 1;`)-[:`T\npub fn evil() {}`]->\
         (:Award {`k\npub static BAD: u8 = 2;`: 1})",
    ))
    .await
    .unwrap();
    let evil = dir.join("evil.rs");
    exited(
        &typher(&settings, &["inspect", "-o", evil.to_str().unwrap()]),
        0,
    );
    let code = std::fs::read_to_string(&evil).unwrap();
    for line in code.lines() {
        let line = line.trim_start();
        let quoted = line.starts_with("//") || line.starts_with("#[");
        assert!(
            quoted || !(line.contains("EVIL") || line.contains("evil") || line.contains("BAD")),
            "a name from the server wrote code: {line:?}\n{code}"
        );
    }
    assert!(code.contains("Evil\\npub const EVIL"), "{code}");
    db.execute(raw::<()>(
        "MATCH (n:`Evil\npub const EVIL: u8 = 1;`) DETACH DELETE n",
    ))
    .await
    .unwrap();

    // A schema file naming a Cypher type outside the closed set is refused as it is read:
    // exit 2, nothing printed, nothing sent.
    let bad = dir.join("bad_schema.json");
    std::fs::write(
        &bad,
        r#"{"models": [{"entity": "Node", "label": "Movie", "properties": [
            {"key": "released", "cypher_type": "INTEGER; MATCH (n) DETACH DELETE n"}]}]}"#,
    )
    .unwrap();
    let refused = typher(
        &settings,
        &["install", "--dry-run", "--schema", bad.to_str().unwrap()],
    );
    exited(&refused, 2);
    assert_eq!(stdout(&refused), "");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is no property type"));

    exited(&typher(&settings, &["drop", "--all"]), 0);
    let community = ["--schema", schema_arg, "--community"];
    exited(
        &typher(&settings, &[&["install"][..], &community].concat()),
        0,
    );
    db.execute(raw::<()>(
        "MATCH (m:Movie {title: 'The Matrix'}) SET m.released = '1999' \
         CREATE (:Award {name: 'Oscar'})",
    ))
    .await
    .unwrap();
    let drift = typher(&settings, &[&["diff", "--json"][..], &community].concat());
    exited(&drift, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&drift)).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "missing": [],
            "extra": [],
            "undeclared_labels": ["Award"],
            "undeclared_types": [],
            "mismatches": [{
                "entity": "Node",
                "label": "Movie",
                "property": "released",
                "expected": "INTEGER",
                "found": "STRING",
                "count": 1,
                "sampled": 17
            }]
        })
    );
    let human = typher(&settings, &[&["diff"][..], &community].concat());
    exited(&human, 1);
    assert_eq!(
        stdout(&human),
        "undeclared label: Award (no model declares it)\n\
         type mismatch: Movie.released: 1 of 17 sampled nodes hold STRING, the model declares INTEGER\n"
    );

    // Migrations from a directory: applied once, then up to date.
    let steps = dir.join("migrations");
    std::fs::create_dir_all(&steps).unwrap();
    std::fs::write(
        steps.join("V1__award_years.cypher"),
        "MATCH (a:Award) SET a.year = 1999;\n// the index next\n",
    )
    .unwrap();
    std::fs::write(
        steps.join("V2__award_index.cypher"),
        "CREATE INDEX award_name IF NOT EXISTS FOR (a:Award) ON (a.name);",
    )
    .unwrap();
    let steps_arg = steps.to_str().unwrap();
    let migrated = typher(&settings, &["migrate", "run", "--dir", steps_arg]);
    exited(&migrated, 0);
    assert!(stdout(&migrated).contains("applied 1 award years"));
    assert!(stdout(&migrated).contains("applied 2 award index"));
    let again = typher(&settings, &["migrate", "run", "--dir", steps_arg]);
    exited(&again, 0);
    assert_eq!(stdout(&again), "up to date\n");
    let status = typher(
        &settings,
        &["migrate", "status", "--dir", steps_arg, "--json"],
    );
    exited(&status, 0);
    let status: serde_json::Value = serde_json::from_str(&stdout(&status)).unwrap();
    assert_eq!(status[1]["name"], "award index");
    assert_eq!(status[1]["state"], "applied", "{status}");
    assert!(status[1]["applied_at"].is_string(), "{status}");

    // Mistakes are told plainly, with exit code 2.
    let missing = typher(&settings, &["diff", "--schema", "no/such/schema.json"]);
    exited(&missing, 2);
    assert!(String::from_utf8_lossy(&missing.stderr)
        .starts_with("error: cannot read the schema no/such/schema.json"));

    exited(&typher(&settings, &["drop", "--all"]), 0);
    db.execute(raw::<()>("DROP INDEX award_name IF EXISTS"))
        .await
        .unwrap();
    empty(&db).await;
}
