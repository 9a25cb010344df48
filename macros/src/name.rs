//! `name!(total)` / `name!(total: i64)`: a typed name for a projected value.

use crate::naming::identity;
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token, Type};

/// `ident` or `ident: Type`.
struct NameInput {
    ident: Ident,
    ty: Option<Type>,
}

impl Parse for NameInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ident: Ident = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a name such as `name!(total)` or `name!(total: i64)`",
            )
        })?;
        let ty = if input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        if !input.is_empty() {
            return Err(input.error("expected `name!(total)` or `name!(total: i64)`"));
        }
        Ok(Self { ident, ty })
    }
}

/// Expands `name!(..)` to a fresh tag type and the `Name` handle of it.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let NameInput { ident, ty } = syn::parse2(input)?;
    let name = ident.to_string().trim_start_matches("r#").to_owned();
    let id = identity(&format!("name:{name}"));
    let (id, id_value) = (id.tokens, id.value);
    let ty = ty.map_or_else(|| quote!(_), |ty| quote!(#ty));
    // The tag is named after the name, so compiler messages print `Val<movies, i64>`.
    let tag = &ident;
    Ok(quote! {{
        #[allow(non_camel_case_types)]
        struct #tag {}
        impl ::typher::__private::NameTag for #tag {
            const NAME: &'static str = #name;
            type Id = #id;
            const ID: u64 = #id_value;
        }
        ::typher::__private::Name::<#tag, #ty>::new()
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_to_a_fresh_tag_and_a_handle() {
        let out = expand(quote!(movies)).unwrap().to_string();
        assert!(
            out.contains("const NAME : & 'static str = \"movies\""),
            "{out}"
        );
        assert!(out.contains("Name :: < movies , _ >"), "{out}");
        let typed = expand(quote!(total: i64)).unwrap().to_string();
        assert!(typed.contains("Name :: < total , i64 >"), "{typed}");
    }

    #[test]
    fn malformed_input_is_refused() {
        assert!(expand(quote!("movies")).is_err());
        assert!(expand(quote!(a b)).is_err());
    }
}
