//! Snapshots of projections, expressions and the clauses that carry them: WITH, aggregates,
//! functions, arithmetic, CASE, UNWIND, UNION, named parameters and raw fragments.
//!
//! Review changes one by one with `cargo insta review`.

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

// WITH: re-scoping, carrying, modifiers.
snap!(with_carries_a_node, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with(Person)
        .return_(Person.name)
});
snap!(with_count_then_filter, {
    let movies = name!(movies);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .filter(movies.ge(5))
        .return_((Person.name, movies))
});
snap!(with_distinct, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with(Person)
        .distinct()
        .return_(Person.name)
});
snap!(with_order_skip_limit, {
    let movies = name!(movies);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .order_by(movies.desc())
        .skip(1)
        .limit(3)
        .return_((Person.name, movies))
});
snap!(with_then_match_again, {
    let movies = name!(movies);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .filter(movies.ge(3))
        .match_(Person.again())
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, Movie.title, movies))
});
snap!(with_then_new_match_of_the_same_label, {
    let total = name!(total);
    match_(Movie)
        .with(count_all().as_(total))
        .match_(Movie)
        .return_((Movie.title, total))
});
snap!(with_two_stages, {
    let movies = name!(movies);
    let busiest = name!(busiest);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .with(max(movies).as_(busiest))
        .return_(busiest)
});
snap!(with_renamed_property_then_order, {
    let year = name!(year);
    match_(Movie)
        .with((Movie, Movie.released.as_(year)))
        .order_by(year.desc())
        .limit(5)
        .return_((Movie.title, year))
});
snap!(with_after_optional_match, {
    let reviews = name!(reviews);
    match_(Movie)
        .optional_match(Movie.again())
        .rel(REVIEWED)
        .from(Person)
        .with((Movie, count(Person).as_(reviews)))
        .return_((Movie.title, reviews))
});

// Aggregates.
snap!(aggregate_count_all, match_(Movie).return_(count_all()));
snap!(aggregate_count_node, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, count(Movie)))
});
snap!(aggregate_count_distinct, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(count_distinct(Person))
});
snap!(aggregate_sum, {
    match_(Person)
        .rel(REVIEWED)
        .to(Movie)
        .return_((Movie.title, sum(REVIEWED.rating)))
});
snap!(aggregate_avg, {
    match_(Person)
        .rel(REVIEWED)
        .to(Movie)
        .return_((Movie.title, avg(REVIEWED.rating)))
});
snap!(aggregate_min_and_max, {
    match_(Movie).return_((min(Movie.released), max(Movie.released)))
});
snap!(aggregate_collect, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, collect(Movie.title)))
});
snap!(aggregate_collect_distinct, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(collect_distinct(Movie.released))
});
snap!(aggregate_collect_nodes, {
    match_(Person)
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, collect(Movie)))
});
snap!(aggregate_named_and_ordered, {
    let movies = name!(movies);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, count(Movie).as_(movies)))
        .order_by((movies.desc(), Person.name))
        .limit(3)
});
snap!(aggregate_compared_in_with, {
    let n = name!(n);
    match_(Movie)
        .rel(ACTED_IN)
        .from(Person)
        .with((Movie, count(Person).as_(n)))
        .filter(n.gt(8))
        .return_(Movie.title)
});
snap!(aggregate_in_arithmetic, {
    match_(Movie).return_(count_all() * 2)
});

// Arithmetic and comparisons between expressions.
snap!(
    arithmetic_add_literal,
    match_(Movie).return_(Movie.released + 1)
);
snap!(arithmetic_subtract_properties, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Movie.released - Person.born)
});
snap!(arithmetic_precedence_keeps_the_tree, {
    match_(Movie).return_((Movie.released - 1900) * 2)
});
snap!(arithmetic_multiply_then_add, {
    match_(Movie).return_(Movie.released * 2 + 1)
});
snap!(arithmetic_divide_and_remainder, {
    match_(Movie).return_((Movie.released / 10, Movie.released % 10))
});
snap!(arithmetic_negate, match_(Movie).return_(-Movie.released));
snap!(arithmetic_in_filter, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter((Movie.released - Person.born).lt(30))
        .return_(Person.name)
});
snap!(string_concatenation, {
    match_(Person).return_(Person.name + " (actor)")
});
snap!(list_concatenation, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(ACTED_IN.roles + vec!["extra"])
});

