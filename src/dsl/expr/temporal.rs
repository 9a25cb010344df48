//! Dates, times and durations: the current instant, components, and `duration.between`.

use super::{Expr, ExprKind, ExprNode, Expression, Reads2};
use crate::dsl::scope::Nil;
use crate::schema::MapNull;

/// Values with a calendar date: `chrono::NaiveDate`, `NaiveDateTime`, `DateTime<FixedOffset>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no calendar date",
    label = "expected a date or a datetime",
    note = "`.year()`, `.month()`, `.day()` work on `chrono::NaiveDate`, `NaiveDateTime` and `DateTime<FixedOffset>` values"
)]
#[doc(hidden)]
pub trait HasDate {}
impl HasDate for chrono::NaiveDate {}
impl HasDate for chrono::NaiveDateTime {}
impl HasDate for chrono::DateTime<chrono::FixedOffset> {}
impl<T: HasDate> HasDate for Option<T> {}

/// Values with a time of day: `chrono::NaiveDateTime`, `DateTime<FixedOffset>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no time of day",
    label = "expected a datetime",
    note = "`.hour()`, `.minute()`, `.second()` work on `chrono::NaiveDateTime` and `DateTime<FixedOffset>` values"
)]
#[doc(hidden)]
pub trait HasTime {}
impl HasTime for chrono::NaiveDateTime {}
impl HasTime for chrono::DateTime<chrono::FixedOffset> {}
impl<T: HasTime> HasTime for Option<T> {}

/// Values that are instants: what `duration.between` measures between.
#[doc(hidden)]
pub trait Instant: HasDate {}
impl Instant for chrono::NaiveDate {}
impl Instant for chrono::NaiveDateTime {}
impl Instant for chrono::DateTime<chrono::FixedOffset> {}
impl<T: Instant> Instant for Option<T> {}

/// `expr.component`, an integer kept optional when `expr` is.
pub(crate) fn component<E: Expression>(
    e: E,
    name: &'static str,
) -> Expr<<E::Type as MapNull<i64>>::Out, E::Refs>
where
    E::Type: MapNull<i64>,
{
    Expr::from(ExprKind::Component(Box::new(e.into_expr_node()), name))
}

/// `date()`: today's date on the server.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Screening { pub day: chrono::NaiveDate }
/// let q = match_(Screening).filter(Screening.day.ge(today())).return_(Screening.day.year());
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (screening:Screening) WHERE screening.day >= date() RETURN screening.day.year AS year"
/// );
/// ```
pub fn today() -> Expr<chrono::NaiveDate, Nil> {
    Expr::new(ExprNode::call("date", Vec::new()))
}

/// `datetime()`: the server's current date and time.
pub fn now() -> Expr<chrono::DateTime<chrono::FixedOffset>, Nil> {
    Expr::new(ExprNode::call("datetime", Vec::new()))
}

/// `duration.between(from, to)`: the time from one instant to another.
pub fn duration_between<A, B>(from: A, to: B) -> Expr<std::time::Duration, Reads2<A, B>>
where
    A: super::IntoExpr,
    B: super::IntoExpr,
    A::Type: Instant,
    B::Type: Instant,
{
    Expr::new(ExprNode::call(
        "duration.between",
        vec![from.into_operand(), to.into_operand()],
    ))
}
