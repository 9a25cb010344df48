//! The read-query builder: `match_(..)`, relationship steps, `filter`, `return_`, paging.
//!
//! The builder's type parameters carry what the compiler checks:
//! `S` is the scope (every binding of the pattern so far, with its nullability), `L` the label
//! of the node the pattern currently ends at (the next relationship must start there), `N`
//! whether the current clause is an `OPTIONAL MATCH`, and `O` the row type a query returns.

use super::ast::{Direction, MatchClause, NodePattern, QueryAst, RelPattern};
use super::expr::{Expr, OrderItems, Predicate};
use super::render::{render, CompiledQuery};
use super::returns::ReturnItems;
use crate::__private::{AllBound, NoVars, Nullable, Required, Var};
use crate::schema::{Binding, EndOf, NodeHandle, NodeLabel, NodeTarget, RelHandle, StartOf};
use core::marker::PhantomData;

/// Zero-sized carrier of the builder's type-level state.
type State<T> = PhantomData<fn() -> T>;

/// A query being built: one or more `MATCH` clauses, not yet returning anything.
#[must_use = "a query does nothing until rendered with `.return_(..).to_cypher()`"]
pub struct Query<S, L, N> {
    ast: QueryAst,
    _state: State<(S, L, N)>,
}

/// A relationship step waiting for the node at its other end: `.to(..)`, `.from(..)`, `.either(..)`.
#[must_use = "a relationship step needs its other end: `.to(..)`, `.from(..)` or `.either(..)`"]
pub struct RelStep<S, L, N, R> {
    ast: QueryAst,
    _state: State<(S, L, N, R)>,
}

/// A query with its `RETURN`; `R` says how a row decodes ([`Single`](crate::exec::decode::Single)
/// or [`Columns`](crate::exec::decode::Columns)), and `R::Row` is the row type.
#[must_use = "a query does nothing until rendered with `.to_cypher()` or run"]
pub struct Returning<S, R> {
    ast: QueryAst,
    /// The rendering, made once on first use; every builder method starts a fresh one.
    compiled: std::sync::OnceLock<CompiledQuery>,
    _state: State<(S, R)>,
}

fn node_pattern<T: NodeTarget<S, N>, S, N>() -> NodePattern {
    NodePattern {
        binding: <T::Binding as Binding>::KEY,
        label: <T::Label as NodeLabel>::LABEL,
        reuse: T::REUSE,
    }
}

fn start<H: NodeHandle, N>(optional: bool) -> Query<Var<H::Binding, N, NoVars>, H::Label, N> {
    let clause = MatchClause {
        optional,
        start: node_pattern::<H, NoVars, N>(),
        steps: Vec::new(),
        filter: None,
    };
    Query::from_ast(QueryAst {
        clauses: vec![clause],
        ..QueryAst::default()
    })
}

/// `MATCH (person:Person)`: starts a query at a label, or an aliased label.
pub fn match_<H: NodeHandle>(
    node: H,
) -> Query<Var<H::Binding, Required, NoVars>, H::Label, Required> {
    let _ = node;
    start::<H, Required>(false)
}

/// `OPTIONAL MATCH (person:Person)`: like [`match_`], but every binding may come back null.
pub fn optional_match<H: NodeHandle>(
    node: H,
) -> Query<Var<H::Binding, Nullable, NoVars>, H::Label, Nullable> {
    let _ = node;
    start::<H, Nullable>(true)
}

impl<S, L, N> Query<S, L, N> {
    fn from_ast(ast: QueryAst) -> Self {
        Self {
            ast,
            _state: PhantomData,
        }
    }

    fn current(&mut self) -> &mut MatchClause {
        self.ast
            .clauses
            .last_mut()
            .expect("a query always has at least one clause")
    }

    /// A relationship step from the node the pattern ends at; finish it with `.to(..)`,
    /// `.from(..)` or `.either(..)`.
    pub fn rel<R: RelHandle>(self, rel: R) -> RelStep<S, L, N, R> {
        let _ = rel;
        RelStep {
            ast: self.ast,
            _state: PhantomData,
        }
    }

    /// Adds a `WHERE` condition to the current clause; several calls are joined with `AND`.
    ///
    /// Every property the condition reads must belong to a binding of the pattern so far.
    pub fn filter<R: AllBound<S>>(mut self, predicate: Predicate<R>) -> Self {
        let clause = self.current();
        clause.filter = Some(match clause.filter.take() {
            None => predicate.expr,
            Some(previous) => Expr::binary(super::expr::BinaryOp::And, previous, predicate.expr),
        });
        self
    }

    fn clause<T: NodeTarget<S, M>, M>(mut self, optional: bool) -> Query<T::Scope, T::Label, M> {
        self.ast.clauses.push(MatchClause {
            optional,
            start: node_pattern::<T, S, M>(),
            steps: Vec::new(),
            filter: None,
        });
        Query::from_ast(self.ast)
    }

