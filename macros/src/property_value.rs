//! `#[derive(PropertyValue)]`: an enum of unit variants becomes a property type stored as a
//! string (the variant's name, after serde's `rename` / `rename_all`, so both agree); a
//! newtype struct (`struct Email(String)`) becomes a property type stored as its field.

use crate::attrs::{apply_rename_all_to_variant, serde_option};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Expands `#[derive(PropertyValue)]`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "derive(PropertyValue) does not support generic types",
        ));
    }
    let data =
        match &input.data {
            Data::Enum(data) => data,
            Data::Struct(s) if matches!(&s.fields, Fields::Unnamed(f) if f.unnamed.len() == 1) => {
                return Ok(newtype(ident, &s.fields));
            }
            _ => return Err(syn::Error::new_spanned(
                ident,
                "derive(PropertyValue) works on enums of unit variants (stored as strings) and \
                 newtype structs such as `struct Email(String)` (stored as their field)",
            )),
        };
    let mut rename_all: Option<LitStr> = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        serde_option(attr, "rename_all", &mut rename_all)?;
    }
    let mut arms = TokenStream::new();
    let mut names = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new_spanned(
                variant,
                "derive(PropertyValue) needs unit variants: each variant is stored as its name",
            ));
        }
        let mut rename: Option<LitStr> = None;
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            serde_option(attr, "rename", &mut rename)?;
        }
        let name = match (rename, &rename_all) {
            (Some(lit), _) => lit.value(),
            (None, Some(rule)) => apply_rename_all_to_variant(rule, &variant.ident.to_string())?,
            (None, None) => variant.ident.to_string(),
        };
        if names.contains(&name) {
            return Err(syn::Error::new_spanned(
                variant,
                format!("two variants are stored as the same string `{name}`"),
            ));
        }
        let v = &variant.ident;
        arms.extend(quote!(Self::#v => #name,));
        names.push(name);
    }
    let common = common(ident, quote!(::std::string::String));
    Ok(quote! {
        impl #ident {
            /// The string this value is stored as.
            pub fn as_property_str(&self) -> &'static str {
                match self { #arms }
            }
        }
        #common
        impl ::typher::dsl::Literal for #ident {
            fn into_value(self) -> ::typher::Value {
                ::typher::Value::String(::std::string::String::from(self.as_property_str()))
            }
        }
    })
}

/// A newtype stored as its field: comparable with its own type only.
fn newtype(ident: &syn::Ident, fields: &Fields) -> TokenStream {
    let inner = fields.iter().next().map(|f| &f.ty);
    let common = common(ident, quote!(#inner));
    quote! {
        #common
        impl ::typher::dsl::Literal for #ident
        where
            #inner: ::typher::dsl::Literal,
        {
            fn into_value(self) -> ::typher::Value {
                ::typher::dsl::Literal::into_value(self.0)
            }
        }
    }
}

/// The impls every derived property type shares: its own base type, nullable, a literal.
/// `stored` is the Rust type the value is stored as (`String` for an enum, the field's type
/// for a newtype), whose Cypher type it shares.
fn common(ident: &syn::Ident, stored: TokenStream) -> TokenStream {
    quote! {
        impl ::typher::schema::PropertyType for #ident {
            type Base = #ident;
            const OPTIONAL: bool = false;
            const CYPHER_TYPE: ::core::option::Option<&'static str> =
                <#stored as ::typher::schema::PropertyType>::CYPHER_TYPE;
            const LIST_TYPE: ::core::option::Option<&'static str> =
                <#stored as ::typher::schema::PropertyType>::LIST_TYPE;
        }
        impl ::typher::schema::HoldsBase<#ident> for #ident {
            type Nullable = ::typher::__private::False;
        }
        impl ::typher::schema::Comparable for #ident {}
        #[doc(hidden)] impl ::typher::schema::OrNull for #ident {
            type Out = ::core::option::Option<#ident>;
            type Inner = #ident;
        }
        impl<U> ::typher::schema::MapNull<U> for #ident {
            type Out = U;
        }
        impl ::typher::dsl::IntoExpr for #ident {
            type Type = #ident;
            type Refs = ::typher::__private::Nil;
            fn into_operand(self) -> ::typher::dsl::expr::ExprNode {
                ::typher::dsl::expr::ExprNode::param(::typher::dsl::Literal::into_value(self))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_stored_as_their_serde_names() {
        let out = expand(quote!(
            #[serde(rename_all = "snake_case")]
            enum Genre {
                SciFi,
                #[serde(rename = "rom-com")]
                RomCom,
            }
        ))
        .unwrap()
        .to_string();
        assert!(out.contains("Self :: SciFi => \"sci_fi\""), "{out}");
        assert!(out.contains("Self :: RomCom => \"rom-com\""), "{out}");
    }

    #[test]
    fn newtypes_are_stored_as_their_field() {
        let out = expand(quote!(
            struct Email(String);
        ))
        .unwrap()
        .to_string();
        assert!(out.contains("Literal :: into_value (self . 0)"), "{out}");
    }

    #[test]
    fn data_variants_and_structs_are_refused() {
        assert!(expand(quote!(
            enum E {
                A(i64),
            }
        ))
        .unwrap_err()
        .to_string()
        .contains("unit variants"));
        assert!(expand(quote!(
            struct S;
        ))
        .unwrap_err()
        .to_string()
        .contains("enums"));
    }
}
