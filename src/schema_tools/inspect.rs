//! Inspection: models written for a live database, from sampled nodes and relationships
//! (plain Cypher; no APOC, no `db.schema.*` procedures).

use super::installed::{list, Installed};
use super::sample::{in_use, sample, Sample, EMPTY_LIST};
use super::Result;
use super::{
    ElementKind, Model, ModelProperty, Schema, DEFAULT_SAMPLE, MIGRATION_LABEL,
    MIGRATION_LOCK_LABEL,
};
use crate::dsl::render::escape_name;
use crate::schema::Cardinality;
use crate::{raw, Client, Executor};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// What [`inspect`] samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InspectOptions {
    /// How many nodes of each label and relationships of each type to sample.
    pub sample: usize,
    /// Whether to model relationship properties (else relationship structs have none).
    pub relationship_properties: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        Self {
            sample: DEFAULT_SAMPLE,
            relationship_properties: true,
        }
    }
}

/// How far an inspection has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    /// Labels and relationship types inspected so far.
    pub done: usize,
    /// Labels and relationship types in all.
    pub total: usize,
    /// The label or type inspected last.
    pub current: &'a str,
}

/// What [`inspect`] found: a model per label and per relationship type.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Inspection {
    /// How many elements of each label or type were sampled at most.
    pub sample: usize,
    /// One per label in use, by label.
    pub nodes: Vec<InspectedNode>,
    /// One per relationship type in use, by type.
    pub relationships: Vec<InspectedRelationship>,
}

/// A label as inspected.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InspectedNode {
    /// The label.
    pub label: String,
    /// How many of its nodes were sampled.
    pub sampled: u64,
    /// Its properties, by key.
    pub properties: Vec<InspectedProperty>,
}

/// A relationship type as inspected.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InspectedRelationship {
    /// The type.
    pub rel_type: String,
    /// How many of its relationships were sampled.
    pub sampled: u64,
    /// The labels its sampled start nodes have.
    pub from: Vec<String>,
    /// The labels its sampled end nodes have.
    pub to: Vec<String>,
    /// Its properties, by key (none when relationship properties were not asked for).
    pub properties: Vec<InspectedProperty>,
    /// How many of these each sampled start node has, when that fits a bounded rule.
    pub start: Option<Cardinality>,
    /// How many of these each sampled end node has, when that fits a bounded rule.
    pub end: Option<Cardinality>,
}

/// A property as inspected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InspectedProperty {
    /// The Cypher types its sampled values had, with how many had each.
    pub seen: Vec<(String, u64)>,
    /// The Rust type modelling it (without the `Option`), or `None` when typher has no
    /// property type for its values (points, maps, mixed lists ..): then it is left out.
    pub rust_type: Option<&'static str>,
    /// Why the type is not simply the one seen, if it is not.
    pub note: Option<String>,
    /// The property as a model declares it.
    pub model: ModelProperty,
}

/// The Rust and Cypher types of a scalar Cypher type typher models.
fn scalar(cypher: &str) -> Option<(&'static str, &'static str)> {
    Some(match cypher {
        "INTEGER" => ("i64", "INTEGER"),
        "FLOAT" => ("f64", "FLOAT"),
        "STRING" => ("String", "STRING"),
        "BOOLEAN" => ("bool", "BOOLEAN"),
        "DATE" => ("chrono::NaiveDate", "DATE"),
        "LOCAL DATETIME" => ("chrono::NaiveDateTime", "LOCAL DATETIME"),
        "ZONED DATETIME" => ("chrono::DateTime<chrono::FixedOffset>", "ZONED DATETIME"),
        "DURATION" => ("std::time::Duration", "DURATION"),
        _ => return None,
    })
}

/// The Rust type of a list of a scalar Cypher type.
fn list_of(rust: &str) -> &'static str {
    match rust {
        "i64" => "Vec<i64>",
        "f64" => "Vec<f64>",
        "String" => "Vec<String>",
        "bool" => "Vec<bool>",
        "chrono::NaiveDate" => "Vec<chrono::NaiveDate>",
        "chrono::NaiveDateTime" => "Vec<chrono::NaiveDateTime>",
        "chrono::DateTime<chrono::FixedOffset>" => "Vec<chrono::DateTime<chrono::FixedOffset>>",
        _ => "Vec<std::time::Duration>",
    }
}

