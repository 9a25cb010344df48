//! Type-level machinery behind the compile-time checks.
//!
//! * Every binding (a label, a relationship type, or either under an alias) has a type-level
//!   identity: 16 base-4 [`Digit`]s of a hash the derive computes. Identities compare
//!   generically through [`Same`], so no impl per pair of labels is ever needed.
//! * A pattern's bindings form a scope list ([`Var`] / [`NoVars`]) that records for each binding
//!   whether it comes from an `OPTIONAL MATCH` ([`Nullable`]) or not ([`Required`]).
//! * Each expression carries the list of bindings it reads ([`Cons`] / [`Nil`]). [`AllBound`]
//!   requires every one of them to occur exactly once in the scope: [`IsBound`] refuses zero
//!   occurrences and [`Unambiguous`] refuses several, each with its own message.
//!
//! Users never name these types; they show up only in the notes of compile errors.

use core::marker::PhantomData;

/// Zero-sized, variance-neutral carrier of type parameters.
pub type Phantom<T> = PhantomData<fn() -> T>;

/// Type-level `true`.
pub struct True;
/// Type-level `false`.
pub struct False;

/// Base-4 digit 0 of an identity ([`Digit`]).
pub struct Q0;
/// Base-4 digit 1 of an identity ([`Digit`]).
pub struct Q1;
/// Base-4 digit 2 of an identity ([`Digit`]).
pub struct Q2;
/// Base-4 digit 3 of an identity ([`Digit`]).
pub struct Q3;

/// A type-level identity: base-4 digits as a list, most significant first, ending in [`End`].
pub struct Digit<D, Rest>(Phantom<(D, Rest)>);
/// The end of an identity's digit list.
pub struct End;

/// The identity of a binding under an alias: the element's identity and the alias's.
pub struct AliasedId<E, A>(PhantomData<fn() -> (E, A)>);

/// Type-level equality: `Out` is [`True`] or [`False`].
pub trait Same<Other> {
    /// The answer.
    type Out;
}

macro_rules! same_digits {
    ($($a:ident $b:ident $out:ident;)*) => {
        $(impl Same<$b> for $a { type Out = $out; })*
    };
}
same_digits! {
    Q0 Q0 True; Q0 Q1 False; Q0 Q2 False; Q0 Q3 False;
    Q1 Q0 False; Q1 Q1 True; Q1 Q2 False; Q1 Q3 False;
    Q2 Q0 False; Q2 Q1 False; Q2 Q2 True; Q2 Q3 False;
    Q3 Q0 False; Q3 Q1 False; Q3 Q2 False; Q3 Q3 True;
}

/// Type-level conjunction.
pub trait And<Other> {
    /// The answer.
    type Out;
}
impl<X> And<X> for True {
    type Out = X;
}
impl<X> And<X> for False {
    type Out = False;
}

impl Same<End> for End {
    type Out = True;
}

impl<D1, R1, D2, R2> Same<Digit<D2, R2>> for Digit<D1, R1>
where
    D1: Same<D2>,
    R1: Same<R2>,
    D1::Out: And<R1::Out>,
{
    type Out = <D1::Out as And<R1::Out>>::Out;
}

impl<E1, A1, E2, A2> Same<AliasedId<E2, A2>> for AliasedId<E1, A1>
where
    E1: Same<E2>,
    A1: Same<A2>,
    E1::Out: And<A1::Out>,
{
    type Out = <E1::Out as And<A1::Out>>::Out;
}

impl<D, R, E2, A2> Same<AliasedId<E2, A2>> for Digit<D, R> {
    type Out = False;
}

impl<D, R, E1, A1> Same<Digit<D, R>> for AliasedId<E1, A1> {
    type Out = False;
}

/// Type-level choice: `Out` is `A` for [`True`], `B` for [`False`].
pub trait Select<A, B> {
    /// The choice.
    type Out;
}
impl<A, B> Select<A, B> for True {
    type Out = A;
}
impl<A, B> Select<A, B> for False {
    type Out = B;
}

/// How often a binding occurs in a scope: never.
pub struct NotBound;
/// How often a binding occurs in a scope: exactly once.
pub struct BoundOnce;
/// How often a binding occurs in a scope: twice or more.
pub struct BoundMoreThanOnce;

/// Adds one to a count when `B` is [`True`].
pub trait CountIf<B> {
    /// The new count.
    type Out;
}
impl<C> CountIf<False> for C {
    type Out = C;
}
impl CountIf<True> for NotBound {
    type Out = BoundOnce;
}
impl CountIf<True> for BoundOnce {
    type Out = BoundMoreThanOnce;
}
impl CountIf<True> for BoundMoreThanOnce {
    type Out = BoundMoreThanOnce;
}

/// Marks bindings whose values are always present.
pub struct Required;
/// Marks bindings from an `OPTIONAL MATCH`, which may be null.
pub struct Nullable;

/// The empty scope.
pub struct NoVars;
/// A scope: binding `B` with nullability `N`, then the rest `R`.
pub struct Var<B, N, R>(Phantom<(B, N, R)>);

