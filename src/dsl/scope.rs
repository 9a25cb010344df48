//! The one home of the type-level scope: what a query has bound so far, and the checks every
//! reference goes through.
//!
//! * A scope is a list ([`Var`] / [`NoVars`]) of bindings, each with its nullability:
//!   [`Required`], or [`Nullable`] when it comes from an `OPTIONAL MATCH` (or was computed from
//!   such a binding). Bindings are labels and relationships, named values (`name!(..)`, from
//!   `WITH`, `RETURN` or `UNWIND`), and properties a projection returned.
//! * Every expression carries the list of bindings it reads ([`Cons`] / [`Nil`] / [`Both`]),
//!   with aggregates marked ([`Agg`]). [`AllBound`] requires each binding read to occur exactly
//!   once in the scope ([`IsBound`], [`Unambiguous`]) and to be the very type found there
//!   ([`IsThe`]), so identities that collide can never stand for one another.
//! * Projection re-scopes: `WITH` builds a new scope from what it carries; the nullability of
//!   a computed value is the join of what it reads ([`NullIn`]), reset by aggregates.
//!
//! Users never name these types; they show up only in the notes of compile errors.

use crate::schema::identity::{Or, Phantom, PropertyId, Same, Select, True};
use crate::schema::{Binding, BindingKey, Field};
use core::marker::PhantomData;

pub use crate::schema::identity::False;

/// How often a binding occurs in a scope: never.
pub struct NotBound;
/// How often a binding occurs in a scope: exactly once.
pub struct BoundOnce;
/// How often a binding occurs in a scope: twice or more.
pub struct BoundMoreThanOnce;

/// Adds one to a count when `B` is [`True`].
#[doc(hidden)]
pub trait CountIf<B>: sealed::Scope {
    /// The new count.
    type Out;
}
impl<C: sealed::Scope> CountIf<False> for C {
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
/// Marks bindings that may be null (from an `OPTIONAL MATCH`, or computed from one).
pub struct Nullable;

/// The empty scope.
pub struct NoVars;
/// A scope: binding `B` with nullability `N`, then the rest `R`.
pub struct Var<B, N, R>(Phantom<(B, N, R)>);

/// The empty list of bindings an expression reads.
pub struct Nil;
/// A list of bindings an expression reads: `H`, then `T`.
pub struct Cons<H, T>(PhantomData<fn() -> (H, T)>);
/// Two lists of bindings read together (by `a.and(b)`, or a tuple of returned items).
pub struct Both<X, Y>(PhantomData<fn() -> (X, Y)>);
/// The bindings an aggregate reads: they must be bound, and the result groups rows.
pub struct Agg<R>(PhantomData<fn() -> R>);
/// An `ORDER BY` key that is a bare property: fine when the property itself was projected,
/// or else when its binding is in scope.
pub struct PropertyOr<F, B>(PhantomData<fn() -> (F, B)>);

/// What a binding is absent from a scope: the result of [`FindOf`] when nothing matches.
pub struct NotFound;

/// The pseudo-binding of a property a projection returned (`RETURN DISTINCT movie.released`).
pub struct ProjectedProperty<F, B>(PhantomData<fn() -> (F, B)>);

impl<F: Field, B: Binding> Binding for ProjectedProperty<F, B> {
    type Id = PropertyId<B::Id, F::Id>;
    const KEY: BindingKey = BindingKey {
        variable: F::KEY_NAME,
        id: B::KEY.id ^ F::ID,
    };
    type Shown = F;
}

/// Counts how often the binding with identity `I` occurs in a scope.
#[doc(hidden)]
pub trait CountOf<I>: sealed::Scope {
    /// [`NotBound`], [`BoundOnce`] or [`BoundMoreThanOnce`].
    type Count;
}
impl<I> CountOf<I> for NoVars {
    type Count = NotBound;
}
impl<I, B, N, R> CountOf<I> for Var<B, N, R>
where
    B: Binding,
    B::Id: Same<I>,
    R: CountOf<I>,
    R::Count: CountIf<<B::Id as Same<I>>::Out>,
{
    type Count = <R::Count as CountIf<<B::Id as Same<I>>::Out>>::Out;
}

/// The first binding with identity `I` in a scope, or [`NotFound`].
#[doc(hidden)]
pub trait FindOf<I>: sealed::Scope {
    /// The binding found.
    type Found;
}
impl<I> FindOf<I> for NoVars {
    type Found = NotFound;
}
impl<I, B, N, R> FindOf<I> for Var<B, N, R>
where
    B: Binding,
    B::Id: Same<I>,
    R: FindOf<I>,
    <B::Id as Same<I>>::Out: Select<B, R::Found>,
{
    type Found = <<B::Id as Same<I>>::Out as Select<B, R::Found>>::Out;
}

/// The nullability of the binding with identity `I` in a scope ([`Required`] when absent).
#[doc(hidden)]
pub trait NullOf<I>: sealed::Scope {
    /// [`Required`] or [`Nullable`].
    type Null;
}
impl<I> NullOf<I> for NoVars {
    type Null = Required;
}
impl<I, B, N, R> NullOf<I> for Var<B, N, R>
where
    B: Binding,
    B::Id: Same<I>,
    R: NullOf<I>,
    <B::Id as Same<I>>::Out: Select<N, R::Null>,
{
    type Null = <<B::Id as Same<I>>::Out as Select<N, R::Null>>::Out;
}

/// Refuses a reference to a binding that is not in scope.
#[diagnostic::on_unimplemented(
    message = "`{B}` is not in scope here",
    label = "`{B}` is used here, but nothing in scope binds it",
    note = "a query reads what its pattern binds, what `WITH` carried and what was named with `.as_(..)` or `UNWIND`; after `DISTINCT` or an aggregation, `ORDER BY` reads only the projected items"
)]
pub trait IsBound<B>: sealed::Scope {}
impl<B> IsBound<B> for BoundOnce {}
impl<B> IsBound<B> for BoundMoreThanOnce {}

