//! [`Hooks`]: what an entity does around its own writes.

use crate::schema::Identified;

/// Called by the OGM around an entity's writes; every method does nothing by default.
/// `#[derive(Node)]` implements it empty; write `#[node(hooks)]` on the struct to implement
/// it yourself. A `pre_` hook that returns `Err` stops the operation before anything is
/// sent, as [`Error::Hook`](super::Error::Hook).
///
/// ```
/// # use typher::prelude::*;
/// #[derive(Node, serde::Serialize, serde::Deserialize)]
/// #[node(hooks)]
/// pub struct Account {
///     pub email: String,
/// }
///
/// impl typher::ogm::Hooks for Account {
///     fn pre_save(&mut self) -> Result<(), String> {
///         self.email = self.email.trim().to_lowercase();
///         match self.email.contains('@') {
///             true => Ok(()),
///             false => Err(format!("`{}` is no email address", self.email)),
///         }
///     }
/// }
/// ```
pub trait Hooks: Sized {
    /// Before a create or a save (also of each entity of a batch); may change the value.
    fn pre_save(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// After a create or a save, with the node as stored.
    fn post_save(_saved: &Identified<Self>) {}
    /// After a create, with the new node (then `post_save` follows).
    fn post_create(_saved: &Identified<Self>) {}
    /// Before a delete.
    fn pre_delete(_saved: &Identified<Self>) -> Result<(), String> {
        Ok(())
    }
    /// After a delete, with the node as it was.
    fn post_delete(_saved: &Identified<Self>) {}
}
