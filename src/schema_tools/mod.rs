//! Schema tools: the constraints and indexes the models imply, installed, listed and
//! dropped on a live database.
//!
//! A [`Schema`] lists the models once (`Schema::new().node::<Person>().relationship::<Reviewed>()`)
//! and derives from their declarations:
//! - `#[node(unique)]`: a uniqueness constraint (on nodes and relationships);
//! - `#[node(key)]` on one or more fields: one node key over them;
//! - every field that is no `Option`: a required property (`IS NOT NULL`);
//! - every field with a Cypher type: a property type constraint (`IS :: INTEGER`, ..);
//! - `#[node(index)]` / `#[node(text_index)]`: a range / text index.
//!
//! Every name is deterministic and starts with [`PREFIX`], so [`Schema::drop`] and
//! [`drop_installed`] remove only what typher installed.
//!
//! ```
//! use typher::schema_tools::Schema;
//! # use typher_testkit::movies::*;
//! let schema = Schema::new().node::<Movie>();
//! assert_eq!(
//!     schema.statements()[0],
//!     "CREATE CONSTRAINT typher_movie_title_type IF NOT EXISTS FOR (n:Movie) REQUIRE n.title IS :: STRING"
//! );
//! ```

mod diff;
mod error;
mod inspect;
mod installed;
mod migrate;
mod sample;
mod types;

pub use diff::{Drift, Mismatch, DEFAULT_SAMPLE};
pub use error::{Error, Result};
pub use inspect::{
    inspect, InspectOptions, InspectedNode, InspectedProperty, InspectedRelationship, Inspection,
    Progress,
};
pub use installed::{drop_installed, list, Installed, InstalledItem};
pub use migrate::{
    Applied, Migrations, Planned, StepState, StepStatus, DEFAULT_LOCK_TIMEOUT, MIGRATION_LABEL,
    MIGRATION_LOCK_CONSTRAINT, MIGRATION_LOCK_LABEL,
};
pub use sample::{in_use, sample, Sample, SampledProperty, EMPTY_LIST};

use crate::dsl::render::escape_name;
use crate::schema::names::GraphName;
use crate::schema::{NodeLabel, PropertyMeta, RelType};
use crate::Executor;

/// The prefix of every constraint and index typher names.
pub const PREFIX: &str = "typher_";

/// Whether a constraint or index is on nodes or on relationships.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ElementKind {
    /// On nodes of a label.
    Node,
    /// On relationships of a type.
    Relationship,
}

impl ElementKind {
    /// How `SHOW CONSTRAINTS` and `SHOW INDEXES` name it: `NODE` or `RELATIONSHIP`.
    pub fn server_name(self) -> &'static str {
        match self {
            ElementKind::Node => "NODE",
            ElementKind::Relationship => "RELATIONSHIP",
        }
    }
}

/// What a schema item requires or indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "kind", content = "type")]
pub enum Kind {
    /// The property values (or their combination) are unique.
    Unique,
    /// The properties exist together and their combination is unique (nodes only).
    NodeKey,
    /// The property exists.
    Exists,
    /// The property's values have this Cypher type (`INTEGER`, `LIST<STRING NOT NULL>` ..).
    Type(String),
    /// A range index.
    RangeIndex,
    /// A text index.
    TextIndex,
}

impl Kind {
    /// Whether the item is an index (else a constraint).
    pub fn is_index(&self) -> bool {
        matches!(self, Kind::RangeIndex | Kind::TextIndex)
    }

    /// Whether Neo4j Community Edition can install it.
    fn is_community(&self) -> bool {
        matches!(self, Kind::Unique | Kind::RangeIndex | Kind::TextIndex)
    }

    /// When it is installed: property types first (ArcadeDB refuses a type for a property
    /// an index covers already), then existence, uniqueness, keys, and indexes last.
    fn rank(&self) -> u8 {
        match self {
            Kind::Type(_) => 0,
            Kind::Exists => 1,
            Kind::Unique => 2,
            Kind::NodeKey => 3,
            Kind::RangeIndex => 4,
            Kind::TextIndex => 5,
        }
    }

