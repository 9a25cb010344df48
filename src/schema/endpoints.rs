//! Which labels a relationship type connects: the facts `#[derive(Relationship)]` emits from
//! its `from = ..` and `to = ..`, and the label sets an anonymous node stands for.
//!
//! * [`StartOf`] / [`EndOf`]: a label may be where a relationship starts / ends (`.to(..)`
//!   and `.from(..)` check them). Their `Fits` is [`NearEndFits`] only where the near end
//!   fits, and the far end is checked through it ([`EndsAt`], [`StartsAt`]), so a step
//!   written the wrong way round is one message, not two.
//! * [`Connects`]: a relationship joins two labels one way or the other (`.either(..)`
//!   checks it, so an undirected step compiles when one of the two directions fits); its
//!   `Far` is what an anonymous node across the step stands for.
//! * [`Endpoint`]: a label is at one end or the other (the nodes a variable-length step
//!   passes through when it ignores direction).
//! * [`AnyLabel`], [`Labels`], [`NoLabels`]: what an anonymous node `()` is. At the end of a
//!   step it is the set of labels the relationship allows there (a relationship with several
//!   end labels gives all of them; across an undirected step, the labels across from the near
//!   node), and a later step from it must fit every one.

use core::marker::PhantomData;

/// A relationship type with one start label and one end label; generated when `from = ..`
/// and `to = ..` each name one label.
pub trait SingleEnds: super::RelType {
    /// The label relationships start at.
    type Start;
    /// The label relationships end at.
    type End;
}

/// From a node of this label, relationship `R` leads to nodes of label `Far`: outgoing
/// when the label is `R`'s start, incoming when it is `R`'s end. Generated for a start label
/// when the relationship has one end label, and for an end label when it has one start
/// label (and is not also a start label): what the OGM's `related(..)` and eager loading
/// follow. (That the labels are node labels is checked where the derive lists them.)
#[diagnostic::on_unimplemented(
    message = "`related(..)` cannot follow `{R}` from a `{Self}` node",
    label = "a `{Self}` node is at neither end of `{R}`, or `{R}` leads from it to nodes of several labels",
    note = "the labels are the `from = ..` and `to = ..` of `#[relationship(..)]`; for a relationship from a label to itself, `related` follows it outgoing and `incoming` backwards"
)]
pub trait RelatedBy<R: super::RelType> {
    /// The label at the other end.
    type Far;
    /// Whether the relationship points from this label to `Far`.
    const OUTGOING: bool;
}

/// Nodes of this label may be where relationship `R` starts; generated from `from = ..`.
/// (That the label is a node label is checked once, where the derive lists `RelType::FROM`.)
///
/// The label is `Self` (not a parameter) on purpose: rustc never picks an impl while `Self` is
/// still unknown, so a wrong label is reported through this message, not as a type mismatch.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a start label of `{R}`",
    label = "a `{R}` relationship cannot start at a `{Self}` node",
    note = "the allowed start labels are the `from = ..` of `#[relationship(..)]`; to walk the relationship backwards use `.rel(..).from(..)`, to ignore its direction `.rel(..).either(..)`"
)]
pub trait StartOf<R> {
    /// [`NearEndFits`]: the step's far end is checked only once this end fits.
    #[doc(hidden)]
    type Fits;
}

/// Nodes of this label may be where relationship `R` ends; generated from `to = ..`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an end label of `{R}`",
    label = "a `{R}` relationship cannot end at a `{Self}` node",
    note = "the allowed end labels are the `to = ..` of `#[relationship(..)]`; to walk the relationship backwards use `.rel(..).from(..)`, to ignore its direction `.rel(..).either(..)`"
)]
pub trait EndOf<R> {
    /// [`NearEndFits`]: the step's far end is checked only once this end fits.
    #[doc(hidden)]
    type Fits;
}

/// What [`StartOf::Fits`] and [`EndOf::Fits`] are when the near end of a step fits: only
/// then is the far end checked ([`EndsAt`], [`StartsAt`]), so a step written the wrong way
/// round (both ends wrong) is reported once, at its start.
#[doc(hidden)]
pub struct NearEndFits;

/// The far end `T` of a step whose near end fitted may end relationship `R` (reported as
/// the [`EndOf`] message).
#[doc(hidden)]
pub trait EndsAt<R, T> {}
impl<R, T: EndOf<R>> EndsAt<R, T> for NearEndFits {}

/// The far end `T` of a backward step whose near end fitted may start relationship `R`
/// (reported as the [`StartOf`] message).
#[doc(hidden)]
pub trait StartsAt<R, T> {}
impl<R, T: StartOf<R>> StartsAt<R, T> for NearEndFits {}

/// Nodes of this label may be at either end of relationship `R`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is at neither end of `{R}`",
    label = "a `{R}` relationship never touches a `{Self}` node",
    note = "the labels a relationship touches are the `from = ..` and `to = ..` of `#[relationship(..)]`"
)]
#[doc(hidden)]
pub trait Endpoint<R> {}

/// Relationship `R` joins a node of this label to a node of label `T`, in one direction or
/// the other: `(:Person)-[:ACTED_IN]-(:Movie)` and `(:Movie)-[:ACTED_IN]-(:Person)` both fit.
#[diagnostic::on_unimplemented(
    message = "`{R}` joins `{Self}` and `{T}` in neither direction",
    label = "no `{R}` relationship runs between a `{Self}` node and a `{T}` node",
    note = "an undirected step needs one of the two directions to fit the `from = ..` and `to = ..` of `#[relationship(..)]`"
)]
pub trait Connects<R, T> {
    /// What an anonymous node at the far end of an undirected step from a `T` node stands
    /// for: the labels `R` allows across from `T` (its end labels if `T` only starts it,
    /// its start labels if `T` only ends it, both if both).
    #[doc(hidden)]
    type Far;
}

/// The label of an anonymous node at the start of a pattern, `MATCH ()-[..]->(..)`: it fits
/// any relationship, and has no properties to read.
pub struct AnyLabel;

/// A set of labels: `H`, then the set `T`. An anonymous node at the end of a step stands for
/// the labels the relationship allows there; a step from it must fit each of them.
pub struct Labels<H, T>(PhantomData<fn() -> (H, T)>);

/// The empty set of labels.
pub struct NoLabels;
