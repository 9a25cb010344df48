//! Parsing of the `#[node(..)]`, `#[relationship(..)]` and relevant `#[serde(..)]` attributes.

use syn::{Attribute, Ident, LitStr, Path, Token};

/// What a field says about itself through `#[node(..)]` / `#[relationship(..)]` and serde.
#[derive(Default)]
pub struct FieldAttrs {
    /// Graph property key given with `rename = ".."`.
    pub rename: Option<LitStr>,
    /// Key given with `#[serde(rename = "..")]`.
    pub serde_rename: Option<LitStr>,
    /// `unique`: a uniqueness constraint belongs on this property.
    pub unique: bool,
    /// `index`: an index belongs on this property.
    pub index: bool,
    /// `version`: the OGM's optimistic-locking counter (an `i64`).
    pub version: bool,
    /// `extras`: the map of the node's undeclared properties (with `#[serde(flatten)]`).
    pub extras: bool,
    /// `key`: part of the label's node key (with the other `key` fields).
    pub key: bool,
    /// `text_index`: a text index belongs on this property.
    pub text_index: bool,
    /// `#[serde(flatten)]` is on the field.
    pub serde_flatten: bool,
}

/// Struct-level options of `#[node(..)]`.
#[derive(Default)]
pub struct NodeAttrs {
    /// `label = ".."`: the graph label (defaults to the struct name).
    pub label: Option<LitStr>,
    /// `#[serde(rename_all = "..")]`, applied to property keys.
    pub rename_all: Option<LitStr>,
    /// Hidden `__identity = ".."`: the identity hash's input, for collision tests.
    pub identity: Option<LitStr>,
    /// `hooks`: the struct implements `typher::ogm::Hooks` itself (else a no-op one is derived).
    pub hooks: bool,
    /// `extra_labels = [A, B]`: labels every node of the struct also carries.
    pub extra_labels: Vec<Path>,
}

/// Struct-level options of `#[relationship(..)]`.
#[derive(Default)]
pub struct RelationshipAttrs {
    /// `type = ".."`: the relationship type (required).
    pub rel_type: Option<LitStr>,
    /// `from = Label` or `from = [A, B]`: the allowed start labels.
    pub from: Vec<Path>,
    /// `to = Label` or `to = [A, B]`: the allowed end labels.
    pub to: Vec<Path>,
    /// `handle = NAME`: the Rust name of the handle const and type.
    pub handle: Option<Ident>,
    /// `#[serde(rename_all = "..")]`, applied to property keys.
    pub rename_all: Option<LitStr>,
    /// `cardinality(start = .., end = ..)`: how many relationships a start / an end node
    /// may have (a `Cardinality` variant name each).
    pub start_cardinality: Option<Ident>,
    /// See `start_cardinality`.
    pub end_cardinality: Option<Ident>,
}

/// The names `cardinality(..)` accepts.
const CARDINALITIES: [&str; 4] = ["ZeroOrMore", "OneOrMore", "ZeroOrOne", "One"];

/// Reads `cardinality(start = One, end = ZeroOrMore)`.
fn cardinality(
    meta: &syn::meta::ParseNestedMeta<'_>,
    out: &mut RelationshipAttrs,
) -> syn::Result<()> {
    meta.parse_nested_meta(|inner| {
        let slot = if inner.path.is_ident("start") {
            &mut out.start_cardinality
        } else if inner.path.is_ident("end") {
            &mut out.end_cardinality
        } else {
            return Err(inner.error(
                "expected `start = ..` or `end = ..`: how many relationships one start node \
                 / one end node may have",
            ));
        };
        let value: Ident = inner.value()?.parse()?;
        if !CARDINALITIES.iter().any(|c| value == c) {
            return Err(syn::Error::new(
                value.span(),
                "a cardinality is `ZeroOrMore`, `OneOrMore`, `ZeroOrOne` or `One`",
            ));
        }
        *slot = Some(value);
        Ok(())
    })
}

/// Reads `#[<ours>(..)]` on a field plus `#[serde(rename)]`.
pub fn field_attrs(attrs: &[Attribute], ours: &str) -> syn::Result<FieldAttrs> {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident(ours) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    out.rename = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("unique") {
                    out.unique = true;
                } else if meta.path.is_ident("index") {
                    out.index = true;
                } else if meta.path.is_ident("version") && ours == "node" {
                    out.version = true;
                } else if meta.path.is_ident("extras") && ours == "node" {
                    out.extras = true;
                } else if meta.path.is_ident("key") && ours == "node" {
                    out.key = true;
                } else if meta.path.is_ident("text_index") {
                    out.text_index = true;
                } else {
                    return Err(meta.error(format!(
                        "unknown property option; expected `rename = \"..\"`, `unique`, `index`, `text_index`{} in #[{ours}(..)]",
                        if ours == "node" { ", `key`, `version` or `extras`" } else { "" }
                    )));
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("serde") {
            serde_option(attr, "rename", &mut out.serde_rename)?;
            out.serde_flatten |= serde_flag(attr, "flatten")?;
        }
    }
    Ok(out)
}