    fn suffix(&self) -> &'static str {
        match self {
            Kind::Unique => "unique",
            Kind::NodeKey => "key",
            Kind::Exists => "exists",
            Kind::Type(_) => "type",
            Kind::RangeIndex => "index",
            Kind::TextIndex => "text",
        }
    }
}

/// One constraint or index the models imply.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct SchemaItem {
    /// Its name: `typher_<label>_<properties>_<kind>`.
    pub name: String,
    /// Nodes or relationships.
    pub entity: ElementKind,
    /// The label or relationship type.
    pub label: String,
    /// The properties, in field order.
    pub properties: Vec<String>,
    /// What it requires or indexes.
    #[serde(flatten)]
    pub kind: Kind,
}

impl SchemaItem {
    fn new(entity: ElementKind, label: &str, properties: Vec<String>, kind: Kind) -> Self {
        let mut name = String::from(PREFIX);
        for part in core::iter::once(label)
            .chain(properties.iter().map(String::as_str))
            .chain(core::iter::once(kind.suffix()))
        {
            name.extend(part.chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            }));
            name.push('_');
        }
        name.pop();
        Self {
            name,
            entity,
            label: label.to_owned(),
            properties,
            kind,
        }
    }

    /// The statement creating it, `IF NOT EXISTS`.
    pub fn create_statement(&self) -> String {
        let label = escape_name(&self.label);
        let (pattern, v) = match self.entity {
            ElementKind::Node => (format!("(n:{label})"), "n"),
            ElementKind::Relationship => (format!("()-[r:{label}]-()"), "r"),
        };
        let props: Vec<String> = self
            .properties
            .iter()
            .map(|p| format!("{v}.{}", escape_name(p)))
            .collect();
        let one = props.join(", ");
        let many = if props.len() == 1 {
            one.clone()
        } else {
            format!("({one})")
        };
        let name = escape_name(&self.name);
        match &self.kind {
            Kind::Unique => format!(
                "CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE {many} IS UNIQUE"
            ),
            Kind::NodeKey => format!(
                "CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE ({one}) IS NODE KEY"
            ),
            Kind::Exists => format!(
                "CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE {one} IS NOT NULL"
            ),
            Kind::Type(ty) => format!(
                "CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE {one} IS :: {ty}"
            ),
            Kind::RangeIndex => {
                format!("CREATE INDEX {name} IF NOT EXISTS FOR {pattern} ON ({one})")
            }
            Kind::TextIndex => {
                format!("CREATE TEXT INDEX {name} IF NOT EXISTS FOR {pattern} ON ({one})")
            }
        }
    }

    /// The statement dropping it, `IF EXISTS`.
    pub fn drop_statement(&self) -> String {
        drop_statement(&self.name, self.kind.is_index())
    }
}

/// A stable 32-bit FNV-1a hash of an item's label and properties.
fn fnv(item: &SchemaItem) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for part in core::iter::once(&item.label).chain(&item.properties) {
        for byte in part.bytes().chain(core::iter::once(0)) {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }
    hash
}

fn drop_statement(name: &str, index: bool) -> String {
    let what = if index { "INDEX" } else { "CONSTRAINT" };
    format!("DROP {what} {} IF EXISTS", escape_name(name))
}

/// A label or relationship type and the properties its model declares: what a [`Schema`]
/// is built from, whether from a derived struct or from data (a JSON schema file, an
/// inspected database).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Model {
    /// Nodes or relationships.
    pub entity: ElementKind,
    /// The label or relationship type.
    pub label: String,
    /// The labels its nodes carry besides `label` (`#[node(extra_labels = [..])]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_labels: Vec<String>,
    /// The declared properties, in field order.
    pub properties: Vec<ModelProperty>,
}

