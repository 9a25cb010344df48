//! Properties the schema does not declare, read and written with an explicit type:
//! `Person.extra::<String>("nick")`. Explicitly unchecked: the key is not checked against
//! the label, only the values against the type given.

use super::{Expression, Operand};
use crate::dsl::ast::{build, ExprNode};
use crate::dsl::clause::set::Assignment;
use crate::dsl::scope::{Both, Cons, Nil};
use crate::schema::names::GraphName;
use crate::schema::{Binding, PropertyType};
use core::marker::PhantomData;

/// An undeclared property of type `T` of the node or relationship bound as `B`; it may be
/// missing, so it reads as `Option<T>`. See [`NodeMethods::extra`](crate::dsl::NodeMethods::extra).
pub struct Extra<T, B> {
    key: GraphName,
    _property: PhantomData<fn() -> (T, B)>,
}

impl<T, B> Clone for Extra<T, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T, B> Copy for Extra<T, B> {}

impl<T, B> Extra<T, B> {
    pub(crate) fn new(key: &'static str) -> Self {
        Self {
            key: GraphName::new(key),
            _property: PhantomData,
        }
    }
}

impl<T: PropertyType, B: Binding> Expression for Extra<T, B> {
    type Type = Option<T>;
    type Refs = Cons<B, Nil>;
    type OrderRefs = Cons<B, Nil>;
    type Entry<N, Rest> = Rest;
    type Carry = crate::dsl::scope::False;
    fn into_expr_node(self) -> ExprNode {
        build::property(B::KEY, self.key)
    }
}

impl<T: PropertyType, B: Binding> Extra<T, B> {
    /// `variable.key = value`: an assignment for `.set(..)`; the value must have type `T`.
    pub fn to<V: Operand<T::Base>>(self, value: V) -> Assignment<Both<Cons<B, Nil>, V::Refs>> {
        Assignment::new(build::set_property(B::KEY, self.key, value.into_operand()))
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[derive(Node, serde::Serialize)]
    struct Item {
        key: i64,
    }

    #[test]
    fn an_undeclared_property_is_read_and_set_with_its_type() {
        let q = match_(Item)
            .filter(Item.extra::<String>("nick").eq("x"))
            .set(Item.extra::<i64>("seen").to(3));
        assert_eq!(
            q.to_cypher().text(),
            "MATCH (item:Item) WHERE item.nick = $p0 SET item.seen = $p1"
        );
    }
}
