//! What `WITH` and `RETURN` share: projected items with their names, `DISTINCT`,
//! `ORDER BY`, `SKIP`, `LIMIT` (and `WHERE` after `WITH`), and the typing of projections.
//!
//! A projection fixes three things at the type level ([`Projection`]): the row it decodes
//! as, the scope after it (its own entries: carried bindings, named values, returned
//! properties), and what `ORDER BY` may read: after `DISTINCT` or an aggregation only those
//! entries, otherwise also everything in scope before it.

use crate::dsl::ast::{ProjectionClause, ReturnItem};
use crate::dsl::expr::{Aliased, ExprKind, ExprNode, Expression, NameTag, Val};
use crate::dsl::render::Renderer;
use crate::dsl::row::{Columns, Single};
use crate::dsl::scope::{Decoded, NoVars, NullIn, Var, Wrap};
use crate::dsl::tuples::for_tuples;
use crate::schema::identity::True;
use crate::schema::Binding;

impl ProjectionClause {
    pub(crate) fn render(&self, returning: bool, r: &mut Renderer) {
        let forced = if returning {
            r.forced_columns.take()
        } else {
            None
        };
        r.clause(match (returning, self.distinct) {
            (true, false) => "RETURN ",
            (true, true) => "RETURN DISTINCT ",
            (false, false) => "WITH ",
            (false, true) => "WITH DISTINCT ",
        });
        if self.star {
            r.push("*");
        }
        let mut columns = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                r.push(", ");
            }
            let wanted = forced.as_ref().and_then(|f| f.get(i));
            if let (true, None, ExprKind::Variable(key)) = (returning, &item.name, &item.expr.0) {
                if r.is_path(key) {
                    crate::dsl::path::render_path_value(r, *key);
                    let own = r.variable_ref(*key);
                    let column = match wanted {
                        Some(wanted) if r.raw(own) != wanted => {
                            r.push_alias(wanted.clone().into(), false)
                        }
                        _ => {
                            r.push(" AS ");
                            r.push_ref(own);
                            own
                        }
                    };
                    columns.push(Some(column));
                    continue;
                }
            }
            r.expr(&item.expr);
            let column = match (&item.name, &item.expr.0, wanted) {
                (Some(key), _, None) => Some(r.push_alias_of(*key)),
                (None, ExprKind::Variable(key), None) => Some(r.variable_ref(*key)),
                (None, ExprKind::Variable(key), Some(wanted)) => {
                    let own = r.variable_ref(*key);
                    if r.raw(own) == wanted {
                        Some(own)
                    } else {
                        Some(r.push_alias(wanted.clone().into(), false))
                    }
                }
                (_, _, Some(wanted)) => Some(r.push_alias(wanted.clone().into(), false)),
                (None, _, None) if returning => {
                    let (alias, plain) = auto_alias(&item.expr);
                    Some(r.push_alias(alias.into(), plain))
                }
                (None, _, None) => None,
            };
            columns.push(column);
        }
        for (i, (expr, descending)) in self.order.iter().enumerate() {
            if i == 0 {
                r.clause("ORDER BY ");
            } else {
                r.push(", ");
            }
            let projected = self.items.iter().position(|item| item.expr == *expr);
            match projected.and_then(|column| columns[column]) {
                Some(name) => r.push_ref(name),
                None => r.expr(expr),
            }
            r.push(if *descending { " DESC" } else { " ASC" });
        }
        for (keyword, expr) in [("SKIP ", &self.skip), ("LIMIT ", &self.limit)] {
            if let Some(expr) = expr {
                r.clause(keyword);
                r.expr(expr);
            }
        }
        if let Some(filter) = &self.filter {
            r.clause("WHERE ");
            r.expr(filter);
        }
        if returning {
            r.columns = columns
                .into_iter()
                .map(|c| c.map(|name| r.raw(name).to_owned()).unwrap_or_default())
                .collect();
        }
    }
}

/// The column name of a returned expression nobody named: a property's key, a function's
/// name, else `expr`; and whether it is known to need no quotes.
fn auto_alias(expr: &ExprNode) -> (&'static str, bool) {
    match &expr.0 {
        ExprKind::Property { key, .. } => (key.text, key.plain),
        // `duration.between` is named `duration`.
        ExprKind::Call { name, .. } => {
            let name = name.split('.').next().unwrap_or(name);
            (name, crate::schema::names::is_plain(name))
        }
        ExprKind::CountAll => ("count", true),
        ExprKind::Subquery(sub) => (sub.kind.column(), true),
        ExprKind::Component(_, name) => (name, true),
        ExprKind::Identified { binding, .. } | ExprKind::MapProjection { binding, .. } => {
            (binding.variable.text, binding.variable.plain)
        }
        _ => ("expr", true),
    }
}

/// One item of a `WITH` or `RETURN`: an expression, or an expression with a name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be projected",
    label = "expected a property, a label or relationship, a named value, an expression, or `expr.as_(name)`"
)]
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

/// Everything `.with(..)` and `.return_(..)` accept: one [`ProjectionItem`] or a tuple of up to 12.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be projected by this query",
    label = "expected a property, a label or relationship, a named value, an expression, or a tuple of them",
    note = "every item must read only what is in scope"
)]
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
