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

/// 32-bit FNV-1a: a stable identity hash for type-level binding ids.
pub fn fnv1a32(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The 16 base-4 digits (most significant first) of a 32-bit identity.
pub fn base4_digits(id: u32) -> [u8; 16] {
    let mut digits = [0u8; 16];
    for (i, digit) in digits.iter_mut().enumerate() {
        *digit = ((id >> (30 - 2 * i)) & 0b11) as u8;
    }
    digits
}

/// The type-level identity of `identity`: `Digit<Q.., Digit<Q.., .. End>>`, 16 digits deep.
pub fn type_level_id(identity: &str) -> TokenStream {
    base4_digits(fnv1a32(identity)).into_iter().rev().fold(
        quote!(::typher::__private::End),
        |rest, digit| {
            let digit = format_ident!("Q{}", digit);
            quote!(::typher::__private::Digit<::typher::__private::#digit, #rest>)
        },
    )
}

/// Whether `name` is a non-empty graph name we can escape (labels, types, keys).
pub fn is_usable_graph_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(char::is_control)
}

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
        assert_eq!(fnv1a32(""), 0x811c_9dc5);
        assert_eq!(fnv1a32("a"), 0xe40c_292c);
        assert_eq!(fnv1a32("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn base4_digits_round_trip() {
        for id in [0u32, 1, 0xdead_beef, u32::MAX, 0x8000_0000] {
            let back = base4_digits(id)
                .iter()
                .fold(0u32, |acc, d| (acc << 2) | u32::from(*d));
            assert_eq!(back, id);
        }
        assert_eq!(base4_digits(0b11)[15], 3);
        assert_eq!(base4_digits(0xc000_0000)[0], 3);
    }

    #[test]
    fn type_level_ids_differ_for_different_names() {
        let a = type_level_id("node:Person").to_string();
        let b = type_level_id("node:Movie").to_string();
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
    }
}
