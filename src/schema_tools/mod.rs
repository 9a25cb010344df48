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

mod installed;

pub use installed::{drop_installed, list, Installed, InstalledItem};

use crate::dsl::render::escape_name;
use crate::schema::{NodeLabel, PropertyMeta, RelType};

/// The prefix of every constraint and index typher names.
pub const PREFIX: &str = "typher_";

/// Whether a constraint or index is on nodes or on relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Entity {
    /// On nodes of a label.
    Node,
    /// On relationships of a type.
    Relationship,
}

/// What a schema item requires or indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    /// The property values (or their combination) are unique.
    Unique,
    /// The properties exist together and their combination is unique (nodes only).
    NodeKey,
    /// The property exists.
    Exists,
    /// The property's values have this Cypher type.
    Type(&'static str),
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
    pub entity: Entity,
    /// The label or relationship type.
    pub label: &'static str,
    /// The properties, in field order.
    pub properties: Vec<&'static str>,
    /// What it requires or indexes.
    pub kind: Kind,
}

impl SchemaItem {
    fn new(entity: Entity, label: &'static str, properties: Vec<&'static str>, kind: Kind) -> Self {
        let mut name = String::from(PREFIX);
        for part in core::iter::once(label)
            .chain(properties.iter().copied())
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
            label,
            properties,
            kind,
        }
    }

    /// The statement creating it, `IF NOT EXISTS`.
    pub fn create_statement(&self) -> String {
        let label = escape_name(self.label);
        let (pattern, v) = match self.entity {
            Entity::Node => (format!("(n:{label})"), "n"),
            Entity::Relationship => (format!("()-[r:{label}]-()"), "r"),
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
    for part in core::iter::once(item.label).chain(item.properties.iter().copied()) {
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

/// The constraints and indexes of a set of models; see the [module docs](self).
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use = "a schema does nothing until installed"]
pub struct Schema {
    items: Vec<SchemaItem>,
}

impl Schema {
    /// An empty schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds what label `L` declares.
    pub fn node<L: NodeLabel>(mut self) -> Self {
        self.add(Entity::Node, L::LABEL, L::PROPERTIES);
        self
    }

    /// Adds what relationship type `R` declares.
    pub fn relationship<R: RelType>(mut self) -> Self {
        self.add(Entity::Relationship, R::TYPE, R::PROPERTIES);
        self
    }

    fn add(&mut self, entity: Entity, label: &'static str, properties: &[PropertyMeta]) {
        let mut items = Vec::new();
        let keys: Vec<&'static str> = properties
            .iter()
            .filter(|p| p.node_key)
            .map(|p| p.key)
            .collect();
        if !keys.is_empty() && entity == Entity::Node {
            items.push(SchemaItem::new(entity, label, keys, Kind::NodeKey));
        }
        for p in properties {
            let one = || vec![p.key];
            if p.unique {
                items.push(SchemaItem::new(entity, label, one(), Kind::Unique));
            }
            // A node key requires its properties already.
            let in_key = p.node_key && entity == Entity::Node;
            if !p.optional && !in_key {
                items.push(SchemaItem::new(entity, label, one(), Kind::Exists));
            }
            if let Some(ty) = p.cypher_type {
                items.push(SchemaItem::new(entity, label, one(), Kind::Type(ty)));
            }
            // A unique property has the constraint's index already.
            if p.index && !p.unique {
                items.push(SchemaItem::new(entity, label, one(), Kind::RangeIndex));
            }
            if p.text_index {
                items.push(SchemaItem::new(entity, label, one(), Kind::TextIndex));
            }
        }
        for mut item in items {
            match self.items.iter().find(|i| i.name == item.name) {
                // The same model added twice.
                Some(same) if *same == item => continue,
                // Another label or type whose name reads the same (`Spare Part`,
                // `Spare_Part`): told apart by a hash of what it is on.
                Some(_) => item.name = format!("{}_{:08x}", item.name, fnv(&item)),
                None => {}
            }
            self.items.push(item);
        }
    }

    /// Keeps what Neo4j Community Edition can install: uniqueness constraints and indexes
    /// (property existence, type and key constraints need Enterprise Edition).
    pub fn for_community(mut self) -> Self {
        self.items
            .retain(|i| matches!(i.kind, Kind::Unique | Kind::RangeIndex | Kind::TextIndex));
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
    pub async fn install(&self, db: &crate::Client) -> crate::Result<Vec<String>> {
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
    pub async fn drop(&self, db: &crate::Client) -> crate::Result<Vec<String>> {
        let before = Box::pin(list(db)).await?;
        let mut dropped = Vec::new();
        for item in self.items.iter().filter(|i| before.has(&i.name)) {
            Box::pin(db.execute(crate::raw::<()>(item.drop_statement()))).await?;
            dropped.push(item.name.clone());
        }
        Ok(dropped)
    }
}
