//! Lists built from lists: comprehensions (`[x IN list WHERE .. | ..]`), the quantifiers
//! `any`/`all`/`none`/`single`, and `reduce`. The closures receive the list's item as a
//! typed [`Item`] expression; whatever else they read is checked against the query's scope.

use super::{Expr, ExprKind, ExprNode, Expression};
use crate::dsl::ast::ListOp;
use crate::dsl::scope::{Both, Nil};
use core::cell::Cell;
use core::marker::PhantomData;

thread_local! {
    /// How many list closures are being built around the current one, so nested items get
    /// different variables.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `body` one nesting level deeper, handing it the depth of its own item.
fn nested<T>(body: impl FnOnce(u32) -> T) -> T {
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEPTH.with(|d| d.set(self.0));
        }
    }
    let depth = DEPTH.with(|d| {
        let depth = d.get();
        d.set(depth + 1);
        depth
    });
    let _restore = Restore(depth);
    body(depth)
}

/// The item of a list inside a comprehension, quantifier or `reduce` closure (`x` in
/// `[x IN list | ..]`), or the accumulator of `reduce`. Valid only inside its closure.
pub struct Item<T> {
    depth: u32,
    accumulator: bool,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Item<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Item<T> {}

impl<T> Item<T> {
    fn new(depth: u32, accumulator: bool) -> Self {
        Self {
            depth,
            accumulator,
            _type: PhantomData,
        }
    }
}

impl<T> Expression for Item<T> {
    type Type = T;
    type Refs = Nil;
    type OrderRefs = Nil;
    type Entry<N, Rest> = Rest;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        crate::dsl::ast::build::local(self.depth, self.accumulator)
    }
}

/// The node of a list operation over `list`, the item at `depth`.
pub(crate) fn list_node(list: ExprNode, depth: u32, op: ListOp) -> ExprNode {
    crate::dsl::ast::build::list_op(list, depth, op)
}

/// `[x IN list WHERE pred(x)]`.
pub(crate) fn filtered<L: Expression, T, R>(
    list: L,
    pred: impl FnOnce(Item<T>) -> Expr<bool, R>,
) -> Expr<Vec<T>, Both<L::Refs, R>> {
    let list = list.into_expr_node();
    nested(|depth| {
        let filter = pred(Item::new(depth, false)).node;
        Expr::new(list_node(
            list,
            depth,
            crate::dsl::ast::build::comprehension(Some(filter), None),
        ))
    })
}

/// `[x IN list | f(x)]`; on a comprehension that only filters, adds the map to it.
pub(crate) fn mapped<L: Expression, T, U, R>(
    list: L,
    f: impl FnOnce(Item<T>) -> Expr<U, R>,
) -> Expr<Vec<U>, Both<L::Refs, R>> {
    let list = list.into_expr_node();
    nested(|depth| {
        let map = f(Item::new(depth, false)).node;
        // A comprehension at this depth that only filters takes the map as its own.
        let node = match list.0 {
            ExprKind::List {
                list: inner,
                depth: inner_depth,
                op,
            } if inner_depth == depth => match *op {
                ListOp::Comprehension { filter, map: None } => list_node(
                    *inner,
                    depth,
                    crate::dsl::ast::build::comprehension(filter, Some(map)),
                ),
                other => list_node(
                    list_node(*inner, depth, other),
                    depth,
                    crate::dsl::ast::build::comprehension(None, Some(map)),
                ),
            },
            other => list_node(
                ExprNode(other),
                depth,
                crate::dsl::ast::build::comprehension(None, Some(map)),
            ),
        };
        Expr::new(node)
    })
}

/// `any(x IN list WHERE pred(x))` and its siblings.
pub(crate) fn quantifier<L: Expression, T, R>(
    name: &'static str,
    list: L,
    pred: impl FnOnce(Item<T>) -> Expr<bool, R>,
) -> Expr<bool, Both<L::Refs, R>> {
    let list = list.into_expr_node();
    nested(|depth| {
        let pred = pred(Item::new(depth, false)).node;
        Expr::new(list_node(list, depth, ListOp::Quantifier(name, pred)))
    })
}

/// The reads of `reduce` over list `L` from `I` with a step reading `R`.
pub type ReduceReads<L, I, R> =
    Both<<L as Expression>::Refs, Both<<I as super::IntoExpr>::Refs, R>>;

/// `reduce(acc = init, x IN list | step(acc, x))`.
pub(crate) fn reduce<L: Expression, T, A, I, R>(
    list: L,
    init: I,
    step: impl FnOnce(Item<A>, Item<T>) -> Expr<A, R>,
) -> Expr<A, ReduceReads<L, I, R>>
where
    I: super::IntoExpr<Type = A>,
{
    let list = list.into_expr_node();
    let init = init.into_operand();
    nested(|depth| {
        let step = step(Item::new(depth, true), Item::new(depth, false)).node;
        Expr::new(list_node(
            list,
            depth,
            crate::dsl::ast::build::reduce(init, step),
        ))
    })
}
