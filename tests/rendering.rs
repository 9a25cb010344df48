//! Rendering guarantees: determinism, parameters, row types, and escaping properties.

use typher_testkit::movies;

use core::marker::PhantomData;
use movies::*;
use proptest::prelude::*;
use typher::dsl::{escape_name, Returning};
use typher::exec::decode::Shape;
use typher::prelude::*;
use typher::Value;

/// The row type a query promises, as a value the compiler can check.
fn row_type<S, R: Shape, P>(_: &Returning<S, R, P>) -> PhantomData<R::Row> {
    PhantomData
}

#[test]
fn row_types_follow_the_return_clause() {
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .return_((Person.name, Person.born, Movie));
    let _: PhantomData<(String, Option<i64>, Movie)> = row_type(&q);

    let q = match_(Person).rel(ACTED_IN).to(Movie).return_(ACTED_IN);
    let _: PhantomData<ActedIn> = row_type(&q);

    let q = match_(Person).return_(Person.name);
    let _: PhantomData<String> = row_type(&q);
}

/// What a row of person, reviewed movie and review decodes as when the review may be missing.
type OptionalRow = (
    String,
    Option<String>,
    Option<String>,
    Option<Reviewed>,
    Option<Movie>,
);

#[test]
fn optional_match_bindings_decode_as_option() {
    let q = match_(Person)
        .optional_match(Person.again())
        .rel(REVIEWED)
        .to(Movie)
        .return_((Person.name, Movie.title, Movie.tagline, REVIEWED, Movie));
    let _: PhantomData<OptionalRow> = row_type(&q);

    let q = optional_match(Movie).return_((Movie.released, Movie));
    let _: PhantomData<(Option<i64>, Option<Movie>)> = row_type(&q);
}

#[test]
fn aliased_bindings_decode_as_their_label() {
    let coactor = Person.alias(Coactor);
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .rel(ACTED_IN.alias(CoRole))
        .from(coactor)
        .return_((coactor, ACTED_IN.alias(CoRole).roles));
    let _: PhantomData<(Person, Vec<String>)> = row_type(&q);
}

#[test]
fn rendering_is_deterministic() {
    let build = || {
        match_(Person)
            .rel(ACTED_IN)
            .to(Movie)
            .filter(Person.name.in_list(["a", "b"]) | Movie.released.gt(2000))
            .return_((Person.name, Movie.title))
            .order_by(Movie.title)
            .limit(5)
            .to_cypher()
    };
    assert_eq!(build(), build());
    assert_eq!(build().text(), build().text());
}

#[test]
fn text_is_one_line_and_display_is_the_same_query() {
    let q = match_(Person)
        .filter(Person.born.gt(1960))
        .return_(Person.name)
        .to_cypher();
    assert_eq!(
        q.text(),
        "MATCH (person:Person) WHERE person.born > $p0 RETURN person.name AS name"
    );
    let shown = q.to_string();
    let cypher_lines: Vec<&str> = shown.lines().filter(|l| !l.starts_with("//")).collect();
    assert_eq!(cypher_lines.join(" "), q.text());
    assert!(shown.ends_with("// $p0 = 1960"), "{shown}");
}

#[test]
fn parameters_have_bolt_types_of_the_property() {
    let q = match_(Movie)
        .filter(Movie.released.gt(5u8) & Movie.title.eq('x'))
        .return_(Movie.title)
        .skip(u64::MAX)
        .to_cypher();
    let params: Vec<_> = q.params().iter().collect();
    assert_eq!(params.len(), 3);
    assert_eq!(params[0], ("p0", &Value::from(5i64)));
    assert_eq!(params[1], ("p1", &Value::from("x")));
    assert_eq!(params[2], ("p2", &Value::from(i64::MAX)), "skip saturates");
    assert_eq!(q.params().get("p1"), Some(&Value::from("x")));
    assert!(q.params().get("p9").is_none());
}

#[test]
fn schema_metadata_is_recorded() {
    use typher::schema::{NodeLabel, RelType};
    let name = &<Person as NodeLabel>::PROPERTIES[0];
    assert_eq!(
        (name.key, name.unique, name.optional),
        ("name", true, false)
    );
    let born = &<Person as NodeLabel>::PROPERTIES[1];
    assert_eq!(
        (born.key, born.unique, born.optional),
        ("born", false, true)
    );
    let released = &<Movie as NodeLabel>::PROPERTIES[1];
    assert!(released.index);
    assert_eq!(<ActedIn as RelType>::TYPE, "ACTED_IN");
    assert_eq!(<ActedIn as RelType>::FROM, ["Person"]);
    assert_eq!(<Follows as RelType>::TO, ["Person"]);
    assert!(<Directed as RelType>::PROPERTIES.is_empty());
}

