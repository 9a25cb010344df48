//! Paths: binding a pattern to a path variable (`p = (..)-[..]->(..)`), `shortestPath` and
//! `allShortestPaths`, checked against what the pattern walked ([`NodeIn`], [`RelIn`]); the
//! path functions, and the typed value a returned path decodes as.

use super::expr::{Expr, ExprNode, Expression, Name, NameTag, Val};
use super::pattern::{AnyRel, Hops, RelHaving};
use super::query::{Begin, Pattern, Query, Unwalked, Walk};
use super::scope::Var;
use crate::dsl::ast::Shortest;
use crate::schema::{Again, AnyLabel, Binding, LabelVariant, Labels, NoLabels, OrNull, RelUnion};
use serde::{Deserialize, Serialize};

/// A path as a typed value: its nodes (decoded as `N`) and the relationships between them
/// (decoded as `R`), in walking order. A path of length `k` has `k` relationships and
/// `k + 1` nodes; [`start`](Path::start), [`end`](Path::end) and
/// [`segments`](Path::segments) read it as a start node and (relationship, node) steps.
///
/// A returned path variable renders as `{nodes: nodes(p), relationships: relationships(p)}`,
/// so it decodes the same way from every server. Name it with its types:
/// `let route = name!(route: Path<Person, Follows>);`. For a path through several labels
/// or types, `N` or `R` can be an enum that deserializes from each of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawPath<N, R>")]
pub struct Path<N, R> {
    nodes: Vec<N>,
    relationships: Vec<R>,
}

/// What the server sends for a returned path, before its shape is checked.
#[derive(Deserialize)]
struct RawPath<N, R> {
    nodes: Vec<N>,
    relationships: Vec<R>,
}

impl<N, R> TryFrom<RawPath<N, R>> for Path<N, R> {
    type Error = String;
    fn try_from(raw: RawPath<N, R>) -> Result<Self, String> {
        if raw.nodes.len() != raw.relationships.len() + 1 {
            return Err(format!(
                "a path has one node more than relationships, but the server sent {} nodes and {} relationships",
                raw.nodes.len(),
                raw.relationships.len()
            ));
        }
        Ok(Self {
            nodes: raw.nodes,
            relationships: raw.relationships,
        })
    }
}

impl<N, R> Path<N, R> {
    /// The first node.
    pub fn start(&self) -> &N {
        &self.nodes[0]
    }

    /// The last node (the start, for a path of length 0).
    pub fn end(&self) -> &N {
        &self.nodes[self.nodes.len() - 1]
    }

    /// How many relationships the path walks.
    pub fn len(&self) -> usize {
        self.relationships.len()
    }

    /// Whether the path walks no relationship (a single node).
    pub fn is_empty(&self) -> bool {
        self.relationships.is_empty()
    }

    /// Every node, start to end.
    pub fn nodes(&self) -> &[N] {
        &self.nodes
    }

    /// Every relationship, in walking order.
    pub fn relationships(&self) -> &[R] {
        &self.relationships
    }

    /// The steps after the start: each relationship with the node it reaches.
    pub fn segments(&self) -> impl Iterator<Item = (&R, &N)> {
        self.relationships.iter().zip(&self.nodes[1..])
    }
}

impl<N, R> OrNull for Path<N, R> {
    type Out = Option<Path<N, R>>;
    type Inner = Path<N, R>;
}

/// What a [`Path`]'s nodes may decode as: a node struct (`#[derive(Node)]`), an enum of
/// labels (`#[derive(Labels)]`, whose nodes return as the variant each holds), or a type
/// that deserializes from the nodes it holds (an untagged enum of your own, say:
/// `impl typher::dsl::PathNode for MyNode {}` and, per label it holds,
/// `impl typher::dsl::NodeIn<Person> for MyNode {}`).
#[diagnostic::on_unimplemented(
    message = "a path's nodes cannot decode as `{Self}`",
    label = "expected a node struct, an enum with `#[derive(Labels)]`, or a type with `impl PathNode`",
    note = "a type that deserializes from nodes opts in with `impl typher::dsl::PathNode for MyNode {{}}`, and `impl typher::dsl::NodeIn<Person> for MyNode {{}}` per label it holds"
)]
pub trait PathNode {
    /// The variants of an enum of labels: each node returns as `{Variant: node}`. Empty
    /// for anything else, whose nodes return as they are.
    const VARIANTS: &'static [LabelVariant] = &[];
}

