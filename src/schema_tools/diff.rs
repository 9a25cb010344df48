//! The drift check: what a [`Schema`] says against what a database holds.

use super::installed::{list, Installed, InstalledItem};
use super::sample::{fits, in_use, sample};
use super::Result;
use super::{ElementKind, Kind, Schema, SchemaItem, MIGRATION_LABEL, MIGRATION_LOCK_LABEL};
use crate::Client;
use std::fmt;

/// How many nodes of a label (or relationships of a type) a drift check or an inspection
/// samples unless told otherwise.
pub const DEFAULT_SAMPLE: usize = 1000;

/// Where the models and a database disagree; empty when they agree. See [`Schema::diff`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Drift {
    /// Constraints and indexes the models imply that the database lacks (under any name).
    pub missing: Vec<SchemaItem>,
    /// Constraints and indexes typher installed that the models no longer imply.
    pub extra: Vec<InstalledItem>,
    /// Labels that nodes in the database have and no model declares.
    pub undeclared_labels: Vec<String>,
    /// Relationship types in the database that no model declares.
    pub undeclared_types: Vec<String>,
    /// Sampled properties whose values the models' types would not decode.
    pub mismatches: Vec<Mismatch>,
}

/// Stored values of a declared property that do not have its declared type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mismatch {
    /// Nodes or relationships.
    pub entity: ElementKind,
    /// The label or relationship type.
    pub label: String,
    /// The property key.
    pub property: String,
    /// The declared Cypher type.
    pub expected: String,
    /// The type the values have, `NULL` for a required property that is missing.
    pub found: String,
    /// How many of the sampled elements have such a value.
    pub count: u64,
    /// How many elements were sampled.
    pub sampled: u64,
}

impl Drift {
    /// Whether the models and the database agree.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && self.extra.is_empty()
            && self.undeclared_labels.is_empty()
            && self.undeclared_types.is_empty()
            && self.mismatches.is_empty()
    }
}

impl fmt::Display for Drift {
    /// One line per difference, or `no drift`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "no drift: the database has what the models declare");
        }
        for item in &self.missing {
            writeln!(f, "missing: {} ({})", item.name, item.create_statement())?;
        }
        for item in &self.extra {
            writeln!(
                f,
                "extra: {} ({} on {} {:?}), installed by typher and no longer declared",
                item.name,
                item.kind,
                item.labels.as_deref().unwrap_or_default().join(", "),
                item.properties.as_deref().unwrap_or_default(),
            )?;
        }
        for label in &self.undeclared_labels {
            writeln!(f, "undeclared label: {label} (no model declares it)")?;
        }
        for ty in &self.undeclared_types {
            writeln!(
                f,
                "undeclared relationship type: {ty} (no model declares it)"
            )?;
        }
        for m in &self.mismatches {
            let what = match m.entity {
                ElementKind::Node => "node",
                ElementKind::Relationship => "relationship",
            };
            writeln!(
                f,
                "type mismatch: {}.{}: {} of {} sampled {what}s hold {}, the model declares {}",
                m.label, m.property, m.count, m.sampled, m.found, m.expected
            )?;
        }
        Ok(())
    }
}

/// Whether an installed constraint or index is the one `item` describes, under any name.
fn same(item: &SchemaItem, installed: &InstalledItem) -> bool {
    let entity = item.entity.server_name();
    let kind = installed.kind.as_str();
    let kind_fits = match &item.kind {
        Kind::Unique => kind.ends_with("UNIQUENESS"),
        Kind::NodeKey => kind == "NODE_KEY",
        Kind::Exists => kind.ends_with("PROPERTY_EXISTENCE"),
        Kind::Type(ty) => {
            kind.ends_with("PROPERTY_TYPE")
                && installed.property_type.as_deref().is_none_or(|t| t == ty)
        }
        Kind::RangeIndex => kind == "RANGE",
        // ArcadeDB reports a text index as a range index: its name tells it apart.
        Kind::TextIndex => kind == "TEXT" || (kind == "RANGE" && installed.name == item.name),
    };
    kind_fits
        && installed.index == item.kind.is_index()
        && installed.entity == entity
        && installed.labels.as_deref() == Some(std::slice::from_ref(&item.label))
        && installed.properties.as_deref() == Some(item.properties.as_slice())
}

impl Schema {
    /// Compares the models with the database: constraints and indexes missing or left over,
    /// labels and relationship types no model declares, and stored values (of the first
    /// `sample` nodes of each label and relationships of each type) that the declared types
    /// would not decode.
    ///
    /// ```no_run
    /// # async fn demo(db: &typher::Client) -> typher::Result<()> {
    /// use typher::schema_tools::{Schema, DEFAULT_SAMPLE};
    /// # use typher_testkit::movies::*;
    /// let drift = Schema::new().node::<Person>().diff(db, DEFAULT_SAMPLE).await?;
    /// if !drift.is_empty() {
    ///     eprint!("{drift}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn diff(&self, db: &Client, sample_size: usize) -> Result<Drift> {
        let installed = Box::pin(list(db)).await?;
        let mut drift = self.constraint_drift(&installed);
        for entity in [ElementKind::Node, ElementKind::Relationship] {
            let declared: Vec<&str> = self
                .models
                .iter()
                .filter(|m| m.entity == entity)
                .flat_map(|m| core::iter::once(&m.label).chain(&m.extra_labels))
                .map(String::as_str)
                .collect();
            let undeclared = Box::pin(in_use(db, entity)).await?.into_iter().filter(|l| {
                !declared.contains(&l.as_str()) && l != MIGRATION_LABEL && l != MIGRATION_LOCK_LABEL
            });
            match entity {
                ElementKind::Node => drift.undeclared_labels.extend(undeclared),
                ElementKind::Relationship => drift.undeclared_types.extend(undeclared),
            }
        }
        for model in &self.models {
            let found = Box::pin(sample(db, model.entity, &model.label, sample_size)).await?;
            for p in &model.properties {
                let sampled = found.property(&p.key);
                let present = sampled.map_or(0, |s| s.present());
                let expected = p.cypher_type.as_deref().unwrap_or("ANY");
                if !p.optional && present < found.sampled {
                    drift.mismatches.push(Mismatch {
                        entity: model.entity,
                        label: model.label.clone(),
                        property: p.key.clone(),
                        expected: expected.to_owned(),
                        found: "NULL".to_owned(),
                        count: found.sampled - present,
                        sampled: found.sampled,
                    });
                }
                let (Some(declared), Some(sampled)) = (&p.cypher_type, sampled) else {
                    continue;
                };
                for (ty, count) in &sampled.types {
                    if !fits(ty, declared) {
                        drift.mismatches.push(Mismatch {
                            entity: model.entity,
                            label: model.label.clone(),
                            property: p.key.clone(),
                            expected: declared.clone(),
                            found: ty.clone(),
                            count: *count,
                            sampled: found.sampled,
                        });
                    }
                }
            }
        }
        Ok(drift)
    }

    /// The constraint and index part of [`diff`](Self::diff), from a listing.
    pub fn constraint_drift(&self, installed: &Installed) -> Drift {
        Drift {
            missing: self
                .items
                .iter()
                .filter(|item| !installed.all().any(|i| same(item, i)))
                .cloned()
                .collect(),
            extra: installed
                .all()
                .filter(|i| i.is_typher() && !self.items.iter().any(|item| same(item, i)))
                .cloned()
                .collect(),
            ..Drift::default()
        }
    }
}
