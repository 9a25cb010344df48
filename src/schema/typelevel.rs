//! Type-level machinery behind the compile-time checks.
//!
//! * Every binding (a label, a relationship type, or either under an alias) has a type-level
//!   identity [`Id`]: 16 base-4 digits of a hash the derive computes. Identities compare
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

/// Base-4 digit 0 of an [`Id`].
pub struct Q0;
/// Base-4 digit 1 of an [`Id`].
pub struct Q1;
/// Base-4 digit 2 of an [`Id`].
pub struct Q2;
/// Base-4 digit 3 of an [`Id`].
pub struct Q3;

/// A 32-bit type-level identity, most significant digit first.
#[allow(
    clippy::type_complexity,
    reason = "one parameter per digit is the point"
)]
pub struct Id<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P>(
    Phantom<(A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P)>,
);

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

macro_rules! and_all {
    ($last:ty) => { $last };
    ($first:ty, $($rest:ty),+) => { <$first as And<and_all!($($rest),+)>>::Out };
}

impl<
        A1,
        B1,
        C1,
        D1,
        E1,
        F1,
        G1,
        H1,
        I1,
        J1,
        K1,
        L1,
        M1,
        N1,
        O1,
        P1,
        A2,
        B2,
        C2,
        D2,
        E2,
        F2,
        G2,
        H2,
        I2,
        J2,
        K2,
        L2,
        M2,
        N2,
        O2,
        P2,
    > Same<Id<A2, B2, C2, D2, E2, F2, G2, H2, I2, J2, K2, L2, M2, N2, O2, P2>>
    for Id<A1, B1, C1, D1, E1, F1, G1, H1, I1, J1, K1, L1, M1, N1, O1, P1>
where
    A1: Same<A2>,
    B1: Same<B2>,
    C1: Same<C2>,
    D1: Same<D2>,
    E1: Same<E2>,
    F1: Same<F2>,
    G1: Same<G2>,
    H1: Same<H2>,
    I1: Same<I2>,
    J1: Same<J2>,
    K1: Same<K2>,
    L1: Same<L2>,
    M1: Same<M2>,
    N1: Same<N2>,
    O1: Same<O2>,
    P1: Same<P2>,
    O1::Out: And<P1::Out>,
    N1::Out: And<and_all!(O1::Out, P1::Out)>,
    M1::Out: And<and_all!(N1::Out, O1::Out, P1::Out)>,
    L1::Out: And<and_all!(M1::Out, N1::Out, O1::Out, P1::Out)>,
    K1::Out: And<and_all!(L1::Out, M1::Out, N1::Out, O1::Out, P1::Out)>,
    J1::Out: And<and_all!(K1::Out, L1::Out, M1::Out, N1::Out, O1::Out, P1::Out)>,
    I1::Out: And<
        and_all!(
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    H1::Out: And<
        and_all!(
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    G1::Out: And<
        and_all!(
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    F1::Out: And<
        and_all!(
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    E1::Out: And<
        and_all!(
            F1::Out,
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    D1::Out: And<
        and_all!(
            E1::Out,
            F1::Out,
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    C1::Out: And<
        and_all!(
            D1::Out,
            E1::Out,
            F1::Out,
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    B1::Out: And<
        and_all!(
            C1::Out,
            D1::Out,
            E1::Out,
            F1::Out,
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
    A1::Out: And<
        and_all!(
            B1::Out,
            C1::Out,
            D1::Out,
            E1::Out,
            F1::Out,
            G1::Out,
            H1::Out,
            I1::Out,
            J1::Out,
            K1::Out,
            L1::Out,
            M1::Out,
            N1::Out,
            O1::Out,
            P1::Out
        ),
    >,
{
    type Out = and_all!(
        A1::Out,
        B1::Out,
        C1::Out,
        D1::Out,
        E1::Out,
        F1::Out,
        G1::Out,
        H1::Out,
        I1::Out,
        J1::Out,
        K1::Out,
        L1::Out,
        M1::Out,
        N1::Out,
        O1::Out,
        P1::Out
    );
}

impl<E1, A1, E2, A2> Same<AliasedId<E2, A2>> for AliasedId<E1, A1>
where
    E1: Same<E2>,
    A1: Same<A2>,
    E1::Out: And<A1::Out>,
{
    type Out = <E1::Out as And<A1::Out>>::Out;
}

impl<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, E2, A2> Same<AliasedId<E2, A2>>
    for Id<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P>
{
    type Out = False;
}

impl<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, E1, A1>
    Same<Id<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P>> for AliasedId<E1, A1>
{
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

    type A = Id<Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3>;
    type B = Id<Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q0>;
    type C = Id<Q3, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3, Q0, Q1, Q2, Q3>;

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
