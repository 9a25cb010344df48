//! The variables in scope while a query renders, as a stack: a subquery's bindings are
//! popped when it ends, except those it exports.

use super::names::NameRef;
use crate::schema::LabelVariant;

/// How a binding renders when it is returned as it is.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// A path: as the map of its nodes and relationships (null when `nullable` and it
    /// matched nothing), its nodes as the variants `nodes` when they are an enum of labels.
    Path {
        nullable: bool,
        nodes: &'static [LabelVariant],
    },
    /// A node of several labels bound as an enum: as the variant it holds.
    Labelled(&'static [LabelVariant]),
}

/// Which name stands for which binding, innermost last, and which bindings return in a
/// shape of their own.
pub(crate) struct Scopes {
    /// `(binding id, name)` of each binding's occurrences, latest last.
    variables: Vec<(u64, NameRef)>,
    /// Ids of the bindings that return in a shape of their own: paths, nodes of an enum
    /// of labels.
    shapes: Vec<(u64, Shape)>,
}

/// Where a subquery's scope began.
pub(crate) struct Mark(usize);

impl Scopes {
    pub(crate) fn new() -> Self {
        Self {
            variables: Vec::with_capacity(8),
            shapes: Vec::new(),
        }
    }

    /// `name` stands for binding `id` from now on.
    #[inline]
    pub(crate) fn bind(&mut self, id: u64, name: NameRef) {
        self.variables.push((id, name));
    }

    /// The name of binding `id`, if it is in scope.
    #[inline]
    pub(crate) fn get(&self, id: u64) -> Option<NameRef> {
        self.variables
            .iter()
            .rev()
            .find(|(bound, _)| *bound == id)
            .map(|(_, name)| *name)
    }

    /// Opens a subquery's scope.
    #[inline]
    pub(crate) fn enter(&self) -> Mark {
        Mark(self.variables.len())
    }

    /// Closes a subquery's scope: forgets what it bound except the `exported` ids.
    pub(crate) fn leave(&mut self, mark: Mark, exported: &[u64]) {
        let inner = self.variables.split_off(mark.0);
        for id in exported {
            if let Some(entry) = inner.iter().rev().find(|(i, _)| i == id) {
                self.variables.push(*entry);
            }
        }
    }

    /// The names of the variables in scope whose binding is none of `kept`.
    pub(crate) fn dropped<'a>(&'a self, kept: &'a [u64]) -> impl Iterator<Item = NameRef> + 'a {
        self.variables
            .iter()
            .filter(|(id, _)| !kept.contains(id))
            .map(|(_, name)| *name)
    }

    /// Records that binding `id` returns in `shape`.
    #[inline]
    pub(crate) fn mark(&mut self, id: u64, shape: Shape) {
        self.shapes.push((id, shape));
    }

    /// The shape binding `id` returns in, if it has one of its own.
    #[inline]
    pub(crate) fn shape(&self, id: u64) -> Option<Shape> {
        self.shapes
            .iter()
            .rev()
            .find(|(bound, _)| *bound == id)
            .map(|(_, shape)| *shape)
    }
}
