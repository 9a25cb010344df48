//! `#[derive(Labels)]`: an enum whose variants each hold one label's struct, for a value
//! that is a node of any one of those labels (the sides of a `UNION`, a node of a label
//! expression). `Item::of(Person)` renders the node as `{Person: person}`, and the
//! generated `Deserialize` reads the variant from that one-entry map.

use crate::attrs::{apply_rename_all_to_variant, serde_option};
use crate::naming::{identity, variable_name};
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Expands `#[derive(Labels)]`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let name = &input.ident;
    let vis = &input.vis;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "`Labels` goes on an enum whose variants each hold one label's struct",
        ));
    };
    let mut rename_all: Option<LitStr> = None;
    for attr in &input.attrs {
        if attr.path().is_ident("serde") {
            serde_option(attr, "rename_all", &mut rename_all)?;
        }
    }
    let mut impls = Vec::new();
    let mut arms = Vec::new();
    let mut names = Vec::new();
    let mut types = Vec::new();
    for variant in &data.variants {
        let Fields::Unnamed(fields) = &variant.fields else {
            return Err(syn::Error::new(
                variant.span(),
                "each variant holds one label's struct: `Person(Person)`",
            ));
        };
        if fields.unnamed.len() != 1 {
            return Err(syn::Error::new(
                variant.span(),
                "each variant holds one label's struct: `Person(Person)`",
            ));
        }
        let ty = &fields.unnamed[0].ty;
        let mut rename: Option<LitStr> = None;
        for attr in &variant.attrs {
            if attr.path().is_ident("serde") {
                serde_option(attr, "rename", &mut rename)?;
            }
        }
        let ident = variant.ident.to_string();
        let key = match (rename, &rename_all) {
            (Some(lit), _) => lit.value(),
            (None, Some(all)) => apply_rename_all_to_variant(all, &ident)?,
            (None, None) => ident,
        };
        impls.push(quote! {
            #[doc(hidden)] impl ::typher::dsl::NodeIn<#ty> for #name {}
            impl ::typher::dsl::expr::LabelOf<#name> for #ty {
                const VARIANT: &'static str = #key;
            }
        });
        let var = &variant.ident;
        arms.push(quote! {
            #key => ::core::result::Result::Ok(#name::#var(map.next_value::<#ty>()?)),
        });
        names.push(key);
        types.push(ty.clone());
    }
    let rust_name = name.to_string();
    let variable = variable_name(&rust_name);
    let id = identity(&format!("labels:{rust_name}"));
    let (id, id_value) = (id.tokens, id.value);
    let set = types.iter().rev().fold(
        quote!(::typher::schema::NoLabels),
        |rest, ty| quote!(::typher::schema::Labels<#ty, #rest>),
    );
    let node_doc = format!(
        "A node of any label of `{name}`, bound: `match_({name}::node())` renders          `({variable}:{})`, and returning it decodes the variant it holds.",
        names.join("|")
    );
    let doc = format!(
        "A node of any label of `{name}`, as its variant: `{{Variant: node}}`, which the enum's \
         `Deserialize` reads."
    );
    let expecting = format!("a node of one of the labels of `{name}`");
    Ok(quote! {
        #(#impls)*

        impl<'de> ::typher::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::typher::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                use ::typher::__private::serde::de::{Error, MapAccess, Visitor};
                struct __Variant;
                impl<'de> Visitor<'de> for __Variant {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__M: MapAccess<'de>>(self, mut map: __M) -> ::core::result::Result<#name, __M::Error> {
                        let key: ::std::string::String = map
                            .next_key()?
                            .ok_or_else(|| __M::Error::custom(#expecting))?;
                        match key.as_str() {
                            #(#arms)*
                            other => ::core::result::Result::Err(__M::Error::unknown_variant(other, &[#(#names),*])),
                        }
                    }
                }
                deserializer.deserialize_map(__Variant)
            }
        }

        #[doc(hidden)] impl ::typher::schema::Element for #name {
            const NAME: &'static str = #rust_name;
            const VARIABLE: &'static str = #variable;
            type Id = #id;
            const ID: u64 = #id_value;
        }

        #[doc(hidden)] impl ::typher::schema::Binding for #name {
            type Id = #id;
            const KEY: ::typher::schema::BindingKey =
                ::typher::schema::BindingKey::new(#variable, #id_value);
            type Shown = #name;
        }

        #[doc(hidden)] impl ::typher::schema::ElementBinding for #name {
            type Element = #name;
        }

        #[doc(hidden)] impl ::typher::schema::OrNull for #name {
            type Out = ::core::option::Option<#name>;
            type Inner = #name;
        }

        impl ::typher::schema::NodeLabels for #name {
            type Set = #set;
            const VARIANTS: &'static [::typher::schema::LabelVariant] = &[
                #(::typher::schema::LabelVariant {
                    variant: #names,
                    label: <#types as ::typher::schema::NodeLabel>::LABEL_NAME,
                }),*
            ];
        }

        #[doc(hidden)] impl ::typher::dsl::PathNode for #name {
            const VARIANTS: &'static [::typher::schema::LabelVariant] =
                <#name as ::typher::schema::NodeLabels>::VARIANTS;
        }

        impl #name {
            #[doc = #node_doc]
            #vis const fn node() -> ::typher::dsl::AnyOf<#name> {
                ::typher::dsl::AnyOf::new()
            }

            #[doc = #doc]
            #vis fn of<__H: ::typher::schema::NodeHandle>(
                node: __H,
            ) -> ::typher::dsl::Expr<#name, ::typher::Cons<<__H as ::typher::schema::Handle>::Binding, ::typher::Nil>>
            where
                <__H as ::typher::schema::NodeHandle>::Label: ::typher::dsl::expr::LabelOf<#name>,
            {
                ::typher::dsl::expr::label_variant::<#name, __H>(node)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::expand;
    use quote::quote;

    #[test]
    fn variant_keys_follow_serde() {
        let out = expand(quote! {
            #[serde(rename_all = "lowercase")]
            enum Item { Person(Person), #[serde(rename = "Film")] Movie(Movie) }
        })
        .unwrap()
        .to_string();
        assert!(out.contains("\"person\""), "{out}");
        assert!(out.contains("\"Film\""), "{out}");
    }

    #[test]
    fn only_enums_of_one_struct_per_variant() {
        assert!(expand(quote! { struct Item { a: i64 } }).is_err());
        assert!(expand(quote! { enum Item { A { a: i64 } } }).is_err());
        assert!(expand(quote! { enum Item { A(X, Y) } }).is_err());
    }
}
