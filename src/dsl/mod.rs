//! The query DSL: typed expressions, the clause pipeline and the one renderer.
//!
//! Driver-free: nothing here knows the Bolt client. A query renders to Cypher text plus typher's own
//! [`Value`] parameters; the execution layer converts them when it sends the query.
//!
//! * [`ast`]: the untyped query tree as plain data (expressions, patterns, clauses,
//!   queries), its constructors (`ast::build`, the only way the typed builders and the
//!   OGM build a node) and one visitor (`ast::visit`) every walk over the tree uses.
//! * [`scope`]: the type-level scope every reference is checked against.
//! * [`expr`]: typed expressions, their methods, operators, functions, aggregates and CASE.
//! * [`pattern`] and [`clause`]: patterns, then one module per clause family;
//!   [`handles`]: the pattern methods of label and relationship handles (`having`,
//!   `where_`, `value`, `hops`, `again`, `as_alias`); [`any_of`]: a bound node of any label
//!   of a `#[derive(Labels)]` enum (`Item::node()`); [`path`]: paths and the type they
//!   decode as.
//! * [`query`]: the builder type; [`render`]: the one renderer, a family per file.
//! * `tuples`: the one list of tuple arities (1 to 12) every tuple-taking method shares.
//!
//! No two files import each other (the architecture test checks it): [`ast`] and [`render`]
//! import nothing of the typed layer. A new clause costs one [`ast`] type (and its
//! constructor), one render function with its dispatch arm, and one typed builder method.

pub mod any_of;
pub mod ast;
pub mod clause;
pub mod expr;
pub mod handles;
pub mod path;
pub mod pattern;
pub mod query;
pub mod render;
pub mod row;
pub mod scope;
pub mod subquery;
pub(crate) mod tuples;
pub mod value;

pub use crate::schema::Identified;
pub use any_of::AnyOf;
pub use clause::create::{create, NewNode, NewRel, NodeValue, RelValue, ValueOf};
pub use clause::delete::DeleteItems;
pub use clause::match_::{match_, optional_match, AfterStep, RelStep};
pub use clause::merge::{merge, MergeNode, MergeRel};
pub use clause::procedure::{call_procedure, db, procedure, Procedure};
pub use clause::projection::{Projection, ProjectionItem};
pub use clause::return_::{return_, Returning};
pub use clause::set::{Assignment, LabelItem, RemoveItems, SetItems, WriteMethods};
pub use clause::union::Union;
pub use clause::unwind::{rows, unwind, Link, Rows};
pub use clause::with::with;
pub use expr::methods::{OrderItem, OrderItems};
pub use expr::{
    avg, case, case_of, collect, collect_distinct, count, count_all, count_distinct,
    duration_between, element_id, keys, labels, lit, max, min, not, now, null, param, range,
    raw_expr, relationship_type, sum, today, Expr, ExprMethods, Expression, IntoExpr, Literal,
    Name, Operand, Order, Param, Predicate,
};
pub use handles::{NodeMethods, RelMethods};
pub use path::{length, nodes, relationships, NodeIn, Path, PathNode, RelIn};
pub use pattern::{one_of, IntoRelPattern, ANY_REL};
pub use query::{
    Called, DistinctFirst, Merged, Ordered, Pattern, Projected, Query, Repeated, Unordered,
    Unwound, WriteEnd, Written,
};
pub use render::{escape_name, CompiledQuery, Params};
pub use subquery::{collect_of, comprehension, count_of, exists};
pub use value::Value;
