//! Sampling what a database stores, with plain Cypher (no APOC, no `db.schema.*`): the
//! labels and relationship types in use, and for the first nodes of a label (or the first
//! relationships of a type) which properties they have and the Cypher types of their values.
//!
//! Types are told by `IS ::` predicates (Neo4j 5.9 and later, ArcadeDB), evaluated on the
//! server and counted there, so a sample costs one round trip however large it is.

use super::ElementKind;
use super::Result;
use crate::dsl::render::escape_name;
use crate::{raw, Client, Executor};

/// The scalar types a property can hold, in the order they are tested.
const SCALARS: [&str; 11] = [
    "BOOLEAN",
    "INTEGER",
    "FLOAT",
    "STRING",
    "DATE",
    "LOCAL DATETIME",
    "ZONED DATETIME",
    "LOCAL TIME",
    "ZONED TIME",
    "DURATION",
    "POINT",
];

/// The type an empty list is sampled as: it fits every list type.
pub const EMPTY_LIST: &str = "LIST<NOTHING>";

/// A Cypher `CASE` naming the type of the value `v`: `INTEGER`, `LIST<STRING NOT NULL>`,
/// [`EMPTY_LIST`], `LIST<ANY>` for a list of mixed values, `MAP` or `ANY`.
pub(crate) fn type_of(v: &str) -> String {
    let mut case = String::from("CASE");
    for ty in SCALARS {
        case.push_str(&format!(" WHEN {v} IS :: {ty} THEN '{ty}'"));
    }
    case.push_str(&format!(" WHEN {v} = [] THEN '{EMPTY_LIST}'"));
    for ty in SCALARS {
        case.push_str(&format!(
            " WHEN {v} IS :: LIST<{ty} NOT NULL> THEN 'LIST<{ty} NOT NULL>'"
        ));
    }
    case.push_str(&format!(
        " WHEN {v} IS :: LIST<ANY> THEN 'LIST<ANY>' WHEN {v} IS :: MAP THEN 'MAP' ELSE 'ANY' END"
    ));
    case
}

/// Whether a value sampled as type `found` fits a property declared as `declared`.
pub(crate) fn fits(found: &str, declared: &str) -> bool {
    found == declared || (found == EMPTY_LIST && declared.starts_with("LIST<"))
}

/// What the first nodes of a label (or relationships of a type) hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sample {
    /// How many nodes or relationships were sampled.
    pub sampled: u64,
    /// Every property key seen, in key order, with the types of its values.
    pub properties: Vec<SampledProperty>,
}

/// One property key of a [`Sample`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SampledProperty {
    /// The key.
    pub key: String,
    /// Each type its values had, with how many values had it; most frequent first.
    pub types: Vec<(String, u64)>,
}

impl SampledProperty {
    /// How many sampled nodes or relationships have it.
    pub fn present(&self) -> u64 {
        self.types.iter().map(|(_, n)| n).sum()
    }
}

impl Sample {
    /// The property `key`, if any sampled element had it.
    pub fn property(&self, key: &str) -> Option<&SampledProperty> {
        self.properties.iter().find(|p| p.key == key)
    }
}

/// The pattern matching every element of a label or type, bound to `e`.
fn pattern(entity: ElementKind, label: &str) -> String {
    let label = escape_name(label);
    match entity {
        ElementKind::Node => format!("(e:{label})"),
        ElementKind::Relationship => format!("()-[e:{label}]->()"),
    }
}

/// Samples the first `size` nodes of `label` (or relationships of type `label`).
pub async fn sample(db: &Client, entity: ElementKind, label: &str, size: usize) -> Result<Sample> {
    let pattern = pattern(entity, label);
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let sampled: i64 = Box::pin(
        db.fetch_one(
            raw::<i64>(format!(
                "MATCH {pattern} WITH e LIMIT $size RETURN count(e) AS sampled"
            ))
            .param("size", size),
        ),
    )
    .await?;
    let rows: Vec<(String, String, i64)> = Box::pin(
        db.fetch_all(
            raw::<(String, String, i64)>(format!(
                "MATCH {pattern} WITH e LIMIT $size UNWIND keys(e) AS key \
                 WITH key, e[key] AS v WHERE NOT key STARTS WITH '__typher_' RETURN key, {} AS type, count(*) AS count \
                 ORDER BY key, count DESC, type",
                type_of("v")
            ))
            .param("size", size)
            .columns(["key", "type", "count"]),
        ),
    )
    .await?;
    let mut properties: Vec<SampledProperty> = Vec::new();
    for (key, ty, count) in rows {
        let count = u64::try_from(count).unwrap_or(0);
        match properties.last_mut() {
            Some(last) if last.key == key => last.types.push((ty, count)),
            _ => properties.push(SampledProperty {
                key,
                types: vec![(ty, count)],
            }),
        }
    }
    Ok(Sample {
        sampled: u64::try_from(sampled).unwrap_or(0),
        properties,
    })
}

/// The labels (or relationship types) the database knows that at least one node (or
/// relationship) has, sorted.
pub async fn in_use(db: &Client, entity: ElementKind) -> Result<Vec<String>> {
    let names: Vec<String> = match entity {
        ElementKind::Node => {
            Box::pin(db.fetch_all(raw::<String>("CALL db.labels() YIELD label RETURN label")))
                .await?
        }
        ElementKind::Relationship => {
            Box::pin(db.fetch_all(raw::<String>(
                "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
            )))
            .await?
        }
    };
    let mut used = Vec::new();
    // A server may list a label that no node has any more (ArcadeDB keeps the type).
    for name in names {
        let query = format!(
            "MATCH {} WITH e LIMIT 1 RETURN count(e) > 0 AS used",
            pattern(entity, &name)
        );
        if Box::pin(db.fetch_one(raw::<bool>(query))).await? {
            used.push(name);
        }
    }
    used.sort();
    Ok(used)
}