/// Refuses a reference to a binding the scope holds more than once.
#[diagnostic::on_unimplemented(
    message = "`{B}` occurs more than once in this pattern, so this reference is ambiguous",
    label = "which `{B}` is meant here?",
    note = "bind the other occurrence under an alias (`.alias(Coactor)`, from `#[derive(Alias)] struct Coactor;`) and use that handle to refer to it"
)]
pub trait Unambiguous<B>: sealed::Scope {}
impl<B> Unambiguous<B> for NotBound {}
impl<B> Unambiguous<B> for BoundOnce {}

/// Refuses a reference whose identity finds another type: two declarations with one name.
#[diagnostic::on_unimplemented(
    message = "the name read here is another declaration than the one the scope holds under that name",
    label = "this refers to `{B}`, but the scope binds `{Self}` under the same name",
    note = "two different declarations share one name: two `name!(..)` with the same name (a later `WITH` may have rebound it to another value, which is then the only one in scope), or two structs of one name and label; read what the scope holds now, or give one of them another name"
)]
pub trait IsThe<B> {}
impl<B> IsThe<B> for B {}
impl<B: Binding> IsThe<B> for NotFound {}

/// Refuses binding again what the scope holds already.
#[diagnostic::on_unimplemented(
    message = "`{B}` is bound already",
    label = "this binds a second `{B}`, a new node rather than the one bound before",
    note = "continue from the node bound before with `.again()` (`Person.again()`), or bind another node of the label under an alias (`Person.alias(Coactor)`)"
)]
pub trait Fresh<B>: sealed::Scope {}
impl<B> Fresh<B> for NotBound {}

/// No binding of this list is in scope `S` yet.
pub trait NoneBound<S>: sealed::Scope {}
impl<S> NoneBound<S> for Nil {}
impl<S, H, T> NoneBound<S> for Cons<H, T>
where
    H: Binding,
    S: CountOf<H::Id>,
    <S as CountOf<H::Id>>::Count: Fresh<H::Shown>,
    T: NoneBound<S>,
{
}

