//! The Cypher property types a type constraint may name (`IS :: INTEGER`), as a closed set:
//! a model's `cypher_type` is read against it and written back in its canonical spelling,
//! so nothing else ever reaches a statement.

/// The scalar property types, canonical spelling first, then the synonyms Neo4j accepts.
const SCALARS: &[(&str, &[&str])] = &[
    ("BOOLEAN", &["BOOL"]),
    ("STRING", &["VARCHAR"]),
    ("INTEGER", &["INT", "SIGNED INTEGER"]),
    ("FLOAT", &[]),
    ("DATE", &[]),
    ("LOCAL TIME", &["TIME WITHOUT TIME ZONE"]),
    ("ZONED TIME", &["TIME WITH TIME ZONE"]),
    ("LOCAL DATETIME", &["TIMESTAMP WITHOUT TIME ZONE"]),
    ("ZONED DATETIME", &["TIMESTAMP WITH TIME ZONE"]),
    ("DURATION", &[]),
    ("POINT", &[]),
];

/// The canonical spelling of a scalar type, whitespace and case aside.
fn scalar(words: &str) -> Option<&'static str> {
    SCALARS
        .iter()
        .find(|(name, synonyms)| *name == words || synonyms.contains(&words))
        .map(|(name, _)| *name)
}

/// One member of a union: a scalar, or `LIST<scalar NOT NULL>` (also `ARRAY<..>`).
fn member(text: &str) -> Option<String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = words.to_ascii_uppercase();
    if let Some(name) = scalar(&upper) {
        return Some(name.to_owned());
    }
    let inner = upper
        .strip_prefix("LIST")
        .or_else(|| upper.strip_prefix("ARRAY"))?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')?
        .trim()
        .strip_suffix("NOT NULL")?
        .trim();
    Some(format!("LIST<{} NOT NULL>", scalar(inner)?))
}

/// The canonical spelling of `text` if it is a property type a constraint may name (a
/// scalar type, a list of one, or a union of these: `INTEGER | FLOAT`); `None` for
/// anything else.
pub(crate) fn property_type(text: &str) -> Option<String> {
    let members = text
        .split('|')
        .map(member)
        .collect::<Option<Vec<String>>>()?;
    Some(members.join(" | "))
}

/// Why a model's `cypher_type` is refused.
pub(crate) fn refusal(label: &str, key: &str, declared: &str) -> String {
    format!(
        "{label}.{key} declares the Cypher type {declared:?}, which is no property type \
         (BOOLEAN, STRING, INTEGER, FLOAT, DATE, LOCAL TIME, ZONED TIME, LOCAL DATETIME, \
         ZONED DATETIME, DURATION, POINT, LIST<.. NOT NULL> of one, or a union of these)"
    )
}

/// Reads a model's `cypher_type`, refusing anything that is no property type.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let declared: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    match declared {
        None => Ok(None),
        Some(text) => property_type(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "the Cypher type {text:?} is no property type (BOOLEAN, STRING, INTEGER, \
                 FLOAT, DATE, LOCAL TIME, ZONED TIME, LOCAL DATETIME, ZONED DATETIME, DURATION, \
                 POINT, LIST<.. NOT NULL> of one, or a union of these)"
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::property_type;

    #[test]
    fn the_closed_set_in_its_canonical_spelling() {
        assert_eq!(property_type("INTEGER").as_deref(), Some("INTEGER"));
        assert_eq!(
            property_type(" local  datetime ").as_deref(),
            Some("LOCAL DATETIME")
        );
        assert_eq!(property_type("bool").as_deref(), Some("BOOLEAN"));
        assert_eq!(
            property_type("LIST<STRING NOT NULL>").as_deref(),
            Some("LIST<STRING NOT NULL>")
        );
        assert_eq!(
            property_type("integer|FLOAT").as_deref(),
            Some("INTEGER | FLOAT")
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "INTEGER; MATCH (n) DETACH DELETE n",
            "INTEGER\nMATCH (n) DETACH DELETE n",
            "LIST<STRING>",
            "LIST<LIST<STRING NOT NULL> NOT NULL>",
            "MAP",
            "",
            "INTEGER |",
            "STRING // comment",
        ] {
            assert_eq!(property_type(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_schema_declaring_another_type_is_refused_before_anything_is_sent() {
        use crate::schema_tools::{ElementKind, Model, ModelProperty, Schema};
        let file = r#"{"models": [{"entity": "Node", "label": "Movie", "properties": [
            {"key": "released", "cypher_type": "INTEGER; MATCH (n) DETACH DELETE n"}]}]}"#;
        let read = serde_json::from_str::<Schema>(file)
            .unwrap_err()
            .to_string();
        assert!(read.contains("is no property type"), "{read}");

        let model = Model {
            entity: ElementKind::Node,
            label: "Movie".into(),
            extra_labels: Vec::new(),
            properties: vec![ModelProperty {
                key: "released".into(),
                cypher_type: Some("INTEGER\nMATCH (n) DETACH DELETE n".into()),
                ..ModelProperty::default()
            }],
        };
        let schema = Schema::new().model(model);
        assert!(schema.statements().iter().all(|s| !s.contains("DELETE")));
        let refused = schema.check().unwrap_err().to_string();
        assert!(
            refused.contains("Movie.released declares the Cypher type"),
            "{refused}"
        );
    }
}
