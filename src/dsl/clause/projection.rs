//! What `WITH` and `RETURN` share: projected items with their names, `DISTINCT`,
//! `ORDER BY`, `SKIP`, `LIMIT` (and `WHERE` after `WITH`), and the typing of projections.
//!
//! A projection fixes three things at the type level ([`Projection`]): the row it decodes
//! as, the scope after it (its own entries: carried bindings, named values, returned
//! properties), and what `ORDER BY` may read: after `DISTINCT` or an aggregation only those
//! entries, otherwise also everything in scope before it.

use crate::dsl::ast::ReturnItem;
use crate::dsl::expr::{Aliased, Expression, NameTag, Val};
use crate::dsl::row::{Columns, Single};
use crate::dsl::scope::{Cons, Decoded, Nil, NoVars, NullIn, Var, Wrap};
use crate::dsl::tuples::for_tuples;
use crate::schema::identity::True;
use crate::schema::{Alias, As, Binding, ElementBinding, Handle};

/// One item of a `WITH` or `RETURN`: an expression, or an expression with a name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be projected",
    label = "expected a property, a label or relationship, a named value, an expression, or `expr.as_(name)`"
)]
#[doc(hidden)]
pub trait ProjectionItem<S> {
    /// The Rust type the item decodes as in scope `S`.
    type Output;
    /// The bindings the item reads.
    type Refs;
    /// The scope entry the item adds in front of `Rest`.
    type Entry<Rest>;
    /// The entry a new name adds in front of `Rest` (nothing for other items).
    type Fresh<Rest>;
    /// Whether `WITH` can carry the item: a binding, a named value, or `expr.as_(name)`.
    type Carry;
    /// The item.
    #[doc(hidden)]
    fn into_item(self) -> ReturnItem;
}

impl<S, E: Expression> ProjectionItem<S> for E
where
    E::Refs: NullIn<S>,
    <E::Refs as NullIn<S>>::Null: Wrap<E::Type>,
{
    type Output = Decoded<S, E::Refs, E::Type>;
    type Refs = E::Refs;
    type Entry<Rest> = E::Entry<<E::Refs as NullIn<S>>::Null, Rest>;
    type Fresh<Rest> = Rest;
    type Carry = E::Carry;
    fn into_item(self) -> ReturnItem {
        crate::dsl::ast::build::item(self.into_expr_node(), None)
    }
}

impl<S, Tag: NameTag, T: 'static, R> ProjectionItem<S> for Aliased<Tag, T, R>
where
    R: NullIn<S>,
    R::Null: Wrap<T>,
{
    type Output = Decoded<S, R, T>;
    type Refs = R;
    type Entry<Rest> = Var<Val<Tag, T>, R::Null, Rest>;
    type Fresh<Rest> = Var<Val<Tag, T>, R::Null, Rest>;
    type Carry = True;
    fn into_item(self) -> ReturnItem {
        crate::dsl::ast::build::item(self.expr, Some(<Val<Tag, T> as Binding>::KEY))
    }
}

/// A node or relationship under a new name, `WITH person AS coactor`; see
/// [`NodeMethods::as_alias`](crate::dsl::NodeMethods::as_alias). Afterwards the element is
/// read through the alias's handle (`Person.alias(Coactor)`), as the same label or type.
pub struct Renamed<H, A>(
    pub(crate) H,
    pub(crate) core::marker::PhantomData<fn() -> A>,
);

/// The binding of handle `H`'s element under alias `A`.
type RenamedAs<H, A> = As<<<H as Handle>::Binding as ElementBinding>::Element, A>;