/// Every binding of this list occurs exactly once in scope `S`.
pub trait AllBound<S>: sealed::Scope {}
impl<S> AllBound<S> for Nil {}
impl<S, H, T> AllBound<S> for Cons<H, T>
where
    H: Binding,
    S: CountOf<H::Id> + FindOf<H::Id>,
    <S as CountOf<H::Id>>::Count: IsBound<H::Shown> + Unambiguous<H::Shown>,
    <S as FindOf<H::Id>>::Found: IsThe<H>,
    T: AllBound<S>,
{
}
impl<S, X: AllBound<S>, Y: AllBound<S>> AllBound<S> for Both<X, Y> {}
impl<S, R: AllBound<S>> AllBound<S> for Agg<R> {}
impl<S, F, B> AllBound<S> for PropertyOr<F, B>
where
    F: Field,
    B: Binding,
    S: CountOf<PropertyId<B::Id, F::Id>>,
    <S as CountOf<PropertyId<B::Id, F::Id>>>::Count: ProjectedOr<S, B>,
{
}

/// A property key in `ORDER BY`: projected itself, or else read through its binding.
pub trait ProjectedOr<S, B>: sealed::Scope {}
impl<S, B> ProjectedOr<S, B> for BoundOnce {}
impl<S, B> ProjectedOr<S, B> for BoundMoreThanOnce {}
impl<S, B> ProjectedOr<S, B> for NotBound where Cons<B, Nil>: AllBound<S> {}

/// Refuses writing a relationship to a node that may be null.
#[diagnostic::on_unimplemented(
    message = "a relationship cannot be written to a node that may be null",
    label = "an end of this relationship was bound by an optional clause (`OPTIONAL MATCH`, `OPTIONAL CALL`) and may be null",
    note = "Neo4j fails on a null end, and other servers create an empty node: write between nodes a plain `match_` bound, or write the relationship in a query of its own"
)]
pub trait NeverNull: sealed::Scope {}
impl NeverNull for Required {}

/// Joins two nullabilities: [`Nullable`] if either is.
#[doc(hidden)]
pub trait JoinNull<Other>: sealed::Scope {
    /// The join.
    type Out;
}
impl<X> JoinNull<X> for Nullable {
    type Out = Nullable;
}
impl<X> JoinNull<X> for Required {
    type Out = X;
}

/// The nullability of a value computed from the bindings `Self` reads, in scope `S`.
pub trait NullIn<S>: sealed::Scope {
    /// [`Required`] or [`Nullable`].
    type Null;
}
impl<S> NullIn<S> for Nil {
    type Null = Required;
}
impl<S, H, T> NullIn<S> for Cons<H, T>
where
    H: Binding,
    S: NullOf<H::Id>,
    T: NullIn<S>,
    <S as NullOf<H::Id>>::Null: JoinNull<T::Null>,
{
    type Null = <<S as NullOf<H::Id>>::Null as JoinNull<T::Null>>::Out;
}
impl<S, X: NullIn<S>, Y: NullIn<S>> NullIn<S> for Both<X, Y>
where
    X::Null: JoinNull<Y::Null>,
{
    type Null = <X::Null as JoinNull<Y::Null>>::Out;
}
impl<S, R> NullIn<S> for Agg<R> {
    type Null = Required;
}
impl<S, F, B> NullIn<S> for PropertyOr<F, B>
where
    Cons<B, Nil>: NullIn<S>,
{
    type Null = <Cons<B, Nil> as NullIn<S>>::Null;
}

/// Whether the expression reading `Self` aggregates: [`True`] or [`False`].
pub trait Aggregates: sealed::Scope {
    /// The answer.
    type Out;
}
impl Aggregates for Nil {
    type Out = False;
}
impl<H, T: Aggregates> Aggregates for Cons<H, T> {
    type Out = T::Out;
}
impl<X: Aggregates, Y: Aggregates> Aggregates for Both<X, Y>
where
    X::Out: Or<Y::Out>,
{
    type Out = <X::Out as Or<Y::Out>>::Out;
}
impl<R> Aggregates for Agg<R> {
    type Out = True;
}
impl<F, B> Aggregates for PropertyOr<F, B> {
    type Out = False;
}

/// Refuses an aggregate in a condition (`WHERE count(movie) > 2`), which Cypher refuses.
#[diagnostic::on_unimplemented(
    message = "an aggregate cannot be a condition in `WHERE`",
    label = "this condition aggregates (`count`, `sum`, `collect` ..)",
    note = "aggregate in `WITH` and filter the named result: `.with((Person, count(Movie).as_(movies))).filter(movies.gt(2))`"
)]
pub trait NoAggregate {}
impl NoAggregate for False {}

