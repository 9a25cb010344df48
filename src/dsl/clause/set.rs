//! `SET` and `REMOVE`: properties to typed values, whole values (`=` and `+=`), labels.
//!
//! | Rust | Cypher |
//! | --- | --- |
//! | `.set(Movie.released.to(2000))` | `SET movie.released = $p0` |
//! | `.set(Movie.released.to(Movie.released + 1))` | `SET movie.released = movie.released + $p0` |
//! | `.set(Person.assign(ann))` | `SET person = $p0` (the whole struct) |
//! | `.set(Person.update(ann))` | `SET person += $p0` |
//! | `.set(Person.labeled(Actor))` | `SET person:Actor` |
//! | `.set(Person.dynamic_label("Guest"))` | `SET person:$($p0)` (the name is a parameter) |
//! | `.remove(Movie.tagline)` | `REMOVE movie.tagline` (only an `Option` property) |
//! | `.remove(Person.labeled(Actor))` | `REMOVE person:Actor` |

use super::create::ValueOf;
use crate::dsl::ast::{RemoveItem, SetItem};
use crate::dsl::expr::{ExprNode, IntoExpr, Literal};
use crate::dsl::query::{Query, Written};
use crate::dsl::scope::{Both, Cons, Nil};
use crate::dsl::tuples::for_tuples;
use crate::schema::{
    Binding, ElementBinding, Field, FitsNull, Handle, HoldsBase, NodeHandle, NodeLabel, Property,
    PropertyType,
};
use core::marker::PhantomData;

/// An item of `SET`: what `Movie.released.to(..)`, `Person.assign(..)`,
/// `Person.update(..)`, `Person.labeled(..)` make. `R` lists the bindings it reads.
#[must_use = "an assignment does nothing until used in `.set(..)`"]
pub struct Assignment<R> {
    item: SetItem,
    _reads: PhantomData<fn() -> R>,
}

impl<R> Assignment<R> {
    pub(crate) fn new(item: SetItem) -> Self {
        Self {
            item,
            _reads: PhantomData,
        }
    }
}

/// A value that may be stored in a property whose values compare as `T`: an operand of
/// that type, or an `Option` of a plain value (`Some(v)` sets it, `None` sets null, for an
/// optional property).
#[diagnostic::on_unimplemented(
    message = "a `{Self}` value cannot be stored in a property of type `{T}`",
    label = "expected a `{T}` value, or an expression holding `{T}`",
    note = "a property takes values of its own type only (`T` for an `Option<T>` property; every integer type counts as `i64`, every float as `f64`)"
)]
pub trait Storable<T> {
    /// Whether the value may be null ([`HoldsBase::Nullable`]).
    type Nullable;
    /// The bindings the value reads.
    type Refs;
    /// The value's expression.
    #[doc(hidden)]
    fn into_stored(self) -> ExprNode;
}
#[diagnostic::do_not_recommend]
impl<O: IntoExpr, T> Storable<T> for O
where
    O::Type: HoldsBase<T>,
{
    type Nullable = <O::Type as HoldsBase<T>>::Nullable;
    type Refs = O::Refs;
    fn into_stored(self) -> ExprNode {
        self.into_operand()
    }
}
/// `Some(v)` stores `v`, `None` stores null: an optional property's value as Rust holds it.
impl<V: Literal, T> Storable<T> for Option<V>
where
    V::Type: HoldsBase<T>,
{
    type Nullable = crate::schema::identity::True;
    type Refs = Nil;
    fn into_stored(self) -> ExprNode {
        match self {
            Some(value) => value.into_operand(),
            None => crate::dsl::ast::build::null(),
        }
    }
}

/// `SET variable.key = value` of binding `B`, the value reading `R`.
pub type PropertySet<B, R> = Assignment<Both<Cons<B, Nil>, R>>;

