//! Snapshots of the Cypher (and parameters) every construct renders to.
//!
//! Review changes one by one with `cargo insta review`.

use typher_testkit::movies;

use movies::*;
use typher::prelude::*;

/// Labels, keys and types that need escaping.
#[derive(Node, Debug, serde::Serialize)]
#[node(label = "Odd`Label")]
pub struct Odd {
    #[serde(rename = "first name")]
    pub first_name: String,
    #[serde(rename = "x`) DETACH DELETE n //")]
    pub tricky: Option<String>,
}

/// A relationship type with a space, so it must be quoted.
#[derive(Relationship, Debug)]
#[relationship(type = "LINKS TO", from = Odd, to = Odd, handle = LINKS_TO)]
pub struct LinksTo;

/// A label whose default variable is a reserved word.
#[derive(Node, Debug)]
pub struct Match {
    pub score: i64,
}

/// Floats, booleans and lists.
#[derive(Node, Debug)]
pub struct Product {
    pub price: f64,
    pub in_stock: bool,
    pub tags: Vec<String>,
    pub rating: Option<f32>,
    pub stock: i32,
}

macro_rules! snap {
    ($name:ident, $query:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!($query.to_cypher().to_string());
        }
    };
}

// Returns.
snap!(return_whole_node, match_(Person).return_(Person));
snap!(return_one_property, match_(Movie).return_(Movie.title));
snap!(
    return_tuple_of_properties,
    match_(Movie).return_((Movie.title, Movie.released, Movie.tagline))
);
snap!(
    return_whole_relationship,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, ACTED_IN, Movie))
);
snap!(
    return_relationship_property,
    match_(Person)
        .rel(REVIEWED)
        .to(Movie)
        .return_((REVIEWED.rating, REVIEWED.summary))
);
snap!(
    return_distinct,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Movie.released)
        .distinct()
);

// Comparisons.
snap!(
    filter_eq_string,
    match_(Person)
        .filter(Person.name.eq("Tom Hanks"))
        .return_(Person.born)
);
snap!(
    filter_ne,
    match_(Person)
        .filter(Person.name.ne("Tom Hanks"))
        .return_(Person.name)
);
snap!(
    filter_lt,
    match_(Movie)
        .filter(Movie.released.lt(1990))
        .return_(Movie.title)
);
snap!(
    filter_le,
    match_(Movie)
        .filter(Movie.released.le(1990))
        .return_(Movie.title)
);
snap!(
    filter_gt_on_optional_property,
    match_(Person)
        .filter(Person.born.gt(1960))
        .return_(Person.name)
);
snap!(
    filter_ge,
    match_(Movie)
        .filter(Movie.released.ge(2000))
        .return_(Movie.title)
);
snap!(
    filter_float_and_bool,
    match_(Product)
        .filter(Product.price.le(9.99).and(Product.in_stock.eq(true)))
        .return_(Product.tags)
);
snap!(
    filter_small_integer_widens_to_i64,
    match_(Product)
        .filter(Product.stock.gt(5u8))
        .return_(Product.price)
);
snap!(
    filter_list_property_equals_list,
    match_(Product)
        .filter(Product.tags.eq(vec!["red", "sale"]))
        .return_(Product.price)
);
snap!(
    filter_property_against_property,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Movie.released.lt(Person.born))
        .return_((Person.name, Movie.title))
);
snap!(
    filter_value_never_enters_text,
    match_(Person)
        .filter(Person.name.eq("x' OR 1=1 //"))
        .return_(Person)
);

// Null checks, lists and strings.
snap!(
    filter_is_null,
    match_(Person)
        .filter(Person.born.is_null())
        .return_(Person.name)
);
snap!(
    filter_is_not_null,
    match_(Movie)
        .filter(Movie.tagline.is_not_null())
        .return_(Movie.tagline)
);
snap!(
    filter_in_list_of_strings,
    match_(Person)
        .filter(Person.name.in_list(["Tom Hanks", "Meg Ryan"]))
        .return_(Person.born)
);
snap!(
    filter_in_list_of_integers,
    match_(Movie)
        .filter(Movie.released.in_list([1999, 2003]))
        .return_(Movie.title)
);
snap!(
    filter_in_empty_list,
    match_(Movie)
        .filter(Movie.released.in_list(Vec::<i64>::new()))
        .return_(Movie.title)
);
snap!(
    filter_starts_with,
    match_(Movie)
        .filter(Movie.title.starts_with("The"))
        .return_(Movie.title)
);
snap!(
    filter_ends_with,
    match_(Movie)
        .filter(Movie.title.ends_with("Reloaded"))
        .return_(Movie.title)
);
snap!(
    filter_contains,
    match_(Movie)
        .filter(Movie.tagline.contains("world"))
        .return_(Movie.title)
);
snap!(
    filter_regex,
    match_(Person)
        .filter(Person.name.regex("Tom.*"))
        .return_(Person.name)
);

