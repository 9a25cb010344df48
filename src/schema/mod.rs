//! Labels, relationship types and properties as types.
//!
//! `#[derive(Node)]` on `struct Person { name: String, born: Option<i64> }` keeps `Person` as the
//! data type and adds, in the value namespace, a const `Person` of the zero-sized handle type
//! `PersonNode`. The handle's fields are zero-sized [`Property`] handles (`Person.born`) that
//! know their owner and their Rust value type. `#[derive(Relationship)]` does the same for a
//! relationship type (the const is named after the type, `ACTED_IN`) and records its allowed
//! endpoints as [`StartOf`] / [`EndOf`] impls. `#[derive(Alias)]` names a second binding of the
//! same label (`Person.alias(Coactor)`).
//!
//! The derives emit identities and schema facts only; the checks built on them live in
//! [`crate::dsl::scope`].

mod endpoints;
pub(crate) mod identity;
pub mod names;
mod property;
mod types;

pub use property::Property;
pub use types::{
    Comparable, FitsNull, HoldsBase, MapNull, Numeric, OptionalProperty, OrNull, PropertyType,
    StringProperty,
};

use core::marker::PhantomData;

/// A node label or relationship type declared by a derive; implemented on the data struct.
pub trait Element: 'static {
    /// The Rust name of the data struct.
    const NAME: &'static str;
    /// The Cypher variable a binding of this element renders as by default.
    const VARIABLE: &'static str;
    /// Type-level identity, compared generically by the scope checks.
    type Id;
    /// The same identity as a number, for the renderer.
    const ID: u64;
}

/// Something a scope holds under a variable: a label or relationship binding, a named value,
/// a projected property.
pub trait Binding: 'static {
    /// Type-level identity of this binding.
    type Id;
    /// Runtime identity of this binding, used to name its variable.
    const KEY: BindingKey;
    /// What a compiler message shows for this binding: the label's or relationship type's
    /// struct, the alias, the tag a `name!(..)` declared.
    #[doc(hidden)]
    type Shown;
}

/// A binding of a label or relationship type: an [`Element`], or an element under an [`Alias`].
pub trait ElementBinding: Binding {
    /// The label or relationship type bound.
    type Element: Element;
}

/// The handle type of a label's or relationship type's struct (`PersonNode` for `Person`):
/// what a value of the struct is checked as in writes.
#[doc(hidden)]
pub trait HasHandle {
    /// The handle type, unaliased.
    type Handle;
}

/// Runtime identity of a binding: its preferred variable and its identity hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BindingKey {
    /// Preferred Cypher variable, with its quoting worked out.
    pub variable: names::GraphName,
    /// The identity hash, telling apart bindings that share a variable name.
    pub id: u64,
}

impl BindingKey {
    /// The key of a binding preferring `variable`, with identity `id`.
    pub const fn new(variable: &'static str, id: u64) -> Self {
        Self {
            variable: names::GraphName::new(variable),
            id,
        }
    }
}

/// A name for a second binding of a label or relationship type; `#[derive(Alias)]` on a unit struct.
pub trait Alias: 'static {
    /// The Rust name of the alias struct.
    const NAME: &'static str;
    /// The Cypher variable the aliased binding renders as.
    const VARIABLE: &'static str;
    /// Type-level identity of the alias.
    type Id;
    /// The same identity as a number, for the renderer.
    const ID: u64;
}

/// Element `E` bound under alias `A`: the binding of `Person.alias(Coactor)`.
pub struct As<E, A>(PhantomData<fn() -> (E, A)>);

impl<E: Element, A: Alias> Binding for As<E, A> {
    type Id = identity::AliasedId<E::Id, A::Id>;
    const KEY: BindingKey = BindingKey::new(A::VARIABLE, E::ID.rotate_left(17) ^ A::ID);
    type Shown = A;
}

impl<E: Element, A: Alias> ElementBinding for As<E, A> {
    type Element = E;
}

