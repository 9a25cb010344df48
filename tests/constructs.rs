//! Snapshots of step 8's constructs: everything Cypher says that once needed a rewrite or
//! raw text. Each is also checked by Neo4j's own front end (`tests/lint`) and run against
//! the server in `tests/db/constructs.rs`.

use typher_testkit::movies;

use movies::*;
use typher::prelude::*;

macro_rules! snap {
    ($name:ident, $query:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($query.to_cypher().to_string());
        }
    };
}

// Queries without a reading clause.
snap!(leading_return_of_arithmetic, {
    let x = name!(x);
    return_((lit(1) + lit(2)).as_(x))
});
snap!(leading_return_of_several_literals, {
    let (a, b) = (name!(a), name!(b));
    return_((lit("text").as_(a), lit(true).as_(b)))
});
snap!(leading_with_then_unwind, {
    let (l, x) = (name!(l), name!(x));
    with(lit(vec![1, 2, 3]).as_(l)).unwind(l, x).return_(x)
});
snap!(leading_with_then_match, {
    let year = name!(year);
    with(lit(1999).as_(year))
        .match_(Movie)
        .filter(Movie.released.eq(year))
        .return_(Movie.title)
});

// Literals and null.
snap!(literal_compared_with_a_property, {
    match_(Movie)
        .filter(lit(2000).lt(Movie.released))
        .return_(Movie.title)
});
snap!(null_returned, {
    let n = name!(n);
    return_(null::<i64>().as_(n))
});
snap!(
    set_an_optional_property_to_null,
    match_(Movie)
        .filter(Movie.title.eq("Heat"))
        .set(Movie.tagline.to(null::<String>()))
);
snap!(list_parameter_holding_nulls, {
    let x = name!(x);
    unwind(vec![Some(1), None, Some(3)], x).return_(x)
});

// RETURN * and WITH *.
snap!(return_all, {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        person: Person,
        movie: Movie,
    }
    match_(Person).rel(ACTED_IN).to(Movie).return_all::<Row>()
});
snap!(
    with_all_then_where,
    match_(Person)
        .rel(DIRECTED)
        .to(Movie)
        .with_all()
        .filter(Movie.released.lt(2000))
        .return_((Person.name, Movie.title))
);

// IS NULL on what OPTIONAL MATCH binds.
snap!(
    is_null_on_an_optional_node,
    match_(Movie)
        .optional_match(Person)
        .rel(REVIEWED)
        .to(Movie.again())
        .with((Movie, Person))
        .filter(Person.is_null())
        .return_(Movie.title)
);
snap!(
    is_not_null_on_an_optional_relationship,
    match_(Movie)
        .optional_match(Person)
        .rel(REVIEWED)
        .to(Movie.again())
        .with((Movie, REVIEWED))
        .filter(REVIEWED.is_not_null())
        .return_(Movie.title)
);

// An optional path returns null when it matched nothing.
snap!(optional_path_returned, {
    let route = name!(route: Path<Person, Follows>);
    match_(Person)
        .optional_match(Person.again())
        .rel(FOLLOWS)
        .to(Person.alias(Other))
        .as_path(route)
        .return_((Person.name, route))
});

// Named parameters on a union and on a write.
snap!(union_with_a_bound_parameter, {
    let year = param::<i64>("year");
    match_(Movie)
        .filter(Movie.released.eq(year))
        .return_(Movie.title)
        .union(
            match_(Movie)
                .filter(Movie.released.gt(year))
                .return_(Movie.title),
        )
        .bind(year, 2006)
});
snap!(write_with_a_bound_parameter, {
    let born = param::<i64>("born");
    match_(Person)
        .filter(Person.name.eq("Ann"))
        .set(Person.born.to(born))
        .bind(born, 1977)
});
snap!(finish_with_a_bound_parameter, {
    let born = param::<i64>("born");
    match_(Person)
        .filter(Person.born.lt(born))
        .detach_delete(Person)
        .finish()
        .bind(born, 1900)
});

// Arrays are lists; lists may hold nulls.
snap!(unwind_an_array, {
    let x = name!(x);
    unwind([1, 2, 3], x).return_(x)
});
snap!(
    in_a_list_holding_nulls,
    match_(Person)
        .filter(Person.born.is_in(vec![Some(1956), None]))
        .return_(Person.name)
);

// Comparing nodes and relationships.
snap!(
    nodes_compared,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN)
        .from(Person.alias(Coactor))
        .filter(Person.is_not_same(Person.alias(Coactor)))
        .return_((Person.name, Person.alias(Coactor).name))
);
snap!(
    relationships_compared,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(Person.alias(Coactor))
        .filter(ACTED_IN.is_not_same(ACTED_IN.alias(CoRole)))
        .return_(Movie.title)
);

