//! [`ExprMethods`]: the methods every typed expression has (Diesel's `ExpressionMethods`).

use super::functions::{ListOf, MapNull};
use super::list::{self, Item};
use super::map::MapItems;
use super::name::{Aliased, Name, NameTag, SameAs};
use super::temporal::{self, HasDate, HasTime};
use super::{
    BaseOf, BinaryOp, Expr, ExprKind, ExprNode, Expression, IntoExpr, Literal, Operand, Predicate,
    Reads2,
};
use crate::dsl::scope::Both;
use crate::dsl::tuples::for_tuples;
use crate::dsl::value::Value;
use crate::schema::{Comparable, Numeric, OptionalProperty, PropertyType, StringProperty};
use core::marker::PhantomData;

/// A sort key: an expression with a direction.
#[must_use = "an ordering does nothing until passed to `.order_by(..)`"]
pub struct Order<R> {
    pub(crate) expr: ExprNode,
    pub(crate) descending: bool,
    _refs: PhantomData<fn() -> R>,
}

impl<R> Order<R> {
    pub(crate) fn new(expr: ExprNode, descending: bool) -> Self {
        Self {
            expr,
            descending,
            _refs: PhantomData,
        }
    }
}

/// The reads of a function of three operands.
pub type Reads3<E, A, B> = Both<<E as Expression>::Refs, Reads2<A, B>>;

fn compare<E: Expression, O: IntoExpr>(op: BinaryOp, left: E, right: O) -> Predicate<Reads2<E, O>> {
    Expr::new(ExprNode::binary(
        op,
        left.into_expr_node(),
        right.into_operand(),
    ))
}

fn unary<T, E: Expression>(name: &'static str, e: E) -> Expr<T, E::Refs> {
    Expr::new(ExprNode::call(name, vec![e.into_expr_node()]))
}