/// Schema metadata of one property, for a later schema install.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyMeta {
    /// Rust field name.
    pub field: &'static str,
    /// Graph property key.
    pub key: &'static str,
    /// Declared `#[node(unique)]`.
    pub unique: bool,
    /// Declared `#[node(index)]`.
    pub index: bool,
    /// Declared `#[node(version)]`: the OGM's optimistic-locking counter.
    pub version: bool,
    /// The Rust type is an `Option`.
    pub optional: bool,
    /// Declared `#[node(key)]`: part of the label's node key.
    pub node_key: bool,
    /// Declared `#[node(text_index)]`: a text index belongs on this property.
    pub text_index: bool,
    /// The Cypher type of its values (`INTEGER`, `LIST<STRING NOT NULL>` ..), if any.
    pub cypher_type: Option<&'static str>,
}

/// A node label; `#[derive(Node)]` implements it on the data struct.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a node label",
    label = "not a label",
    note = "labels are structs with `#[derive(Node)]`"
)]
pub trait NodeLabel: Element {
    /// The graph label.
    const LABEL: &'static str;
    /// The label with its quoting worked out.
    #[doc(hidden)]
    const LABEL_NAME: names::GraphName = names::GraphName::new(Self::LABEL);
    /// The properties with their schema metadata, in field order.
    const PROPERTIES: &'static [PropertyMeta];
    /// Labels every node of this struct also carries (`#[node(extra_labels = [..])]`):
    /// written with the label when a node is created.
    const EXTRA_LABELS: &'static [names::GraphName] = &[];
    /// Whether a field keeps the properties the struct does not declare
    /// (`#[node(extras)]`): then a value is written as a whole map, never spread over the
    /// declared properties.
    const EXTRAS: bool = false;
    /// The properties a value of the struct is written as, one by one (`{name: row.name,
    /// ..}`); empty when the struct keeps undeclared properties, which are written whole.
    #[doc(hidden)]
    const SPREAD: &'static [PropertyMeta] = if Self::EXTRAS { &[] } else { Self::PROPERTIES };
}

/// One variant of a [`NodeLabels`] enum: the variant's name (the key its value is read
/// under) and the label whose nodes it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelVariant {
    /// The variant's key (its name, after serde's renames).
    pub variant: &'static str,
    /// The label of the variant's struct.
    pub label: names::GraphName,
}

/// An enum of label structs, one variant per label: a node of any one of those labels.
/// `#[derive(Labels)]` implements it, and `Item::node()` binds such a node,
/// `(item:Person|Movie)`.
pub trait NodeLabels: Element {
    /// The labels as a set ([`Labels`]): a step from or to the node must fit each.
    type Set;
    /// The variants, in declaration order.
    const VARIANTS: &'static [LabelVariant];
}

/// A relationship type; `#[derive(Relationship)]` implements it on the data struct.
pub trait RelType: Element {
    /// The graph relationship type.
    const TYPE: &'static str;
    /// The type with its quoting worked out.
    #[doc(hidden)]
    const TYPE_NAME: names::GraphName = names::GraphName::new(Self::TYPE);
    /// The properties with their schema metadata, in field order.
    const PROPERTIES: &'static [PropertyMeta];
    /// Labels a relationship of this type may start at.
    const FROM: &'static [&'static str];
    /// Labels a relationship of this type may end at.
    const TO: &'static [&'static str];
    /// How many relationships of this type one start node may have
    /// (`#[relationship(cardinality(start = ..))]`); the OGM enforces it.
    const START_CARDINALITY: Cardinality = Cardinality::ZeroOrMore;
    /// How many relationships of this type one end node may have
    /// (`#[relationship(cardinality(end = ..))]`); the OGM enforces it.
    const END_CARDINALITY: Cardinality = Cardinality::ZeroOrMore;
}

/// How many relationships of one type a node at one end may have: declared with
/// `#[relationship(cardinality(start = .., end = ..))]`, enforced by the OGM in the query
/// that writes, and checked when it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Cardinality {
    /// Any number (the default).
    ZeroOrMore,
    /// At least one.
    OneOrMore,
    /// At most one.
    ZeroOrOne,
    /// Exactly one.
    One,
}

impl Cardinality {
    /// The fewest relationships allowed.
    pub const fn min(self) -> u64 {
        match self {
            Cardinality::ZeroOrMore | Cardinality::ZeroOrOne => 0,
            Cardinality::OneOrMore | Cardinality::One => 1,
        }
    }

