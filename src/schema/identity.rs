//! Type-level identities of bindings, and the type-level logic that compares them.
//!
//! Every binding (a label, a relationship type, either under an alias, a named value, a
//! property of a binding) has an identity: 16 hexadecimal [`Digit`]s of a 64-bit hash the
//! derive computes from the struct's name, its label or type and its fields. Identities
//! compare generically through [`Same`], so no impl per pair of labels is ever needed.
//!
//! A hash can collide, so an identity only *finds* a binding in a scope; the scope checks then
//! require the binding found to be the very type referred to (`IsThe`), so two different
//! labels can never stand for one another, whatever their hashes.

use core::marker::PhantomData;

/// Zero-sized, variance-neutral carrier of type parameters.
pub type Phantom<T> = PhantomData<fn() -> T>;

/// Type-level `true`.
pub struct True;
/// Type-level `false`.
pub struct False;

/// Hexadecimal digit 0 of an identity ([`Digit`]).
pub struct H0;
/// Hexadecimal digit 1 of an identity ([`Digit`]).
pub struct H1;
/// Hexadecimal digit 2 of an identity ([`Digit`]).
pub struct H2;
/// Hexadecimal digit 3 of an identity ([`Digit`]).
pub struct H3;
/// Hexadecimal digit 4 of an identity ([`Digit`]).
pub struct H4;
/// Hexadecimal digit 5 of an identity ([`Digit`]).
pub struct H5;
/// Hexadecimal digit 6 of an identity ([`Digit`]).
pub struct H6;
/// Hexadecimal digit 7 of an identity ([`Digit`]).
pub struct H7;
/// Hexadecimal digit 8 of an identity ([`Digit`]).
pub struct H8;
/// Hexadecimal digit 9 of an identity ([`Digit`]).
pub struct H9;
/// Hexadecimal digit 10 of an identity ([`Digit`]).
pub struct H10;
/// Hexadecimal digit 11 of an identity ([`Digit`]).
pub struct H11;
/// Hexadecimal digit 12 of an identity ([`Digit`]).
pub struct H12;
/// Hexadecimal digit 13 of an identity ([`Digit`]).
pub struct H13;
/// Hexadecimal digit 14 of an identity ([`Digit`]).
pub struct H14;
/// Hexadecimal digit 15 of an identity ([`Digit`]).
pub struct H15;

/// A type-level identity: hexadecimal digits as a list, most significant first, ending in [`End`].
pub struct Digit<D, Rest>(Phantom<(D, Rest)>);
/// The end of an identity's digit list.
pub struct End;

/// The identity of a binding under an alias: the element's identity and the alias's.
pub struct AliasedId<E, A>(Phantom<(E, A)>);

/// The identity of a projected property: the binding's identity and the field's.
pub struct PropertyId<B, F>(Phantom<(B, F)>);

/// Type-level equality of identities: `Out` is [`True`] or [`False`].
pub trait Same<Other>: sealed::Identity {
    /// The answer.
    type Out;
}

