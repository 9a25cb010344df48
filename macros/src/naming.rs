//! Names and identities the derives compute at compile time.

use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Cypher variable a binding renders as by default: `ActedIn` -> `acted_in`.
pub fn variable_name(rust_ident: &str) -> String {
    rust_ident.trim_start_matches("r#").to_snake_case()
}

/// The Rust name of a relationship handle const: `ACTED_IN` -> `ACTED_IN`, `actedIn` -> `ACTED_IN`.
/// `None` when the result is not a usable identifier (the user must then name it).
pub fn handle_const_name(rel_type: &str) -> Option<String> {
    let name = rel_type.to_shouty_snake_case();
    let mut chars = name.chars();
    let first = chars.next()?;
    let ok = (first.is_ascii_alphabetic() || first == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    ok.then_some(name)
}

/// 64-bit FNV-1a: a stable identity hash for type-level binding ids.
pub fn fnv1a64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The 16 hexadecimal digits (most significant first) of a 64-bit identity.
pub fn hex_digits(id: u64) -> [u8; 16] {
    let mut digits = [0u8; 16];
    for (i, digit) in digits.iter_mut().enumerate() {
        *digit = ((id >> (60 - 4 * i)) & 0xf) as u8;
    }
    digits
}

/// An identity as the derives emit it: type-level digits and the same number.
pub struct Identity {
    /// `Digit<H.., Digit<H.., .. End>>`, 16 digits deep.
    pub tokens: TokenStream,
    /// The 64-bit hash.
    pub value: u64,
}

/// The identity of `text` (a string naming what is identified, as precisely as the derive can).
pub fn identity(text: &str) -> Identity {
    let value = fnv1a64(text);
    let tokens = hex_digits(value).into_iter().rev().fold(
        quote!(::typher::__private::End),
        |rest, digit| {
            let digit = format_ident!("H{}", digit);
            quote!(::typher::__private::Digit<::typher::__private::#digit, #rest>)
        },
    );
    Identity { tokens, value }
}

/// Whether `name` is a non-empty graph name we can escape (labels, types, keys).
///
/// A backslash followed by `u` or `U` is refused too: Neo4j reads it as a unicode escape
/// before it reads the name, so the name would not round-trip.
pub fn is_usable_graph_name(name: &str) -> bool {
    !name.is_empty()
        && !name.chars().any(char::is_control)
        && !name.contains("\\u")
        && !name.contains("\\U")
}

/// What [`is_usable_graph_name`] asks of a name, for error messages.
pub const GRAPH_NAME_RULE: &str = "must be non-empty and hold no control characters and no \
    `\\u`/`\\U` (Neo4j reads those as unicode escapes, so the name would not round-trip)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_are_snake_case() {
        assert_eq!(variable_name("Person"), "person");
        assert_eq!(variable_name("ActedIn"), "acted_in");
        assert_eq!(variable_name("r#Match"), "match");
        assert_eq!(variable_name("HTTPServer"), "http_server");
    }

    #[test]
    fn handle_const_names_follow_the_type() {
        assert_eq!(handle_const_name("ACTED_IN").as_deref(), Some("ACTED_IN"));
        assert_eq!(handle_const_name("actedIn").as_deref(), Some("ACTED_IN"));
        assert_eq!(handle_const_name("FOLLOWS").as_deref(), Some("FOLLOWS"));
        assert_eq!(handle_const_name("9LIVES"), None);
        assert_eq!(handle_const_name("!!"), None);
        assert_eq!(handle_const_name(""), None);
    }

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hex_digits_round_trip() {
        for id in [0u64, 1, 0xdead_beef_cafe_f00d, u64::MAX, 1 << 63] {
            let back = hex_digits(id)
                .iter()
                .fold(0u64, |acc, d| (acc << 4) | u64::from(*d));
            assert_eq!(back, id);
        }
        assert_eq!(hex_digits(0xf)[15], 15);
        assert_eq!(hex_digits(0xc000_0000_0000_0000)[0], 12);
    }

    #[test]
    fn type_level_ids_differ_for_different_names() {
        let a = identity("node:Person").tokens.to_string();
        let b = identity("node:Movie").tokens.to_string();
        assert_ne!(a, b);
        assert!(a.starts_with(":: typher :: __private :: Digit <"));
        assert_eq!(a.matches("Digit <").count(), 16);
        assert!(a.contains(":: typher :: __private :: End"), "{a}");
        assert_eq!(a.matches('>').count(), 16, "{a}");
    }

    #[test]
    fn graph_names_must_be_printable_and_non_empty() {
        assert!(is_usable_graph_name("Person"));
        assert!(is_usable_graph_name("odd `name`"));
        assert!(!is_usable_graph_name(""));
        assert!(!is_usable_graph_name("a\nb"));
        assert!(!is_usable_graph_name("x\\uu0060) DETACH DELETE n //"));
        assert!(!is_usable_graph_name("y\\U00000060"));
    }
}
