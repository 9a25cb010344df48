//! What a query may return, and the Rust type each returned item decodes as.

use super::expr::Expr;
use super::expr::ExprKind;
use crate::__private::{both, Cons, Decoded, Nil, NullOf, Wrap};
use crate::exec::decode::{Columns, Single};
use crate::schema::{Binding, Field, Handle, OrNull, Property};

/// One item of a `RETURN`: a property, a whole node or a whole relationship.
///
/// `Output` is what the item decodes as in scope `S`: the field type for a property, the data
/// struct for a node or relationship, wrapped in `Option` when the binding comes from an
/// `OPTIONAL MATCH`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned",
    label = "expected a property, a node label, a relationship, or a tuple of them",
    note = "every item must belong to a label or relationship bound exactly once in the pattern"
)]
pub trait ReturnItem<S> {
    /// The decoded Rust type.
    type Output;
    /// The bindings the item reads; `.return_` checks them against the pattern.
    type Refs;
    /// The expression to return.
    #[doc(hidden)]
    fn into_return(self) -> Expr;
}

impl<S, F, B> ReturnItem<S> for Property<F, B>
where
    F: Field,
    B: Binding,
    S: NullOf<B::Id>,
    S::Null: Wrap<F::Value>,
{
    type Output = Decoded<S, B, F::Value>;
    type Refs = Cons<B, Nil>;
    fn into_return(self) -> Expr {
        Expr::property::<F, B>()
    }
}

impl<S, H> ReturnItem<S> for H
where
    H: Handle,
    S: NullOf<<H::Binding as Binding>::Id>,
    S::Null: Wrap<<H::Binding as Binding>::Element>,
{
    type Output = Decoded<S, H::Binding, <H::Binding as Binding>::Element>;
    type Refs = Cons<H::Binding, Nil>;
    fn into_return(self) -> Expr {
        Expr(ExprKind::Variable(<H::Binding as Binding>::KEY))
    }
}

/// A node or relationship together with its identity; see [`Handle::identified`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Identified<T> {
    /// The server's element id (`elementId(..)`), stable within a transaction.
    pub element_id: String,
    /// The node's labels, or the relationship's type.
    pub labels: Vec<String>,
    /// The properties, decoded as the struct.
    pub data: T,
}

impl<T> OrNull for Identified<T> {
    type Out = Option<Identified<T>>;
}

/// The return item of `handle.identified()`.
#[derive(Clone, Copy)]
pub struct WithIdentity<H>(pub(crate) H);

impl<S, H> ReturnItem<S> for WithIdentity<H>
where
    H: Handle,
    S: NullOf<<H::Binding as Binding>::Id>,
    S::Null: Wrap<Identified<<H::Binding as Binding>::Element>>,
{
    type Output = Decoded<S, H::Binding, Identified<<H::Binding as Binding>::Element>>;
    type Refs = Cons<H::Binding, Nil>;
    fn into_return(self) -> Expr {
        Expr(ExprKind::Identified {
            binding: <H::Binding as Binding>::KEY,
            relationship: H::RELATIONSHIP,
        })
    }
}

impl<S, H: Handle> ReturnItems<S> for WithIdentity<H>
where
    WithIdentity<H>: ReturnItem<S>,
{
    type Output = <Self as ReturnItem<S>>::Output;
    type Shape = Single<Self::Output>;
    type Refs = <Self as ReturnItem<S>>::Refs;
    fn push_returns(self, out: &mut Vec<Expr>) {
        out.push(self.into_return());
    }
}

/// Everything `.return_(..)` accepts: one [`ReturnItem`] or a tuple of up to 12.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from this query",
    label = "expected a property, a node label, a relationship, or a tuple of them",
    note = "every item must belong to a label or relationship bound exactly once in the pattern"
)]
pub trait ReturnItems<S> {
    /// The row type: one item's output, or a tuple of outputs.
    type Output;
    /// How a row decodes: [`Single`] for one item, [`Columns`] for a tuple.
    type Shape;
    /// The bindings the items read; `.return_` checks them against the pattern.
    type Refs;
    /// Appends the returned expressions.
    #[doc(hidden)]
    fn push_returns(self, out: &mut Vec<Expr>);
}

impl<S, F, B> ReturnItems<S> for Property<F, B>
where
    Property<F, B>: ReturnItem<S>,
{
    type Output = <Self as ReturnItem<S>>::Output;
    type Shape = Single<Self::Output>;
    type Refs = <Self as ReturnItem<S>>::Refs;
    fn push_returns(self, out: &mut Vec<Expr>) {
        out.push(self.into_return());
    }
}

impl<S, H: Handle> ReturnItems<S> for H
where
    H: ReturnItem<S>,
{
    type Output = <Self as ReturnItem<S>>::Output;
    type Shape = Single<Self::Output>;
    type Refs = <Self as ReturnItem<S>>::Refs;
    fn push_returns(self, out: &mut Vec<Expr>) {
        out.push(self.into_return());
    }
}

macro_rules! return_tuples {
    ($($name:ident)+) => {
        impl<S, $($name: ReturnItem<S>),+> ReturnItems<S> for ($($name,)+) {
            type Output = ($($name::Output,)+);
            type Shape = Columns<Self::Output>;
            type Refs = both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_returns(self, out: &mut Vec<Expr>) {
                let ($($name,)+) = self;
                $(out.push($name.into_return());)+
            }
        }
    };
}
return_tuples!(A);
return_tuples!(A B);
return_tuples!(A B C);
return_tuples!(A B C D);
return_tuples!(A B C D E);
return_tuples!(A B C D E G);
return_tuples!(A B C D E G H);
return_tuples!(A B C D E G H I);
return_tuples!(A B C D E G H I J);
return_tuples!(A B C D E G H I J K);
return_tuples!(A B C D E G H I J K L);
return_tuples!(A B C D E G H I J K L M);
