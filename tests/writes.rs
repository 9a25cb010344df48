//! Snapshots of every write clause: CREATE, MERGE, SET, REMOVE, DELETE, FOREACH, batches.
//!
//! Review changes one by one (`cargo insta review`, or read each `.snap.new`).

use typher_testkit::movies;

use movies::*;
use typher::dsl::Link;
use typher::prelude::*;

/// A second label a person may carry.
#[derive(Node, Debug, serde::Serialize)]
pub struct Actor {}

/// A label and keys that need quoting.
#[derive(Node, Debug, serde::Serialize)]
#[node(label = "Odd`Label")]
pub struct Odd {
    #[serde(rename = "first name")]
    pub first_name: String,
    pub note: Option<String>,
}

#[derive(Alias)]
pub struct Friend;

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

fn heat() -> Movie {
    Movie {
        title: "Heat".into(),
        released: 1995,
        tagline: None,
    }
}

fn people() -> Vec<Person> {
    vec![
        ann(),
        Person {
            name: "Bob".into(),
            born: None,
        },
    ]
}

// CREATE.
snap!(create_node_from_struct, create(ann()));

snap!(
    create_node_by_reference,
    create(Person.value(&ann())).return_(Person.name)
);

snap!(create_two_nodes_one_clause, create(ann()).create(heat()));

snap!(
    create_nodes_and_relationship,
    create(ann()).create(heat()).create_rel(
        Person,
        ActedIn {
            roles: vec!["Eve".into()]
        },
        Movie
    )
);

snap!(
    create_relationship_between_matched_nodes,
    match_(Person.having(Person.name, "Ann"))
        .match_(Movie.having(Movie.title, "Heat"))
        .create_rel(
            Person,
            Reviewed {
                rating: 90,
                summary: "tense".into()
            },
            Movie
        )
        .return_(REVIEWED)
);

snap!(
    create_relationship_without_properties,
    match_(Person.having(Person.name, "Ann"))
        .match_(Movie.having(Movie.title, "Heat"))
        .create_rel(Person, Directed, Movie)
);

snap!(
    create_relationship_of_empty_struct,
    match_(Person.having(Person.name, "Ann"))
        .match_(Person.alias(Friend).having(Person.name, "Bob"))
        .create_rel(Person, Follows {}, Person.alias(Friend))
);

snap!(
    create_aliased_node,
    match_(Person.having(Person.name, "Ann"))
        .create(Person.alias(Friend).value(Person {
            name: "Cid".into(),
            born: None
        }))
        .create_rel(Person, Follows {}, Person.alias(Friend))
);

snap!(
    create_aliased_relationship,
    match_(Person.having(Person.name, "Ann"))
        .match_(Movie.having(Movie.title, "Heat"))
        .create_rel(
            Person,
            ACTED_IN.alias(CoRole).value(ActedIn { roles: vec![] }),
            Movie
        )
);

snap!(
    create_quoted_label_and_keys,
    create(Odd {
        first_name: "x".into(),
        note: None
    })
);

snap!(
    create_then_return_typed_row,
    create(ann()).return_((Person.name, Person.born))
);

// A value that is an expression but no named row is set after the pattern.
snap!(create_from_an_expression_sets_it_after, {
    let pair = name!(pair);
    let ann = Person {
        name: "Ann".into(),
        born: None,
    };
    let heat = Movie {
        title: "Heat".into(),
        released: 1995,
        tagline: None,
    };
    unwind(
        rows(&[Link::new(ann, ActedIn { roles: vec![] }, heat)]),
        pair,
    )
    .create(Person.value(pair.from()))
    .create(Movie.value(pair.to()))
});

// MERGE.
snap!(merge_node_on_key, merge(Person.having(Person.name, "Ann")));

snap!(
    merge_node_on_two_keys,
    merge(
        Movie
            .having(Movie.title, "Heat")
            .having(Movie.released, 1995)
    )
);

snap!(
    merge_node_on_create_set_whole,
    merge(Person.having(Person.name, "Ann")).on_create_set(Person.assign(ann()))
);

snap!(
    merge_node_on_match_set_property,
    merge(Person.having(Person.name, "Ann")).on_match_set(Person.born.to(1991))
);

snap!(
    merge_node_both_sets,
    merge(Person.having(Person.name, "Ann"))
        .on_create_set((Person.born.to(1990), Person.labeled(Actor)))
        .on_match_set(Person.update(ann()))
        .return_(Person)
);

snap!(
    merge_after_match,
    match_(Person.having(Person.name, "Ann")).merge(Movie.having(Movie.title, "Heat"))
);

snap!(
    merge_relationship_between_bound_nodes,
    match_(Person.having(Person.name, "Ann"))
        .match_(Movie.having(Movie.title, "Heat"))
        .merge_rel(Person, DIRECTED, Movie)
);

snap!(
    merge_relationship_with_key_and_sets,
    match_(Person.having(Person.name, "Ann"))
        .match_(Movie.having(Movie.title, "Heat"))
        .merge_rel(Person, REVIEWED.having(REVIEWED.summary, "tense"), Movie)
        .on_create_set(REVIEWED.rating.to(1))
        .on_match_set(REVIEWED.rating.to(REVIEWED.rating + 1))
        .return_(REVIEWED.rating)
);

snap!(
    merge_node_key_from_expression,
    match_(Person).merge(Movie.having(Movie.title, Person.name.to_upper()))
);

