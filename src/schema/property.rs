//! The zero-sized property handle.

use core::marker::PhantomData;

/// A property of binding `B`, declared by field marker `F`: `Person.born`.
///
/// Comparison and string methods live in [`crate::dsl`]; each takes operands of the
/// property's value type only.
pub struct Property<F, B>(PhantomData<fn() -> (F, B)>);

impl<F, B> Property<F, B> {
    /// The handle; only the derives need to build one.
    #[doc(hidden)]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<F, B> Clone for Property<F, B> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<F, B> Copy for Property<F, B> {}

impl<F: super::Field, B> core::fmt::Debug for Property<F, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Property({}.{})",
            <F::Owner as super::Element>::NAME,
            F::KEY
        )
    }
}