// String and list functions.
snap!(
    substring_to_the_end_and_tail,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Movie.title.substring_from(4), ACTED_IN.roles.tail()))
);

// A variable-length step ending at a label that only ends its type.
snap!(
    variable_length_step_to_an_end_label,
    match_(Person)
        .rel(ACTED_IN.hops(1..=2))
        .to(Movie)
        .return_(Movie.title)
);

// Maps with a typed record.
#[derive(Record, serde::Deserialize, Debug, PartialEq)]
pub struct Card {
    pub who: String,
    pub year: Option<i64>,
}

snap!(
    map_literal_returned,
    match_(Person).return_(Card::map(Person.name, Person.born))
);
snap!(map_literal_of_literals, {
    let card = name!(card);
    return_(Card::map(lit("Ann"), null::<i64>()).as_(card))
});
snap!(map_key_read_after_with, {
    let card = name!(card);
    match_(Person)
        .with(Card::map(Person.name, Person.born).as_(card))
        .filter(card.key(Card.year).gt(1960))
        .return_((card.key(Card.who), card))
});

// Undeclared properties, explicitly unchecked, with an explicit type.
snap!(
    undeclared_property_read_and_set,
    match_(Person)
        .filter(Person.extra::<String>("nick").is_null())
        .set(Person.extra::<String>("nick").to(Person.name))
);
snap!(
    labelled_anonymous_node_in_a_pattern_predicate,
    match_(Person)
        .filter(exists(Person, |q| {
            q.match_(Person.again()).rel(ACTED_IN).to(one_of((Movie,)))
        }))
        .return_(Person.name)
);

// A node of any one of several labels, decoded into an enum of their structs.
#[derive(Labels, Debug, PartialEq)]
pub enum Credit {
    Person(Person),
    Movie(Movie),
}

snap!(
    union_of_different_labels_as_one_enum,
    match_(Person)
        .filter(Person.name.starts_with("Tom"))
        .return_(Credit::of(Person))
        .union_all(
            match_(Movie)
                .filter(Movie.released.lt(1990))
                .return_(Credit::of(Movie))
        )
);

// A node bound over several labels, `MATCH (n:A|B)`, returned as the enum of their structs.
snap!(
    node_of_several_labels_returned_as_an_enum,
    match_(Credit::node()).return_(Credit::node())
);
snap!(
    node_of_several_labels_at_the_far_end_of_a_step,
    match_(Person.having(Person.name, "Tom Hanks"))
        .rel(ANY_REL)
        .either(Credit::node())
        .return_((Person.name, Credit::node()))
);
snap!(
    node_of_several_labels_carried_by_with_and_optional,
    match_(Person)
        .optional_match(Person.again())
        .rel(ANY_REL)
        .to(Credit::node())
        .with((Person, Credit::node()))
        .return_((Person.name, Credit::node(), Credit::node().is_null()))
);
snap!(path_through_nodes_of_several_labels, {
    let route = name!(route: Path<Credit, ActedIn>);
    match_(Person.having(Person.name, "Keanu Reeves"))
        .rel(ACTED_IN.hops(..=2))
        .either(Credit::node())
        .as_path(route)
        .return_(route)
});

// An anonymous node at the far end of an undirected step stands for the labels across from
// the near one: from a Person through ACTED_IN it is a Movie, so a second ACTED_IN step
// either way reaches people (it was {Person, Movie}, and Person-ACTED_IN-Person refused it).
snap!(anonymous_node_across_an_undirected_step, {
    let coactor = Person.alias(Coactor);
    match_(Person.having(Person.name, "Keanu Reeves"))
        .rel(ACTED_IN)
        .either(())
        .rel(ACTED_IN)
        .either(coactor)
        .return_(coactor.name)
});

// Integers and floats mix in arithmetic, as in Cypher: the result is a float.
snap!(mixed_integer_and_float_arithmetic, {
    let (score, half) = (name!(score), name!(half));
    match_(Movie).return_((
        (Movie.released * 1.5).as_(score),
        (lit(2.0) * Movie.released + 1).as_(half),
    ))
});

// Shadowing a name in a later WITH, and renaming a node binding.
snap!(with_shadows_a_name, {
    let x = name!(x);
    unwind([1, 2, 3], x).with((x + 1).as_(x)).return_(x)
});
snap!(with_shadows_a_name_with_another_type, {
    let (x, text) = (name!(x), name!(x: String));
    unwind([1, 2, 3], x)
        .with(x.to_string().as_(text))
        .return_(text)
});
snap!(
    with_renames_a_node,
    match_(Person.having(Person.name, "Keanu Reeves"))
        .with(Person.as_alias(Coactor))
        .match_(Person.alias(Coactor).again())
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.alias(Coactor).name, Movie.title))
);
snap!(
    with_renames_a_node_and_binds_its_old_name_anew,
    match_(Person.having(Person.name, "Keanu Reeves"))
        .with(Person.as_alias(Coactor))
        .match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN)
        .from(Person.alias(Coactor).again())
        .filter(Person.is_not_same(Person.alias(Coactor)))
        .return_(Person.name)
        .distinct()
);
// `person` is dropped, but ORDER BY still reads it: its name stays taken.
snap!(with_keeps_the_names_its_order_by_reads, {
    let person = name!(person);
    match_(Person)
        .with(Person.name.as_(person))
        .order_by(Person.born)
        .return_(person)
});