/// The Rust type, Cypher type and a note for values seen with these types.
fn choose(seen: &[(String, u64)]) -> (Option<&'static str>, Option<String>, Option<String>) {
    let types: BTreeSet<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
    let lists: BTreeSet<&str> = types
        .iter()
        .filter_map(|t| t.strip_prefix("LIST<")?.strip_suffix(" NOT NULL>"))
        .collect();
    let only_lists = types.iter().all(|t| t.starts_with("LIST<"));
    let mixed = || {
        let all: Vec<&str> = types.iter().copied().collect();
        format!("its values are {}", all.join(", "))
    };
    if types.len() == 1 {
        if let Some((rust, cypher)) = scalar(types.first().copied().unwrap_or_default()) {
            return (Some(rust), Some(cypher.to_owned()), None);
        }
    }
    if types == BTreeSet::from(["FLOAT", "INTEGER"]) {
        let note = "integers and floats were seen; integers are read as floats, and a FLOAT \
                    type constraint refuses them until they are stored as floats";
        return (Some("f64"), Some("FLOAT".to_owned()), Some(note.to_owned()));
    }
    if only_lists && types.contains(EMPTY_LIST) && types.len() == 1 {
        let note = "only empty lists were seen; the element type is a guess";
        return (
            Some("Vec<String>"),
            Some("LIST<STRING NOT NULL>".to_owned()),
            Some(note.to_owned()),
        );
    }
    if only_lists && lists.len() == 1 && !types.contains("LIST<ANY>") {
        let element = lists.first().copied().unwrap_or_default();
        if let Some((rust, cypher)) = scalar(element) {
            return (
                Some(list_of(rust)),
                Some(format!("LIST<{cypher} NOT NULL>")),
                None,
            );
        }
    }
    (None, None, Some(mixed()))
}

fn property(key: String, seen: Vec<(String, u64)>, optional: bool) -> InspectedProperty {
    let (rust_type, cypher_type, note) = choose(&seen);
    InspectedProperty {
        seen,
        rust_type,
        note,
        model: ModelProperty {
            key,
            cypher_type,
            optional,
            ..ModelProperty::default()
        },
    }
}

/// The properties of a sample, marked with what the installed constraints and indexes say.
fn properties(
    found: Sample,
    entity: ElementKind,
    label: &str,
    installed: &Installed,
) -> Vec<InspectedProperty> {
    let entity_name = entity.server_name();
    let on_this = |i: &&super::InstalledItem| {
        i.entity == entity_name && i.labels.as_deref() == Some(&[label.to_owned()][..])
    };
    let mut out: Vec<InspectedProperty> = found
        .properties
        .into_iter()
        .map(|p| {
            let optional = p.present() < found.sampled;
            property(p.key, p.types, optional)
        })
        .collect();
    for item in installed.all().filter(on_this) {
        let props = item.properties.as_deref().unwrap_or_default();
        for p in out.iter_mut().filter(|p| props.contains(&p.model.key)) {
            let single = props.len() == 1;
            let m = &mut p.model;
            match item.kind.as_str() {
                k if k.ends_with("UNIQUENESS") && single => m.unique = true,
                "NODE_KEY" => {
                    m.node_key = true;
                    m.optional = false;
                }
                k if k.ends_with("PROPERTY_EXISTENCE") => m.optional = false,
                "RANGE" if single && item.index => m.index = true,
                "TEXT" if single => m.text_index = true,
                _ => {}
            }
        }
    }
    out
}

/// The labels of the sampled start (or end) nodes of a relationship type.
async fn endpoint_labels(db: &Client, rel_type: &str, size: i64, end: bool) -> Result<Vec<String>> {
    let node = if end { "b" } else { "a" };
    let labels: Vec<String> = Box::pin(
        db.fetch_all(
            raw::<String>(format!(
                "MATCH (a)-[r:{}]->(b) WITH {node} LIMIT $size UNWIND labels({node}) AS label \
                 RETURN DISTINCT label ORDER BY label",
                escape_name(rel_type)
            ))
            .param("size", size),
        ),
    )
    .await?;
    Ok(labels)
}

