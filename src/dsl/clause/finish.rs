//! `FINISH`: a query that ends without returning rows (Neo4j 5.19 and later).
//!
//! Any query may finish instead of returning: the reads and writes before it run, and the
//! result has no columns. A finished query takes no further clause.

use crate::dsl::ast::{Clause, QueryAst};
use crate::dsl::query::{Bound, Query};
use crate::dsl::render::{render, CompiledQuery};
use std::sync::OnceLock;

/// A query ended by `FINISH`: run it with [`Executor::execute`](crate::Executor::execute);
/// it returns no rows.
#[must_use = "a finished query does nothing until run by a client or transaction"]
pub struct Finished {
    pub(crate) ast: QueryAst,
    compiled: OnceLock<CompiledQuery>,
    /// Values of named parameters.
    pub(crate) bound: Bound,
}

impl<S, P> Query<S, P> {
    /// Ends the query with `FINISH`: what it reads and writes runs, and it returns no rows.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).filter(Person.born.lt(1950)).set(Person.born.to(1950)).finish();
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WHERE person.born < $p0 SET person.born = $p1 FINISH"
    /// );
    /// ```
    pub fn finish(self) -> Finished {
        let mut ast = self.ast;
        ast.clauses.push(Clause::Finish);
        Finished {
            ast,
            compiled: OnceLock::new(),
            bound: self.bound,
        }
    }
}

impl Finished {
    /// Renders the query: Cypher text with every value as a parameter.
    pub fn to_cypher(&self) -> CompiledQuery {
        self.compiled().with_bound(&self.bound.0)
    }

    /// Binds named parameter `param` to `value` (replacing an earlier value).
    pub fn bind<T, V>(mut self, param: crate::dsl::Param<T>, value: V) -> Self
    where
        V: crate::dsl::Literal,
        V::Type: crate::dsl::expr::SameAs<T>,
    {
        self.bound.set(param.name(), value.into_value());
        self
    }

    /// The rendering, made on first use and kept.
    pub fn compiled(&self) -> &CompiledQuery {
        self.compiled.get_or_init(|| render(&[(&self.ast, false)]))
    }
}