    /// The most relationships allowed, if bounded.
    pub const fn max(self) -> Option<u64> {
        match self {
            Cardinality::ZeroOrMore | Cardinality::OneOrMore => None,
            Cardinality::ZeroOrOne | Cardinality::One => Some(1),
        }
    }

    /// Whether a node may have `count` relationships.
    pub const fn allows(self, count: u64) -> bool {
        count >= self.min()
            && match self.max() {
                Some(max) => count <= max,
                None => true,
            }
    }
}

impl core::fmt::Display for Cardinality {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Cardinality::ZeroOrMore => "zero or more",
            Cardinality::OneOrMore => "one or more",
            Cardinality::ZeroOrOne => "zero or one",
            Cardinality::One => "exactly one",
        })
    }
}

/// One property of an element; implemented on a marker type per field by the derives.
pub trait Field: 'static {
    /// The element the property belongs to.
    type Owner: Element;
    /// The Rust type of the field.
    type Value: PropertyType;
    /// The graph property key.
    const KEY: &'static str;
    /// The key with its quoting worked out.
    #[doc(hidden)]
    const KEY_NAME: names::GraphName = names::GraphName::new(Self::KEY);
    /// The Rust field name.
    const FIELD: &'static str;
    /// Whether the property may be absent (an `Option` field).
    const OPTIONAL: bool = <Self::Value as PropertyType>::OPTIONAL;
    /// The Cypher type of its values, if any (see [`PropertyType::CYPHER_TYPE`]).
    const CYPHER_TYPE: Option<&'static str> = <Self::Value as PropertyType>::CYPHER_TYPE;
    /// Type-level identity of the field, for projected properties.
    type Id;
    /// The same identity as a number, for the renderer.
    const ID: u64;
}

/// `Self` is a property of label or relationship type `L`; generated for every field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a property of `{L}`",
    label = "this property belongs to another label or relationship type",
    note = "a property is `Label.field` of the struct that declares it: inline properties (`.having(..)`), MERGE keys and `get_or_create` keys take the properties of the node or relationship they stand for"
)]
pub trait PropertyOf<L> {}

/// A handle that binds one variable: a label or a single relationship type, maybe aliased.
pub trait Handle: Copy {
    /// The binding this handle refers to.
    type Binding: ElementBinding;
    /// Whether the handle is a relationship type (else a label).
    #[doc(hidden)]
    const RELATIONSHIP: bool;

    /// Returns the node or relationship with its identity: `RETURN {element_id: elementId(n),
    /// labels: labels(n), data: n}`, decoded as [`Identified`].
    fn identified(self) -> WithIdentity<Self> {
        WithIdentity(self)
    }
}

/// The zero-sized handle of a label (`Person`, or `Person.alias(Coactor)`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a node label",
    label = "expected a label such as `Person` (a struct with `#[derive(Node)]`)"
)]
pub trait NodeHandle: Handle {
    /// The label.
    type Label: NodeLabel;
    /// This handle under alias `A`.
    type Aliased<A: Alias>: NodeHandle<Label = Self::Label>;

    /// The same label under another name: `Person.alias(Coactor)`.
    fn alias<A: Alias>(self, _alias: A) -> Self::Aliased<A> {
        self.aliased()
    }

    /// The node this handle already bound, rather than a new one:
    /// `.rel(DIRECTED).from(Person.again())` closes a cycle, `.optional_match(Person.again())`
    /// continues from a matched node.
    fn again(self) -> Again<Self> {
        Again(self)
    }

    #[doc(hidden)]
    fn aliased<A: Alias>(self) -> Self::Aliased<A>;
}

/// The node a handle already bound; see [`NodeHandle::again`].
#[derive(Clone, Copy)]
pub struct Again<H>(pub(crate) H);

/// A stored node or relationship: its element id, its labels (or type) and its properties
/// as the struct `T`, which it derefs to. Queries return it for
/// [`Handle::identified`], and the OGM for every node it loads or writes.
///
/// The element id finds the node again for the OGM's `save`, `refresh` and `delete`.
/// Servers may give a deleted node's id to a new node (ArcadeDB does so at once), and
/// ArcadeDB moves a node to a new id when its labels change: an `Identified` kept across
/// such changes can miss its node, or meet another one of the same label (which the OGM
/// refuses when the label has a `#[node(key)]`: it checks the key with the id).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Identified<T> {
    /// The server's element id (`elementId(..)`), stable within a transaction.
    pub element_id: String,
    /// The node's labels, or the relationship's type.
    pub labels: Vec<String>,
    /// The properties, decoded as the struct.
    pub data: T,
}