/// Reads `#[node(..)]` and `#[serde(rename_all)]` on a struct.
pub fn node_attrs(attrs: &[Attribute]) -> syn::Result<NodeAttrs> {
    let mut out = NodeAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("node") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("label") {
                    out.label = Some(meta.value()?.parse()?);
                    Ok(())
                } else if meta.path.is_ident("hooks") {
                    out.hooks = true;
                    Ok(())
                } else if meta.path.is_ident("extra_labels") {
                    out.extra_labels = label_list(meta.value()?)?;
                    Ok(())
                } else if meta.path.is_ident("__identity") {
                    // Hidden: fixes the identity hash's input, to test colliding identities.
                    out.identity = Some(meta.value()?.parse()?);
                    Ok(())
                } else {
                    Err(meta.error(
                        "unknown node option; expected `label = \"..\"`, `extra_labels = [..]` or `hooks`",
                    ))
                }
            })?;
        } else if attr.path().is_ident("serde") {
            serde_option(attr, "rename_all", &mut out.rename_all)?;
        }
    }
    Ok(out)
}

/// Reads `#[relationship(..)]` and `#[serde(rename_all)]` on a struct.
pub fn relationship_attrs(attrs: &[Attribute]) -> syn::Result<RelationshipAttrs> {
    let mut out = RelationshipAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("relationship") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("type") {
                    out.rel_type = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("from") {
                    out.from = label_list(meta.value()?)?;
                } else if meta.path.is_ident("to") {
                    out.to = label_list(meta.value()?)?;
                } else if meta.path.is_ident("handle") {
                    out.handle = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("cardinality") {
                    cardinality(&meta, &mut out)?;
                } else {
                    return Err(meta.error(
                        "unknown relationship option; expected `type = \"..\"`, `from = Label`, `to = Label`, `cardinality(start = .., end = ..)` or `handle = NAME`",
                    ));
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("serde") {
            serde_option(attr, "rename_all", &mut out.rename_all)?;
        }
    }
    Ok(out)
}

/// `Label` or `[A, B, ..]`.
fn label_list(input: syn::parse::ParseStream) -> syn::Result<Vec<Path>> {
    if input.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in input);
        let paths = content.parse_terminated(Path::parse_mod_style, Token![,])?;
        if paths.is_empty() {
            return Err(content.error("give at least one label"));
        }
        Ok(paths.into_iter().collect())
    } else {
        Ok(vec![input.parse()?])
    }
}

/// The options of a `#[serde(..)]`: each name with its string value (`rename = ".."`), or
/// with none (a bare flag such as `flatten`, or a value that is no string); options with
/// parentheses are skipped.
fn serde_items(attr: &Attribute) -> syn::Result<Vec<(String, Option<LitStr>)>> {
    let mut items = Vec::new();
    attr.parse_nested_meta(|meta| {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if meta.input.peek(Token![=]) {
            let value = meta.value()?;
            // A string, also inside the invisible group a `macro_rules!` `$rule:expr` makes.
            let text = if value.fork().parse::<LitStr>().is_ok() {
                Some(value.parse::<LitStr>()?)
            } else {
                let _: syn::Expr = value.parse()?;
                None
            };
            items.push((name, text));
        } else if meta.input.peek(syn::token::Paren) {
            let _content;
            syn::parenthesized!(_content in meta.input);
            let _: proc_macro2::TokenStream = _content.parse()?;
        } else {
            items.push((name, None));
        }
        Ok(())
    })?;
    Ok(items)
}

/// Whether a `#[serde(..)]` holds the bare option `flag` (`flatten`).
fn serde_flag(attr: &Attribute, flag: &str) -> syn::Result<bool> {
    Ok(serde_items(attr)?
        .iter()
        .any(|(name, value)| name == flag && value.is_none()))
}

/// Picks `key = "value"` out of a `#[serde(..)]`, ignoring every other serde option.
pub fn serde_option(attr: &Attribute, key: &str, slot: &mut Option<LitStr>) -> syn::Result<()> {
    for (name, value) in serde_items(attr)? {
        if name == key && value.is_some() {
            *slot = value;
        }
    }
    Ok(())
}

/// serde's `rename_all` rules, applied exactly as serde applies them.
#[derive(Clone, Copy)]
enum Rule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

