//! `#[derive(Alias)]`: a unit struct naming a second binding of a label or relationship.

use crate::naming::{identity, variable_name};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

/// Expands `#[derive(Alias)]`.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let ident = &input.ident;
    let is_unit = matches!(&input.data, Data::Struct(s) if matches!(s.fields, Fields::Unit));
    if !is_unit || !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            ident,
            "derive(Alias) needs a unit struct such as `struct Coactor;`: the value is passed to `.alias(..)`",
        ));
    }
    let name = ident.to_string();
    let var = variable_name(&name);
    let id = identity(&format!("alias:{name}"));
    let (id, id_value) = (id.tokens, id.value);
    Ok(quote! {
        impl ::typher::schema::Alias for #ident {
            const NAME: &'static str = #name;
            const VARIABLE: &'static str = #var;
            type Id = #id;
            const ID: u64 = #id_value;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_struct_becomes_an_alias() {
        let out = expand(quote!(
            struct Coactor;
        ))
        .unwrap()
        .to_string();
        assert!(out.contains("impl :: typher :: schema :: Alias for Coactor"));
        assert!(out.contains("\"coactor\""));
    }

    #[test]
    fn braced_struct_is_refused() {
        let err = expand(quote!(
            struct Coactor {
                x: i64,
            }
        ))
        .unwrap_err();
        assert!(err.to_string().contains("needs a unit struct"));
    }
}
