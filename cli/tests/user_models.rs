//! The command line as a user's crate builds it: `typher_cli::App` with the models and the
//! migrations compiled in, on a test database of its own. Install, diff and drop without a
//! schema file; `migrate add`, run, status, revert, each `--dry-run` writing nothing; and two
//! runs at once applying a step once.

use std::future::Future;
use std::process::ExitCode;
use std::time::Duration;
use typher::prelude::*;
use typher::schema_tools::{list, Migrations, Schema};
use typher::{raw, Settings};
use typher_cli::App;
use typher_testkit::TestDatabase;

#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Task {
    #[node(unique)]
    pub title: String,
}

fn schema() -> Schema {
    Schema::new().node::<Task>()
}

/// Runs `app` with `args` against the test database; returns its exit status and output.
fn run(app: App, settings: &Settings, args: &[&str]) -> Result<(ExitCode, String), String> {
    let mut argv = vec![
        "typher",
        "--uri",
        &settings.uri,
        "--user",
        &settings.user,
        "--password",
        &settings.password,
        "--database",
        &settings.database,
    ];
    argv.extend_from_slice(args);
    let mut out = Vec::new();
    let code = app.run_from(argv, &mut out).map_err(|e| e.0)?;
    Ok((code, String::from_utf8(out).unwrap()))
}

/// Runs `args` on a thread of its own (the App starts its own runtime) and expects success.
fn ok(app: App, settings: &Settings, args: &[&str]) -> impl Future<Output = String> + 'static {
    let (settings, args) = (
        settings.clone(),
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
    );
    async move {
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            match run(app, &settings, &args) {
                Ok((code, out)) if code == ExitCode::SUCCESS => out,
                Ok((code, out)) => panic!("{args:?} exited with {code:?}:\n{out}"),
                Err(e) => panic!("{args:?} failed: {e}"),
            }
        })
        .await
        .unwrap()
    }
}

async fn tasks(db: &TestDatabase) -> i64 {
    db.fetch_one(raw::<i64>("MATCH (t:Task) RETURN count(t)"))
        .await
        .unwrap()
}

