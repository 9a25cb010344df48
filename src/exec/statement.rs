//! What a client can run: typed queries and raw Cypher, each with its row shape.

use super::decode::{ByName, Columns, Shape, Single};
use super::error::{Error, Result};
use super::params::{bolt_of, to_bolt};
use crate::dsl::{CompiledQuery, Returning, Union, Value};
use core::marker::PhantomData;
use neo4rs::BoltType;
use std::borrow::Cow;

/// A statement ready for the driver: its query (text and parameters) and column names.
pub struct Prepared<'a> {
    pub(crate) query: neo4rs::Query,
    pub(crate) columns: Cow<'a, [String]>,
    /// The Cypher text, for logs.
    pub(crate) text: &'a str,
    /// The parameter names (never their values), for logs.
    pub(crate) names: Vec<&'a str>,
    /// A typed write: run in one explicit transaction, so it persists whole or not at all.
    pub(crate) atomic: bool,
}

fn query<'p>(text: &str, params: impl Iterator<Item = (&'p str, &'p BoltType)>) -> neo4rs::Query {
    params.fold(neo4rs::query(text), |q, (name, value)| {
        q.param(name, value.clone())
    })
}

/// A query a client can run; `Shape` says what a row decodes as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a runnable query",
    label = "expected a typed query ending in `.return_(..)`, or `raw::<T>(\"..\")`"
)]
pub trait Statement: sealed::Statement {
    /// How rows decode, and so the row type.
    type Shape: Shape;
    /// Query and columns; fails when a parameter cannot be sent.
    fn prepare(&self) -> Result<Prepared<'_>>;
}

impl CompiledQuery {
    /// Text and parameters as a `neo4rs` query, ready to run.
    pub fn to_neo4rs(&self) -> neo4rs::Query {
        self.params()
            .iter()
            .fold(neo4rs::query(self.text()), |q, (name, value)| {
                q.param(name, bolt_of(value))
            })
    }
}

/// The driver query of a rendering plus the values bound to its named parameters; fails
/// naming the first named parameter that has no value.
fn typed<'a>(
    compiled: &'a CompiledQuery,
    bound: &[(&'static str, Value)],
    atomic: bool,
) -> Result<Prepared<'a>> {
    if let Some(problem) = compiled.problem() {
        return Err(Error::Parameter {
            name: "(a value of the query)".to_owned(),
            message: problem.to_owned(),
        });
    }
    if let Some(missing) = compiled
        .named_params()
        .iter()
        .find(|name| !bound.iter().any(|(n, _)| n == *name))
    {
        return Err(Error::Parameter {
            name: (*missing).to_owned(),
            message: "the query reads this named parameter, but no value was bound to it (use `.bind(..)`)".into(),
        });
    }
    let values = compiled
        .params()
        .iter()
        .chain(bound.iter().map(|(name, value)| (*name, value)));
    for (name, value) in values {
        value.check_finite().map_err(|e| Error::Parameter {
            name: name.to_owned(),
            message: e.0,
        })?;
    }
    let query = bound.iter().fold(compiled.to_neo4rs(), |q, (name, value)| {
        q.param(name, bolt_of(value))
    });
    Ok(Prepared {
        query,
        columns: Cow::Borrowed(compiled.columns()),
        text: compiled.text(),
        names: compiled
            .params()
            .iter()
            .map(|(name, _)| name)
            .chain(bound.iter().map(|(name, _)| *name))
            .collect(),
        atomic,
    })
}

impl<O, R: Shape, P> Statement for Returning<O, R, P> {
    type Shape = R;
    fn prepare(&self) -> Result<Prepared<'_>> {
        typed(self.compiled(), self.bound(), self.ast.writes_atomically())
    }
}

/// A query that ends in a write runs without `RETURN`; it returns no rows.
impl<S, P: crate::dsl::WriteEnd> Statement for crate::dsl::Query<S, P> {
    type Shape = ByName<()>;
    fn prepare(&self) -> Result<Prepared<'_>> {
        typed(self.compiled(), &[], self.ast.writes_atomically())
    }
}