// Boolean logic and parentheses.
snap!(
    filter_and_chain,
    match_(Person)
        .filter(
            Person
                .born
                .ge(1950)
                .and(Person.born.lt(1960))
                .and(Person.name.starts_with("T"))
        )
        .return_(Person.name)
);
snap!(
    filter_or,
    match_(Movie)
        .filter(Movie.released.lt(1980) | Movie.released.gt(2010))
        .return_(Movie.title)
);
snap!(
    filter_xor,
    match_(Movie)
        .filter(Movie.released.gt(2000) ^ Movie.tagline.is_null())
        .return_(Movie.title)
);
snap!(
    filter_not,
    match_(Person)
        .filter(!Person.name.eq("Tom Hanks"))
        .return_(Person.name)
);
snap!(
    filter_or_inside_and_keeps_parentheses,
    match_(Movie)
        .filter(
            (Movie.released.lt(1980) | Movie.released.gt(2010)).and(Movie.tagline.is_not_null())
        )
        .return_(Movie.title)
);
snap!(
    filter_and_inside_or_needs_none,
    match_(Movie)
        .filter(
            Movie
                .released
                .lt(1980)
                .or(Movie.released.gt(2010) & Movie.tagline.is_not_null())
        )
        .return_(Movie.title)
);
snap!(
    filter_right_nested_or_keeps_parentheses,
    match_(Movie)
        .filter(
            Movie
                .released
                .eq(1999)
                .or(Movie.released.eq(2003).or(Movie.released.eq(2004)))
        )
        .return_(Movie.title)
);
snap!(
    filter_not_of_and,
    match_(Person)
        .filter(not(Person.born.gt(1950) & Person.born.lt(1960)))
        .return_(Person.name)
);
snap!(
    filter_called_twice_joins_with_and,
    match_(Person)
        .filter(Person.born.gt(1950))
        .filter(Person.name.contains("an"))
        .return_(Person.name)
);

// Patterns.
snap!(
    outgoing_step,
    match_(Person)
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, Movie.title))
);
snap!(
    incoming_step,
    match_(Movie)
        .rel(ACTED_IN)
        .from(Person)
        .filter(Movie.title.eq("The Matrix"))
        .return_(Person.name)
);
snap!(
    undirected_step,
    match_(Person)
        .rel(FOLLOWS)
        .either(Person.alias(Coactor))
        .filter(Person.name.eq("Tom Hanks"))
        .return_(Person.alias(Coactor).name)
);
snap!(
    several_relationship_types,
    match_(Person)
        .rel(ACTED_IN.or(DIRECTED))
        .to(Movie)
        .return_((Person.name, Movie.title))
);
snap!(
    three_relationship_types,
    match_(Person)
        .rel(ACTED_IN.or(DIRECTED).or(PRODUCED))
        .to(Movie)
        .return_(Movie.title)
        .distinct()
);
snap!(
    multi_hop_chain,
    match_(Person)
        .rel(FOLLOWS)
        .to(Person.alias(Coactor))
        .rel(REVIEWED)
        .to(Movie)
        .filter(REVIEWED.rating.ge(80))
        .return_((Person.name, Person.alias(Coactor).name, Movie.title))
);
snap!(co_actors_with_alias, {
    let coactor = Person.alias(Coactor);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(coactor)
        .filter(Person.name.eq("Tom Hanks"))
        .return_((
            coactor.name,
            Movie.title,
            ACTED_IN.roles,
            ACTED_IN.alias(CoRole).roles,
        ))
});
snap!(
    actor_who_also_directed_with_again,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(DIRECTED)
        .from(Person.again())
        .return_((Person.name, Movie.title))
);
snap!(actor_and_director_with_aliases, {
    let director = Person.alias(Director);
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(DIRECTED)
        .from(director)
        .filter(Person.name.ne(director.name))
        .return_((Person.name, director.name, Movie.title))
});
snap!(
    two_movies_with_alias,
    match_(Movie)
        .rel(ACTED_IN)
        .from(Person)
        .rel(ACTED_IN.alias(CoRole))
        .to(Movie.alias(Other))
        .filter(Movie.released.lt(Movie.alias(Other).released))
        .return_((Movie.title, Movie.alias(Other).title))
);