/// The empty list of bindings an expression reads.
pub struct Nil;
/// A list of bindings an expression reads: `H`, then `T`.
pub struct Cons<H, T>(PhantomData<fn() -> (H, T)>);

/// Counts how often the binding with identity `I` occurs in a scope.
pub trait CountOf<I> {
    /// [`NotBound`], [`BoundOnce`] or [`BoundMoreThanOnce`].
    type Count;
}
impl<I> CountOf<I> for NoVars {
    type Count = NotBound;
}
impl<I, B, N, R> CountOf<I> for Var<B, N, R>
where
    B: crate::schema::Binding,
    B::Id: Same<I>,
    R: CountOf<I>,
    R::Count: CountIf<<B::Id as Same<I>>::Out>,
{
    type Count = <R::Count as CountIf<<B::Id as Same<I>>::Out>>::Out;
}

/// The nullability of the binding with identity `I` in a scope ([`Required`] when absent).
pub trait NullOf<I> {
    /// [`Required`] or [`Nullable`].
    type Null;
}
impl<I> NullOf<I> for NoVars {
    type Null = Required;
}
impl<I, B, N, R> NullOf<I> for Var<B, N, R>
where
    B: crate::schema::Binding,
    B::Id: Same<I>,
    R: NullOf<I>,
    <B::Id as Same<I>>::Out: Select<N, R::Null>,
{
    type Null = <<B::Id as Same<I>>::Out as Select<N, R::Null>>::Out;
}

/// Refuses a reference to a binding the pattern does not bind.
#[diagnostic::on_unimplemented(
    message = "`{B}` is not bound in this pattern",
    label = "`{B}` is used here, but no element of the pattern binds it",
    note = "only labels and relationships the pattern binds can be read; add `{B}` to the pattern first"
)]
pub trait IsBound<B> {}
impl<B> IsBound<B> for BoundOnce {}
impl<B> IsBound<B> for BoundMoreThanOnce {}

/// Refuses a reference to a binding the pattern binds more than once.
#[diagnostic::on_unimplemented(
    message = "`{B}` occurs more than once in this pattern, so this reference is ambiguous",
    label = "which `{B}` is meant here?",
    note = "bind the other occurrence under an alias (`.alias(Coactor)`, from `#[derive(Alias)] struct Coactor;`) and use that handle to refer to it"
)]
pub trait Unambiguous<B> {}
impl<B> Unambiguous<B> for NotBound {}
impl<B> Unambiguous<B> for BoundOnce {}

/// Every binding of this list occurs exactly once in scope `S`.
pub trait AllBound<S> {}
impl<S> AllBound<S> for Nil {}
impl<S, H, T> AllBound<S> for Cons<H, T>
where
    H: crate::schema::Binding,
    S: CountOf<H::Id>,
    S::Count: IsBound<H> + Unambiguous<H>,
    T: AllBound<S>,
{
}

/// Two lists of bindings read together (by `a.and(b)`, or a tuple of returned items).
pub struct Both<X, Y>(PhantomData<fn() -> (X, Y)>);

impl<S, X: AllBound<S>, Y: AllBound<S>> AllBound<S> for Both<X, Y> {}

/// `Both<A, Both<B, C>>` for the reads of several items.
#[doc(hidden)]
#[macro_export]
macro_rules! __typher_both {
    ($last:ty) => { $last };
    ($first:ty, $($rest:ty),+) => { $crate::__private::Both<$first, $crate::__private::both!($($rest),+)> };
}
pub use crate::__typher_both as both;

/// Wraps a value type in `Option` when its binding is [`Nullable`].
pub trait Wrap<V> {
    /// The decoded type.
    type Out;
}
impl<V> Wrap<V> for Required {
    type Out = V;
}
impl<V: crate::schema::OrNull> Wrap<V> for Nullable {
    type Out = V::Out;
}

/// The type a value of type `V` read through binding `B` decodes as within scope `S`.
pub type Decoded<S, B, V> =
    <<S as NullOf<<B as crate::schema::Binding>::Id>>::Null as Wrap<V>>::Out;

#[cfg(test)]
mod tests {
    use super::*;

    trait IsTrue {}
    impl IsTrue for True {}
    trait IsFalse {}
    impl IsFalse for False {}
    fn is_true<T: IsTrue>() {}
    fn is_false<T: IsFalse>() {}

    type A = Digit<Q0, Digit<Q1, Digit<Q2, Digit<Q3, End>>>>;
    type B = Digit<Q0, Digit<Q1, Digit<Q2, Digit<Q0, End>>>>;
    type C = Digit<Q3, Digit<Q1, Digit<Q2, Digit<Q3, End>>>>;

    #[test]
    fn identities_compare_digit_by_digit() {
        is_true::<<A as Same<A>>::Out>();
        is_false::<<A as Same<B>>::Out>();
        is_false::<<A as Same<C>>::Out>();
        is_true::<<AliasedId<A, B> as Same<AliasedId<A, B>>>::Out>();
        is_false::<<AliasedId<A, B> as Same<AliasedId<A, C>>>::Out>();
        is_false::<<AliasedId<A, B> as Same<A>>::Out>();
        is_false::<<A as Same<AliasedId<A, B>>>::Out>();
    }
}
