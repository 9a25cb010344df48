//! The query DSL: patterns, conditions, returns and their rendering to Cypher.

mod ast;
pub mod expr;
pub mod query;
pub mod render;
pub mod returns;

pub use expr::{not, Expr, Operand, Order, OrderItem, OrderItems, Predicate, Value};
pub use query::{match_, optional_match, AfterStep, Query, RelStep, Returning};
pub use render::{escape_name, CompiledQuery, Params};
pub use returns::{Identified, ReturnItem, ReturnItems, WithIdentity};
