//! Graph names (labels, relationship types, property keys, variables) and whether Cypher
//! can read them without quoting: worked out at compile time for every name a derive emits.

/// Cypher's reserved words, sorted: names spelled like one (in any case) are always quoted.
const RESERVED: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "ASCENDING",
    "BY",
    "CALL",
    "CASE",
    "CONSTRAINT",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "DO",
    "DROP",
    "ELSE",
    "END",
    "ENDS",
    "EXISTS",
    "FALSE",
    "FOR",
    "FOREACH",
    "IN",
    "INDEX",
    "IS",
    "LIMIT",
    "LOAD",
    "MANDATORY",
    "MATCH",
    "MERGE",
    "NODE",
    "NOT",
    "NULL",
    "OF",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "REMOVE",
    "REQUIRE",
    "RETURN",
    "SCALAR",
    "SET",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UNWIND",
    "USE",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
    "YIELD",
];

/// `a` and `b` equal but for ASCII case; by hand, as `eq_ignore_ascii_case` is `const` only
/// from Rust 1.89, after the crate's MSRV.
#[allow(clippy::manual_ignore_case_cmp)]
const fn same_ignoring_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i].to_ascii_uppercase() != b[i].to_ascii_uppercase() {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether Cypher reads `name` as it is: an ASCII letter or `_`, then letters, digits or
/// `_`, and not a reserved word. Anything else must be quoted with backticks.
pub const fn is_plain(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() || !(bytes[0].is_ascii_alphabetic() || bytes[0] == b'_') {
        return false;
    }
    let mut i = 1;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            return false;
        }
        i += 1;
    }
    let mut w = 0;
    while w < RESERVED.len() {
        if same_ignoring_case(RESERVED[w].as_bytes(), bytes) {
            return false;
        }
        w += 1;
    }
    true
}

/// A name known at compile time, with whether it needs quoting worked out once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GraphName {
    /// The name as the graph stores it.
    pub text: &'static str,
    /// Whether Cypher reads it unquoted ([`is_plain`]).
    pub plain: bool,
}

impl GraphName {
    /// The name, its quoting decided at compile time when used in a `const`.
    pub const fn new(text: &'static str) -> Self {
        Self {
            text,
            plain: is_plain(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_and_odd_names_are_not_plain() {
        assert!(is_plain("Person") && is_plain("_x1") && is_plain("Orders"));
        for name in [
            "match",
            "Order",
            "WITH",
            "",
            "1st",
            "Human Being",
            "Café",
            "a`b",
        ] {
            assert!(!is_plain(name), "{name}");
        }
        const LABEL: GraphName = GraphName::new("ACTED_IN");
        const { assert!(LABEL.plain) };
    }
}