// SET.
snap!(
    set_property_to_value,
    match_(Movie.having(Movie.title, "Heat")).set(Movie.released.to(1996))
);

snap!(
    set_property_to_expression,
    match_(Person)
        .rel(REVIEWED)
        .to(Movie)
        .set(Movie.released.to(REVIEWED.rating + 1))
);

snap!(
    set_optional_property,
    match_(Movie).set(Movie.tagline.to("new"))
);

snap!(
    set_several_properties,
    match_(Movie).set((
        Movie.released.to(2000),
        Movie.tagline.to(Movie.title),
        Movie.title.to(Movie.title.to_upper())
    ))
);

snap!(
    set_list_property,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .set(ACTED_IN.roles.to(vec!["A", "B"]))
);

snap!(
    set_whole_node,
    match_(Person.having(Person.name, "Ann")).set(Person.assign(ann()))
);

snap!(
    set_merge_node,
    match_(Person.having(Person.name, "Ann")).set(Person.update(&ann()))
);

snap!(
    set_whole_relationship,
    match_(Person)
        .rel(REVIEWED)
        .to(Movie)
        .set(REVIEWED.assign(Reviewed {
            rating: 1,
            summary: "ok".into()
        }))
);

snap!(set_label, match_(Person).set(Person.labeled(Actor)));

snap!(
    set_label_and_property,
    match_(Person).set((Person.labeled(Actor), Person.born.to(1)))
);

snap!(
    set_dynamic_label_is_a_parameter,
    match_(Person).set(Person.dynamic_label("x`) DETACH DELETE n //"))
);

snap!(
    set_then_return,
    match_(Movie)
        .set(Movie.released.to(Movie.released + 1))
        .return_((Movie.title, Movie.released))
);

snap!(
    set_then_filter_goes_through_with,
    match_(Movie)
        .set(Movie.released.to(1))
        .filter(Movie.released.gt(0))
        .return_(Movie.title)
);

// REMOVE.
snap!(
    remove_optional_property,
    match_(Movie).remove(Movie.tagline)
);

snap!(remove_label, match_(Person).remove(Person.labeled(Actor)));

snap!(
    remove_several,
    match_(Person).rel(ACTED_IN).to(Movie).remove((
        Person.born,
        Movie.tagline,
        Person.dynamic_label("Guest")
    ))
);

snap!(remove_quoted_key, match_(Odd).remove(Odd.note));

// DELETE.
snap!(
    delete_relationship,
    match_(Person).rel(ACTED_IN).to(Movie).delete(ACTED_IN)
);

snap!(
    delete_node,
    match_(Person.having(Person.name, "Ann")).delete(Person)
);

snap!(
    detach_delete_node,
    match_(Person.having(Person.name, "Ann")).detach_delete(Person)
);

snap!(
    delete_several,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .detach_delete((Person, Movie))
);

snap!(
    delete_then_return_count,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .delete(ACTED_IN)
        .return_(count_all())
);

// FOREACH.
snap!(foreach_sets_per_item, {
    let year = name!(year);
    match_(Person).foreach(year, vec![1, 2], |q| q.set(Person.born.to(year)))
});
snap!(foreach_merges_per_item, {
    let title = name!(title);
    match_(Person.having(Person.name, "Ann")).foreach(title, vec!["Heat", "Ronin"], |q| {
        q.merge(Movie.having(Movie.title, title))
            .merge_rel(Person, REVIEWED, Movie)
            .on_create_set((REVIEWED.rating.to(0), REVIEWED.summary.to("")))
    })
});

// Batches.
snap!(batch_create, {
    let row = name!(row);
    unwind(rows(&people()), row).create(Person.value(row))
});
snap!(batch_create_quotes_the_keys_it_spreads, {
    let row = name!(row);
    let odd = Odd {
        first_name: "Ann".into(),
        note: None,
    };
    unwind(rows(&[odd]), row).create(Odd.value(row))
});
snap!(batch_merge_by_key, {
    let row = name!(row);
    unwind(rows(&people()), row)
        .merge(Person.having(Person.name, row.get(Person.name)))
        .on_create_set(Person.assign(row))
        .on_match_set(Person.update(row))
});
snap!(batch_connect, {
    let link = name!(link);
    unwind(
        rows(&[Link::<String, _, String>::new(
            "Ann",
            ActedIn {
                roles: vec!["Eve".into()],
            },
            "Heat",
        )]),
        link,
    )
    .match_(Person.having(Person.name, link.from()))
    .match_(Movie.having(Movie.title, link.to()))
    .create_rel(Person, ACTED_IN.value(link.rel()), Movie)
});
snap!(batch_in_transactions, {
    let row = name!(row);
    unwind(rows(&people()), row).call_in_transactions(row, 500, |q| q.create(Person.value(row)))
});
snap!(batch_create_then_count, {
    let row = name!(row);
    unwind(rows(&people()), row)
        .create(Person.value(row))
        .return_(count(Person))
});

#[test]
fn a_rendering_made_before_a_change_is_not_reused() {
    let q = merge(Person.having(Person.name, "Ann"));
    assert_eq!(q.to_cypher().text(), "MERGE (person:Person {name: $p0})");
    let q = q.on_create_set(Person.born.to(1));
    assert_eq!(
        q.to_cypher().text(),
        "MERGE (person:Person {name: $p0}) ON CREATE SET person.born = $p1"
    );
}
