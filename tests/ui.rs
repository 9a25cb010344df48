//! Compile-fail cases: what the compiler refuses, and how it says so (tests/ui/*.stderr).

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}

/// typher's own type names, which a headline must never show: it names the user's labels,
/// properties and names instead.
const INTERNAL: &[&str] = &[
    "Val<",
    "Cons<",
    "Labels<",
    "Property<",
    "Name<",
    "Hops<",
    "NotBound",
    "__Typher",
];

/// The cases whose headline still shows one; empty, and to stay so.
const NOT_YET_PLAIN: &[&str] = &[];

#[test]
fn headlines_name_no_internal_type() {
    let mut offending = Vec::new();
    let mut plain_again = Vec::new();
    for entry in std::fs::read_dir("tests/ui").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "stderr") {
            continue;
        }
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let shows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("error"))
            .filter(|l| INTERNAL.iter().any(|name| l.contains(name)))
            .collect();
        match (shows.is_empty(), NOT_YET_PLAIN.contains(&case.as_str())) {
            (false, false) => offending.push(format!("{case}: {}", shows.join(" | "))),
            (true, true) => plain_again.push(case),
            _ => {}
        }
    }
    assert!(
        offending.is_empty(),
        "headlines that show typher's own types:\n{}",
        offending.join("\n")
    );
    assert!(
        plain_again.is_empty(),
        "plain now, take them off NOT_YET_PLAIN: {plain_again:?}"
    );
}

/// The check itself can fail: a headline with an internal type is caught.
#[test]
fn the_headline_check_catches_an_internal_type() {
    let headline = "error[E0277]: `Val<main::movies, i64>` is not in scope here";
    assert!(INTERNAL.iter().any(|name| headline.contains(name)));
    let plain = "error[E0277]: a value that may be null cannot be stored in a required property";
    assert!(!INTERNAL.iter().any(|name| plain.contains(name)));
}