// Nodes held as values: a property of a node taken from a list, a list of nodes unwound
// back into a node binding, and a relationship bound earlier walked again.
snap!(property_of_a_node_taken_from_a_list, {
    let people = name!(people);
    match_(Person).with(collect(Person).as_(people)).return_((
        people.at(0).key(Person.name),
        people.head().key(Person.born),
    ))
});
snap!(unwind_a_list_of_nodes_into_a_node_binding, {
    let people = name!(people);
    match_(Person)
        .filter(Person.born.lt(1960))
        .with(collect(Person).as_(people))
        .unwind(people, Person)
        .match_(Person.again())
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, Movie.title))
});
snap!(
    relationship_bound_earlier_walked_again,
    match_(Person.having(Person.name, "Keanu Reeves"))
        .rel(ACTED_IN)
        .to(Movie)
        .match_(Person.alias(Coactor))
        .rel(ACTED_IN.again())
        .to(Movie.alias(Other))
        .return_((Person.alias(Coactor).name, Movie.alias(Other).title))
);
snap!(
    zero_length_step_may_end_at_its_start,
    match_(Person.having(Person.name, "Keanu Reeves"))
        .rel(FOLLOWS.hops(0..))
        .to(Person.alias(Coactor))
        .return_(Person.alias(Coactor).name)
        .distinct()
);

// Collected, nodes of several labels and paths keep their shapes, so the lists decode.
snap!(
    collect_of_nodes_of_several_labels,
    match_(Person.having(Person.name, "Tom Hanks"))
        .rel(ANY_REL)
        .either(Credit::node())
        .return_((Person.name, collect_distinct(Credit::node())))
);
snap!(collect_of_paths, {
    let route = name!(route: Path<Person, Follows>);
    match_(Person)
        .rel(FOLLOWS)
        .to(Person.alias(Coactor))
        .as_path(route)
        .return_((Person.name, collect(route)))
});

// More queries without a reading clause.
snap!(leading_unwind_of_a_range, {
    let (x, y) = (name!(x), name!(y));
    unwind(range(1, 3), x).return_((x, (x * 2.5).as_(y)))
});
snap!(leading_with_shadowed_twice, {
    let (x, text) = (name!(x), name!(x: String));
    with(lit(1).as_(x))
        .with((x + 1).as_(x))
        .with(x.to_string().as_(text))
        .return_(text)
});

// Pattern predicates in WHERE, bound at both ends, and negated.
snap!(
    pattern_predicate_between_two_bound_nodes,
    match_(Person)
        .match_(Movie.having(Movie.title, "The Matrix"))
        .filter(exists((Person, Movie), |q| {
            q.match_(Person.again()).rel(ACTED_IN).to(Movie.again())
        }))
        .return_(Person.name)
);
snap!(
    negated_pattern_predicate,
    match_(Person)
        .filter(not(exists(Person, |q| {
            q.match_(Person.again()).rel(ACTED_IN).to(Movie)
        })))
        .return_(Person.name)
);

// Mixed arithmetic keeps the null of an optional side: `born * 0.5` is `Option<f64>`.
snap!(mixed_arithmetic_of_an_optional_property, {
    let half: typher::dsl::Expr<Option<f64>, _> = Person.born * 0.5;
    match_(Person).return_((Person.name, half.as_(name!(half))))
});

// A UNION whose sides differ only in a column's nullability: the column is nullable.
snap!(union_of_a_value_and_an_optional_value, {
    let q = match_(Person)
        .return_((Person.name, Person.born))
        .union(match_(Movie).return_((Movie.title, Movie.released)));
    let _typed: &typher::dsl::Union<typher::dsl::row::Columns<(String, Option<i64>)>> = &q;
    q
});

// CREATE with inline property expressions, every property given.
snap!(create_with_inline_property_expressions, {
    let (row, n) = (name!(row), name!(n));
    unwind(vec![1, 2], row)
        .with((row, (row + 1).as_(n)))
        .create(Person.value(Person::map(lit("Ann"), n)))
});

// keys() and dynamic keys of maps and nodes.
snap!(keys_of_a_map_and_a_dynamic_key, {
    let m = name!(m);
    match_(Person)
        .with(Person::map(Person.name, Person.born).as_(m))
        .return_((keys(m), m.dynamic::<String, _>("name")))
});
