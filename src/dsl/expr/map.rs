//! Map projection: `person {.name, .born, movies: ..}`, decoded into a struct of the caller's.

use super::{Aliased, Expr, Expression, NameTag, Val};
use crate::dsl::ast::MapEntry;
use crate::dsl::scope::Both;
use crate::dsl::tuples::for_tuples;
use crate::schema::{Binding, Field, Handle, Property};

/// Entries accepted by `.project(..)`: properties, `expr.as_(name)`, or a tuple of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an entry of a map projection",
    label = "expected a property, `expr.as_(name)`, or a tuple of them"
)]
pub trait MapItems {
    /// The bindings the entries read.
    type Refs;
    /// Appends the entries of a projection of the binding with identity `owner`.
    #[doc(hidden)]
    fn push_entries(self, owner: u64, out: &mut Vec<MapEntry>);
}

impl<F: Field, B: Binding> MapItems for Property<F, B> {
    type Refs = <Self as Expression>::Refs;
    fn push_entries(self, owner: u64, out: &mut Vec<MapEntry>) {
        let value = (B::KEY.id != owner).then(|| self.into_expr_node());
        out.push(crate::dsl::ast::build::map_entry(F::KEY_NAME, value));
    }
}

impl<Tag: NameTag, T: 'static, R> MapItems for Aliased<Tag, T, R> {
    type Refs = R;
    fn push_entries(self, _owner: u64, out: &mut Vec<MapEntry>) {
        out.push(crate::dsl::ast::build::entry(
            <Val<Tag, T> as Binding>::KEY.variable,
            self.expr,
        ));
    }
}

macro_rules! map_tuples {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<$($name: MapItems),+> MapItems for ($($name,)+) {
            type Refs = crate::__private::both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_entries(self, owner: u64, out: &mut Vec<MapEntry>) {
                let ($($name,)+) = self;
                $($name.push_entries(owner, out);)+
            }
        }
    };
}
for_tuples!(map_tuples);

/// `node {.key, name: expr, ..}` of type `T`.
pub(crate) fn project<H: Handle, T, I: MapItems>(
    handle: H,
    items: I,
) -> Expr<T, Both<<H as Expression>::Refs, I::Refs>> {
    let binding = <H::Binding as Binding>::KEY;
    let mut entries = Vec::new();
    items.push_entries(binding.id, &mut entries);
    let _ = handle;
    Expr::new(crate::dsl::ast::build::map_projection(binding, entries))
}

/// Refuses an aggregate inside a map projection of a node: Neo4j refuses
/// `person {movies: count(movie)}` (the aggregate groups by `person`, which it is part of).
#[diagnostic::on_unimplemented(
    message = "a map projection of a node cannot hold an aggregate",
    label = "an entry here aggregates (`count`, `collect` ..)",
    note = "Neo4j refuses `person {{movies: count(movie)}}`: aggregate in `WITH` first (`.with((Person, count(Movie).as_(movies)))`), then project the name (`Person.project::<Card, _>((Person.name, movies.as_(movies)))`)"
)]
pub trait Unaggregated {}
impl Unaggregated for crate::schema::identity::False {}