impl<R: Shape> Statement for Union<R> {
    type Shape = R;
    fn prepare(&self) -> Result<Prepared<'_>> {
        typed(self.compiled(), &[], false)
    }
}

impl<Q: Statement + ?Sized> Statement for &Q {
    type Shape = Q::Shape;
    fn prepare(&self) -> Result<Prepared<'_>> {
        (**self).prepare()
    }
}

/// Hand-written Cypher, decoded like a typed query: see [`raw`].
#[must_use = "a raw query does nothing until run by a client or transaction"]
pub struct Raw<R> {
    text: String,
    params: Vec<(String, BoltType)>,
    columns: Vec<String>,
    error: Option<Error>,
    _shape: PhantomData<fn() -> R>,
}

/// Raw Cypher whose rows decode as `T`: a struct by column names, or the value of the only
/// column. Chain [`Raw::param`] for parameters, [`Raw::columns`] to decode a tuple.
///
/// ```no_run
/// # async fn demo(client: &typher::Client) -> typher::Result<()> {
/// let titles: Vec<String> = client
///     .fetch_all(typher::raw::<String>("MATCH (m:Movie) WHERE m.released > $year RETURN m.title")
///         .param("year", 2000))
///     .await?;
/// # Ok(()) }
/// ```
pub fn raw<T>(cypher: impl Into<String>) -> Raw<ByName<T>> {
    Raw {
        text: cypher.into(),
        params: Vec::new(),
        columns: Vec::new(),
        error: None,
        _shape: PhantomData,
    }
}

impl<R> Raw<R> {
    /// Adds `$name`: any `Serialize` value (structs become maps). A value Bolt cannot carry
    /// (an integer beyond `i64`, NaN) makes the query fail with [`Error::Parameter`] when run.
    pub fn param(mut self, name: &str, value: impl serde::Serialize) -> Self {
        match to_bolt(&value) {
            Ok(bolt) => self.params.push((name.to_owned(), bolt)),
            Err(e) => {
                self.error.get_or_insert(Error::Parameter {
                    name: name.to_owned(),
                    message: e.0,
                });
            }
        }
        self
    }

    fn reshape<R2>(self, columns: Vec<String>) -> Raw<R2> {
        Raw {
            text: self.text,
            params: self.params,
            columns,
            error: self.error,
            _shape: PhantomData,
        }
    }
}

impl<T> Raw<ByName<T>> {
    /// Decodes each row as the tuple `T`, one element per named column, in this order.
    pub fn columns<I>(self, names: I) -> Raw<Columns<T>>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let columns = names.into_iter().map(Into::into).collect();
        self.reshape(columns)
    }

    /// Decodes each row as the value of column `name`.
    pub fn column(self, name: &str) -> Raw<Single<T>> {
        self.reshape(vec![name.to_owned()])
    }
}

impl<R: Shape> Statement for Raw<R> {
    type Shape = R;
    fn prepare(&self) -> Result<Prepared<'_>> {
        if let Some(Error::Parameter { name, message }) = &self.error {
            return Err(Error::Parameter {
                name: name.clone(),
                message: message.clone(),
            });
        }
        Ok(Prepared {
            query: query(&self.text, self.params.iter().map(|(n, v)| (n.as_str(), v))),
            columns: Cow::Borrowed(&self.columns),
            text: &self.text,
            names: self.params.iter().map(|(name, _)| name.as_str()).collect(),
            atomic: false,
        })
    }
}

/// Only typher's queries are statements: their text is rendered or written by the user,
/// their parameters checked, their columns known.
mod sealed {
    use super::*;

    /// The statements.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be a statement: only typher's queries are",
        label = "statements are sealed",
        note = "build the query with the DSL (`match_(..)...return_(..)`) or write it with `raw::<T>(\"..\")`"
    )]
    pub trait Statement {}
    impl<O, R, P> Statement for Returning<O, R, P> {}
    impl<R> Statement for Union<R> {}
    impl<S, P: crate::dsl::WriteEnd> Statement for crate::dsl::Query<S, P> {}
    impl<Q: Statement + ?Sized> Statement for &Q {}
    impl<R> Statement for Raw<R> {}
}