/// Methods of every typed expression: comparisons, null checks, string and list functions,
/// ordering and naming. In scope through `typher::prelude`.
///
/// ```
/// # use typher::prelude::*;
/// # #[derive(Node)] pub struct Person { pub name: String, pub born: Option<i64> }
/// let q = match_(Person)
///     .filter(Person.name.to_lower().starts_with("tom") & Person.born.gt(1950))
///     .return_(Person.name.size());
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH (person:Person) WHERE toLower(person.name) STARTS WITH $p0 AND person.born > $p1 \
///      RETURN size(person.name) AS size"
/// );
/// ```
// `is_null` and friends build a predicate from the expression they consume, like Diesel's.
#[allow(clippy::wrong_self_convention)]
pub trait ExprMethods: Expression {
    /// `expr = value` (or another expression of the same type).
    fn eq<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Eq, self, other)
    }
    /// `expr <> value`.
    fn ne<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Ne, self, other)
    }
    /// `expr < value`.
    fn lt<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Lt, self, other)
    }
    /// `expr <= value`.
    fn le<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Le, self, other)
    }
    /// `expr > value`.
    fn gt<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Gt, self, other)
    }
    /// `expr >= value`.
    fn ge<O: Operand<BaseOf<Self>>>(self, other: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        compare(BinaryOp::Ge, self, other)
    }

    /// `expr IN $list`: one parameter holding every value.
    fn in_list<I>(self, values: I) -> Predicate<Self::Refs>
    where
        Self::Type: PropertyType,
        I: IntoIterator,
        I::Item: Literal + Operand<BaseOf<Self>>,
    {
        let list = Value::List(values.into_iter().map(Literal::into_value).collect());
        Expr::new(ExprNode::binary(
            BinaryOp::In,
            self.into_expr_node(),
            ExprNode::param(list),
        ))
    }

    /// `expr IN list`, where the list is itself an expression (`Movie.released.is_in(Person.years)`).
    fn is_in<L: IntoExpr>(self, list: L) -> Predicate<Reads2<Self, L>>
    where
        Self::Type: PropertyType,
        L::Type: super::functions::InList<BaseOf<Self>>,
    {
        compare(BinaryOp::In, self, list)
    }

    /// `expr IS NULL`; only on optional values.
    fn is_null(self) -> Predicate<Self::Refs>
    where
        Self::Type: OptionalProperty,
    {
        Expr::new(crate::dsl::ast::build::is_null(
            self.into_expr_node(),
            false,
        ))
    }

    /// `expr IS NOT NULL`; only on optional values.
    fn is_not_null(self) -> Predicate<Self::Refs>
    where
        Self::Type: OptionalProperty,
    {
        Expr::new(crate::dsl::ast::build::is_null(self.into_expr_node(), true))
    }

    /// Whether the property is stored at all: `expr IS NOT NULL` (Cypher 5's spelling of
    /// `exists(n.prop)`), on any property.
    fn exists(self) -> Predicate<Self::Refs>
    where
        Self::Type: PropertyType,
    {
        Expr::new(crate::dsl::ast::build::is_null(self.into_expr_node(), true))
    }

    /// `expr STARTS WITH value`; only on strings.
    fn starts_with<O: Operand<String>>(self, prefix: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        compare(BinaryOp::StartsWith, self, prefix)
    }

    /// `expr ENDS WITH value`; only on strings.
    fn ends_with<O: Operand<String>>(self, suffix: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        compare(BinaryOp::EndsWith, self, suffix)
    }

    /// `expr CONTAINS value`; only on strings.
    fn contains<O: Operand<String>>(self, part: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        compare(BinaryOp::Contains, self, part)
    }

    /// `expr =~ pattern` (a Java regular expression); only on strings.
    fn regex<O: Operand<String>>(self, pattern: O) -> Predicate<Reads2<Self, O>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        compare(BinaryOp::Regex, self, pattern)
    }

    /// `toUpper(expr)`.
    fn to_upper(self) -> Expr<Self::Type, Self::Refs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        unary("toUpper", self)
    }

    /// `toLower(expr)`.
    fn to_lower(self) -> Expr<Self::Type, Self::Refs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        unary("toLower", self)
    }

    /// `trim(expr)`.
    fn trim(self) -> Expr<Self::Type, Self::Refs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        unary("trim", self)
    }

    /// `substring(expr, start)`: the characters from `start` (0-based) to the end.
    fn substring_from<A: Operand<i64>>(self, start: A) -> Expr<Self::Type, Reads2<Self, A>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        Expr::new(ExprNode::call(
            "substring",
            vec![self.into_expr_node(), start.into_operand()],
        ))
    }

    /// `substring(expr, start, length)` (0-based start).
    fn substring<A: Operand<i64>, B: Operand<i64>>(
        self,
        start: A,
        length: B,
    ) -> Expr<Self::Type, Reads3<Self, A, B>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        Expr::new(ExprNode::call(
            "substring",
            vec![
                self.into_expr_node(),
                start.into_operand(),
                length.into_operand(),
            ],
        ))
    }

    /// `replace(expr, search, replacement)`.
    fn replace<A: Operand<String>, B: Operand<String>>(
        self,
        search: A,
        replacement: B,
    ) -> Expr<Self::Type, Reads3<Self, A, B>>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: StringProperty,
    {
        Expr::new(ExprNode::call(
            "replace",
            vec![
                self.into_expr_node(),
                search.into_operand(),
                replacement.into_operand(),
            ],
        ))
    }

    /// `split(expr, separator)`: a list of strings.
    fn split<A: Operand<String>>(
        self,
        separator: A,
    ) -> Expr<<Self::Type as MapNull<Vec<String>>>::Out, Reads2<Self, A>>
    where
        Self::Type: PropertyType + MapNull<Vec<String>>,
        BaseOf<Self>: StringProperty,
    {
        Expr::new(ExprNode::call(
            "split",
            vec![self.into_expr_node(), separator.into_operand()],
        ))
    }

    /// `toString(expr)`.
    fn to_string(self) -> Expr<<Self::Type as MapNull<String>>::Out, Self::Refs>
    where
        Self::Type: PropertyType + MapNull<String>,
    {
        unary("toString", self)
    }

    /// `toInteger(expr)`: null when the value does not convert.
    fn to_integer(self) -> Expr<Option<i64>, Self::Refs>
    where
        Self::Type: PropertyType,
    {
        unary("toInteger", self)
    }

    /// `toFloat(expr)`: null when the value does not convert.
    fn to_float(self) -> Expr<Option<f64>, Self::Refs>
    where
        Self::Type: PropertyType,
    {
        unary("toFloat", self)
    }

    /// `abs(expr)`.
    fn abs(self) -> Expr<Self::Type, Self::Refs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: Numeric,
    {
        unary("abs", self)
    }

    /// `round(expr)`, a float.
    fn round(self) -> Expr<<Self::Type as MapNull<f64>>::Out, Self::Refs>
    where
        Self::Type: PropertyType + MapNull<f64>,
        BaseOf<Self>: Numeric,
    {
        unary("round", self)
    }

    /// `floor(expr)`, a float.
    fn floor(self) -> Expr<<Self::Type as MapNull<f64>>::Out, Self::Refs>
    where
        Self::Type: PropertyType + MapNull<f64>,
        BaseOf<Self>: Numeric,
    {
        unary("floor", self)
    }

    /// `ceil(expr)`, a float.
    fn ceil(self) -> Expr<<Self::Type as MapNull<f64>>::Out, Self::Refs>
    where
        Self::Type: PropertyType + MapNull<f64>,
        BaseOf<Self>: Numeric,
    {
        unary("ceil", self)
    }

    /// `sqrt(expr)`, a float.
    fn sqrt(self) -> Expr<<Self::Type as MapNull<f64>>::Out, Self::Refs>
    where
        Self::Type: PropertyType + MapNull<f64>,
        BaseOf<Self>: Numeric,
    {
        unary("sqrt", self)
    }

    /// `size(expr)`: characters of a string, items of a list.
    fn size(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasSize + MapNull<i64>,
    {
        unary("size", self)
    }

    /// `head(list)`: the first item, null for an empty list.
    fn head<T>(self) -> Expr<Option<T>, Self::Refs>
    where
        Self::Type: ListOf<T>,
    {
        unary("head", self)
    }

    /// `map.key` of a map with a typed record (`#[derive(Record)]`): `card.key(Card.year)`;
    /// also a property of a node or relationship held as a value (`people.at(0)`), read
    /// with the property's handle: `people.at(0).key(Person.name)`. Of a value that may be
    /// null, the key may be null too.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let people = name!(people);
    /// let q = match_(Person).with(collect(Person).as_(people))
    ///     .return_(people.at(0).key(Person.name));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) WITH collect(person) AS people RETURN people[$p0].name AS name"
    /// );
    /// ```
    fn key<K>(self, key: K) -> Expr<<Self::Type as super::KeyIn<K::Value>>::Out, Self::Refs>
    where
        Self::Type: super::Keyed + super::KeyIn<K::Value>,
        K: super::KeyOf<<Self::Type as super::Keyed>::Record>,
    {
        super::record::record_key(self, key.name())
    }

    /// `map[key]`: a key chosen at run time (a string expression) of a node, relationship
    /// or map, read as `Option<T>`: explicitly unchecked (the key is not known before the
    /// query runs, so only the type given is trusted).
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let q = match_(Person).return_(Person.dynamic::<String, _>("name"));
    /// assert_eq!(q.to_cypher().text(), "MATCH (person:Person) RETURN person[$p0] AS expr");
    /// ```
    fn dynamic<T, K: Operand<String>>(self, key: K) -> Expr<Option<T>, Reads2<Self, K>>
    where
        Self::Type: super::Record,
    {
        Expr::from(ExprKind::Index(Box::new([
            self.into_expr_node(),
            key.into_operand(),
        ])))
    }

    /// `tail(list)`: every item but the first.
    fn tail<T>(self) -> Expr<Vec<T>, Self::Refs>
    where
        Self::Type: ListOf<T>,
    {
        unary("tail", self)
    }

    /// `last(list)`: the last item, null for an empty list.
    fn last<T>(self) -> Expr<Option<T>, Self::Refs>
    where
        Self::Type: ListOf<T>,
    {
        unary("last", self)
    }

    /// `list[index]`: null when out of range; negative indexes count from the end.
    fn at<T, I: Operand<i64>>(self, index: I) -> Expr<Option<T>, Reads2<Self, I>>
    where
        Self::Type: ListOf<T>,
    {
        Expr::from(ExprKind::Index(Box::new([
            self.into_expr_node(),
            index.into_operand(),
        ])))
    }

    /// `list[from..to]`: the items from `from` (inclusive) to `to` (exclusive).
    fn slice<T, A: Operand<i64>, B: Operand<i64>>(
        self,
        from: A,
        to: B,
    ) -> Expr<Vec<T>, Reads3<Self, A, B>>
    where
        Self::Type: ListOf<T>,
    {
        Expr::new(crate::dsl::ast::build::slice(
            self.into_expr_node(),
            Some(from.into_operand()),
            Some(to.into_operand()),
        ))
    }

    /// `[x IN list WHERE pred(x)]`: the items for which `pred` holds. The closure gets the
    /// item as a typed expression; what else it reads is checked against the query's scope.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String, pub nicknames: Vec<String> }
    /// let q = match_(Person).return_((
    ///     Person.nicknames.filtered(|n| n.starts_with("T")).mapped(|n| n.to_upper()),
    ///     Person.nicknames.any(|n| n.eq(Person.name)),
    ///     Person.nicknames.reduce(0, |total, n| total + n.size()),
    /// ));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN [x IN person.nicknames WHERE x STARTS WITH $p0 | toUpper(x)] AS expr, \
    ///      any(x_2 IN person.nicknames WHERE x_2 = person.name) AS expr_2, \
    ///      reduce(acc = $p1, x_3 IN person.nicknames | acc + size(x_3)) AS expr_3"
    /// );
    /// ```
    fn filtered<T, R>(
        self,
        pred: impl FnOnce(Item<T>) -> Predicate<R>,
    ) -> Expr<Vec<T>, Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::filtered(self, pred)
    }

    /// `[x IN list | f(x)]`: each item mapped; after `.filtered(..)` the two make one
    /// comprehension, `[x IN list WHERE .. | ..]`.
    fn mapped<T, U, R>(
        self,
        f: impl FnOnce(Item<T>) -> Expr<U, R>,
    ) -> Expr<Vec<U>, Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::mapped(self, f)
    }

    /// `any(x IN list WHERE pred(x))`: whether some item satisfies `pred`.
    fn any<T, R>(self, pred: impl FnOnce(Item<T>) -> Predicate<R>) -> Predicate<Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::quantifier("any", self, pred)
    }

    /// `all(x IN list WHERE pred(x))`: whether every item satisfies `pred`.
    fn all<T, R>(self, pred: impl FnOnce(Item<T>) -> Predicate<R>) -> Predicate<Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::quantifier("all", self, pred)
    }

    /// `none(x IN list WHERE pred(x))`: whether no item satisfies `pred`.
    fn none<T, R>(
        self,
        pred: impl FnOnce(Item<T>) -> Predicate<R>,
    ) -> Predicate<Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::quantifier("none", self, pred)
    }

    /// `single(x IN list WHERE pred(x))`: whether exactly one item satisfies `pred`.
    fn single<T, R>(
        self,
        pred: impl FnOnce(Item<T>) -> Predicate<R>,
    ) -> Predicate<Both<Self::Refs, R>>
    where
        Self::Type: ListOf<T>,
    {
        list::quantifier("single", self, pred)
    }

    /// `reduce(acc = init, x IN list | step(acc, x))`: folds the list into one value.
    fn reduce<T, A, I, R>(
        self,
        init: I,
        step: impl FnOnce(Item<A>, Item<T>) -> Expr<A, R>,
    ) -> Expr<A, list::ReduceReads<Self, I, R>>
    where
        Self::Type: ListOf<T>,
        I: IntoExpr<Type = A>,
    {
        list::reduce(self, init, step)
    }

    /// Map projection `person {.name, .born, movies: ..}` of a node or relationship, decoded
    /// as `T` (a struct whose fields are the keys): properties of this binding become
    /// `.key`, anything else needs a name (`expr.as_(name)`). An entry may not aggregate
    /// (Neo4j refuses `person {movies: count(movie)}`, which groups by `person` inside its
    /// own aggregate): aggregate in `WITH` first, then project the name.
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # #[derive(Node)] pub struct Person { pub name: String, pub born: Option<i64> }
    /// #[derive(serde::Deserialize)]
    /// struct Card { name: String, born: Option<i64>, initial: String }
    /// let q = match_(Person).return_(
    ///     Person.project::<Card, _>((Person.name, Person.born, Person.name.substring(0, 1).as_(name!(initial)))),
    /// );
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH (person:Person) RETURN person {.name, .born, initial: substring(person.name, $p0, $p1)} AS person_2"
    /// );
    /// ```
    fn project<T, I: MapItems>(self, items: I) -> Expr<T, Both<Self::Refs, I::Refs>>
    where
        Self: crate::schema::Handle,
        I::Refs: crate::dsl::scope::Aggregates,
        <I::Refs as crate::dsl::scope::Aggregates>::Out: super::map::Unaggregated,
    {
        super::map::project(self, items)
    }

    /// `coalesce(expr, default)`: the value, or `default` where it is null.
    fn coalesce<O: Operand<BaseOf<Self>>>(self, default: O) -> Expr<O::Type, Reads2<Self, O>>
    where
        Self::Type: PropertyType,
    {
        Expr::new(ExprNode::call(
            "coalesce",
            vec![self.into_expr_node(), default.into_operand()],
        ))
    }

    /// The year of a date or datetime: `expr.year`.
    fn year(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasDate + MapNull<i64>,
    {
        temporal::component(self, "year")
    }

    /// The month (1–12) of a date or datetime: `expr.month`.
    fn month(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasDate + MapNull<i64>,
    {
        temporal::component(self, "month")
    }

    /// The day of the month of a date or datetime: `expr.day`.
    fn day(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasDate + MapNull<i64>,
    {
        temporal::component(self, "day")
    }

    /// The hour of a datetime: `expr.hour`.
    fn hour(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasTime + MapNull<i64>,
    {
        temporal::component(self, "hour")
    }

    /// The minute of a datetime: `expr.minute`.
    fn minute(self) -> Expr<<Self::Type as MapNull<i64>>::Out, Self::Refs>
    where
        Self::Type: HasTime + MapNull<i64>,
    {
        temporal::component(self, "minute")
    }

    /// Sort ascending by this expression.
    fn asc(self) -> Order<Self::OrderRefs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: Comparable,
    {
        Order::new(self.into_expr_node(), false)
    }

    /// Sort descending by this expression.
    fn desc(self) -> Order<Self::OrderRefs>
    where
        Self::Type: PropertyType,
        BaseOf<Self>: Comparable,
    {
        Order::new(self.into_expr_node(), true)
    }

    /// `expr AS name`: names the value, for `WITH` and `RETURN`. Declare the name with
    /// [`name!`](crate::name); its type is the expression's.
    fn as_<Tag: NameTag, T>(self, name: Name<Tag, T>) -> Aliased<Tag, T, Self::Refs>
    where
        Self::Type: SameAs<T>,
    {
        let _ = name;
        Aliased::new(self.into_expr_node())
    }
}

impl<E: Expression> ExprMethods for E {}

/// Values with a size: strings and lists.
#[diagnostic::on_unimplemented(
    message = "`size` needs a string or a list, found `{Self}`",
    label = "has no size"
)]
#[doc(hidden)]
pub trait HasSize {}
impl HasSize for String {}
impl<T> HasSize for Vec<T> {}
impl<T: HasSize> HasSize for Option<T> {}

/// Sort keys accepted by `.order_by(..)`: one key or a tuple of keys.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used to order this query",
    label = "expected `expr.asc()`, `expr.desc()`, an expression, or a tuple of them",
    note = "every key must read only what is in scope, and hold a value with an order"
)]
#[doc(hidden)]
pub trait OrderItems<S> {
    /// The bindings the keys read; `.order_by` checks them against the scope.
    type Refs;
    /// Appends `(expression, descending)` pairs.
    #[doc(hidden)]
    fn push_order(self, out: &mut Vec<(ExprNode, bool)>);
}