/// The scope `S` with the entries of `Self` in front: what a `CALL` subquery's returned
/// items add to the enclosing scope.
#[doc(hidden)]
pub trait Append<S>: sealed::Scope {
    /// The joined scope.
    type Out;
}
impl<S> Append<S> for NoVars {
    type Out = S;
}
impl<S, B, N, R: Append<S>> Append<S> for Var<B, N, R> {
    type Out = Var<B, N, R::Out>;
}

/// A projection already ordered: its keys were checked against the wider scope. `P` keeps
/// the returned items' own scope (what a `CALL` subquery adds to the enclosing query).
pub struct Ordered<P = ()>(PhantomData<fn() -> P>);

impl<S, P: Append<S>> Append<S> for Ordered<P> {
    type Out = P::Out;
}

/// The same entries, every one nullable: what `OPTIONAL CALL` returns.
#[doc(hidden)]
pub trait Nullify: sealed::Scope {
    /// The nullable entries.
    type Out;
}
impl Nullify for NoVars {
    type Out = NoVars;
}
impl<B, N, R: Nullify> Nullify for Var<B, N, R> {
    type Out = Var<B, Nullable, R::Out>;
}
impl<P: Nullify> Nullify for Ordered<P> {
    type Out = P::Out;
}

/// Wraps a value type in `Option` when it may be null.
#[doc(hidden)]
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

/// The type a value of type `V`, computed from the bindings `R` reads, decodes as in scope `S`.
pub type Decoded<S, R, V> = <<R as NullIn<S>>::Null as Wrap<V>>::Out;

/// The scope after a projection: its own entries if `A` (it aggregates or is DISTINCT) is
/// [`True`], else its new names in front of the scope before it.
pub type OrderScope<A, Own, Fresh> = <A as Select<Own, Fresh>>::Out;

/// `Both<A, Both<B, C>>` for the reads of several items.
#[doc(hidden)]
#[macro_export]
macro_rules! __typher_both {
    ($last:ty) => { $last };
    ($first:ty, $($rest:ty),+) => { $crate::__private::Both<$first, $crate::__private::both!($($rest),+)> };
}
pub use crate::__typher_both as both;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::identity::{Digit, End, H1, H2};

    struct A;
    struct B;
    impl Binding for A {
        type Id = Digit<H1, End>;
        const KEY: BindingKey = BindingKey::new("a", 1);
        type Shown = Self;
    }
    impl Binding for B {
        type Id = Digit<H2, End>;
        const KEY: BindingKey = BindingKey::new("b", 2);
        type Shown = Self;
    }

    fn bound<R: AllBound<S>, S>() {}
    fn nullable<R: NullIn<S, Null = Nullable>, S>() {}
    fn required<R: NullIn<S, Null = Required>, S>() {}

    #[test]
    fn bindings_in_scope_are_found_with_their_nullability() {
        type S = Var<A, Required, Var<B, Nullable, NoVars>>;
        bound::<Cons<A, Cons<B, Nil>>, S>();
        nullable::<Cons<A, Cons<B, Nil>>, S>();
        required::<Cons<A, Nil>, S>();
        required::<Agg<Cons<B, Nil>>, S>();
    }
}

/// Only typher's scope types implement the scope traits: a hand-written impl could make the
/// compiler accept a reference to a binding that is not in scope.
mod sealed {
    /// The scope types.
    pub trait Scope {}
    impl Scope for super::NotBound {}
    impl Scope for super::BoundOnce {}
    impl Scope for super::BoundMoreThanOnce {}
    impl Scope for super::Required {}
    impl Scope for super::Nullable {}
    impl Scope for super::NoVars {}
    impl<B, N, R> Scope for super::Var<B, N, R> {}
    impl Scope for super::Nil {}
    impl<H, T> Scope for super::Cons<H, T> {}
    impl<X, Y> Scope for super::Both<X, Y> {}
    impl<R> Scope for super::Agg<R> {}
    impl<F, B> Scope for super::PropertyOr<F, B> {}
    impl Scope for super::NotFound {}
    impl<P> Scope for super::Ordered<P> {}
    impl<F, B> Scope for super::ProjectedProperty<F, B> {}
}
