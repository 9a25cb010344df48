//! Property handles shared by the node and relationship derives.

use crate::attrs::{apply_rename_all, field_attrs};
use crate::naming::{is_usable_graph_name, GRAPH_NAME_RULE};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FieldsNamed, Ident, LitStr};

/// Everything generated for a struct's properties.
pub struct PropertyCode {
    /// Marker types and their `Field` impls.
    pub items: TokenStream,
    /// Fields of the handle struct (`pub born: Property<Person_born, __TypherBinding>,`).
    pub handle_fields: TokenStream,
    /// Field initialisers of the handle (`born: Property::new(),`).
    pub inits: TokenStream,
    /// `PropertyMeta` entries for the schema metadata.
    pub metas: TokenStream,
    /// Whether a field keeps the undeclared properties (`#[node(extras)]`).
    pub extras: bool,
    /// Each property's field, key and type, for the typed map constructor.
    pub map_fields: Vec<(Ident, String, syn::Type)>,
}

/// Generates property handles for `owner`'s fields; `ours` names our attribute (`node`/`relationship`).
pub fn properties(
    owner: &Ident,
    vis: &syn::Visibility,
    fields: Option<&FieldsNamed>,
    ours: &str,
    rename_all: Option<&LitStr>,
) -> syn::Result<PropertyCode> {
    let mut code = PropertyCode {
        items: TokenStream::new(),
        handle_fields: TokenStream::new(),
        inits: TokenStream::new(),
        metas: TokenStream::new(),
        extras: false,
        map_fields: Vec::new(),
    };
    let Some(fields) = fields else {
        return Ok(code);
    };
    let mut seen_keys = Vec::<String>::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named fields have identifiers");
        let name = ident.to_string().trim_start_matches("r#").to_owned();
        let attrs = field_attrs(&field.attrs, ours)?;
        match (attrs.extras, attrs.serde_flatten) {
            (true, true) if code.extras => {
                return Err(syn::Error::new(
                    field.span(),
                    "only one field can keep the undeclared properties",
                ))
            }
            // The undeclared properties: serde reads and writes them; no property handle.
            (true, true) => {
                code.extras = true;
                continue;
            }
            (true, false) => {
                return Err(syn::Error::new(
                    field.span(),
                    "the extras map needs `#[serde(flatten)]` as well, so serde reads the \
                     undeclared properties into it and writes them back",
                ))
            }
            (false, true) => {
                return Err(syn::Error::new(
                    field.span(),
                    format!(
                        "a flattened field is no property; {}",
                        if ours == "node" {
                            "to keep the undeclared properties in it, mark it `#[node(extras)]`"
                        } else {
                            "relationship properties are the struct's own fields"
                        }
                    ),
                ))
            }
            (false, false) => {}
        }
        let key = property_key(&name, &attrs, rename_all, ours)?;
        if !is_usable_graph_name(&key) {
            return Err(syn::Error::new(
                field.span(),
                format!("a property key {GRAPH_NAME_RULE}"),
            ));
        }
        if seen_keys.contains(&key) {
            return Err(syn::Error::new(
                field.span(),
                format!("two fields map to the same property key `{key}`"),
            ));
        }
        seen_keys.push(key.clone());

        let marker = format_ident!("{}_{}", owner, name);
        let ty = &field.ty;
        code.map_fields
            .push((ident.clone(), key.clone(), field.ty.clone()));
        let field_vis = &field.vis;
        let (unique, index, version) = (attrs.unique, attrs.index, attrs.version);
        let (node_key, text_index) = (attrs.key, attrs.text_index);
        if version {
            // The OGM counts saves in it: only an `i64` will do.
            code.items.extend(quote_spanned! {ty.span()=>
                const _: () = ::typher::ogm::version_counter::<#ty>();
            });
        }
        let value = quote_spanned!(ty.span()=> type Value = #ty;);
        let doc = format!("Marker of property `{key}` of `{owner}`.");
        let id = crate::naming::identity(&format!("field:{owner}:{key}"));
        let (id, id_value) = (id.tokens, id.value);
        code.items.extend(quote! {
            #[doc = #doc]
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #vis struct #marker;
            impl ::typher::schema::Field for #marker {
                type Owner = #owner;
                #value
                const KEY: &'static str = #key;
                const FIELD: &'static str = #name;
                type Id = #id;
                const ID: u64 = #id_value;
            }
            impl ::typher::schema::PropertyOf<#owner> for #marker {}
        });
        let field_doc = format!("Property `{key}` (`{}`).", quote!(#ty));
        code.handle_fields.extend(quote! {
            #[doc = #field_doc]
            #field_vis #ident: ::typher::Property<#marker, __TypherBinding>,
        });
        code.inits
            .extend(quote!(#ident: ::typher::Property::new(),));
        code.metas.extend(quote! {
            ::typher::schema::PropertyMeta {
                field: #name,
                key: #key,
                unique: #unique,
                index: #index,
                version: #version,
                optional: <#marker as ::typher::schema::Field>::OPTIONAL,
                node_key: #node_key,
                text_index: #text_index,
                cypher_type: <#marker as ::typher::schema::Field>::CYPHER_TYPE,
            },
        });
    }
    Ok(code)
}

/// The graph key of a field, the key serde uses too: serde's `rename`, else `rename_all`
/// applied as serde applies it, else the name. Our own `rename` may only repeat serde's.
fn property_key(
    name: &str,
    attrs: &crate::attrs::FieldAttrs,
    rename_all: Option<&LitStr>,
    ours: &str,
) -> syn::Result<String> {
    match (&attrs.rename, &attrs.serde_rename) {
        (Some(ours), Some(serde)) if ours.value() != serde.value() => Err(syn::Error::new(
            ours.span(),
            format!(
                "the property is renamed to `{}` here but serde renames it to `{}`; decoding would miss it, so use one name",
                ours.value(),
                serde.value()
            ),
        )),
        (Some(lit), None) => Err(syn::Error::new(
            lit.span(),
            format!(
                "`#[{ours}(rename = \"{key}\")]` alone would make typher and serde disagree on the key, \
                 and reading the whole {ours} would fail: write `#[serde(rename = \"{key}\")]` instead \
                 (typher reads it, and serde decodes with it)",
                key = lit.value()
            ),
        )),
        (_, Some(lit)) => Ok(lit.value()),
        (None, None) => match rename_all {
            Some(rule) => apply_rename_all(rule, name),
            None => Ok(name.to_owned()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn named(fields: FieldsNamed) -> syn::Result<PropertyCode> {
        properties(
            &format_ident!("Person"),
            &parse_quote!(pub),
            Some(&fields),
            "node",
            None,
        )
    }

    #[test]
    fn one_marker_and_handle_field_per_property() {
        let code = named(parse_quote!({ pub name: String, pub born: Option<i64> })).unwrap();
        let items = code.items.to_string();
        assert!(items.contains("struct Person_name"));
        assert!(items.contains("struct Person_born"));
        assert!(items.contains("const KEY : & 'static str = \"born\""));
        let handle = code.handle_fields.to_string();
        assert!(
            handle.contains("pub born : :: typher :: Property < Person_born , __TypherBinding >")
        );
    }

    #[test]
    fn rename_wins_and_conflicts_with_serde_are_refused() {
        let code = named(parse_quote!({ #[serde(rename = "yearBorn")] born: i64 })).unwrap();
        assert!(code.items.to_string().contains("\"yearBorn\""));
        let both = named(parse_quote!({ #[node(rename = "y")] #[serde(rename = "y")] born: i64 }));
        assert!(both.is_ok());
        let alone = named(parse_quote!({ #[node(rename = "yearBorn")] born: i64 }))
            .err()
            .expect("our rename alone is refused");
        assert!(
            alone
                .to_string()
                .contains("#[serde(rename = \"yearBorn\")]"),
            "{alone}"
        );
        let err = named(parse_quote!({
            #[node(rename = "a")] #[serde(rename = "b")] born: i64
        }))
        .err()
        .expect("conflicting renames are refused");
        assert!(err.to_string().contains("serde renames it"));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = named(parse_quote!({ a: i64, #[serde(rename = "a")] b: i64 }))
            .err()
            .expect("duplicate keys are refused");
        assert!(err.to_string().contains("same property key `a`"));
    }

    #[test]
    fn unique_and_index_reach_the_metadata() {
        let code = named(parse_quote!({ #[node(unique)] a: i64, #[node(index)] b: i64 })).unwrap();
        let metas = code.metas.to_string();
        assert!(metas.contains("unique : true , index : false"));
        assert!(metas.contains("unique : false , index : true"));
    }
}