    /// Starts another `MATCH` clause at `node`: a new node for a handle, or the node an
    /// earlier clause bound for `Person.again()`.
    pub fn match_<T>(self, node: T) -> Query<T::Scope, T::Label, Required>
    where
        T: NodeTarget<S, Required>,
        T::Needs: AllBound<S>,
    {
        let _ = node;
        self.clause::<T, Required>(false)
    }

    /// Starts an `OPTIONAL MATCH` clause at `node` (usually `Person.again()`, a node bound
    /// before); what the clause binds decodes as `Option`.
    pub fn optional_match<T>(self, node: T) -> Query<T::Scope, T::Label, Nullable>
    where
        T: NodeTarget<S, Nullable>,
        T::Needs: AllBound<S>,
    {
        let _ = node;
        self.clause::<T, Nullable>(true)
    }

    /// `RETURN ..`: properties, nodes, relationships, or a tuple of them; fixes the row type.
    pub fn return_<I>(mut self, items: I) -> Returning<S, I::Shape>
    where
        I: ReturnItems<S>,
        I::Refs: AllBound<S>,
    {
        items.push_returns(&mut self.ast.returns);
        Returning {
            ast: self.ast,
            compiled: std::sync::OnceLock::new(),
            _state: PhantomData,
        }
    }
}

/// The scope a relationship step `R` adds to `S` in a clause of nullability `N`.
type WithRel<S, N, R> = <R as RelHandle>::Extend<S, N>;

/// The query after a step through `R` reaches `T`.
pub type AfterStep<S, N, R, T> = Query<
    <T as NodeTarget<WithRel<S, N, R>, N>>::Scope,
    <T as NodeTarget<WithRel<S, N, R>, N>>::Label,
    N,
>;

impl<S, L: NodeLabel, N, R: RelHandle> RelStep<S, L, N, R> {
    fn finish<T: NodeTarget<WithRel<S, N, R>, N>>(
        mut self,
        direction: Direction,
    ) -> AfterStep<S, N, R, T> {
        let mut types = Vec::new();
        R::push_types(&mut types);
        let rel = RelPattern {
            binding: R::KEY,
            types,
            direction,
        };
        let clause = self
            .ast
            .clauses
            .last_mut()
            .expect("a query always has at least one clause");
        clause
            .steps
            .push((rel, node_pattern::<T, WithRel<S, N, R>, N>()));
        Query::from_ast(self.ast)
    }

    /// `-[:R]->(node)`: the relationship points from the previous node to `node`.
    pub fn to<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: StartOf<R>,
        T::Label: EndOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Outgoing)
    }

    /// `<-[:R]-(node)`: the relationship points from `node` to the previous node.
    pub fn from<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: EndOf<R>,
        T::Label: StartOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Incoming)
    }

    /// `-[:R]-(node)`: either direction; the relationship must fit both ways round.
    pub fn either<T: NodeTarget<WithRel<S, N, R>, N>>(self, node: T) -> AfterStep<S, N, R, T>
    where
        L: StartOf<R> + EndOf<R>,
        T::Label: StartOf<R> + EndOf<R>,
        T::Needs: AllBound<WithRel<S, N, R>>,
    {
        let _ = node;
        self.finish::<T>(Direction::Either)
    }
}

impl<S, R> Returning<S, R> {
    /// Applies a change to the query, dropping any rendering made before it.
    fn change(mut self, edit: impl FnOnce(&mut QueryAst)) -> Self {
        edit(&mut self.ast);
        self.compiled = std::sync::OnceLock::new();
        self
    }

    /// `RETURN DISTINCT ..`.
    pub fn distinct(self) -> Self {
        self.change(|ast| ast.distinct = true)
    }

    /// `ORDER BY ..`: a property (ascending), `prop.asc()`, `prop.desc()`, or a tuple of them.
    pub fn order_by<I>(self, keys: I) -> Self
    where
        I: OrderItems<S>,
        I::Refs: AllBound<S>,
    {
        self.change(|ast| keys.push_order(&mut ast.order))
    }

    /// `SKIP $n`.
    pub fn skip(self, rows: u64) -> Self {
        self.change(|ast| ast.skip = Some(Expr::param(i64::try_from(rows).unwrap_or(i64::MAX))))
    }

    /// `LIMIT $n`.
    pub fn limit(self, rows: u64) -> Self {
        self.change(|ast| ast.limit = Some(Expr::param(i64::try_from(rows).unwrap_or(i64::MAX))))
    }

    /// Renders the query: Cypher text with every value as a named parameter.
    pub fn to_cypher(&self) -> CompiledQuery {
        self.compiled().clone()
    }

    /// The rendering, made on first use and kept, so running a query again renders nothing.
    pub fn compiled(&self) -> &CompiledQuery {
        self.compiled.get_or_init(|| render(&self.ast))
    }
}