/// The bounded rule the sampled nodes of `label` fit for relationships of `rel_type`.
async fn cardinality(
    db: &Client,
    label: &str,
    rel_type: &str,
    size: i64,
    outgoing: bool,
) -> Result<Option<Cardinality>> {
    let (left, right) = if outgoing { ("", ">") } else { ("<", "") };
    let (min, max): (Option<i64>, Option<i64>) = Box::pin(
        db.fetch_one(
            raw::<(Option<i64>, Option<i64>)>(format!(
                "MATCH (n:{}) WITH n LIMIT $size WITH COUNT {{ (n){left}-[:{}]-{right}() }} AS c \
                 RETURN min(c) AS min, max(c) AS max",
                escape_name(label),
                escape_name(rel_type)
            ))
            .param("size", size)
            .columns(["min", "max"]),
        ),
    )
    .await?;
    Ok(match (min, max) {
        (Some(1..), Some(1)) => Some(Cardinality::One),
        (Some(0), Some(0..=1)) => Some(Cardinality::ZeroOrOne),
        (Some(1..), Some(_)) => Some(Cardinality::OneOrMore),
        _ => None,
    })
}

/// Inspects `db`: samples the first `options.sample` nodes of every label in use and
/// relationships of every type, and reads the installed constraints and indexes. Calls
/// `progress` after each label and type.
///
/// ```no_run
/// # async fn demo(db: &typher::Client) -> typher::Result<()> {
/// use typher::schema_tools::{inspect, InspectOptions};
/// let found = inspect(db, InspectOptions::default(), |_| {}).await?;
/// std::fs::write("src/models.rs", found.to_rust()).expect("write the models");
/// # Ok(()) }
/// ```
pub async fn inspect(
    db: &Client,
    options: InspectOptions,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<Inspection> {
    let size = i64::try_from(options.sample).unwrap_or(i64::MAX);
    let installed = Box::pin(list(db)).await?;
    let mut labels = Box::pin(in_use(db, ElementKind::Node)).await?;
    labels.retain(|l| l != MIGRATION_LABEL && l != MIGRATION_LOCK_LABEL);
    let types = Box::pin(in_use(db, ElementKind::Relationship)).await?;
    let total = labels.len() + types.len();
    let mut inspection = Inspection {
        sample: options.sample,
        ..Inspection::default()
    };
    for label in labels {
        let found = Box::pin(sample(db, ElementKind::Node, &label, options.sample)).await?;
        let sampled = found.sampled;
        let properties = properties(found, ElementKind::Node, &label, &installed);
        inspection.nodes.push(InspectedNode {
            label,
            sampled,
            properties,
        });
        let current = &inspection.nodes[inspection.nodes.len() - 1].label;
        progress(Progress {
            done: inspection.nodes.len(),
            total,
            current,
        });
    }
    for rel_type in types {
        let found = Box::pin(sample(
            db,
            ElementKind::Relationship,
            &rel_type,
            options.sample,
        ))
        .await?;
        let sampled = found.sampled;
        let properties = if options.relationship_properties {
            properties(found, ElementKind::Relationship, &rel_type, &installed)
        } else {
            Vec::new()
        };
        let from = Box::pin(endpoint_labels(db, &rel_type, size, false)).await?;
        let to = Box::pin(endpoint_labels(db, &rel_type, size, true)).await?;
        let start = match from.as_slice() {
            [one] => Box::pin(cardinality(db, one, &rel_type, size, true)).await?,
            _ => None,
        };
        let end = match to.as_slice() {
            [one] => Box::pin(cardinality(db, one, &rel_type, size, false)).await?,
            _ => None,
        };
        inspection.relationships.push(InspectedRelationship {
            rel_type,
            sampled,
            from,
            to,
            properties,
            start,
            end,
        });
        let current = &inspection.relationships[inspection.relationships.len() - 1].rel_type;
        progress(Progress {
            done: inspection.nodes.len() + inspection.relationships.len(),
            total,
            current,
        });
    }
    Ok(inspection)
}

/// Type names the written models use themselves (`String`, `Option`, `Vec`, the derives'
/// traits): no struct takes them.
const RESERVED: [&str; 8] = [
    "String",
    "Option",
    "Vec",
    "Result",
    "Box",
    "Self",
    "Serialize",
    "Deserialize",
];

/// Rust keywords a field cannot be named, even raw.
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];
/// Rust keywords, written raw (`r#type`) as field names.
const KEYWORDS: [&str; 46] = [
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "yield",
];