macro_rules! same_digits {
    ($($a:ident $b:ident $out:ident;)*) => {
        $(impl Same<$b> for $a { type Out = $out; })*
    };
}
same_digits! {
    H0 H0 True; H0 H1 False; H0 H2 False; H0 H3 False; H0 H4 False; H0 H5 False; H0 H6 False; H0 H7 False; H0 H8 False; H0 H9 False; H0 H10 False; H0 H11 False; H0 H12 False; H0 H13 False; H0 H14 False; H0 H15 False;
    H1 H0 False; H1 H1 True; H1 H2 False; H1 H3 False; H1 H4 False; H1 H5 False; H1 H6 False; H1 H7 False; H1 H8 False; H1 H9 False; H1 H10 False; H1 H11 False; H1 H12 False; H1 H13 False; H1 H14 False; H1 H15 False;
    H2 H0 False; H2 H1 False; H2 H2 True; H2 H3 False; H2 H4 False; H2 H5 False; H2 H6 False; H2 H7 False; H2 H8 False; H2 H9 False; H2 H10 False; H2 H11 False; H2 H12 False; H2 H13 False; H2 H14 False; H2 H15 False;
    H3 H0 False; H3 H1 False; H3 H2 False; H3 H3 True; H3 H4 False; H3 H5 False; H3 H6 False; H3 H7 False; H3 H8 False; H3 H9 False; H3 H10 False; H3 H11 False; H3 H12 False; H3 H13 False; H3 H14 False; H3 H15 False;
    H4 H0 False; H4 H1 False; H4 H2 False; H4 H3 False; H4 H4 True; H4 H5 False; H4 H6 False; H4 H7 False; H4 H8 False; H4 H9 False; H4 H10 False; H4 H11 False; H4 H12 False; H4 H13 False; H4 H14 False; H4 H15 False;
    H5 H0 False; H5 H1 False; H5 H2 False; H5 H3 False; H5 H4 False; H5 H5 True; H5 H6 False; H5 H7 False; H5 H8 False; H5 H9 False; H5 H10 False; H5 H11 False; H5 H12 False; H5 H13 False; H5 H14 False; H5 H15 False;
    H6 H0 False; H6 H1 False; H6 H2 False; H6 H3 False; H6 H4 False; H6 H5 False; H6 H6 True; H6 H7 False; H6 H8 False; H6 H9 False; H6 H10 False; H6 H11 False; H6 H12 False; H6 H13 False; H6 H14 False; H6 H15 False;
    H7 H0 False; H7 H1 False; H7 H2 False; H7 H3 False; H7 H4 False; H7 H5 False; H7 H6 False; H7 H7 True; H7 H8 False; H7 H9 False; H7 H10 False; H7 H11 False; H7 H12 False; H7 H13 False; H7 H14 False; H7 H15 False;
    H8 H0 False; H8 H1 False; H8 H2 False; H8 H3 False; H8 H4 False; H8 H5 False; H8 H6 False; H8 H7 False; H8 H8 True; H8 H9 False; H8 H10 False; H8 H11 False; H8 H12 False; H8 H13 False; H8 H14 False; H8 H15 False;
    H9 H0 False; H9 H1 False; H9 H2 False; H9 H3 False; H9 H4 False; H9 H5 False; H9 H6 False; H9 H7 False; H9 H8 False; H9 H9 True; H9 H10 False; H9 H11 False; H9 H12 False; H9 H13 False; H9 H14 False; H9 H15 False;
    H10 H0 False; H10 H1 False; H10 H2 False; H10 H3 False; H10 H4 False; H10 H5 False; H10 H6 False; H10 H7 False; H10 H8 False; H10 H9 False; H10 H10 True; H10 H11 False; H10 H12 False; H10 H13 False; H10 H14 False; H10 H15 False;
    H11 H0 False; H11 H1 False; H11 H2 False; H11 H3 False; H11 H4 False; H11 H5 False; H11 H6 False; H11 H7 False; H11 H8 False; H11 H9 False; H11 H10 False; H11 H11 True; H11 H12 False; H11 H13 False; H11 H14 False; H11 H15 False;
    H12 H0 False; H12 H1 False; H12 H2 False; H12 H3 False; H12 H4 False; H12 H5 False; H12 H6 False; H12 H7 False; H12 H8 False; H12 H9 False; H12 H10 False; H12 H11 False; H12 H12 True; H12 H13 False; H12 H14 False; H12 H15 False;
    H13 H0 False; H13 H1 False; H13 H2 False; H13 H3 False; H13 H4 False; H13 H5 False; H13 H6 False; H13 H7 False; H13 H8 False; H13 H9 False; H13 H10 False; H13 H11 False; H13 H12 False; H13 H13 True; H13 H14 False; H13 H15 False;
    H14 H0 False; H14 H1 False; H14 H2 False; H14 H3 False; H14 H4 False; H14 H5 False; H14 H6 False; H14 H7 False; H14 H8 False; H14 H9 False; H14 H10 False; H14 H11 False; H14 H12 False; H14 H13 False; H14 H14 True; H14 H15 False;
    H15 H0 False; H15 H1 False; H15 H2 False; H15 H3 False; H15 H4 False; H15 H5 False; H15 H6 False; H15 H7 False; H15 H8 False; H15 H9 False; H15 H10 False; H15 H11 False; H15 H12 False; H15 H13 False; H15 H14 False; H15 H15 True;
}

impl Same<End> for End {
    type Out = True;
}
impl<D, R> Same<End> for Digit<D, R> {
    type Out = False;
}
impl<D, R> Same<Digit<D, R>> for End {
    type Out = False;
}