/// Splits a rendered name into its quoted body, checking the quoting is well-formed.
fn unquote(rendered: &str) -> Option<String> {
    let body = rendered.strip_prefix('`')?.strip_suffix('`')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '`' {
            // Inside a quoted name a backtick only ever appears doubled.
            if chars.next() != Some('`') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}

/// What Neo4j's parser reads: the text with its unicode escapes decoded (any number of `u`).
fn neo4j_decode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i, mut backslashes) = (String::new(), 0, 0);
    while i < chars.len() {
        if chars[i] == '\\' && backslashes % 2 == 0 {
            let us = chars[i + 1..].iter().take_while(|c| **c == 'u').count();
            let digits: String = chars.iter().skip(i + 1 + us).take(4).collect();
            if us > 0 && digits.len() == 4 {
                if let Some(c) = u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    out.push(c);
                    i += 1 + us + 4;
                    backslashes = 0;
                    continue;
                }
            }
        }
        backslashes = if chars[i] == '\\' { backslashes + 1 } else { 0 };
        out.push(chars[i]);
        i += 1;
    }
    out
}

proptest! {
    #[test]
    fn string_values_never_enter_the_text(value in ".*") {
        let q = match_(Person).filter(Person.name.eq(value.as_str())).return_(Person.born).to_cypher();
        prop_assert_eq!(q.text(), "MATCH (person:Person) WHERE person.name = $p0 RETURN person.born AS born");
        prop_assert_eq!(q.params().get("p0"), Some(&Value::from(value.as_str())));
    }

    #[test]
    fn integer_values_never_enter_the_text(value in any::<i64>()) {
        let q = match_(Movie).filter(Movie.released.ge(value)).return_(Movie.title).to_cypher();
        prop_assert_eq!(q.text(), "MATCH (movie:Movie) WHERE movie.released >= $p0 RETURN movie.title AS title");
        prop_assert_eq!(q.params().get("p0"), Some(&Value::from(value)));
    }

    #[test]
    fn escaped_names_are_one_well_formed_name(name in "\\PC*") {
        let rendered = escape_name(&name);
        let plain = rendered.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !rendered.is_empty();
        if !plain {
            let body = unquote(&rendered);
            prop_assert!(body.is_some(), "not a single quoted name: {rendered}");
            // A name without unicode escapes round-trips exactly.
            if !typher::dsl::render::has_unicode_escape(&name) {
                prop_assert_eq!(body.unwrap(), name);
            }
        }
    }

    #[test]
    fn names_full_of_escapes_never_break_out(name in "[a-z` )\\\\uU0-6]{0,24}") {
        let rendered = escape_name(&name);
        let plain = rendered.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !rendered.is_empty();
        if !plain {
            // Neo4j decodes the escapes first; what it then reads is one quoted name.
            let read_by_neo4j = neo4j_decode(&rendered);
            prop_assert!(unquote(&read_by_neo4j).is_some(), "{name} -> {rendered}");
        }
    }
}

#[test]
fn projected_values_have_their_rust_types() {
    let movies = name!(movies);
    let q = match_(Person)
        .rel(ACTED_IN)
        .to(Movie)
        .with((Person, count(Movie).as_(movies)))
        .filter(movies.ge(2))
        .return_((Person.name, movies));
    let _: PhantomData<(String, i64)> = row_type(&q);

    let q = match_(Person).rel(REVIEWED).to(Movie).return_((
        sum(REVIEWED.rating),
        avg(REVIEWED.rating),
        min(Movie.released),
        max(Person.born),
        collect(Movie.title),
        collect(Person.born),
    ));
    let _: PhantomData<AggregateRow> = row_type(&q);
}

/// sum, avg, min, max, collect of a value, collect of an optional value.
type AggregateRow = (
    i64,
    Option<f64>,
    Option<i64>,
    Option<i64>,
    Vec<String>,
    Vec<i64>,
);

#[test]
fn nullability_is_recomputed_through_projection() {
    let reviews = name!(reviews);
    let ratings = name!(ratings);
    let best = name!(best);
    let q = match_(Movie)
        .optional_match(Movie.again())
        .rel(REVIEWED)
        .from(Person)
        .with((
            Movie,
            count(Person).as_(reviews),
            collect(REVIEWED.rating).as_(ratings),
            max(REVIEWED.rating).as_(best),
        ))
        .return_((Movie.title, reviews, ratings, best));
    // count is never null, collect drops nulls, max of no rows is null.
    let _: PhantomData<(String, i64, Vec<i64>, Option<i64>)> = row_type(&q);

    let name = name!(name);
    let q = match_(Movie)
        .optional_match(Movie.again())
        .rel(REVIEWED)
        .from(Person)
        .with((Movie, Person, Person.name.as_(name)))
        .return_((Movie.title, name, Person.name.size()));
    // A value computed from an optional binding may be null.
    let _: PhantomData<(String, Option<String>, Option<i64>)> = row_type(&q);
}