/// Every label and relationship type a pattern walked fits a path of nodes `N` and
/// relationships `R` ([`NodeIn`], [`RelIn`]).
#[doc(hidden)]
pub trait Walked<N, R> {
    /// The node type's [`PathNode::VARIANTS`].
    const VARIANTS: &'static [LabelVariant];
}
impl<N: PathNode, R> Walked<N, R> for Unwalked {
    const VARIANTS: &'static [LabelVariant] = N::VARIANTS;
}
impl<N: NodeIn<L>, R, L> Walked<N, R> for Begin<L> {
    const VARIANTS: &'static [LabelVariant] = N::VARIANTS;
}
impl<N: NodeIn<L>, R: RelIn<P>, W: Walked<N, R>, P, L> Walked<N, R> for Walk<W, P, L> {
    const VARIANTS: &'static [LabelVariant] = N::VARIANTS;
}

/// A path's node type holds nodes of label `L`: the label's own struct, or an enum with
/// `#[derive(Labels)]` that has it as a variant (both generated). A type of your own that
/// implements [`PathNode`] says which labels it holds: `impl NodeIn<Person> for MyNode {}`.
#[diagnostic::on_unimplemented(
    message = "the path is declared with `{Self}` nodes, but its pattern passes through `{L}` nodes",
    label = "the pattern's nodes do not decode as the path's node type",
    note = "declare the path with the label its pattern walks (`name!(p: Path<Person, Follows>)`), or with an enum with `#[derive(Labels)]` holding each label"
)]
pub trait NodeIn<L>: PathNode {}
impl<N: PathNode> NodeIn<AnyLabel> for N {}
impl<N: PathNode> NodeIn<NoLabels> for N {}
impl<N: NodeIn<H> + NodeIn<T>, H, T> NodeIn<Labels<H, T>> for N {}

/// A path's relationship type holds the relationships of pattern `P`: the relationship
/// type's own struct (generated). A type of your own that deserializes from several types
/// says which it holds: `impl<B> RelIn<FOLLOWS<B>> for MyRel {}`.
#[diagnostic::on_unimplemented(
    message = "the path is declared with `{Self}` relationships, but its pattern walks `{P}`",
    label = "the pattern's relationships do not decode as the path's relationship type",
    note = "declare the path with the struct of the relationship its pattern walks (`name!(p: Path<Person, Follows>)` for `FOLLOWS`)"
)]
pub trait RelIn<P> {}
impl<R: RelIn<P>, P> RelIn<Hops<P>> for R {}
impl<R: RelIn<P>, P> RelIn<Again<P>> for R {}
impl<R: RelIn<P>, P, X> RelIn<RelHaving<P, X>> for R {}
impl<R: RelIn<A> + RelIn<B>, A, B> RelIn<RelUnion<A, B>> for R {}
impl<R> RelIn<AnyRel> for R {}

/// A value that is a path: what the path functions take.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a path",
    label = "expected a path variable, bound with `.as_path(p)` or `.shortest_path(p)`",
    note = "`length`, `nodes` and `relationships` take a path: name one with `let p = name!(p: Path<Person, Follows>);` and bind it with `.as_path(p)`"
)]
pub trait IsPath {
    /// The type its nodes decode as.
    type Node;
    /// The type its relationships decode as.
    type Relationship;
}
impl<N, R> IsPath for Path<N, R> {
    type Node = N;
    type Relationship = R;
}
impl<N, R> IsPath for Option<Path<N, R>> {
    type Node = N;
    type Relationship = R;
}

fn path_call<T, E: Expression>(name: &'static str, path: E) -> Expr<T, E::Refs> {
    Expr::new(ExprNode::call(name, vec![path.into_expr_node()]))
}

/// `length(p)`: how many relationships a path walks.
///
/// ```
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// let route = name!(route: Path<Person, Follows>);
/// let q = match_(Person).rel(FOLLOWS.hops(1..=3)).to(Person.alias(Coactor))
///     .as_path(route)
///     .return_(length(route));
/// assert_eq!(
///     q.to_cypher().text(),
///     "MATCH route = (person:Person)-[:FOLLOWS*1..3]->(coactor:Person) RETURN length(route) AS length"
/// );
/// ```
pub fn length<E: Expression>(path: E) -> Expr<i64, E::Refs>
where
    E::Type: IsPath,
{
    path_call("length", path)
}