/// One sort key of a tuple passed to `.order_by(..)`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sort key",
    label = "expected `expr.asc()`, `expr.desc()` or an expression with an order"
)]
#[doc(hidden)]
pub trait OrderItem<S> {
    /// The bindings the key reads.
    type Refs;
    /// The key with its direction.
    #[doc(hidden)]
    fn into_order(self) -> (ExprNode, bool);
}

impl<S, R> OrderItem<S> for Order<R> {
    type Refs = R;
    fn into_order(self) -> (ExprNode, bool) {
        (self.expr, self.descending)
    }
}

impl<S, E: Expression> OrderItem<S> for E
where
    E::Type: PropertyType,
    BaseOf<E>: Comparable,
{
    type Refs = E::OrderRefs;
    fn into_order(self) -> (ExprNode, bool) {
        (self.into_expr_node(), false)
    }
}

impl<S, R> OrderItems<S> for Order<R> {
    type Refs = R;
    fn push_order(self, out: &mut Vec<(ExprNode, bool)>) {
        out.push(OrderItem::<S>::into_order(self));
    }
}

impl<S, E: Expression> OrderItems<S> for E
where
    E: OrderItem<S>,
{
    type Refs = <E as OrderItem<S>>::Refs;
    fn push_order(self, out: &mut Vec<(ExprNode, bool)>) {
        out.push(self.into_order());
    }
}

macro_rules! order_tuples {
    ($n:literal: $($name:ident $_u:ident $_i:tt),+) => {
        impl<S, $($name: OrderItem<S>),+> OrderItems<S> for ($($name,)+) {
            type Refs = crate::__private::both!($($name::Refs),+);
            #[allow(non_snake_case)]
            fn push_order(self, out: &mut Vec<(ExprNode, bool)>) {
                let ($($name,)+) = self;
                $(out.push($name.into_order());)+
            }
        }
    };
}
for_tuples!(order_tuples);