impl<F: Field, B: Binding> Property<F, B> {
    /// `SET variable.key = value`: the value must have the property's type (a plain value
    /// becomes a parameter; an expression may read anything in scope). A required property
    /// takes only a value that is never null: `Movie.title.to(Movie.tagline)` does not
    /// compile (where there is no tagline it would wipe the title, and the node would no
    /// longer decode); `Movie.title.to(Movie.tagline.coalesce(Movie.title))` does.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).rel(REVIEWED).to(Movie)
    ///     .set(REVIEWED.rating.to(REVIEWED.rating + 1));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person)-[reviewed:REVIEWED]->(movie:Movie) \
    ///      SET reviewed.rating = reviewed.rating + $p0"
    /// );
    /// ```
    pub fn to<V>(
        self,
        value: V,
    ) -> PropertySet<B, <V as Storable<<F::Value as PropertyType>::Base>>::Refs>
    where
        V: Storable<<F::Value as PropertyType>::Base>,
        F::Value: HoldsBase<<F::Value as PropertyType>::Base>,
        <V as Storable<<F::Value as PropertyType>::Base>>::Nullable:
            FitsNull<<F::Value as HoldsBase<<F::Value as PropertyType>::Base>>::Nullable>,
    {
        Assignment::new(crate::dsl::ast::build::set_property(
            B::KEY,
            F::KEY_NAME,
            value.into_stored(),
        ))
    }
}

/// The assignment of value `V` to the whole node or relationship of handle `H`.
pub type WholeValue<H, V> =
    Assignment<Both<Cons<<H as Handle>::Binding, Nil>, <V as ValueOf<ElementOf<H>>>::Refs>>;

/// The struct of handle `H`'s label or relationship type.
pub type ElementOf<H> = <<H as Handle>::Binding as ElementBinding>::Element;

/// Writes of whole values and labels, on every label and relationship handle.
pub trait WriteMethods: Handle {
    /// `SET variable = $value`: replaces every property with those of `value`, a value of
    /// the struct (or an expression holding one).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let ann = Person { name: "Ann".into(), born: Some(1990) };
    /// let q = match_(Person.having(Person.name, "Ann")).set(Person.assign(ann));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person {name: $p0}) SET person = $p1");
    /// ```
    fn assign<V>(self, value: V) -> WholeValue<Self, V>
    where
        V: ValueOf<<Self::Binding as ElementBinding>::Element>,
    {
        Assignment::new(crate::dsl::ast::build::set_whole(
            <Self::Binding as Binding>::KEY,
            value.into_value(),
            false,
        ))
    }

    /// `SET variable += $value`: sets the properties `value` has, keeping the others.
    /// A `None` field is sent as null, which removes that property.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let ann = Person { name: "Ann".into(), born: Some(1990) };
    /// let q = match_(Person.having(Person.name, "Ann")).set(Person.update(&ann));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person {name: $p0}) SET person += $p1");
    /// ```
    fn update<V>(self, value: V) -> WholeValue<Self, V>
    where
        V: ValueOf<<Self::Binding as ElementBinding>::Element>,
    {
        Assignment::new(crate::dsl::ast::build::set_whole(
            <Self::Binding as Binding>::KEY,
            value.into_value(),
            true,
        ))
    }

    /// `variable:Label`: a label to add with `.set(..)` or take away with `.remove(..)`.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// #[derive(Node, serde::Serialize)]
    /// pub struct Actor {}
    /// let q = match_(Person).set(Person.labeled(Actor));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person) SET person:Actor");
    /// ```
    fn labeled<L: NodeHandle>(self, label: L) -> LabelItem<Cons<Self::Binding, Nil>>
    where
        Self: NodeHandle,
    {
        let _ = label;
        LabelItem {
            item: crate::dsl::ast::build::set_label(
                <Self::Binding as Binding>::KEY,
                <L::Label as NodeLabel>::LABEL_NAME,
            ),
            _reads: PhantomData,
        }
    }

    /// `variable:$($p0)`: a label chosen at run time, for `.set(..)` or `.remove(..)`. The
    /// name is sent as a parameter, never written into the query, so any string is safe;
    /// it is not checked against the schema.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).set(Person.dynamic_label("Guest Star"));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person) SET person:$($p0)");
    /// ```
    fn dynamic_label(self, name: impl Into<String>) -> LabelItem<Cons<Self::Binding, Nil>>
    where
        Self: NodeHandle,
    {
        LabelItem {
            item: crate::dsl::ast::build::set_dynamic_label(
                <Self::Binding as Binding>::KEY,
                ExprNode::param(crate::dsl::Value::String(name.into())),
            ),
            _reads: PhantomData,
        }
    }
}

impl<H: Handle> WriteMethods for H {}

/// What `.set(..)` takes: an [`Assignment`], or a tuple of up to 12.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not something `SET` can write",
    label = "expected `Property.to(value)`, `Label.assign(..)`, `Label.update(..)`, `Label.labeled(..)`, or a tuple of them"
)]
#[doc(hidden)]
pub trait SetItems {
    /// The bindings the items read.
    type Refs;
    /// Appends the items.
    #[doc(hidden)]
    fn push_set(self, out: &mut Vec<SetItem>);
}