#[test]
fn case_unwind_and_union_rows_are_typed() {
    let q = match_(Movie).return_(case().when(Movie.released.lt(1990), "old").end());
    let _: PhantomData<Option<String>> = row_type(&q);

    let year = name!(year);
    let q = unwind(vec![1999, 2003], year).return_(year);
    let _: PhantomData<i64> = row_type(&q);

    let q = match_(Person).return_(Person.name + "!");
    let _: PhantomData<String> = row_type(&q);
}

/// Two structs named `Person` in different modules are different labels with different
/// identities, so both can be bound and read in one query.
mod elsewhere {
    use typher::prelude::*;

    #[derive(Node, Debug, Clone, PartialEq, serde::Deserialize)]
    #[node(label = "Employee")]
    pub struct Person {
        pub employee_id: i64,
    }
}

#[test]
fn same_struct_name_in_two_modules_is_two_bindings() {
    let q = match_(Person)
        .match_(elsewhere::Person)
        .filter(Person.born.eq(elsewhere::Person.employee_id))
        .return_((Person.name, elsewhere::Person.employee_id));
    assert_eq!(
        q.to_cypher().text(),
        "MATCH (person:Person) MATCH (person_2:Employee) WHERE person.born = person_2.employee_id \
         RETURN person.name AS name, person_2.employee_id AS employee_id"
    );
}

#[test]
fn a_query_runs_again_with_new_values_without_rendering_again() {
    let year = param::<i64>("year");
    let q = match_(Movie)
        .filter(Movie.released.ge(year))
        .return_(Movie.title);
    let text = q.compiled().text().to_owned();
    let first = q.clone().bind(year, 1990);
    let second = first.clone().bind(year, 2000);
    assert_eq!(first.to_cypher().text(), text);
    assert_eq!(
        first.to_cypher().params().get("year"),
        Some(&Value::Int(1990))
    );
    assert_eq!(
        second.to_cypher().params().get("year"),
        Some(&Value::Int(2000))
    );
    assert_eq!(q.to_cypher().named_params(), ["year"]);
}

/// Structs named like the generic parameters of generated code still derive.
#[allow(dead_code)]
mod short_names {
    use typher::prelude::*;

    #[derive(Node)]
    pub struct A {
        pub x: i64,
    }

    #[derive(Node)]
    pub struct B {
        pub y: i64,
    }

    #[derive(Relationship)]
    #[relationship(type = "TO", from = A, to = B)]
    pub struct S;

    #[derive(Alias)]
    pub struct F;

    #[test]
    fn one_letter_struct_names_derive() {
        let q = match_(A)
            .rel(TO)
            .to(B)
            .rel(TO.alias(F))
            .from(A.alias(F))
            .filter(A.x.eq(B.y))
            .return_((A.x, A.alias(F).x));
        assert_eq!(
            q.to_cypher().text(),
            "MATCH (a:A)-[:TO]->(b:B)<-[:TO]-(f:A) WHERE a.x = b.y RETURN a.x AS x, f.x AS x_2"
        );
    }
}

/// Every method that takes a tuple takes up to 12 items (one list of arities for all).
#[test]
fn tuples_of_twelve_are_taken_everywhere() {
    let (n, b) = (Person.name, Person.born);
    let q = match_(Person)
        .return_(Person.name)
        .order_by((n, b, n, b, n, b, n, b, n, b, n, b));
    let keys = ["name ASC", "person.born ASC"].repeat(6).join(", ");
    assert_eq!(
        q.to_cypher().text(),
        format!("MATCH (person:Person) RETURN person.name AS name ORDER BY {keys}")
    );
    let set = |v: i64| Person.born.to(v);
    let q = match_(Person).set((
        set(1),
        set(2),
        set(3),
        set(4),
        set(5),
        set(6),
        set(7),
        set(8),
        set(9),
        set(10),
        set(11),
        set(12),
    ));
    let cypher = q.to_cypher();
    assert_eq!(cypher.params().len(), 12);
    assert!(
        cypher.text().contains("person.born = $p11"),
        "{}",
        cypher.text()
    );
}
