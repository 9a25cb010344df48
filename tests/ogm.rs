//! The Cypher each OGM operation sends (snapshots, reviewed one by one).

use typher::ogm::plan;
use typher::prelude::*;
use typher_testkit::movies::*;

/// A label with an optimistic-locking version.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    #[node(unique)]
    pub slug: String,
    pub body: Option<String>,
    #[node(version)]
    pub version: i64,
}

macro_rules! snap {
    ($name:ident, $query:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($query.to_cypher().to_string());
        }
    };
}

fn ann() -> Person {
    Person {
        name: "Ann".into(),
        born: Some(1990),
    }
}

snap!(nodes_all, Person::nodes().query());
snap!(
    nodes_filtered_ordered_paged,
    Person::nodes()
        .filter(Person.born.gt(1960))
        .filter(Person.name.starts_with("A"))
        .order_by((Person.born.desc(), Person.name))
        .skip(10)
        .limit(5)
        .query()
);
snap!(
    nodes_count,
    Person::nodes().filter(Person.born.is_null()).count_query()
);
snap!(
    nodes_count_paged,
    Person::nodes().skip(2).limit(3).count_query()
);
snap!(create_one, plan::create(&ann()));
snap!(create_many, plan::create_many(&[ann(), ann()]));
snap!(
    get_or_create_by_key,
    plan::merge_many(&[ann()], &["name"], false)
);
snap!(
    create_or_update_by_two_keys,
    plan::merge_many(&[ann()], &["name", "born"], true)
);
snap!(save_without_version, plan::save("4:ab:1", &ann(), None));
snap!(
    save_with_version,
    plan::save(
        "4:ab:2",
        &Doc {
            slug: "intro".into(),
            body: None,
            version: 3
        },
        Some(("version", 3))
    )
);
snap!(refresh_by_id, plan::by_id::<Person>("4:ab:1"));
snap!(delete_by_id, plan::delete::<Person>("4:ab:1"));

#[test]
fn the_version_property_is_known_from_the_derive() {
    let version: Vec<_> = <Doc as typher::schema::NodeLabel>::PROPERTIES
        .iter()
        .filter(|p| p.version)
        .map(|p| p.key)
        .collect();
    assert_eq!(version, ["version"]);
}