// String functions.
snap!(function_to_upper_and_lower, {
    match_(Person).return_((Person.name.to_upper(), Person.name.to_lower()))
});
snap!(function_trim, match_(Person).return_(Person.name.trim()));
snap!(
    function_substring,
    match_(Person).return_(Person.name.substring(0, 3))
);
snap!(
    function_replace,
    match_(Person).return_(Person.name.replace(" ", "_"))
);
snap!(
    function_split,
    match_(Person).return_(Person.name.split(" "))
);
snap!(
    function_to_string,
    match_(Movie).return_(Movie.released.to_string())
);
snap!(function_to_integer_and_float, {
    match_(Movie).return_((Movie.title.to_integer(), Movie.title.to_float()))
});
snap!(function_in_filter, {
    match_(Person)
        .filter(Person.name.to_lower().contains("tom"))
        .return_(Person.name)
});

// Number functions.
snap!(
    function_abs,
    match_(Movie).return_((Movie.released - 2000).abs())
);
snap!(function_round_floor_ceil_sqrt, {
    match_(Person).rel(REVIEWED).to(Movie).return_((
        REVIEWED.rating.round(),
        REVIEWED.rating.floor(),
        REVIEWED.rating.ceil(),
        REVIEWED.rating.sqrt(),
    ))
});

// List functions.
snap!(function_size_of_string_and_list, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name.size(), ACTED_IN.roles.size()))
});
snap!(function_head_and_last, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((ACTED_IN.roles.head(), ACTED_IN.roles.last()))
});
snap!(function_index_and_slice, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((ACTED_IN.roles.at(0), ACTED_IN.roles.slice(0, 2)))
});
snap!(function_range, {
    let year = name!(year);
    unwind(range(1990, 1995), year).return_(year)
});
snap!(function_in_list_expression, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Person.name.is_in(ACTED_IN.roles))
        .return_(Movie.title)
});
snap!(function_collect_then_size, {
    let titles = name!(titles);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, collect(Movie.title).as_(titles)))
        .filter(titles.size().gt(3))
        .return_((Person.name, titles.head()))
});

// Element functions.
snap!(function_labels_keys_element_id, {
    match_(Person).return_((labels(Person), keys(Person), element_id(Person)))
});
snap!(function_relationship_type, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(relationship_type(ACTED_IN))
});
snap!(function_coalesce, {
    match_(Person).return_(Person.born.coalesce(0))
});
snap!(function_exists_on_property, {
    match_(Movie)
        .filter(Movie.tagline.exists())
        .return_(Movie.title)
});

// CASE.
snap!(case_generic_with_else, {
    let era = name!(era);
    match_(Movie).return_((
        Movie.title,
        case()
            .when(Movie.released.lt(1990), "classic")
            .when(Movie.released.lt(2000), "nineties")
            .otherwise("recent")
            .as_(era),
    ))
});
snap!(case_without_else_is_optional, {
    match_(Person).return_(case().when(Person.born.lt(1950), "senior").end())
});
snap!(case_simple, {
    match_(Movie).return_(
        case_of(Movie.released)
            .when(1999, "matrix year")
            .when(2003, "sequels")
            .otherwise("other"),
    )
});
snap!(case_in_filter, {
    match_(Movie)
        .filter(
            case()
                .when(Movie.released.gt(2000), true)
                .otherwise(false)
                .eq(true),
        )
        .return_(Movie.title)
});

// UNWIND.
snap!(unwind_literal_list, {
    let year = name!(year);
    unwind(vec![1999, 2003], year)
        .match_(Movie)
        .filter(Movie.released.eq(year))
        .return_(Movie.title)
});
snap!(unwind_property_list, {
    let role = name!(role);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .unwind(ACTED_IN.roles, role)
        .return_((Person.name, role))
});
snap!(unwind_then_filter_goes_through_with, {
    let role = name!(role);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .unwind(ACTED_IN.roles, role)
        .filter(role.starts_with("Neo"))
        .return_(role)
});
snap!(unwind_collected_list, {
    let titles = name!(titles);
    let title = name!(title);
    match_(Movie)
        .with(collect(Movie.title).as_(titles))
        .unwind(titles, title)
        .return_(title)
});

// UNION.
snap!(union_of_two_queries, {
    match_(Person)
        .return_(Person.name)
        .union(match_(Movie).return_(Movie.title))
});
snap!(union_all_three_queries, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Person.name)
        .union_all(match_(Person).rel(DIRECTED).to(Movie).return_(Person.name))
        .union_all(match_(Person).rel(WROTE).to(Movie).return_(Person.name))
});
snap!(union_parameters_are_numbered_across_branches, {
    match_(Movie)
        .filter(Movie.released.lt(1990))
        .return_((Movie.title, Movie.released))
        .union(
            match_(Movie)
                .filter(Movie.released.gt(2005))
                .return_((Movie.title, Movie.released)),
        )
});