async fn records(db: &TestDatabase) -> i64 {
    db.fetch_one(raw::<i64>("MATCH (m:__TypherMigration) RETURN count(m)"))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn models_built_in_install_diff_and_drop() {
    let db = TestDatabase::new().await.unwrap();
    let settings = db.settings();
    let app = || App::new().schema(schema());

    let planned = ok(app(), &settings, &["install", "--dry-run"]).await;
    assert_eq!(
        planned.lines().collect::<Vec<_>>(),
        schema()
            .statements()
            .iter()
            .map(|s| format!("{s};"))
            .collect::<Vec<_>>()
    );
    let names: Vec<String> = schema().items().iter().map(|i| i.name.clone()).collect();
    let installed = list(&db).await.unwrap();
    assert!(
        !names.iter().any(|n| installed.has(n)),
        "a dry run installs nothing"
    );

    let out = ok(app(), &settings, &["install"]).await;
    assert!(
        out.ends_with(&format!("{} created\n", names.len())),
        "{out}"
    );
    assert_eq!(
        ok(app(), &settings, &["diff"]).await,
        "no drift: the database has what the models declare\n"
    );

    let planned = ok(app(), &settings, &["drop", "--dry-run"]).await;
    assert_eq!(planned.lines().count(), names.len(), "{planned}");
    let installed = list(&db).await.unwrap();
    assert!(
        names.iter().all(|n| installed.has(n)),
        "a dry run drops nothing"
    );
    ok(app(), &settings, &["drop"]).await;
    let installed = list(&db).await.unwrap();
    assert!(!names.iter().any(|n| installed.has(n)));

    // Without models built in, a schema file is asked for, plainly.
    let settings2 = settings.clone();
    let missing = tokio::task::spawn_blocking(move || run(App::new(), &settings2, &["diff"]))
        .await
        .unwrap();
    assert!(
        matches!(&missing, Err(e) if e.starts_with("no schema: pass --schema FILE")),
        "{missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn migrations_add_dry_run_run_status_and_revert() {
    let db = TestDatabase::new().await.unwrap();
    let settings = db.settings();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("user_models_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.to_str().unwrap();

    // `add --dry-run` writes no file; `add` writes the pair.
    let out = ok(
        App::new(),
        &settings,
        &[
            "migrate",
            "add",
            "first task",
            "--dir",
            dir_arg,
            "--dry-run",
        ],
    )
    .await;
    assert!(out.starts_with("would write"), "{out}");
    assert!(!dir.exists());
    let out = ok(
        App::new(),
        &settings,
        &["migrate", "add", "first task", "--dir", dir_arg],
    )
    .await;
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{out}");
    assert!(files[0].ends_with("__first_task.down.cypher"), "{files:?}");
    assert!(files[1].ends_with("__first_task.up.cypher"), "{files:?}");
    std::fs::write(dir.join(&files[1]), "CREATE (:Task {title: 'first'});").unwrap();
    std::fs::write(
        dir.join(&files[0]),
        "MATCH (t:Task {title: 'first'}) DELETE t;",
    )
    .unwrap();

    // `run --dry-run` tells the statements and writes nothing.
    let plan = ok(
        App::new(),
        &settings,
        &["migrate", "run", "--dir", dir_arg, "--dry-run", "--json"],
    )
    .await;
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(plan[0]["name"], "first task");
    assert_eq!(plan[0]["statements"][0], "CREATE (:Task {title: 'first'})");
    assert_eq!((tasks(&db).await, records(&db).await), (0, 0));

    let applied = ok(
        App::new(),
        &settings,
        &["migrate", "run", "--dir", dir_arg, "--json"],
    )
    .await;
    let applied: serde_json::Value = serde_json::from_str(&applied).unwrap();
    assert_eq!(applied[0]["name"], "first task");
    assert!(applied[0]["took_ms"].is_u64(), "{applied}");
    assert_eq!((tasks(&db).await, records(&db).await), (1, 1));

    let status = ok(
        App::new(),
        &settings,
        &["migrate", "status", "--dir", dir_arg, "--json"],
    )
    .await;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status[0]["state"], "applied", "{status}");
    assert_eq!(status[0]["reversible"], true, "{status}");

    // `revert --dry-run` tells the down script and writes nothing; `revert` undoes.
    let plan = ok(
        App::new(),
        &settings,
        &["migrate", "revert", "--dir", dir_arg, "--dry-run"],
    )
    .await;
    assert!(
        plan.contains("MATCH (t:Task {title: 'first'}) DELETE t;"),
        "{plan}"
    );
    assert_eq!((tasks(&db).await, records(&db).await), (1, 1));
    let out = ok(
        App::new(),
        &settings,
        &["migrate", "revert", "--dir", dir_arg],
    )
    .await;
    assert!(out.starts_with("reverted "), "{out}");
    assert_eq!((tasks(&db).await, records(&db).await), (0, 0));
    let status = ok(
        App::new(),
        &settings,
        &["migrate", "status", "--dir", dir_arg, "--json"],
    )
    .await;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status[0]["state"], "pending", "{status}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A step slow enough for a second run to meet its lock.
fn slow_migrations() -> Migrations {
    Migrations::new().rust(1, "slow task", async |tx| {
        tx.execute(raw::<()>("CREATE (:Task {title: 'slow'})"))
            .await?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        Ok(())
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn two_runs_at_once_apply_a_step_once() {
    let db = TestDatabase::new().await.unwrap();
    let settings = db.settings();
    let app = || App::new().migrations(slow_migrations());

    let first = tokio::spawn(ok(app(), &settings, &["migrate", "run"]));
    // Once the first run holds the lock, a run that will not wait fails clearly, and one
    // that waits finds the step applied.
    let started = std::time::Instant::now();
    while Migrations::lock_holder(&db).await.unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the first run never locked"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let impatient = {
        let settings = settings.clone();
        tokio::task::spawn_blocking(move || {
            run(app(), &settings, &["migrate", "run", "--lock-timeout", "0"])
        })
    };
    let waiting = tokio::spawn(ok(app(), &settings, &["migrate", "run"]));
    let impatient = impatient.await.unwrap();
    assert!(
        matches!(&impatient, Err(e) if e.starts_with("another migration run holds the lock")),
        "{impatient:?}"
    );
    let first = first.await.unwrap();
    let waiting = waiting.await.unwrap();
    assert!(first.starts_with("applied 1 slow task"), "{first}");
    assert_eq!(waiting, "up to date\n");
    assert_eq!(
        (tasks(&db).await, records(&db).await),
        (1, 1),
        "applied once"
    );
    assert_eq!(
        Migrations::lock_holder(&db).await.unwrap(),
        None,
        "released"
    );
}