impl<T> core::ops::Deref for Identified<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> core::ops::DerefMut for Identified<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

impl<T> OrNull for Identified<T> {
    type Out = Option<Identified<T>>;
    type Inner = Identified<T>;
}

/// A node or relationship returned with its identity; see [`Handle::identified`].
#[derive(Clone, Copy)]
pub struct WithIdentity<H>(pub(crate) H);

/// What may stand in a relationship step: one relationship type, or several (`ACTED_IN.or(DIRECTED)`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relationship type",
    label = "expected a relationship such as `ACTED_IN` (a struct with `#[derive(Relationship)]`)"
)]
pub trait RelHandle: Sized {
    /// The binding this step binds: a [`Binding`], or [`Unbound`] for several types.
    type Bound;
    /// The binding's key, if this step binds a variable.
    const KEY: Option<BindingKey>;
    /// The labels a relationship of this step may start at, as a [`Labels`] set.
    type Starts;
    /// The labels a relationship of this step may end at, as a [`Labels`] set.
    type Ends;

    /// Appends the relationship types, rendered as `:A|B`.
    fn push_types(out: &mut Vec<names::GraphName>);

    /// The relationship types; borrowed for a single type, so a step allocates nothing.
    #[doc(hidden)]
    fn types() -> std::borrow::Cow<'static, [names::GraphName]> {
        let mut out = Vec::new();
        Self::push_types(&mut out);
        std::borrow::Cow::Owned(out)
    }

    /// Matches either this relationship type or `other`: `ACTED_IN.or(DIRECTED)`.
    fn or<R: RelHandle>(self, _other: R) -> RelUnion<Self, R> {
        RelUnion(PhantomData)
    }
}

/// A single relationship type handle, which can be aliased.
pub trait RelBindingHandle: RelHandle + Handle {
    /// This handle under alias `A`.
    type Aliased<A: Alias>: RelHandle;

    /// The same relationship type under another name: `ACTED_IN.alias(Role2)`.
    fn alias<A: Alias>(self, _alias: A) -> Self::Aliased<A> {
        self.aliased()
    }

    #[doc(hidden)]
    fn aliased<A: Alias>(self) -> Self::Aliased<A>;
}

/// What a relationship step through several types binds: nothing.
pub struct Unbound;

/// Several relationship types in one step; binds no variable, so it has no properties.
pub struct RelUnion<A, B>(PhantomData<fn() -> (A, B)>);

impl<A, B> Clone for RelUnion<A, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<A, B> Copy for RelUnion<A, B> {}

impl<A: RelHandle, B: RelHandle> RelHandle for RelUnion<A, B> {
    type Bound = Unbound;
    const KEY: Option<BindingKey> = None;
    type Starts = Labels<A::Starts, Labels<B::Starts, NoLabels>>;
    type Ends = Labels<A::Ends, Labels<B::Ends, NoLabels>>;

    fn push_types(out: &mut Vec<names::GraphName>) {
        A::push_types(out);
        B::push_types(out);
    }
}

impl<L: StartOf<A> + StartOf<B>, A, B> StartOf<RelUnion<A, B>> for L {
    type Fits = <L as StartOf<A>>::Fits;
}
impl<L: EndOf<A> + EndOf<B>, A, B> EndOf<RelUnion<A, B>> for L {
    type Fits = <L as EndOf<A>>::Fits;
}
impl<L: Endpoint<A> + Endpoint<B>, A, B> Endpoint<RelUnion<A, B>> for L {}
impl<L: Connects<A, T> + Connects<B, T>, T, A, B> Connects<RelUnion<A, B>, T> for L {
    type Far = Labels<<L as Connects<A, T>>::Far, Labels<<L as Connects<B, T>>::Far, NoLabels>>;
}

pub use endpoints::{
    AnyLabel, Connects, EndOf, Endpoint, EndsAt, Labels, NearEndFits, NoLabels, RelatedBy,
    SingleEnds, StartOf, StartsAt,
};
