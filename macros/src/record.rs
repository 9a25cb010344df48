//! `#[derive(Record)]`: a struct as the typed record of a Cypher map. Emits the map's
//! constructor (`Pair::map(a, b)` renders `{a: .., b: ..}`, each value of its field's
//! type) and a `Pair` constant of key handles, read with `m.key(Pair.a)` (`m.a`). Rows
//! decode into the struct through serde.

use crate::attrs::{apply_rename_all, field_attrs, serde_option};
use crate::naming::{is_usable_graph_name, GRAPH_NAME_RULE};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Expands `#[derive(Record)]`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let name = &input.ident;
    let vis = &input.vis;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "a record has no generic parameters",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "a record is a struct with named fields",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new(
            input.span(),
            "a record is a struct with named fields",
        ));
    };
    let mut rename_all: Option<LitStr> = None;
    for attr in &input.attrs {
        if attr.path().is_ident("serde") {
            serde_option(attr, "rename_all", &mut rename_all)?;
        }
    }
    let mut map_fields = Vec::new();
    let mut key_fields = Vec::new();
    let mut key_inits = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named fields have identifiers");
        let rust = ident.to_string().trim_start_matches("r#").to_owned();
        let attrs = field_attrs(&field.attrs, "record")?;
        let key = match (&attrs.serde_rename, &rename_all) {
            (Some(lit), _) => lit.value(),
            (None, Some(all)) => apply_rename_all(all, &rust)?,
            (None, None) => rust.clone(),
        };
        if !is_usable_graph_name(&key) {
            return Err(syn::Error::new(
                field.span(),
                format!("a map key {GRAPH_NAME_RULE}"),
            ));
        }
        let ty = &field.ty;
        let doc = format!("`map.{key}`: the `{key}` of a `{name}` map.");
        key_fields.push(quote! {
            #[doc = #doc]
            pub #ident: ::typher::dsl::expr::Key<#name, #ty>
        });
        key_inits.push(quote! { #ident: ::typher::dsl::expr::Key::new(#key) });
        map_fields.push((ident.clone(), key, ty.clone()));
    }
    let keys_struct = format_ident!("{}Keys", name);
    let keys_doc = format!("The keys of a `{name}` map: `m.key({name}.field)`.");
    let map = map_items(name, vis, &map_fields);
    Ok(quote! {
        #map

        #[doc = #keys_doc]
        #[derive(Clone, Copy)]
        #vis struct #keys_struct {
            #(#key_fields,)*
        }

        #[doc = #keys_doc]
        #[allow(non_upper_case_globals)]
        #vis const #name: #keys_struct = #keys_struct {
            #(#key_inits,)*
        };
    })
}

/// The `Record` impl and the typed map constructor `Name::map(field, ..)` (positional, in
/// field order, each value of its field's type), for a record, a label or a relationship.
pub fn map_items(
    name: &syn::Ident,
    vis: &syn::Visibility,
    fields: &[(syn::Ident, String, syn::Type)],
) -> TokenStream {
    let keys: Vec<&String> = fields.iter().map(|(_, key, _)| key).collect();
    let params: Vec<syn::Ident> = (0..fields.len())
        .map(|i| format_ident!("__V{}", i))
        .collect();
    let bounds = fields.iter().zip(&params).map(|((_, _, ty), param)| {
        quote! { #param: ::typher::dsl::expr::MapValue<#ty> }
    });
    let args = fields
        .iter()
        .zip(&params)
        .map(|((ident, _, _), param)| quote! { #ident: #param });
    let values = fields
        .iter()
        .map(|(ident, _, _)| quote! { ::typher::dsl::IntoExpr::into_operand(#ident) });
    let refs = params.iter().rev().fold(quote!(::typher::Nil), |rest, p| {
        quote! { ::typher::Both<<#p as ::typher::dsl::IntoExpr>::Refs, #rest> }
    });
    let map_doc = format!(
        "`{{{}}}`: a `{name}` map, each value of its field's type.",
        keys.iter()
            .map(|k| format!("{k}: .."))
            .collect::<Vec<_>>()
            .join(", ")
    );
    quote! {
        impl ::typher::dsl::expr::Record for #name {
            const KEYS: &'static [&'static str] = &[#(#keys),*];
        }

        impl #name {
            #[doc = #map_doc]
            #[allow(clippy::too_many_arguments, non_snake_case)]
            #vis fn map<#(#params),*>(#(#args),*) -> ::typher::dsl::Expr<#name, #refs>
            where
                #(#bounds,)*
            {
                ::typher::dsl::expr::record_map::<#name, #refs>(::std::vec![#(#values),*])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::expand;
    use quote::quote;

    #[test]
    fn keys_follow_serde_renames() {
        let out = expand(quote! {
            #[serde(rename_all = "camelCase")]
            struct Pair { first_name: String, #[serde(rename = "n")] count: i64 }
        })
        .unwrap()
        .to_string();
        assert!(out.contains("\"firstName\""), "{out}");
        assert!(out.contains("\"n\""), "{out}");
        assert!(out.contains("struct PairKeys"), "{out}");
    }

    #[test]
    fn only_structs_with_named_fields_are_records() {
        let err = expand(quote! { struct Pair(i64, String); }).unwrap_err();
        assert!(err.to_string().contains("named fields"));
    }
}