/// A usable Rust identifier from a graph name: `case` applied, a leading digit prefixed.
fn ident(name: &str, case: fn(&str) -> String, prefix: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut id = case(&cleaned);
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("{prefix}{id}");
    }
    id
}

/// Names not yet taken: the first of `base`, `base2`, `base3` .. that `taken` lacks.
fn fresh(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

impl Inspection {
    /// The Rust struct name of each label, then of each relationship type.
    fn type_names(&self) -> (Vec<String>, Vec<String>) {
        // Names the written code uses for other things: a struct named so would shadow them.
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|&n| n.to_owned()).collect();
        let nodes = self
            .nodes
            .iter()
            .map(|n| {
                fresh(
                    ident(&n.label, |s| s.to_upper_camel_case(), "L"),
                    &mut taken,
                )
            })
            .collect();
        let rels = self
            .relationships
            .iter()
            .map(|r| {
                fresh(
                    ident(&r.rel_type, |s| s.to_upper_camel_case(), "R"),
                    &mut taken,
                )
            })
            .collect();
        (nodes, rels)
    }

    /// The schema the written models imply: what [`to_rust`](Self::to_rust)'s `schema()`
    /// returns once compiled.
    pub fn schema(&self) -> Schema {
        let model = |entity, label: &str, props: &[InspectedProperty]| Model {
            entity,
            label: label.to_owned(),
            extra_labels: Vec::new(),
            properties: props
                .iter()
                .filter(|p| p.rust_type.is_some())
                .map(|p| p.model.clone())
                .collect(),
        };
        let nodes = self
            .nodes
            .iter()
            .map(|n| model(ElementKind::Node, &n.label, &n.properties));
        let relationships = self
            .relationships
            .iter()
            .filter(|r| !r.from.is_empty() && !r.to.is_empty())
            .map(|r| model(ElementKind::Relationship, &r.rel_type, &r.properties));
        nodes
            .chain(relationships)
            .fold(Schema::new(), Schema::model)
    }

    /// Rust source for the models: a `#[derive(Node)]` struct per label, a
    /// `#[derive(Relationship)]` struct per type with its endpoints, cardinality hints as
    /// comments, and a `schema()` function listing them for [`Schema`].
    pub fn to_rust(&self) -> String {
        let (node_names, rel_names) = self.type_names();
        let struct_of = |label: &str| {
            self.nodes
                .iter()
                .position(|n| n.label == label)
                .map(|i| node_names[i].clone())
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// Models written by `typher inspect` from at most {} sampled nodes of each label \
             and relationships of each type.\n// Review them: types are inferred from the \
             sample, and `Option` marks properties some sampled elements lack.\n",
            self.sample
        );
        out.push_str("use serde::{Deserialize, Serialize};\nuse typher::prelude::*;\n");
        for (node, name) in self.nodes.iter().zip(&node_names) {
            let _ = writeln!(
                out,
                "\n/// `:{}` ({} nodes sampled).",
                shown(&node.label),
                node.sampled
            );
            out.push_str("#[derive(Node, Debug, Clone, PartialEq, Serialize, Deserialize)]\n");
            if *name != node.label {
                let _ = writeln!(out, "#[node(label = {:?})]", node.label);
            }
            write_struct(&mut out, name, "node", &node.properties);
        }
        let mut listed = Vec::new();
        for (rel, name) in self.relationships.iter().zip(&rel_names) {
            let ends = |labels: &[String]| -> Option<String> {
                let names: Vec<String> = labels.iter().filter_map(|l| struct_of(l)).collect();
                match names.as_slice() {
                    [] => None,
                    [one] => Some(one.clone()),
                    many => Some(format!("[{}]", many.join(", "))),
                }
            };
            let (Some(from), Some(to)) = (ends(&rel.from), ends(&rel.to)) else {
                let _ = writeln!(
                    out,
                    "\n// `:{}` is left out: its sampled ends have no labels.",
                    shown(&rel.rel_type)
                );
                continue;
            };
            listed.push(name.clone());
            let _ = writeln!(
                out,
                "\n/// `(:{})-[:{}]->(:{})` ({} relationships sampled).",
                shown(&rel.from.join("|")),
                shown(&rel.rel_type),
                shown(&rel.to.join("|")),
                rel.sampled
            );
            let hint = |c: Option<Cardinality>| c.map(|c| format!("{c:?}"));
            match (hint(rel.start), hint(rel.end)) {
                (None, None) => {}
                (start, end) => {
                    let rules: Vec<String> = [("start", start), ("end", end)]
                        .into_iter()
                        .filter_map(|(side, c)| Some(format!("{side} = {}", c?)))
                        .collect();
                    let _ = writeln!(
                        out,
                        "// Cardinality hint: every sampled node fits `cardinality({})`; add it \
                         to the attribute to have the OGM enforce it.",
                        rules.join(", ")
                    );
                }
            }
            out.push_str(
                "#[derive(Relationship, Debug, Clone, PartialEq, Serialize, Deserialize)]\n",
            );
            let _ = writeln!(
                out,
                "#[relationship(type = {:?}, from = {from}, to = {to})]",
                rel.rel_type
            );
            write_struct(&mut out, name, "relationship", &rel.properties);
        }
        out.push_str(
            "\n/// The constraints and indexes these models imply \
             (`typher::schema_tools::Schema`).\npub fn schema() -> typher::schema_tools::Schema {\n    \
             typher::schema_tools::Schema::new()\n",
        );
        for name in &node_names {
            let _ = writeln!(out, "        .node::<{name}>()");
        }
        for name in &listed {
            let _ = writeln!(out, "        .relationship::<{name}>()");
        }
        out.push_str("}\n");
        out
    }
}

