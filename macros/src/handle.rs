//! The handle type, its const and the identity impls shared by the node and relationship derives.

use crate::fields::PropertyCode;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Visibility};

/// What a derive knows about the element it turns into a handle.
pub struct Element<'a> {
    /// The data struct.
    pub ident: &'a Ident,
    /// Its visibility, reused for the handle and the const.
    pub vis: &'a Visibility,
    /// The handle type and const name (`PersonNode`/`Person`, `ACTED_IN`/`ACTED_IN`).
    pub handle: &'a Ident,
    /// The const's name.
    pub constant: &'a Ident,
    /// Default Cypher variable.
    pub variable: &'a str,
    /// Identity of the element.
    pub id: crate::naming::Identity,
    /// Doc comment of the handle type.
    pub handle_doc: String,
    /// Doc comment of the const.
    pub const_doc: String,
    /// Whether this is a relationship type (else a label).
    pub relationship: bool,
}

/// The handle struct, its const, and the `Element`, `Binding`, `OrNull`, `Handle` impls.
pub fn common(element: &Element, props: &PropertyCode) -> TokenStream {
    let Element {
        ident,
        vis,
        handle,
        constant,
        variable,
        id,
        handle_doc,
        const_doc,
        relationship,
    } = element;
    let name = ident.to_string();
    let (id, id_value) = (&id.tokens, id.value);
    let (handle_fields, inits) = (&props.handle_fields, &props.inits);
    quote! {
        #[doc = #handle_doc]
        #[allow(non_camel_case_types, non_snake_case)]
        #vis struct #handle<__TypherBinding = #ident> {
            #handle_fields
            __typher_binding: ::core::marker::PhantomData<fn() -> __TypherBinding>,
        }

        impl<__TypherBinding> ::core::clone::Clone for #handle<__TypherBinding> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<__TypherBinding> ::core::marker::Copy for #handle<__TypherBinding> {}

        #[doc = #const_doc]
        #[allow(non_upper_case_globals)]
        #vis const #constant: #handle = #handle {
            #inits
            __typher_binding: ::core::marker::PhantomData,
        };

        #[doc(hidden)] impl ::typher::schema::Element for #ident {
            const NAME: &'static str = #name;
            const VARIABLE: &'static str = #variable;
            type Id = #id;
            const ID: u64 = #id_value;
        }

        #[doc(hidden)] impl ::typher::schema::Binding for #ident {
            type Id = #id;
            const KEY: ::typher::schema::BindingKey =
                ::typher::schema::BindingKey::new(#variable, #id_value);
            type Shown = #ident;
        }

        #[doc(hidden)] impl ::typher::schema::ElementBinding for #ident {
            type Element = #ident;
        }

        impl ::typher::schema::HasHandle for #ident {
            type Handle = #handle;
        }

        #[doc(hidden)] impl ::typher::schema::OrNull for #ident {
            type Out = ::core::option::Option<#ident>;
            type Inner = #ident;
        }

        impl<__TypherBinding: ::typher::schema::ElementBinding<Element = #ident>> ::typher::schema::Handle for #handle<__TypherBinding> {
            type Binding = __TypherBinding;
            const RELATIONSHIP: bool = #relationship;
        }
    }
}

/// The `Aliased` type and `aliased` fn of a handle trait impl.
pub fn aliasing(element: &Element, props: &PropertyCode) -> TokenStream {
    let Element { ident, handle, .. } = element;
    let inits = &props.inits;
    quote! {
        type Aliased<__TypherAlias: ::typher::schema::Alias> = #handle<::typher::schema::As<#ident, __TypherAlias>>;

        fn aliased<__TypherAlias: ::typher::schema::Alias>(self) -> Self::Aliased<__TypherAlias> {
            #handle {
                #inits
                __typher_binding: ::core::marker::PhantomData,
            }
        }
    }
}