/// `nodes(p)`: a path's nodes, start to end.
pub fn nodes<E: Expression>(path: E) -> Expr<Vec<<E::Type as IsPath>::Node>, E::Refs>
where
    E::Type: IsPath,
{
    path_call("nodes", path)
}

/// `relationships(p)`: a path's relationships, in walking order.
pub fn relationships<E: Expression>(
    path: E,
) -> Expr<Vec<<E::Type as IsPath>::Relationship>, E::Refs>
where
    E::Type: IsPath,
{
    path_call("relationships", path)
}

/// The query after the pattern it is building is bound to path `Name<Tag, T>`.
pub type WithPath<S, L, N, Tag, T, W = Unwalked> = Query<Var<Val<Tag, T>, N, S>, Pattern<L, N, W>>;

impl<S, L, N, W> Query<S, Pattern<L, N, W>> {
    fn bind_path<Tag: NameTag, T: IsPath + 'static>(
        mut self,
        shortest: Option<Shortest>,
    ) -> WithPath<S, L, N, Tag, T, W>
    where
        W: Walked<T::Node, T::Relationship>,
    {
        if let Some(pattern) = self.ast.last_pattern() {
            pattern.path = Some(<Val<Tag, T> as Binding>::KEY);
            pattern.shortest = shortest;
            pattern.nodes = <W as Walked<T::Node, T::Relationship>>::VARIANTS;
        }
        self.retype()
    }

    /// `MATCH p = (..)-[..]->(..)`: binds the pattern built so far (since the last
    /// `match_`/`also`) to path variable `path`, typed [`Path`].
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let route = name!(route: Path<Person, Follows>);
    /// let q = match_(Person).rel(FOLLOWS).to(Person.alias(Coactor)).as_path(route).return_(route);
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH route = (person:Person)-[:FOLLOWS]->(coactor:Person) \
    ///      RETURN {nodes: nodes(route), relationships: relationships(route)} AS route"
    /// );
    /// ```
    pub fn as_path<Tag: NameTag, T: IsPath + 'static>(
        self,
        path: Name<Tag, T>,
    ) -> WithPath<S, L, N, Tag, T, W>
    where
        N: crate::dsl::clause::match_::OwnClause,
        W: Walked<T::Node, T::Relationship>,
    {
        let _ = path;
        self.bind_path(None)
    }

    /// `MATCH p = shortestPath((..)-[..*]-(..))`: one shortest path of the pattern, bound to
    /// `path`. (Neo4j 5 also has `SHORTEST k`, which not every server accepts;
    /// `shortestPath` runs on both.)
    ///
    /// ```
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// let route = name!(route: Path<Person, Follows>);
    /// let q = match_(Person.having(Person.name, "Ann"))
    ///     .rel(FOLLOWS.hops(..)).either(Person.alias(Coactor).having(Person.name, "Bob"))
    ///     .shortest_path(route)
    ///     .return_(length(route));
    /// assert_eq!(
    ///     q.to_cypher().text(),
    ///     "MATCH route = shortestPath((person:Person {name: $p0})-[:FOLLOWS*]-(coactor:Person {name: $p1})) \
    ///      RETURN length(route) AS length"
    /// );
    /// ```
    pub fn shortest_path<Tag: NameTag, T: IsPath + 'static>(
        self,
        path: Name<Tag, T>,
    ) -> WithPath<S, L, N, Tag, T, W>
    where
        N: crate::dsl::clause::match_::OwnClause,
        W: Walked<T::Node, T::Relationship>,
    {
        let _ = path;
        self.bind_path(Some(Shortest::One))
    }

    /// `MATCH p = allShortestPaths((..)-[..*]-(..))`: every shortest path, one row each.
    pub fn all_shortest_paths<Tag: NameTag, T: IsPath + 'static>(
        self,
        path: Name<Tag, T>,
    ) -> WithPath<S, L, N, Tag, T, W>
    where
        N: crate::dsl::clause::match_::OwnClause,
        W: Walked<T::Node, T::Relationship>,
    {
        let _ = path;
        self.bind_path(Some(Shortest::All))
    }
}