/// A name or text from the server as it may stand in a comment of the written code: on one
/// line, whatever it holds (a newline or carriage return is written as `\n`, `\r`), so no
/// name can end the comment and write code of its own.
fn shown(text: &str) -> String {
    text.escape_debug().to_string()
}

/// A struct with its fields (`pub struct Name {}` without any).
fn write_struct(out: &mut String, name: &str, attr: &str, properties: &[InspectedProperty]) {
    if properties.is_empty() {
        let _ = writeln!(out, "pub struct {name} {{}}");
    } else {
        let _ = writeln!(out, "pub struct {name} {{");
        write_fields(out, attr, properties);
        out.push_str("}\n");
    }
}

/// The fields of a struct, one per property typher can model; comments for the others.
fn write_fields(out: &mut String, attr: &str, properties: &[InspectedProperty]) {
    let mut taken = BTreeSet::new();
    for p in properties {
        let key = &p.model.key;
        let Some(rust) = p.rust_type else {
            let _ = writeln!(
                out,
                "    // `{}` is left out: {}, which no typher property type holds.",
                shown(key),
                shown(
                    p.note
                        .as_deref()
                        .unwrap_or("its values have no typher type")
                )
            );
            continue;
        };
        if let Some(note) = &p.note {
            let _ = writeln!(out, "    // `{}`: {}.", shown(key), shown(note));
        }
        let snake = ident(key, |s| s.to_snake_case(), "p_");
        let mut field = fresh(snake, &mut taken);
        if NOT_RAW.contains(&field.as_str()) {
            field = fresh(format!("{field}_"), &mut taken);
        }
        let written = if KEYWORDS.contains(&field.as_str()) {
            format!("r#{field}")
        } else {
            field.clone()
        };
        let m = &p.model;
        let flags: Vec<&str> = [
            (m.unique, "unique"),
            (m.node_key, "key"),
            (m.index, "index"),
            (m.text_index, "text_index"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if !flags.is_empty() {
            let _ = writeln!(out, "    #[{attr}({})]", flags.join(", "));
        }
        if field != *key {
            let _ = writeln!(out, "    #[serde(rename = {key:?})]");
        }
        let ty = if m.optional {
            format!("Option<{rust}>")
        } else {
            rust.to_owned()
        };
        let _ = writeln!(out, "    pub {written}: {ty},");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(types: &[&str]) -> Vec<(String, u64)> {
        types.iter().map(|t| ((*t).to_owned(), 1)).collect()
    }

    #[test]
    fn types_are_chosen_from_what_was_seen() {
        assert_eq!(choose(&seen(&["INTEGER"])).0, Some("i64"));
        assert_eq!(choose(&seen(&["INTEGER", "FLOAT"])).0, Some("f64"));
        let list = choose(&seen(&["LIST<STRING NOT NULL>", EMPTY_LIST]));
        assert_eq!(list.0, Some("Vec<String>"));
        assert_eq!(list.1.as_deref(), Some("LIST<STRING NOT NULL>"));
        assert_eq!(choose(&seen(&["POINT"])).0, None);
        assert_eq!(choose(&seen(&["STRING", "INTEGER"])).0, None);
        assert_eq!(
            choose(&seen(&["ZONED DATETIME"])).0,
            Some("chrono::DateTime<chrono::FixedOffset>")
        );
    }

    #[test]
    fn labels_named_like_the_types_the_code_uses_are_renamed() {
        let node = |label: &str| InspectedNode {
            label: label.to_owned(),
            sampled: 1,
            properties: vec![property("name".into(), vec![("STRING".into(), 1)], false)],
        };
        let found = Inspection {
            sample: 10,
            nodes: vec![node("String"), node("Option"), node("Person")],
            relationships: Vec::new(),
        };
        let code = found.to_rust();
        assert!(
            code.contains("#[node(label = \"String\")]\npub struct String2 {"),
            "{code}"
        );
        assert!(
            code.contains("#[node(label = \"Option\")]\npub struct Option2 {"),
            "{code}"
        );
        assert!(
            code.contains("pub struct Person {\n    pub name: String,\n}"),
            "{code}"
        );
    }

    #[test]
    fn names_from_the_server_write_no_code() {
        let evil = "Evil\npub const EVIL: u8 = 1;\r\n// ";
        let mut key = property(format!("k{evil}"), vec![("STRING".into(), 1)], false);
        key.note = Some(format!("note{evil}"));
        let odd = property(format!("p{evil}"), vec![("POINT".into(), 1)], false);
        let found = Inspection {
            sample: 10,
            nodes: vec![InspectedNode {
                label: evil.to_owned(),
                sampled: 1,
                properties: vec![key, odd],
            }],
            relationships: vec![
                InspectedRelationship {
                    rel_type: evil.to_owned(),
                    sampled: 1,
                    from: vec![evil.to_owned()],
                    to: vec![evil.to_owned()],
                    properties: Vec::new(),
                    start: None,
                    end: None,
                },
                InspectedRelationship {
                    rel_type: format!("Lone{evil}"),
                    sampled: 1,
                    from: Vec::new(),
                    to: Vec::new(),
                    properties: Vec::new(),
                    start: None,
                    end: None,
                },
            ],
        };
        let code = found.to_rust();
        for line in code.lines() {
            let line = line.trim_start();
            let quoted = line.starts_with("//") || line.starts_with("#[");
            assert!(
                quoted || !line.contains("EVIL"),
                "a name from the server wrote code: {line:?}\n{code}"
            );
        }
        assert!(!code.contains('\r'), "{code}");
        assert!(
            code.contains("/// `:Evil\\npub const EVIL: u8 = 1;\\r\\n// `"),
            "{code}"
        );
    }

    #[test]
    fn names_become_identifiers() {
        assert_eq!(
            ident("ACTED_IN", |s| s.to_upper_camel_case(), "R"),
            "ActedIn"
        );
        assert_eq!(
            ident("Spare Part", |s| s.to_upper_camel_case(), "L"),
            "SparePart"
        );
        assert_eq!(ident("2nd", |s| s.to_upper_camel_case(), "L"), "L2nd");
        assert_eq!(
            ident("firstName", |s| s.to_snake_case(), "p_"),
            "first_name"
        );
        let mut taken = BTreeSet::new();
        assert_eq!(fresh("a".into(), &mut taken), "a");
        assert_eq!(fresh("a".into(), &mut taken), "a2");
    }
}
