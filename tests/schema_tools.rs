//! The constraints and indexes the models imply (snapshots, reviewed one by one).

use typher::prelude::*;
use typher::schema_tools::{Kind, Schema};
use typher_testkit::movies::*;

/// A gadget: every kind of declaration on one label.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Gadget {
    #[node(unique)]
    pub sku: String,
    #[node(index)]
    pub price: f64,
    #[node(text_index)]
    pub blurb: Option<String>,
    pub tags: Vec<String>,
    pub released: Option<chrono::NaiveDate>,
}

/// A part, identified by its maker and code together.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
#[node(label = "Spare Part")]
pub struct Part {
    #[node(key)]
    pub maker: String,
    #[node(key)]
    pub code: i64,
}

#[test]
fn the_movies_models_imply() {
    let schema = Schema::new()
        .node::<Person>()
        .node::<Movie>()
        .relationship::<ActedIn>()
        .relationship::<Reviewed>();
    insta::assert_snapshot!(schema.statements().join("\n"));
}

#[test]
fn every_declaration_on_one_label() {
    let schema = Schema::new().node::<Gadget>().node::<Part>();
    insta::assert_snapshot!(schema.statements().join("\n"));
}

#[test]
fn names_are_deterministic_marked_and_unique() {
    let schema = Schema::new().node::<Gadget>().node::<Gadget>();
    let names: Vec<_> = schema.items().iter().map(|i| i.name.as_str()).collect();
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(names, unique, "adding a model twice adds nothing");
    assert!(names.iter().all(|n| n.starts_with("typher_gadget_")));
    assert!(names.contains(&"typher_gadget_price_type"));
    let kinds: Vec<_> = schema.items().iter().map(|i| &i.kind).collect();
    assert!(kinds.contains(&&Kind::Type("LIST<STRING NOT NULL>".into())));
    assert!(kinds.contains(&&Kind::Type("DATE".into())));
}

#[test]
fn community_edition_keeps_uniqueness_and_indexes() {
    let schema = Schema::new()
        .node::<Gadget>()
        .node::<Part>()
        .for_community();
    let names: Vec<_> = schema.items().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "typher_gadget_sku_unique",
            "typher_gadget_price_index",
            "typher_gadget_blurb_text"
        ]
    );
}

/// A label whose name reads like `Spare Part`'s.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
#[node(label = "Spare_Part")]
pub struct OtherPart {
    #[node(key)]
    pub maker: String,
    #[node(key)]
    pub code: i64,
}

#[test]
fn labels_that_read_alike_get_names_of_their_own() {
    let schema = Schema::new().node::<Part>().node::<OtherPart>();
    let names: Vec<_> = schema.items().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 6, "{names:?}");
    assert!(
        names[3].starts_with("typher_spare_part_maker_code_key_"),
        "{names:?}"
    );
}
