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

/// A label with a node key: a loaded copy writes only to a node that still holds its key.
#[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ticket {
    #[node(key)]
    pub code: String,
    pub seat: Option<String>,
}

snap!(
    save_checks_the_node_key,
    plan::save(
        "4:ab:3",
        &Ticket {
            code: "t-1".into(),
            seat: Some("12A".into())
        },
        None
    )
);
snap!(
    delete_checks_the_node_key,
    plan::delete::<Ticket>("4:ab:3", &[("code", typher::Value::String("t-1".into()))])
);
snap!(delete_by_id, plan::delete::<Person>("4:ab:1", &[]));

#[test]
fn the_version_property_is_known_from_the_derive() {
    let version: Vec<_> = <Doc as typher::schema::NodeLabel>::PROPERTIES
        .iter()
        .filter(|p| p.version)
        .map(|p| p.key)
        .collect();
    assert_eq!(version, ["version"]);
}

/// A team: a player plays for at most one, and each has one or more.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Team {
    #[node(unique)]
    pub name: String,
}

/// A player.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Player {
    #[node(unique)]
    pub name: String,
}

/// A player plays for at most one team; a team has one or more players.
#[derive(Relationship, Debug, serde::Serialize, serde::Deserialize)]
#[relationship(
    type = "PLAYS_FOR",
    from = Player,
    to = Team,
    cardinality(start = ZeroOrOne, end = OneOrMore)
)]
pub struct PlaysFor {
    pub since: i64,
}

fn saved<T>(id: &str, data: T) -> Identified<T> {
    typher::schema::Identified {
        element_id: id.into(),
        labels: Vec::new(),
        data,
    }
}

fn anchor(outgoing: bool) -> plan::Anchor {
    if outgoing {
        plan::Anchor::new::<PlaysFor, Player, Team>("4:ab:1", true)
    } else {
        plan::Anchor::new::<PlaysFor, Team, Player>("4:ab:1", false)
    }
}

fn plays_for(year: i64, replace: bool) -> plan::Write<'static> {
    let value = Some(plan::param(&PlaysFor { since: year }));
    match replace {
        true => plan::Write::Replace("4:ab:2", value),
        false => plan::Write::Connect("4:ab:2", value),
    }
}

snap!(
    related_outgoing,
    saved("4:ab:1", ann())
        .related(ACTED_IN)
        .filter(Movie.released.gt(2000))
        .order_by(Movie.title)
        .query()
);
snap!(
    related_incoming,
    saved(
        "4:ab:9",
        Movie {
            title: "Heat".into(),
            released: 1995,
            tagline: None
        }
    )
    .related(DIRECTED)
    .query()
);
snap!(
    related_backwards_on_one_label,
    saved("4:ab:1", ann()).incoming(FOLLOWS).query()
);
snap!(
    related_count,
    saved("4:ab:1", ann())
        .related(ACTED_IN)
        .nodes()
        .count_query()
);
snap!(
    connect_without_rules,
    plan::related::write(
        &plan::Anchor::new::<ActedIn, Person, Movie>("4:ab:1", true),
        plan::Write::Connect(
            "4:ab:2",
            Some(plan::param(&ActedIn {
                roles: vec!["Neo".into()]
            }))
        )
    )
);
snap!(
    connect_at_most_one,
    plan::related::write(&anchor(true), plays_for(2020, false))
);
snap!(
    disconnect_keeps_the_far_minimum,
    plan::related::write(&anchor(true), plan::Write::Disconnect("4:ab:2"))
);
snap!(
    disconnect_all_from_the_end_keeps_its_minimum,
    plan::related::write(&anchor(false), plan::Write::DisconnectAll)
);
snap!(
    disconnect_all_checks_every_far_node,
    plan::related::write(&anchor(true), plan::Write::DisconnectAll)
);
snap!(
    replace_in_one_query,
    plan::related::write(&anchor(true), plays_for(2021, true))
);

snap!(
    including_one_level,
    Person::nodes()
        .filter(Person.born.gt(1960))
        .order_by(Person.name)
        .including(ACTED_IN)
        .query()
);
snap!(
    including_two_levels,
    Person::nodes().including(ACTED_IN.then(DIRECTED)).query()
);
snap!(
    including_three_levels_back_and_forth,
    Person::nodes()
        .limit(5)
        .including(ACTED_IN.then(DIRECTED.then(PRODUCED)))
        .query()
);
snap!(
    including_from_a_relationship_manager,
    saved("4:ab:1", ann())
        .related(ACTED_IN)
        .nodes()
        .including(DIRECTED)
        .query()
);

/// A person who is also an actor: created with both labels.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
#[node(extra_labels = [Person])]
pub struct Actor {
    #[node(unique)]
    pub name: String,
    pub agent: Option<String>,
}

/// A note that keeps the properties it does not declare.
#[derive(Node, Debug, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub title: String,
    #[node(extras)]
    #[serde(flatten)]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

fn actor() -> Actor {
    Actor {
        name: "Ann".into(),
        agent: None,
    }
}

fn note() -> Note {
    Note {
        title: "todo".into(),
        extra: [("color".to_owned(), serde_json::json!("red"))].into(),
    }
}

snap!(create_with_extra_labels, plan::create(&actor()));
snap!(create_many_with_extra_labels, plan::create_many(&[actor()]));
snap!(
    get_or_create_adds_extra_labels_on_create,
    plan::merge_many(&[actor()], &["name"], false)
);
snap!(
    create_many_keeps_undeclared_properties,
    plan::create_many(&[note()])
);
snap!(
    add_label,
    plan::relabel::<Person>(
        "4:ab:1",
        &[],
        <Actor as typher::schema::NodeLabel>::LABEL_NAME,
        true
    )
);
snap!(
    remove_label,
    plan::relabel::<Person>(
        "4:ab:1",
        &[],
        <Actor as typher::schema::NodeLabel>::LABEL_NAME,
        false
    )
);

#[test]
fn extras_are_no_properties() {
    let keys: Vec<_> = <Note as typher::schema::NodeLabel>::PROPERTIES
        .iter()
        .map(|p| p.key)
        .collect();
    assert_eq!(keys, ["title"]);
    const { assert!(<Note as typher::schema::NodeLabel>::EXTRAS) };
    const { assert!(!<Actor as typher::schema::NodeLabel>::EXTRAS) };
}
