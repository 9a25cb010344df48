//! Neo4j's own front end as a function: lints statements with
//! `@neo4j-cypher/language-support` (pinned in `tests/frontend/package.json`, installed with
//! `npm ci` on first use) through `tests/frontend/lint.mjs`. Shared by `tests/frontend.rs`
//! and the server tests (which lint what the schema tools and the OGM send).

use std::path::Path;
use std::process::{Command, Stdio};

/// One statement to lint: where it comes from, its text, its parameters' names.
#[derive(serde::Serialize)]
pub struct Statement {
    /// Where it comes from.
    pub name: String,
    /// Its text.
    pub query: String,
    /// Its parameters' names.
    pub params: Vec<String>,
}

/// One diagnostic of the front end.
#[derive(serde::Deserialize, Debug)]
pub struct Diagnostic {
    /// The statement's name.
    pub name: String,
    /// `CYPHER 5` or `CYPHER 25`.
    pub version: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What the front end says.
    pub message: String,
}

/// Where the package and the script are, from the crate root (where tests run).
const DIR: &str = "tests/frontend";

/// Installs the pinned package unless it is there; fails saying how to get node and npm.
fn installed() {
    if Path::new(DIR)
        .join("node_modules/@neo4j-cypher/language-support")
        .is_dir()
    {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix", DIR])
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "Neo4j's front end needs node and npm (to install the pinned \
                 @neo4j-cypher/language-support into {DIR}): {e}"
            )
        });
    assert!(status.success(), "`npm ci --prefix {DIR}` failed");
}

/// Lints `statements`; returns every diagnostic.
pub fn lint(statements: &[Statement]) -> Vec<Diagnostic> {
    installed();
    let mut child = Command::new("node")
        .arg("lint.mjs")
        .current_dir(DIR)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("Neo4j's front end needs node on the PATH: {e}"));
    let input = serde_json::to_vec(statements).unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&input).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the front end failed to run");
    serde_json::from_slice(&output.stdout).unwrap()
}