// Clauses.
snap!(
    optional_match_from_bound_node,
    match_(Person)
        .filter(Person.name.eq("Tom Hanks"))
        .optional_match(Person.again())
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, Movie.title))
);
snap!(
    optional_match_filter_stays_in_its_clause,
    match_(Person)
        .optional_match(Person.again())
        .rel(REVIEWED)
        .to(Movie)
        .filter(REVIEWED.rating.gt(90))
        .return_((Person.name, Movie.title, REVIEWED.rating))
);
snap!(
    top_level_optional_match,
    optional_match(Movie)
        .filter(Movie.title.eq("Cloud Atlas"))
        .return_(Movie)
);
snap!(
    second_match_clause_joins_with_again,
    match_(Movie)
        .filter(Movie.released.eq(1999))
        .match_(Movie.again())
        .rel(DIRECTED)
        .from(Person)
        .return_((Movie.title, Person.name))
);
snap!(
    second_match_clause_with_new_label,
    match_(Person)
        .filter(Person.name.eq("Tom Hanks"))
        .match_(Movie)
        .filter(Movie.released.eq(2012))
        .return_((Person.name, Movie.title))
);

// Ordering and paging.
snap!(
    order_by_one_key_desc,
    match_(Movie)
        .return_(Movie.title)
        .order_by(Movie.released.desc())
);
snap!(
    order_by_several_keys,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, Movie.title))
        .order_by((Movie.released.desc(), Person.name.asc(), Movie.title))
);
snap!(
    order_by_plain_property_is_ascending,
    match_(Person).return_(Person.name).order_by(Person.name)
);
snap!(
    skip_and_limit_are_parameters,
    match_(Movie)
        .return_(Movie.title)
        .order_by(Movie.title)
        .skip(20)
        .limit(10)
);
snap!(limit_only, match_(Movie).return_(Movie.title).limit(3));

// Escaping.
snap!(
    odd_label_property_and_type_are_escaped,
    match_(Odd)
        .rel(LINKS_TO)
        .to(Odd.alias(Other))
        .filter(Odd.first_name.eq("a").and(Odd.tricky.is_null()))
        .return_((Odd.first_name, Odd.alias(Other).tricky))
);
snap!(
    reserved_word_variable_is_escaped,
    match_(Match).filter(Match.score.gt(3)).return_(Match.score)
);

// Pattern forms (step 3).
#[derive(Alias)]
pub struct Fan;