fn rule(lit: &LitStr) -> syn::Result<Rule> {
    Ok(match lit.value().as_str() {
        "lowercase" => Rule::Lower,
        "UPPERCASE" => Rule::Upper,
        "PascalCase" => Rule::Pascal,
        "camelCase" => Rule::Camel,
        "snake_case" => Rule::Snake,
        "SCREAMING_SNAKE_CASE" => Rule::ScreamingSnake,
        "kebab-case" => Rule::Kebab,
        "SCREAMING-KEBAB-CASE" => Rule::ScreamingKebab,
        other => {
            return Err(syn::Error::new(
                lit.span(),
                format!("unknown serde rename_all rule `{other}`"),
            ))
        }
    })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_lowercase().to_string() + chars.as_str()
    })
}

/// Applies a serde `rename_all` rule to a field name, as serde does: field names are taken
/// to be snake_case already (so `snake_case` and `lowercase` leave them alone, and `imdbID`
/// stays `imdbID`).
pub fn apply_rename_all(lit: &LitStr, field: &str) -> syn::Result<String> {
    let pascal = || {
        let mut out = String::new();
        let mut capitalize = true;
        for c in field.chars() {
            if c == '_' {
                capitalize = true;
            } else if capitalize {
                out.push(c.to_ascii_uppercase());
                capitalize = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    Ok(match rule(lit)? {
        Rule::Lower | Rule::Snake => field.to_owned(),
        Rule::Upper | Rule::ScreamingSnake => field.to_ascii_uppercase(),
        Rule::Pascal => pascal(),
        Rule::Camel => lower_first(&pascal()),
        Rule::Kebab => field.replace('_', "-"),
        Rule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
    })
}

/// Applies a serde `rename_all` rule to an enum variant name, as serde does: variant names
/// are taken to be PascalCase.
pub fn apply_rename_all_to_variant(lit: &LitStr, variant: &str) -> syn::Result<String> {
    let snake = || {
        let mut out = String::new();
        for (i, c) in variant.char_indices() {
            if i > 0 && c.is_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    };
    Ok(match rule(lit)? {
        Rule::Pascal => variant.to_owned(),
        Rule::Lower => variant.to_ascii_lowercase(),
        Rule::Upper => variant.to_ascii_uppercase(),
        Rule::Camel => lower_first(variant),
        Rule::Snake => snake(),
        Rule::ScreamingSnake => snake().to_ascii_uppercase(),
        Rule::Kebab => snake().replace('_', "-"),
        Rule::ScreamingKebab => snake().to_ascii_uppercase().replace('_', "-"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn field_options_are_read() {
        let attrs: Vec<Attribute> = vec![parse_quote!(#[node(unique, rename = "yearBorn")])];
        let f = field_attrs(&attrs, "node").unwrap();
        assert!(f.unique && !f.index);
        assert_eq!(f.rename.unwrap().value(), "yearBorn");
    }

    #[test]
    fn serde_rename_is_seen_and_other_serde_options_ignored() {
        let attrs: Vec<Attribute> = vec![parse_quote!(
            #[serde(default, rename = "n", skip_serializing_if = "Option::is_none")]
        )];
        let f = field_attrs(&attrs, "node").unwrap();
        assert_eq!(f.serde_rename.unwrap().value(), "n");
    }

    #[test]
    fn unknown_field_option_is_an_error() {
        let attrs: Vec<Attribute> = vec![parse_quote!(#[node(uniq)])];
        let err = field_attrs(&attrs, "node")
            .err()
            .expect("refused")
            .to_string();
        assert!(err.contains("unknown property option"), "{err}");
    }

    #[test]
    fn relationship_endpoints_accept_one_or_a_list() {
        let attrs: Vec<Attribute> = vec![parse_quote!(
            #[relationship(type = "KNOWS", from = Person, to = [Person, crate::Robot])]
        )];
        let r = relationship_attrs(&attrs).unwrap();
        assert_eq!(r.rel_type.unwrap().value(), "KNOWS");
        assert_eq!(r.from.len(), 1);
        assert_eq!(r.to.len(), 2);
    }

    #[test]
    fn node_label_override_and_rename_all() {
        let attrs: Vec<Attribute> = vec![
            parse_quote!(#[node(label = "Human")]),
            parse_quote!(#[serde(rename_all = "camelCase")]),
        ];
        let n = node_attrs(&attrs).unwrap();
        assert_eq!(n.label.unwrap().value(), "Human");
        let rule = n.rename_all.unwrap();
        assert_eq!(apply_rename_all(&rule, "year_born").unwrap(), "yearBorn");
        assert!(apply_rename_all(&parse_quote!("weird"), "x").is_err());
    }
}