impl<R> SetItems for Assignment<R> {
    type Refs = R;
    fn push_set(self, out: &mut Vec<SetItem>) {
        out.push(self.item);
    }
}

/// What `.remove(..)` takes: an `Option` property, `Label.labeled(..)`, or a tuple of up to
/// eight.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not something `REMOVE` can take away",
    label = "expected an optional property (`Movie.tagline`), `Person.labeled(Actor)`, or a tuple of them"
)]
pub trait RemoveItems {
    /// The bindings the items read.
    type Refs;
    /// Appends the items.
    #[doc(hidden)]
    fn push_remove(self, out: &mut Vec<RemoveItem>);
}

/// A property `REMOVE` may take away: an `Option` one.
#[diagnostic::on_unimplemented(
    message = "the property holds a required `{Self}`, so `REMOVE` cannot take it away",
    label = "a required property",
    note = "every node of the label must have this property (its field is not an `Option`); declare the field as `Option<..>` if the property may be missing"
)]
pub trait Removable {}
impl<T> Removable for Option<T> {}

impl<F: Field, B: Binding> RemoveItems for Property<F, B>
where
    F::Value: Removable,
{
    type Refs = Cons<B, Nil>;
    fn push_remove(self, out: &mut Vec<RemoveItem>) {
        out.push(crate::dsl::ast::build::remove_property(B::KEY, F::KEY_NAME));
    }
}

impl<R> RemoveItems for LabelItem<R> {
    type Refs = R;
    fn push_remove(self, out: &mut Vec<RemoveItem>) {
        out.push(RemoveItem::Label(self.item));
    }
}

impl<R> SetItems for LabelItem<R> {
    type Refs = R;
    fn push_set(self, out: &mut Vec<SetItem>) {
        out.push(self.item);
    }
}

/// A label of a node, to add with `.set(..)` or take away with `.remove(..)`; see
/// [`WriteMethods::labeled`].
#[must_use = "a label does nothing until used in `.set(..)` or `.remove(..)`"]
pub struct LabelItem<R> {
    item: SetItem,
    _reads: PhantomData<fn() -> R>,
}

macro_rules! tuple_items {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: SetItems),+> SetItems for ($($name,)+) {
            type Refs = crate::__private::both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_set(self, out: &mut Vec<SetItem>) {
                let ($($name,)+) = self;
                $($name.push_set(out);)+
            }
        }
        impl<$($name: RemoveItems),+> RemoveItems for ($($name,)+) {
            type Refs = crate::__private::both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_remove(self, out: &mut Vec<RemoveItem>) {
                let ($($name,)+) = self;
                $($name.push_remove(out);)+
            }
        }
    };
}
for_tuples!(tuple_items);

impl<S, P> Query<S, P> {
    /// `SET ..`: properties to typed values, whole values, labels; a tuple sets several.
    /// Each item may read only what is in scope.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie.having(Movie.title, "Heat"))
    ///     .set((Movie.released.to(1995), Movie.tagline.to("A Los Angeles crime saga")))
    ///     .return_(Movie);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (movie:Movie {title: $p0}) SET movie.released = $p1, movie.tagline = $p2 \
    ///      RETURN movie"
    /// );
    /// ```
    pub fn set<I>(self, items: I) -> Query<S, Written>
    where
        I: SetItems,
        I::Refs: crate::dsl::scope::AllBound<S>,
    {
        let mut list = Vec::new();
        items.push_set(&mut list);
        self.push(crate::dsl::ast::build::set(list))
    }

    /// `REMOVE ..`: optional properties and labels; a tuple removes several. Removing a
    /// required property does not compile.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Movie.having(Movie.title, "Heat")).remove(Movie.tagline);
    /// assert_eq!(q.to_cypher().text(), "MATCH (movie:Movie {title: $p0}) REMOVE movie.tagline");
    /// ```
    pub fn remove<I>(self, items: I) -> Query<S, Written>
    where
        I: RemoveItems,
        I::Refs: crate::dsl::scope::AllBound<S>,
    {
        let mut list = Vec::new();
        items.push_remove(&mut list);
        self.push(crate::dsl::ast::build::remove(list))
    }
}