snap!(
    inline_property_on_the_start_node,
    match_(Movie.having(Movie.title, "The Matrix")).return_(Movie.released)
);
snap!(
    inline_properties_chain,
    match_(
        Movie
            .having(Movie.title, "The Matrix")
            .having(Movie.released, 1999)
    )
    .return_(Movie.tagline)
);
snap!(
    inline_property_on_a_reached_node,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie.having(Movie.released, 1999))
        .return_(Person.name)
);
snap!(
    inline_property_on_an_aliased_node,
    match_(Person)
        .rel(FOLLOWS)
        .to(Person.alias(Fan).having(Person.name, "Jessica Thompson"))
        .return_(Person.name)
);
snap!(
    inline_property_on_a_bound_node_again,
    match_(Person)
        .match_(Person.again().having(Person.born, 1964))
        .return_(Person.name)
);
snap!(
    inline_property_reading_another_binding,
    match_(Person)
        .match_(Person.alias(Fan).having(Person.born, Person.born))
        .return_(Person.alias(Fan).name)
);
snap!(
    inline_property_on_a_relationship,
    match_(Person)
        .rel(REVIEWED.having(REVIEWED.rating, 100))
        .to(Movie)
        .return_(Movie.title)
);
snap!(
    inline_properties_on_a_returned_relationship,
    match_(Person)
        .rel(ACTED_IN.having(ACTED_IN.roles, vec!["Neo"]))
        .to(Movie)
        .return_((Person.name, ACTED_IN.roles))
);
snap!(
    hops_exact,
    match_(Person)
        .rel(FOLLOWS.hops(2))
        .to(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_range,
    match_(Person)
        .rel(FOLLOWS.hops(1..=3))
        .to(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_at_most,
    match_(Person)
        .rel(FOLLOWS.hops(..=5))
        .to(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_at_least,
    match_(Person)
        .rel(FOLLOWS.hops(2..))
        .to(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_any,
    match_(Person)
        .rel(FOLLOWS.hops(..))
        .to(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_variable_returned_as_a_list,
    match_(Person)
        .rel(FOLLOWS.hops(1..=3))
        .to(Person.alias(Fan))
        .return_((FOLLOWS.hops(1..=3), FOLLOWS.hops(1..=3).size()))
);
snap!(
    hops_incoming,
    match_(Person)
        .rel(FOLLOWS.hops(1..=2))
        .from(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_undirected_through_other_labels,
    match_(Person.having(Person.name, "Keanu Reeves"))
        .rel(ACTED_IN.hops(2..=4))
        .either(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    hops_over_a_union_of_types,
    match_(Person)
        .rel(ACTED_IN.or(DIRECTED).hops(..=2))
        .either(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    anonymous_end_node,
    match_(Person).rel(ACTED_IN).to(()).return_(Person.name)
);
snap!(
    anonymous_start_node,
    match_(()).rel(ACTED_IN).to(Movie).return_(count(Movie))
);
snap!(
    anonymous_node_in_the_middle_continues_from_its_labels,
    match_(Person)
        .rel(ACTED_IN)
        .to(())
        .rel(DIRECTED)
        .from(Person.alias(Fan))
        .return_((Person.name, Person.alias(Fan).name))
);
snap!(
    any_relationship_type,
    match_(Person)
        .rel(ANY_REL)
        .to(Movie)
        .return_((Person.name, Movie.title))
);
snap!(
    any_relationship_to_anything,
    match_(Person).rel(ANY_REL).either(()).return_(Person.name)
);
snap!(
    undirected_step_fitting_backwards,
    match_(Movie)
        .rel(ACTED_IN)
        .either(Person)
        .return_(Person.name)
);
snap!(
    undirected_step_fitting_forwards,
    match_(Person)
        .rel(ACTED_IN)
        .either(Movie)
        .return_(Movie.title)
);
snap!(
    comma_separated_patterns,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .also(Person.alias(Director))
        .rel(DIRECTED)
        .to(Movie.again())
        .return_((Person.name, Person.alias(Director).name, Movie.title))
);
snap!(
    comma_separated_unconnected_patterns,
    match_(Person.having(Person.name, "Tom Hanks"))
        .also(Movie.having(Movie.title, "Cloud Atlas"))
        .return_((Person.born, Movie.released))
);
snap!(path_bound_and_returned, {
    let route = name!(route: Path<Person, Follows>);
    match_(Person)
        .rel(FOLLOWS.hops(1..=3))
        .to(Person.alias(Fan))
        .as_path(route)
        .return_(route)
});

// Subqueries (step 3).
snap!(
    exists_subquery,
    match_(Person)
        .filter(exists(Person, |q| {
            q.match_(Person.again()).rel(ACTED_IN).to(Movie)
        }))
        .return_(Person.name)
);
snap!(
    not_exists_subquery_with_anonymous_end,
    match_(Person)
        .filter(not(exists(Person, |q| {
            q.match_(Person.again()).rel(ACTED_IN).to(())
        })))
        .return_(Person.name)
);
snap!(
    exists_subquery_with_where,
    match_(Person)
        .filter(exists(Person, |q| {
            q.match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .filter(Movie.released.gt(2000))
        }))
        .return_(Person.name)
);
snap!(
    exists_subquery_binding_the_same_label_as_the_outer_query,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(exists(Person, |q| {
            q.match_(Person.again()).rel(DIRECTED).to(Movie)
        }))
        .return_((Person.name, Movie.title))
);
snap!(
    exists_subquery_importing_two_bindings,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .filter(exists((Person, Movie), |q| {
            q.match_(Person.again()).rel(DIRECTED).to(Movie.again())
        }))
        .return_((Person.name, Movie.title))
);
snap!(
    count_subquery_compared,
    match_(Movie)
        .filter(
            count_of(Movie, |q| q
                .match_(Movie.again())
                .rel(ACTED_IN)
                .from(Person))
            .gt(8)
        )
        .return_(Movie.title)
);
snap!(
    count_subquery_returned,
    match_(Person).return_((
        Person.name,
        count_of(Person, |q| q.match_(Person.again()).rel(ACTED_IN).to(())).as_(name!(roles))
    ))
);
snap!(
    collect_subquery,
    match_(Person).return_((
        Person.name,
        collect_of(Person, |q| {
            q.match_(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .return_(Movie.title)
                .order_by(Movie.title)
        })
        .as_(name!(titles))
    ))
);
snap!(
    collect_subquery_of_nodes,
    match_(Person).return_(collect_of(Person, |q| {
        q.match_(Person.again())
            .rel(FOLLOWS)
            .to(Person.alias(Fan))
            .return_(Person.alias(Fan))
    }))
);
snap!(
    call_subquery_with_aggregate,
    match_(Person)
        .call(Person, |q| {
            q.match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .return_(count_all().as_(name!(movies)))
        })
        .return_(Person.name)
);
snap!(
    call_subquery_returning_a_node_joins_the_scope,
    match_(Person)
        .call(Person, |q| {
            q.match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .return_(Movie)
                .order_by(Movie.released.desc())
                .limit(1)
        })
        .return_((Person.name, Movie.title))
);
snap!(
    optional_call_subquery,
    match_(Person)
        .optional_call(Person, |q| {
            q.match_(Person.again())
                .rel(DIRECTED)
                .to(Movie)
                .return_(Movie)
        })
        .return_((Person.name, Movie.title))
);
snap!(
    call_subquery_without_imports,
    match_(Person)
        .call((), |q| q
            .match_(Movie)
            .return_(count(Movie).as_(name!(movies))))
        .return_(Person.name)
);
snap!(call_then_filter_goes_through_with, {
    let movies = name!(movies);
    match_(Person)
        .call(Person, |q| {
            q.match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .return_(count(Movie).as_(movies))
        })
        .filter(movies.gt(3))
        .return_((Person.name, movies))
});
snap!(shortest_path_undirected, {
    let route = name!(route: Path<Person, Follows>);
    match_(Person.having(Person.name, "Jessica Thompson"))
        .rel(FOLLOWS.hops(..))
        .either(Person.alias(Fan).having(Person.name, "Paul Blythe"))
        .shortest_path(route)
        .return_((route, length(route)))
});
snap!(all_shortest_paths, {
    let route = name!(route: Path<Person, Follows>);
    match_(Person.having(Person.name, "Jessica Thompson"))
        .rel(FOLLOWS.hops(..))
        .either(Person.alias(Fan))
        .all_shortest_paths(route)
        .return_((nodes(route), relationships(route)))
});

// Quantified path patterns.
snap!(
    quantified_one_to_three,
    match_(Person.having(Person.name, "Paul Blythe"))
        .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
        .then(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    quantified_exactly_two,
    match_(Person)
        .repeat(2, |hop| hop.rel(FOLLOWS).to(()))
        .then(())
        .return_(Person.name)
);
snap!(
    quantified_one_or_more_is_plus,
    match_(Person)
        .repeat(.., |hop| hop.rel(FOLLOWS).to(Person))
        .then(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    quantified_open_upper_and_zero_lower,
    match_(Person)
        .repeat(2.., |hop| hop.rel(FOLLOWS).to(Person))
        .then(Person.alias(Fan))
        .match_(Person.again())
        .repeat(0..=3, |hop| hop.rel(FOLLOWS).from(()))
        .then(())
        .return_(Person.name)
);
snap!(
    quantified_missing_lower_bound_is_one,
    match_(Person)
        .repeat(..=4, |hop| hop.rel(FOLLOWS).to(Person))
        .then(Person.alias(Fan))
        .return_(Person.alias(Fan).name)
);
snap!(
    quantified_inner_where_shows_the_variable_it_reads,
    match_(Person)
        .repeat(1..=3, |hop| {
            hop.rel(FOLLOWS)
                .to(Person.alias(Fan))
                .filter(Person.alias(Fan).born.gt(1950))
        })
        .then(Person.alias(Other))
        .return_((Person.name, Person.alias(Other).name))
);
snap!(
    quantified_inner_properties_and_node_where,
    match_(Person)
        .repeat(1..=2, |hop| {
            hop.rel(REVIEWED.having(REVIEWED.rating, 95))
                .to(Movie)
                .rel(ACTED_IN)
                .from(Person.where_(Person.born.lt(1970)))
        })
        .then(())
        .return_(Person.name)
);
snap!(
    quantified_then_continues_the_path,
    match_(Person.having(Person.name, "Paul Blythe"))
        .repeat(1..=3, |hop| hop.rel(FOLLOWS).to(Person))
        .then(Person.alias(Fan))
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Movie.title)
);
snap!(
    quantified_inside_exists,
    match_(Person)
        .filter(exists(Person, |q| q
            .match_(Person.again())
            .repeat(1..=2, |hop| hop.rel(FOLLOWS).to(Person))
            .then(())))
        .return_(Person.name)
);

// WHERE inside node patterns.
snap!(
    node_where_on_start,
    match_(Movie.where_(Movie.released.gt(2000))).return_(Movie.title)
);
snap!(
    node_where_on_step_end,
    match_(Person)
        .rel(ACTED_IN)
        .to(Movie.where_(Movie.released.lt(1990)))
        .return_((Person.name, Movie.title))
);
snap!(
    node_where_reads_earlier_node,
    match_(Person)
        .rel(FOLLOWS)
        .to(Person
            .alias(Fan)
            .where_(Person.alias(Fan).born.gt(Person.born)))
        .return_(Person.alias(Fan).name)
);
snap!(
    node_where_after_properties_and_chained,
    match_(
        Movie
            .having(Movie.title, "The Matrix")
            .where_(Movie.released.ge(1990))
            .where_(Movie.released.lt(2000))
    )
    .return_(Movie.tagline)
);
snap!(
    node_where_on_bound_node,
    match_(Person)
        .optional_match(Person.again().where_(Person.born.gt(1960)))
        .rel(DIRECTED)
        .to(Movie)
        .return_((Person.name, Movie.title))
);

// Label expressions.
snap!(
    label_expression_at_step_end,
    match_(Person)
        .rel(ANY_REL)
        .to(one_of((Person, Movie)))
        .return_(count(Person))
);
snap!(
    label_expression_as_start,
    match_(one_of((Person, Movie)))
        .rel(ANY_REL)
        .to(Movie.where_(Movie.released.gt(2000)))
        .return_(Movie.title)
);

// Pattern comprehensions.
snap!(
    comprehension_of_a_property,
    match_(Person).return_((
        Person.name,
        comprehension(Person, |q| q
            .match_(Person.again())
            .rel(DIRECTED)
            .to(Movie)
            .return_(Movie.title))
        .as_(name!(titles)),
    ))
);
snap!(
    comprehension_with_where,
    match_(Person).return_(comprehension(Person, |q| q
        .match_(Person.again())
        .rel(ACTED_IN)
        .to(Movie)
        .filter(Movie.released.gt(2000))
        .return_(Movie.released)))
);
snap!(
    comprehension_of_nodes_filtered_by_size,
    match_(Person)
        .filter(
            comprehension(Person, |q| q
                .match_(Person.again())
                .rel(ACTED_IN)
                .to(Movie)
                .return_(Movie))
            .size()
            .gt(2)
        )
        .return_(Person.name)
);
snap!(
    comprehension_with_order_renders_collect,
    match_(Person).return_(comprehension(Person, |q| q
        .match_(Person.again())
        .rel(ACTED_IN)
        .to(Movie)
        .return_(Movie.title)
        .order_by(Movie.title)))
);

// Procedures.
snap!(procedure_db_labels, {
    let label = name!(label);
    call_procedure(db::labels(), label).return_(label)
});
snap!(procedure_yield_renamed_and_filtered, {
    let t = name!(t);
    call_procedure(db::relationship_types(), t)
        .filter(t.starts_with("ACT"))
        .return_(t)
});
snap!(procedure_property_keys_after_match, {
    let key = name!(key);
    match_(Movie)
        .with(count(Movie).as_(name!(movies)))
        .call_procedure(db::property_keys(), key)
        .return_(key)
        .order_by(key)
});
snap!(procedure_declared_with_arguments_and_skipped_column, {
    let (score, item) = (name!(score), name!(item));
    call_procedure(
        procedure::<(String, f64)>("my proc.search", ["node", "score"])
            .arg("matrix")
            .arg(10),
        ((), score),
    )
    .unwind(vec![1, 2], item)
    .return_((score, item))
});

// FINISH: a query that returns no rows.
snap!(
    finish_after_a_write,
    match_(Person)
        .filter(Person.born.is_null())
        .set(Person.born.to(0))
        .finish()
);
snap!(
    finish_after_a_read,
    match_(Person).rel(ACTED_IN).to(Movie).finish()
);
