//! [`Error`]: every error of typher, by the layer it came from.
//!
//! Each layer has its own error type: [`exec::Error`] (connecting, running, decoding),
//! [`ogm::Error`] (what the OGM refuses or does not find), [`schema_tools::Error`]
//! (migrations). `?` turns any of them into this one, so an application function can return
//! [`Result`] whatever it calls.

use crate::{exec, ogm, schema_tools};

/// Any error of typher. A failure underneath an OGM operation or a migration is reported
/// as [`Error::Exec`], so a constraint violation reads the same whoever ran the statement.
///
/// ```no_run
/// # use typher::prelude::*;
/// # use typher_testkit::movies::*;
/// async fn rename(db: &typher::Client, from: &str, to: &str) -> typher::Result<()> {
///     let mut person = Person::nodes().filter(Person.name.eq(from)).get(db).await?;
///     person.name = to.to_owned();
///     person.save(db).await?;
///     db.execute(typher::raw::<()>("MATCH (p:Person {name: $to}) SET p.renamed = true")
///         .param("to", to))
///         .await?;
///     Ok(())
/// }
/// # async fn demo(db: &typher::Client) {
/// match rename(db, "Ann", "Anna").await {
///     Ok(()) => {}
///     Err(typher::Error::Ogm(typher::ogm::Error::NotFound { .. })) => { /* no such person */ }
///     Err(typher::Error::Exec(typher::exec::Error::ConstraintViolation { .. })) => { /* taken */ }
///     Err(other) => panic!("{other}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Connecting, running a statement or decoding its rows failed.
    #[error(transparent)]
    Exec(exec::Error),
    /// The OGM refused an operation or found no node.
    #[error(transparent)]
    Ogm(ogm::Error),
    /// A migration was refused or failed, or its files cannot be read.
    #[error(transparent)]
    Schema(schema_tools::Error),
}

/// `Result` with typher's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The Neo4j status code, for errors the server reported.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Exec(e) => e.code(),
            _ => None,
        }
    }
}

impl From<exec::Error> for Error {
    fn from(error: exec::Error) -> Self {
        match error {
            // A managed transaction's work that gave up with an error of a layer above.
            exec::Error::Aborted(inner) => match inner.downcast::<ogm::Error>() {
                Ok(ogm) => Error::Ogm(*ogm),
                Err(inner) => match inner.downcast::<schema_tools::Error>() {
                    Ok(schema) => Error::Schema(*schema),
                    Err(inner) => Error::Exec(exec::Error::Aborted(inner)),
                },
            },
            other => Error::Exec(other),
        }
    }
}

impl From<ogm::Error> for Error {
    fn from(error: ogm::Error) -> Self {
        match error {
            ogm::Error::Exec(e) => Error::Exec(e),
            other => Error::Ogm(other),
        }
    }
}

impl From<schema_tools::Error> for Error {
    fn from(error: schema_tools::Error) -> Self {
        match error {
            schema_tools::Error::Exec(e) => Error::Exec(e),
            other => Error::Schema(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_underneath_reads_the_same_from_every_layer() {
        let underneath = || exec::Error::NoRows;
        let from_ogm = Error::from(ogm::Error::Exec(underneath()));
        let from_migration = Error::from(schema_tools::Error::Exec(underneath()));
        assert!(matches!(from_ogm, Error::Exec(exec::Error::NoRows)));
        assert!(matches!(from_migration, Error::Exec(exec::Error::NoRows)));
        let refused = Error::from(ogm::Error::NotFound { label: "Person" });
        assert_eq!(refused.to_string(), "no `Person` matches");
        assert!(matches!(refused, Error::Ogm(_)));
    }

    #[test]
    fn an_ogm_error_through_a_managed_transaction_comes_back_as_itself() {
        let through = exec::Error::from(ogm::Error::NotFound { label: "Person" });
        assert!(matches!(through, exec::Error::Aborted(_)));
        assert!(!through.is_transient(), "never retried");
        assert!(matches!(
            Error::from(through),
            Error::Ogm(ogm::Error::NotFound { label: "Person" })
        ));
        let underneath = exec::Error::from(ogm::Error::Exec(exec::Error::NoRows));
        assert!(matches!(underneath, exec::Error::NoRows), "kept as it was");
    }
}