impl<S, H: Handle, A: Alias> ProjectionItem<S> for Renamed<H, A>
where
    Cons<H::Binding, Nil>: NullIn<S>,
    <Cons<H::Binding, Nil> as NullIn<S>>::Null: Wrap<<H::Binding as ElementBinding>::Element>,
{
    type Output = Decoded<S, Cons<H::Binding, Nil>, <H::Binding as ElementBinding>::Element>;
    type Refs = Cons<H::Binding, Nil>;
    type Entry<Rest> = Var<RenamedAs<H, A>, <Cons<H::Binding, Nil> as NullIn<S>>::Null, Rest>;
    type Fresh<Rest> = Var<RenamedAs<H, A>, <Cons<H::Binding, Nil> as NullIn<S>>::Null, Rest>;
    type Carry = True;
    fn into_item(self) -> ReturnItem {
        crate::dsl::ast::build::item(
            crate::dsl::ast::build::variable(<H::Binding as Binding>::KEY),
            Some(<RenamedAs<H, A> as Binding>::KEY),
        )
    }
}

/// Everything `.with(..)` and `.return_(..)` accept: one [`ProjectionItem`] or a tuple of up to 12.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be projected by this query",
    label = "expected a property, a label or relationship, a named value, an expression, or a tuple of them",
    note = "every item must read only what is in scope"
)]
#[doc(hidden)]
pub trait Projection<S> {
    /// The row type: one item's output, or a tuple of outputs.
    type Output;
    /// How a row decodes: [`Single`] for one item, [`Columns`] for a tuple.
    type Shape;
    /// The bindings the items read.
    type Refs;
    /// The scope after the projection: its own entries only.
    type Scope;
    /// The new names in front of the scope before the projection.
    type Fresh;
    /// Whether `WITH` can carry every item.
    type Carry;
    /// Appends the items.
    #[doc(hidden)]
    fn push_items(self, out: &mut Vec<ReturnItem>);
}

macro_rules! single_projection {
    ($([$($gen:tt)*] $ty:ty;)*) => {$(
        impl<S, $($gen)*> Projection<S> for $ty
        where
            $ty: ProjectionItem<S>,
        {
            type Output = <$ty as ProjectionItem<S>>::Output;
            type Shape = Single<Self::Output>;
            type Refs = <$ty as ProjectionItem<S>>::Refs;
            type Scope = <$ty as ProjectionItem<S>>::Entry<NoVars>;
            type Fresh = <$ty as ProjectionItem<S>>::Fresh<S>;
            type Carry = <$ty as ProjectionItem<S>>::Carry;
            fn push_items(self, out: &mut Vec<ReturnItem>) {
                out.push(self.into_item());
            }
        }
    )*};
}
single_projection! {
    [E: Expression] E;
    [Tag: NameTag, T: 'static, R] Aliased<Tag, T, R>;
    [H: Handle, A: Alias] Renamed<H, A>;
}

/// Nests the entries of several items: `A::Entry<B::Entry<.. Base>>`.
macro_rules! nest {
    ($s:ident, $assoc:ident, $base:ty; $last:ident) => { <$last as ProjectionItem<$s>>::$assoc<$base> };
    ($s:ident, $assoc:ident, $base:ty; $first:ident $($rest:ident)+) => {
        <$first as ProjectionItem<$s>>::$assoc<nest!($s, $assoc, $base; $($rest)+)>
    };
}

macro_rules! projection_tuples {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<S, $($name: ProjectionItem<S>),+> Projection<S> for ($($name,)+) {
            type Output = ($($name::Output,)+);
            type Shape = Columns<Self::Output>;
            type Refs = crate::__private::both!($($name::Refs),+);
            type Scope = nest!(S, Entry, NoVars; $($name)+);
            type Fresh = nest!(S, Fresh, S; $($name)+);
            type Carry = ($($name::Carry,)+);
            #[allow(non_snake_case)]
            fn push_items(self, out: &mut Vec<ReturnItem>) {
                let ($($name,)+) = self;
                $(out.push($name.into_item());)+
            }
        }
    };
}
for_tuples!(projection_tuples);

/// Refuses a `WITH` item that is neither a binding nor named.
#[diagnostic::on_unimplemented(
    message = "`WITH` can carry only bindings and named values",
    label = "an expression in `WITH` needs a name",
    note = "name it with `.as_(name)`, where `let name = name!(..);`, then read it through the name"
)]
pub trait Carried {}
impl Carried for True {}

macro_rules! carried_tuples {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: Carried),+> Carried for ($($name,)+) {}
    };
}
for_tuples!(carried_tuples);