impl<D1, R1, D2, R2> Same<Digit<D2, R2>> for Digit<D1, R1>
where
    D1: Same<D2>,
    R1: Same<R2>,
    D1::Out: And<R1::Out>,
{
    type Out = <D1::Out as And<R1::Out>>::Out;
}

macro_rules! pair_ids {
    ($($pair:ident),*) => {$(
        impl<E1, A1, E2, A2> Same<$pair<E2, A2>> for $pair<E1, A1>
        where
            E1: Same<E2>,
            A1: Same<A2>,
            E1::Out: And<A1::Out>,
        {
            type Out = <E1::Out as And<A1::Out>>::Out;
        }
        impl<D, R, E2, A2> Same<$pair<E2, A2>> for Digit<D, R> {
            type Out = False;
        }
        impl<D, R, E1, A1> Same<Digit<D, R>> for $pair<E1, A1> {
            type Out = False;
        }
    )*};
}
pair_ids!(AliasedId, PropertyId);

impl<E1, A1, E2, A2> Same<PropertyId<E2, A2>> for AliasedId<E1, A1> {
    type Out = False;
}
impl<E1, A1, E2, A2> Same<AliasedId<E2, A2>> for PropertyId<E1, A1> {
    type Out = False;
}

/// Type-level conjunction.
pub trait And<Other>: sealed::Identity {
    /// The answer.
    type Out;
}
impl<X> And<X> for True {
    type Out = X;
}
impl<X> And<X> for False {
    type Out = False;
}

/// Type-level disjunction.
pub trait Or<Other>: sealed::Identity {
    /// The answer.
    type Out;
}
impl<X> Or<X> for True {
    type Out = True;
}
impl<X> Or<X> for False {
    type Out = X;
}

/// Type-level choice: `Out` is `A` for [`True`], `B` for [`False`].
pub trait Select<A, B>: sealed::Identity {
    /// The choice.
    type Out;
}
impl<A, B> Select<A, B> for True {
    type Out = A;
}
impl<A, B> Select<A, B> for False {
    type Out = B;
}

#[cfg(test)]
mod tests {
    use super::*;

    trait IsTrue {}
    impl IsTrue for True {}
    trait IsFalse {}
    impl IsFalse for False {}
    fn is_true<T: IsTrue>() {}
    fn is_false<T: IsFalse>() {}

    type A = Digit<H0, Digit<H1, Digit<H12, Digit<H15, End>>>>;
    type B = Digit<H0, Digit<H1, Digit<H12, Digit<H0, End>>>>;
    type C = Digit<H3, Digit<H1, Digit<H12, Digit<H15, End>>>>;

    #[test]
    fn identities_compare_digit_by_digit() {
        is_true::<<A as Same<A>>::Out>();
        is_false::<<A as Same<B>>::Out>();
        is_false::<<A as Same<C>>::Out>();
        is_true::<<AliasedId<A, B> as Same<AliasedId<A, B>>>::Out>();
        is_false::<<AliasedId<A, B> as Same<AliasedId<A, C>>>::Out>();
        is_false::<<AliasedId<A, B> as Same<A>>::Out>();
        is_false::<<A as Same<AliasedId<A, B>>>::Out>();
        is_false::<<PropertyId<A, B> as Same<AliasedId<A, B>>>::Out>();
        is_true::<<PropertyId<A, B> as Same<PropertyId<A, B>>>::Out>();
    }
}

/// Only typher's identity types take part in identity arithmetic, so no hand-written impl
/// can make two identities compare equal.
mod sealed {
    /// The identity types.
    pub trait Identity {}
    impl Identity for super::True {}
    impl Identity for super::False {}
    impl Identity for super::End {}
    impl<D, R> Identity for super::Digit<D, R> {}
    impl<E, A> Identity for super::AliasedId<E, A> {}
    impl<B, F> Identity for super::PropertyId<B, F> {}
    impl Identity for super::H0 {}
    impl Identity for super::H1 {}
    impl Identity for super::H2 {}
    impl Identity for super::H3 {}
    impl Identity for super::H4 {}
    impl Identity for super::H5 {}
    impl Identity for super::H6 {}
    impl Identity for super::H7 {}
    impl Identity for super::H8 {}
    impl Identity for super::H9 {}
    impl Identity for super::H10 {}
    impl Identity for super::H11 {}
    impl Identity for super::H12 {}
    impl Identity for super::H13 {}
    impl Identity for super::H14 {}
    impl Identity for super::H15 {}
}
