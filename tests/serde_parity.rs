//! The property keys typher renders are the keys serde writes, for every casing rule.

use typher::prelude::*;
use typher::schema::NodeLabel;

/// The keys serde writes for `value`, in field order.
fn serde_keys(value: impl serde::Serialize) -> Vec<String> {
    match serde_json::to_value(value).expect("serializes") {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

/// The keys typher renders for label `L`, sorted like serde_json's map.
fn typher_keys<L: NodeLabel>() -> Vec<String> {
    let mut keys: Vec<String> = L::PROPERTIES.iter().map(|p| p.key.to_owned()).collect();
    keys.sort();
    keys
}

macro_rules! parity {
    ($($name:ident: $rule:literal),* $(,)?) => {$(
        #[derive(Node, serde::Serialize, Default)]
        #[serde(rename_all = $rule)]
        #[allow(non_snake_case)]
        pub struct $name {
            pub year_born: i64,
            pub imdbID: String,
            pub r#type: String,
            pub a1_b2: i64,
            pub already: i64,
            #[serde(rename = "fixedKey")]
            pub fixed: i64,
        }
    )*

    #[test]
    fn keys_match_serde_for_every_rename_all_rule() {
        $(
            let keys = typher_keys::<$name>();
            assert_eq!(keys, serde_keys($name::default()), "rule {}", $rule);
        )*
    }
    };
}

parity! {
    Lower: "lowercase",
    Upper: "UPPERCASE",
    Pascal: "PascalCase",
    Camel: "camelCase",
    Snake: "snake_case",
    ScreamingSnake: "SCREAMING_SNAKE_CASE",
    Kebab: "kebab-case",
    ScreamingKebab: "SCREAMING-KEBAB-CASE",
}

/// Without `rename_all`, the keys are the field names, as serde writes them.
#[derive(Node, serde::Serialize, Default)]
#[allow(non_snake_case)]
pub struct Plain {
    pub year_born: i64,
    pub imdbID: String,
    pub r#type: String,
}

#[test]
fn keys_match_serde_without_rules() {
    assert_eq!(typher_keys::<Plain>(), serde_keys(Plain::default()));
}

macro_rules! variant_parity {
    ($($name:ident: $rule:literal),* $(,)?) => {$(
        #[derive(PropertyValue, serde::Serialize, Clone, Copy)]
        #[serde(rename_all = $rule)]
        pub enum $name {
            SciFi,
            IMAX,
            Plain,
            #[serde(rename = "x-y")]
            Fixed,
        }
    )*

    #[test]
    fn enum_values_match_serde_for_every_rename_all_rule() {
        $(
            for v in [$name::SciFi, $name::IMAX, $name::Plain, $name::Fixed] {
                let serde = serde_json::to_value(v).unwrap();
                assert_eq!(serde.as_str(), Some(v.as_property_str()), "rule {}", $rule);
            }
        )*
    }
    };
}

variant_parity! {
    VLower: "lowercase",
    VUpper: "UPPERCASE",
    VPascal: "PascalCase",
    VCamel: "camelCase",
    VSnake: "snake_case",
    VScreamingSnake: "SCREAMING_SNAKE_CASE",
    VKebab: "kebab-case",
    VScreamingKebab: "SCREAMING-KEBAB-CASE",
}
