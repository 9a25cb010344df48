//! What a database has installed: its constraints and indexes, read with
//! `SHOW CONSTRAINTS` / `SHOW INDEXES`.

use super::Result;
use super::{drop_statement, PREFIX};
use crate::{raw, Client, Executor};
use serde::Deserialize;

/// One constraint or index as the database reports it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct InstalledItem {
    /// Its name.
    pub name: String,
    /// The server's kind (`UNIQUENESS`, `NODE_KEY`, `NODE_PROPERTY_TYPE`, `RANGE`, `TEXT` ..).
    #[serde(rename = "type")]
    pub kind: String,
    /// `NODE` or `RELATIONSHIP`.
    #[serde(rename = "entityType")]
    pub entity: String,
    /// The labels or relationship types (none for a lookup index).
    #[serde(rename = "labelsOrTypes", default)]
    pub labels: Option<Vec<String>>,
    /// The properties (none for a lookup index).
    #[serde(default)]
    pub properties: Option<Vec<String>>,
    /// The Cypher type a property type constraint requires.
    #[serde(rename = "propertyType", default)]
    pub property_type: Option<String>,
    /// Whether it is an index (else a constraint); set from the listing it came from.
    #[serde(skip_deserializing, default)]
    pub index: bool,
}

impl InstalledItem {
    /// Whether typher installed it (its name has typher's prefix).
    pub fn is_typher(&self) -> bool {
        self.name.starts_with(PREFIX)
    }

    /// The statement that drops it (`DROP CONSTRAINT .. IF EXISTS` or `DROP INDEX ..`).
    pub fn drop_statement(&self) -> String {
        drop_statement(&self.name, self.index)
    }
}

/// The constraints and the indexes of a database (without the indexes constraints own).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Installed {
    /// The constraints.
    pub constraints: Vec<InstalledItem>,
    /// The indexes no constraint owns.
    pub indexes: Vec<InstalledItem>,
}

impl Installed {
    /// Whether a constraint or an index is named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.all().any(|i| i.name == name)
    }

    /// Every constraint, then every index.
    pub fn all(&self) -> impl Iterator<Item = &InstalledItem> {
        self.constraints.iter().chain(&self.indexes)
    }
}

/// An index as `SHOW INDEXES` reports it.
#[derive(Deserialize)]
struct IndexRow {
    #[serde(flatten)]
    item: InstalledItem,
    #[serde(rename = "owningConstraint", default)]
    owner: Option<String>,
}

/// The database's constraints and indexes.
pub async fn list(db: &Client) -> Result<Installed> {
    // Boxed: the client's futures are large, and these nest inside install and drop.
    let constraints: Vec<InstalledItem> = Box::pin(db.fetch_all(raw::<InstalledItem>(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, propertyType",
    )))
    .await?;
    let indexes: Vec<IndexRow> = Box::pin(db.fetch_all(raw::<IndexRow>(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint",
    )))
    .await?;
    Ok(Installed {
        constraints,
        indexes: indexes
            .into_iter()
            .filter(|i| i.owner.is_none())
            .map(|i| InstalledItem {
                index: true,
                ..i.item
            })
            .collect(),
    })
}

/// Drops every constraint and index typher installed (named with [`PREFIX`]), whatever
/// schema installed it; leaves the others. Returns the names it dropped.
pub async fn drop_installed(db: &Client) -> Result<Vec<String>> {
    let installed = Box::pin(list(db)).await?;
    let mut dropped = Vec::new();
    for item in installed.all().filter(|i| i.is_typher()) {
        Box::pin(db.execute(raw::<()>(item.drop_statement()))).await?;
        dropped.push(item.name.clone());
    }
    Ok(dropped)
}