/// One declared property of a [`Model`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ModelProperty {
    /// The graph property key.
    pub key: String,
    /// The Cypher type of its values (`INTEGER`, `LIST<STRING NOT NULL>` ..), if it has one:
    /// a property type a type constraint may name, nothing else (a schema file naming
    /// anything else is refused as it is read).
    #[serde(deserialize_with = "types::deserialize")]
    pub cypher_type: Option<String>,
    /// It may be missing (an `Option` field).
    pub optional: bool,
    /// `#[node(unique)]`.
    pub unique: bool,
    /// `#[node(key)]`: part of the node key.
    pub node_key: bool,
    /// `#[node(index)]`.
    pub index: bool,
    /// `#[node(text_index)]`.
    pub text_index: bool,
}

impl Model {
    fn of(
        entity: ElementKind,
        label: &str,
        extra: &[GraphName],
        properties: &[PropertyMeta],
    ) -> Self {
        Self {
            entity,
            label: label.to_owned(),
            extra_labels: extra.iter().map(|l| l.text.to_owned()).collect(),
            properties: properties
                .iter()
                .map(|p| ModelProperty {
                    key: p.key.to_owned(),
                    cypher_type: p.cypher_type.map(str::to_owned),
                    optional: p.optional,
                    unique: p.unique,
                    node_key: p.node_key,
                    index: p.index,
                    text_index: p.text_index,
                })
                .collect(),
        }
    }

    /// The constraints and indexes this model implies, named but not yet told apart from
    /// other models' items; and what it declares that no statement may say (a
    /// `cypher_type` that is no property type).
    fn items(&self) -> (Vec<SchemaItem>, Vec<String>) {
        let (entity, label) = (self.entity, self.label.as_str());
        let mut items = Vec::new();
        let mut problems = Vec::new();
        let keys: Vec<String> = self
            .properties
            .iter()
            .filter(|p| p.node_key)
            .map(|p| p.key.clone())
            .collect();
        if !keys.is_empty() && entity == ElementKind::Node {
            items.push(SchemaItem::new(entity, label, keys, Kind::NodeKey));
        }
        for p in &self.properties {
            let one = || vec![p.key.clone()];
            if p.unique {
                items.push(SchemaItem::new(entity, label, one(), Kind::Unique));
            }
            // A node key requires its properties already.
            let in_key = p.node_key && entity == ElementKind::Node;
            if !p.optional && !in_key {
                items.push(SchemaItem::new(entity, label, one(), Kind::Exists));
            }
            if let Some(ty) = &p.cypher_type {
                match types::property_type(ty) {
                    Some(ty) => items.push(SchemaItem::new(entity, label, one(), Kind::Type(ty))),
                    None => problems.push(types::refusal(label, &p.key, ty)),
                }
            }
            // A unique property has the constraint's index already.
            if p.index && !p.unique {
                items.push(SchemaItem::new(entity, label, one(), Kind::RangeIndex));
            }
            if p.text_index {
                items.push(SchemaItem::new(entity, label, one(), Kind::TextIndex));
            }
        }
        (items, problems)
    }
}

/// The constraints and indexes of a set of models; see the [module docs](self).
///
/// It serialises as its models (and whether it is [for Community
/// Edition](Self::for_community)), so a program can write its schema to a file for the
/// `typher` command line (`typher diff --schema schema.json`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(from = "SchemaFile", into = "SchemaFile")]
#[must_use = "a schema does nothing until installed"]
pub struct Schema {
    models: Vec<Model>,
    items: Vec<SchemaItem>,
    community: bool,
    /// What the models declare that no statement may say; [`install`](Self::install)
    /// refuses to run while there is any.
    problems: Vec<String>,
}

/// A [`Schema`] as it is written to a file: the items follow from the models.
#[derive(serde::Serialize, serde::Deserialize)]
struct SchemaFile {
    models: Vec<Model>,
    #[serde(default)]
    community: bool,
}

impl From<SchemaFile> for Schema {
    fn from(file: SchemaFile) -> Self {
        let mut schema = file.models.into_iter().fold(Schema::new(), Schema::model);
        if file.community {
            schema = schema.for_community();
        }
        schema
    }
}