// Named parameters and raw fragments.
snap!(named_parameter_unbound, {
    let year = param::<i64>("year");
    match_(Movie)
        .filter(Movie.released.ge(year))
        .return_(Movie.title)
});
snap!(named_parameter_bound, {
    let year = param::<i64>("year");
    match_(Movie)
        .filter(Movie.released.ge(year).and(Movie.released.lt(year + 10)))
        .return_(Movie.title)
        .bind(year, 1990)
});
snap!(named_parameter_named_like_a_generated_one, {
    let p0 = param::<String>("p0");
    match_(Person)
        .filter(Person.name.eq(p0).or(Person.born.gt(1970)))
        .return_(Person.name)
        .bind(p0, "Keanu Reeves")
});
snap!(raw_fragments_with_declared_types, {
    let initial = name!(initial);
    match_(Person)
        .filter(raw_expr::<bool>("person.name STARTS WITH 'K'"))
        .return_(raw_expr::<String>("left(person.name, 1)").as_(initial))
});

// Column names.
snap!(columns_are_named_and_deduplicated, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(Person.alias(Coactor))
        .return_((
            Person.name,
            Person.alias(Coactor).name,
            count_all(),
            count(Movie),
        ))
});
snap!(order_by_a_returned_property_uses_its_column, {
    match_(Movie)
        .return_(Movie.released)
        .distinct()
        .order_by(Movie.released.desc())
});
snap!(identified_column_is_named_after_the_variable, {
    match_(Person).return_(Person.identified())
});

// List comprehensions, quantifiers and reduce.
snap!(list_comprehension_filter_and_map, {
    match_(Person).rel(ACTED_IN).to(Movie).return_(
        ACTED_IN
            .roles
            .filtered(|role| role.starts_with("Dr"))
            .mapped(|role| role.to_upper()),
    )
});
snap!(list_comprehension_map_only, {
    let year = name!(year);
    unwind(range(1, 3), year).return_(range(1, 3).mapped(|x| x * year))
});
snap!(list_quantifiers, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(
            ACTED_IN.roles.any(|r| r.eq("Neo")) | ACTED_IN.roles.all(|r| r.contains(Person.name)),
        )
        .return_((
            ACTED_IN.roles.none(|r| r.eq("")),
            ACTED_IN.roles.single(|r| r.ends_with("s")),
        ))
});
snap!(list_reduce, {
    let titles = name!(titles);
    match_(Movie)
        .with(collect(Movie.title).as_(titles))
        .return_(titles.reduce(0, |total, title| total + title.size()))
});
snap!(list_nested_comprehensions_get_their_own_items, {
    match_(Person).rel(ACTED_IN).to(Movie).return_(
        ACTED_IN
            .roles
            .mapped(|role| ACTED_IN.roles.filtered(|other| other.ne(role)).size()),
    )
});

// Map projection, temporal and enum values.
#[derive(serde::Deserialize)]
pub struct Card {
    pub name: String,
    pub born: Option<i64>,
    pub movies: i64,
}

snap!(map_projection_with_computed_entry, {
    let movies = name!(movies);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .return_(Person.project::<Card, _>((Person.name, Person.born, movies.as_(movies))))
});

/// Formats of a screening, stored as strings.
#[derive(PropertyValue, Debug, Clone, Copy, PartialEq, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Format {
    Imax,
    ThreeD,
}

/// A dated screening.
#[derive(Node, Debug)]
pub struct Screening {
    pub day: chrono::NaiveDate,
    pub format: Format,
}

snap!(temporal_and_enum_values_are_parameters, {
    match_(Screening)
        .filter(
            Screening
                .day
                .ge(chrono::NaiveDate::from_ymd_opt(1999, 3, 31).unwrap())
                & Screening.format.ne(Format::ThreeD),
        )
        .return_((Screening.day, Screening.format))
        .order_by(Screening.day)
});

/// An e-mail address, stored as its string.
#[derive(PropertyValue, Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(transparent)]
pub struct Email(pub String);

/// An account keyed by its address.
#[derive(Node, Debug)]
pub struct Account {
    pub email: Email,
    pub backup: Option<Email>,
}

snap!(newtype_values_are_parameters_of_their_field, {
    match_(Account)
        .filter(Account.email.eq(Email("a@example.org".into())) | Account.backup.is_null())
        .return_(Account.email)
});
snap!(list_map_of_a_mapped_list_keeps_each_item, {
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(ACTED_IN.roles.mapped(|r| r.to_upper()).mapped(|r| r.size()))
});

/// A screening with a start time.
#[derive(Node, Debug)]
pub struct Show {
    pub starts: chrono::DateTime<chrono::FixedOffset>,
    pub ends: Option<chrono::DateTime<chrono::FixedOffset>>,
}

snap!(temporal_components_and_functions, {
    match_(Show).filter(Show.starts.lt(now())).return_((
        Show.starts.year(),
        Show.starts.hour(),
        Show.ends.minute(),
        duration_between(Show.starts, Show.ends),
        today(),
    ))
});
