//! Neo4j's own front end over every statement typher renders: the Cypher of every snapshot,
//! of every README and doc example (`q.to_cypher().text(), ".."`) and the schema
//! statements, each linted by `@neo4j-cypher/language-support` (Neo4j's parser and semantic
//! analysis compiled to JavaScript) under Cypher 5 and Cypher 25, with its parameters
//! declared. No error may remain; warnings are printed. What the schema tools, the OGM and
//! the driver send on their own is recorded against the server and linted by
//! `every_statement_the_tools_send_passes_neo4js_front_end` (in `tests/db/schema_tools.rs`).
//!
//! The package is pinned in `tests/frontend/package.json` (and its lock file) and installed
//! with `npm ci` into `tests/frontend/node_modules` the first time this runs.

#[path = "frontend/lint.rs"]
mod lint;

use lint::{lint, Diagnostic, Statement};
use typher::schema_tools::Schema;
use typher_testkit::movies::*;

/// The parameters a rendered statement lists after it (`// $p0 = ..`, `// $year (bound
/// when run)`).
fn params(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("// $"))
        .map(|l| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The Cypher of every snapshot: a query's rendering, or schema statements one per line.
fn snapshots() -> Vec<Statement> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/snapshots")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "snap"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        // The body follows the second `---` line of insta's header.
        let body: Vec<&str> = text
            .lines()
            .skip(1)
            .skip_while(|l| *l != "---")
            .skip(1)
            .collect();
        let (cypher, comments): (Vec<&str>, Vec<&str>) =
            body.into_iter().partition(|l| !l.starts_with("// "));
        let params = params(&comments);
        if name.starts_with("schema_tools__") {
            for (i, line) in cypher.iter().enumerate() {
                out.push(Statement {
                    name: format!("{name} #{i}"),
                    query: (*line).to_owned(),
                    params: params.clone(),
                });
            }
        } else {
            out.push(Statement {
                name,
                query: cypher.join("\n"),
                params,
            });
        }
    }
    out
}

/// The statements the schema tools send for the test models: creates and drops.
fn schema_statements() -> Vec<Statement> {
    let schema = Schema::new()
        .node::<Person>()
        .node::<Movie>()
        .relationship::<ActedIn>()
        .relationship::<Reviewed>();
    let creates = schema.statements();
    let drops = schema.items().iter().map(|i| i.drop_statement());
    creates
        .into_iter()
        .chain(drops)
        .enumerate()
        .map(|(i, query)| Statement {
            name: format!("schema statement #{i}"),
            query,
            params: Vec::new(),
        })
        .collect()
}

/// The Cypher a doc example, a guide chapter or the README asserts a query renders:
/// `q.to_cypher().text(), "MATCH .."`, its parameters taken from the text.
fn doc_examples() -> Vec<Statement> {
    let mut files = vec![std::path::PathBuf::from("README.md")];
    let mut dirs = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "md") {
                // Rust sources, and the guide's chapters (`src/guide/*.md`).
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        // Doc comments lose their `///`, so a literal spread over lines reads as in Rust.
        let code: String = text
            .lines()
            .map(|l| {
                let t = l.trim_start();
                t.strip_prefix("/// ")
                    .or_else(|| t.strip_prefix("///"))
                    .or_else(|| t.strip_prefix("//! "))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(at) = rest.find("text(),") {
            rest = &rest[at + "text(),".len()..];
            let Some(open) = rest.find('"') else { break };
            if !rest[..open].trim().is_empty() {
                continue;
            }
            let Some(literal) = string_literal(&rest[open + 1..]) else {
                continue;
            };
            let params = literal
                .split('$')
                .skip(1)
                .map(|p| {
                    p.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect();
            out.push(Statement {
                name: format!("{} example #{}", path.display(), out.len()),
                query: literal,
                params,
            });
        }
    }
    out
}

/// A Rust string literal's value (after its opening quote): escapes and `\` line
/// continuations resolved.
fn string_literal(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'n' => out.push('\n'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

#[test]
fn every_rendered_statement_passes_neo4js_front_end() {
    let examples = doc_examples();
    assert!(
        examples.len() > 100,
        "{} doc examples found",
        examples.len()
    );
    let statements: Vec<Statement> = snapshots()
        .into_iter()
        .chain(schema_statements())
        .chain(examples)
        .collect();
    assert!(statements.len() > 300, "{} statements", statements.len());
    let found = lint(&statements);
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        found.iter().partition(|d| d.severity == "error");
    for w in &warnings {
        println!("warning ({}), {}: {}", w.version, w.name, w.message);
    }
    println!(
        "{} statements, each under Cypher 5 and Cypher 25: {} errors, {} warnings",
        statements.len(),
        errors.len(),
        warnings.len()
    );
    assert!(
        errors.is_empty(),
        "Neo4j's front end refuses:\n{}",
        errors
            .iter()
            .map(|e| format!("{} ({}): {}", e.name, e.version, e.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The check can fail: a statement reading an undefined variable, an undeclared parameter
/// and an aggregate in WHERE are each refused.
#[test]
fn the_front_end_refuses_a_bad_statement() {
    let bad = |name: &str, query: &str| Statement {
        name: name.into(),
        query: query.into(),
        params: Vec::new(),
    };
    let found = lint(&[
        bad("undefined", "MATCH (n) RETURN m"),
        bad("parameter", "MATCH (n) WHERE n.x = $x RETURN n"),
        bad("aggregate", "MATCH (n) WHERE count(n) > 1 RETURN n"),
    ]);
    for name in ["undefined", "parameter", "aggregate"] {
        for version in ["CYPHER 5", "CYPHER 25"] {
            assert!(
                found
                    .iter()
                    .any(|d| d.name == name && d.version == version && d.severity == "error"),
                "{name} under {version}: {found:?}"
            );
        }
    }
}
