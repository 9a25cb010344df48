//! Derive macros for [typher](https://docs.rs/typher).
//!
//! This crate is a thin shim: every macro forwards to a plain function over
//! `proc_macro2` token streams (in the modules below), so the logic is unit-tested
//! without a compiler in the loop. Use the macros through `typher::prelude`.

#![warn(missing_docs)]

use proc_macro::TokenStream;

mod alias;
mod attrs;
mod embed;
mod fields;
mod handle;
mod labels;
mod name;
mod naming;
mod node;
mod property_value;
mod record;
mod relationship;

/// Turns a braced struct into a node label: see `typher::schema` for what it emits.
#[proc_macro_derive(Node, attributes(node))]
pub fn derive_node(input: TokenStream) -> TokenStream {
    node::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Turns a struct into a relationship type: see `typher::schema` for what it emits.
#[proc_macro_derive(Relationship, attributes(relationship))]
pub fn derive_relationship(input: TokenStream) -> TokenStream {
    relationship::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Turns a unit struct into a pattern alias, to bind the same label twice.
#[proc_macro_derive(Alias)]
pub fn derive_alias(input: TokenStream) -> TokenStream {
    alias::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// A typed name for a projected value: `let movies = name!(movies);` then
/// `count(Movie).as_(movies)` in `WITH` or `RETURN`, and `movies` to read it afterwards.
/// The type is inferred from the expression it names, or written: `name!(total: i64)`.
#[proc_macro]
pub fn name(input: TokenStream) -> TokenStream {
    name::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Makes an enum whose variants each hold one label's struct the type of a node of any of
/// those labels: `Item::of(Person)` renders `{Person: person}`, and the generated serde
/// `Deserialize` reads the variant from it.
#[proc_macro_derive(Labels)]
pub fn derive_labels(input: TokenStream) -> TokenStream {
    labels::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Makes a struct the typed record of a Cypher map: `Pair::map(a, b)` builds
/// `{a: .., b: ..}` (each value of its field's type), the `Pair` constant's key handles
/// read a key (`m.key(Pair.a)`), and rows decode into the struct through serde.
#[proc_macro_derive(Record, attributes(record))]
pub fn derive_record(input: TokenStream) -> TokenStream {
    record::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Makes an enum of unit variants a property type, stored as a string: the variant's name
/// after serde's `rename`/`rename_all`, so typed queries and serde agree.
#[proc_macro_derive(PropertyValue)]
pub fn derive_property_value(input: TokenStream) -> TokenStream {
    property_value::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Builds a migrations folder into the binary: `embed_migrations!("migrations")` (relative to
/// the crate's `Cargo.toml`) is a `typher::schema_tools::Migrations` of its `.cypher` files,
/// named as `Migrations::from_dir` reads them. A misnamed file is a compile error. Edits to a
/// file rebuild; a file added later is seen at the next build of the crate that embeds
/// (`touch` the source, or add `println!("cargo:rerun-if-changed=migrations")` to a
/// `build.rs`).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    embed::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