impl From<Schema> for SchemaFile {
    fn from(schema: Schema) -> Self {
        Self {
            models: schema.models,
            community: schema.community,
        }
    }
}

impl Schema {
    /// An empty schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds what label `L` declares.
    pub fn node<L: NodeLabel>(self) -> Self {
        self.model(Model::of(
            ElementKind::Node,
            L::LABEL,
            L::EXTRA_LABELS,
            L::PROPERTIES,
        ))
    }

    /// Adds what relationship type `R` declares.
    pub fn relationship<R: RelType>(self) -> Self {
        self.model(Model::of(
            ElementKind::Relationship,
            R::TYPE,
            &[],
            R::PROPERTIES,
        ))
    }

    /// Adds a model given as data (the way [`node`](Self::node) and
    /// [`relationship`](Self::relationship) add a derived one). Adding the same model twice
    /// adds nothing.
    pub fn model(mut self, model: Model) -> Self {
        if self.models.contains(&model) {
            return self;
        }
        let (items, problems) = model.items();
        self.problems.extend(problems);
        for mut item in items {
            if self.community && !item.kind.is_community() {
                continue;
            }
            if self.items.iter().any(|i| i.name == item.name) {
                // Another label or type whose name reads the same (`Spare Part`,
                // `Spare_Part`): told apart by a hash of what it is on.
                item.name = format!("{}_{:08x}", item.name, fnv(&item));
            }
            self.items.push(item);
        }
        self.models.push(model);
        self
    }

    /// The models, in the order they were added.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// Keeps what Neo4j Community Edition can install: uniqueness constraints and indexes
    /// (property existence, type and key constraints need Enterprise Edition).
    pub fn for_community(mut self) -> Self {
        self.items.retain(|i| i.kind.is_community());
        self.community = true;
        self
    }

    /// The constraints and indexes, in the order the models were added.
    pub fn items(&self) -> &[SchemaItem] {
        &self.items
    }

    /// The items in the order [`install`](Self::install) creates them.
    fn in_install_order(&self) -> Vec<&SchemaItem> {
        let mut items: Vec<&SchemaItem> = self.items.iter().collect();
        items.sort_by_key(|i| i.kind.rank());
        items
    }

    /// What the models declare that no statement may say (a `cypher_type` that is no
    /// property type), as [`install`](Self::install) reports it: such an item is left out
    /// of [`statements`](Self::statements), and `install` sends nothing while there is any.
    pub fn check(&self) -> Result<()> {
        match self.problems.first() {
            Some(problem) => Err(Error::Model(problem.clone())),
            None => Ok(()),
        }
    }

    /// The statements [`install`](Self::install) runs, in its order.
    pub fn statements(&self) -> Vec<String> {
        self.in_install_order()
            .into_iter()
            .map(SchemaItem::create_statement)
            .collect()
    }

    /// Creates every constraint and index that does not exist yet (`IF NOT EXISTS`, so
    /// installing twice changes nothing): property types, existence, uniqueness and keys,
    /// then indexes. Returns the names it created.
    pub async fn install(&self, db: &crate::Client) -> Result<Vec<String>> {
        self.check()?;
        let before = Box::pin(list(db)).await?;
        let mut created = Vec::new();
        for item in self.in_install_order() {
            Box::pin(db.execute(crate::raw::<()>(item.create_statement()))).await?;
            if !before.has(&item.name) {
                created.push(item.name.clone());
            }
        }
        Ok(created)
    }

    /// Drops this schema's constraints and indexes (`IF EXISTS`); returns the names it
    /// dropped.
    pub async fn drop(&self, db: &crate::Client) -> Result<Vec<String>> {
        let before = Box::pin(list(db)).await?;
        let mut dropped = Vec::new();
        for item in self.items.iter().filter(|i| before.has(&i.name)) {
            Box::pin(db.execute(crate::raw::<()>(item.drop_statement()))).await?;
            dropped.push(item.name.clone());
        }
        Ok(dropped)
    }
}
