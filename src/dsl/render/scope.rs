//! The variables in scope while a query renders, as a stack: a subquery's bindings are
//! popped when it ends, except those it exports.

use super::names::NameRef;

/// Which name stands for which binding, innermost last, and which bindings are paths.
pub(crate) struct Scopes {
    /// `(binding id, name)` of each binding's occurrences, latest last.
    variables: Vec<(u64, NameRef)>,
    /// Ids of the path variables bound so far (a returned path renders as a map), and
    /// whether each may be null (bound by `OPTIONAL MATCH` or `OPTIONAL CALL`).
    paths: Vec<(u64, bool)>,
}

/// Where a subquery's scope began.
pub(crate) struct Mark(usize);

impl Scopes {
    pub(crate) fn new() -> Self {
        Self {
            variables: Vec::with_capacity(8),
            paths: Vec::new(),
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

    /// Records that `id` is a path variable.
    #[inline]
    pub(crate) fn mark_path(&mut self, id: u64, nullable: bool) {
        self.paths.push((id, nullable));
    }

    /// Whether `id` is a path variable bound by a pattern: `Some(nullable)`.
    #[inline]
    pub(crate) fn path(&self, id: u64) -> Option<bool> {
        self.paths
            .iter()
            .rev()
            .find(|(path, _)| *path == id)
            .map(|(_, nullable)| *nullable)
    }
}
