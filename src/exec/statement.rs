//! What a client can run: typed queries and raw Cypher, each with its row shape.

use super::decode::{ByName, Columns, Shape, Single};
use super::driver::{self, DriverQuery};
use super::error::{Error, Result};
use crate::dsl::{CompiledQuery, Returning, Union, Value};
use core::marker::PhantomData;
use std::borrow::Cow;

/// The row type of statement `Q`.
pub type RowOf<Q> = <<Q as Statement>::Shape as Shape>::Row;

/// A statement ready to send: its query (text and parameters) and column names. Made by
/// [`Statement::prepare`], run by an [`Executor`](super::Executor).
pub struct Prepared<'a> {
    pub(crate) query: DriverQuery<'a>,
    pub(crate) columns: Cow<'a, [String]>,
    /// The Cypher text, for logs.
    pub(crate) text: &'a str,
    /// The parameter names (never their values), for logs.
    pub(crate) names: Vec<&'a str>,
    /// A typed write: run in one explicit transaction, so it persists whole or not at all.
    pub(crate) atomic: bool,
    /// The statement it came from, to build the query anew for a retry: a batch's
    /// parameters are never copied for a retry that never comes.
    pub(crate) source: &'a dyn Again,
    /// The typed query's tree (none for raw Cypher or a union), asked which labels it
    /// names when a write breaks a constraint.
    pub(crate) tree: Option<&'a crate::dsl::ast::QueryAst>,
}

impl Prepared<'_> {
    /// The Cypher text that will be sent.
    pub fn text(&self) -> &str {
        self.text
    }
}

/// The labels a statement's tree names: where a constraint it broke may be (none known
/// for raw Cypher).
pub(crate) fn labels(tree: Option<&crate::dsl::ast::QueryAst>) -> Vec<&'static str> {
    tree.map(|tree| tree.labels()).unwrap_or_default()
}

/// A statement that builds its query again.
pub(crate) trait Again: Sync {
    /// The query, built anew.
    fn query(&self) -> Result<DriverQuery<'_>>;
}

impl<S: Statement> Again for S {
    fn query(&self) -> Result<DriverQuery<'_>> {
        self.prepare().map(|prepared| prepared.query)
    }
}

/// A query a client can run; `Shape` says what a row decodes as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a runnable query",
    label = "expected a typed query ending in `.return_(..)`, or `raw::<T>(\"..\")`"
)]
pub trait Statement: sealed::Statement + Sync {
    /// How rows decode, and so the row type.
    type Shape: Shape;
    /// Query and columns; fails when a parameter cannot be sent.
    fn prepare(&self) -> Result<Prepared<'_>>;

    /// The statement under `EXPLAIN`: the server plans it without running it, and the
    /// summary's [`plan`](super::Executed::plan) is the estimated plan.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let planned = client.execute(match_(Movie).return_(Movie.title).explain()).await?;
    /// if let Some(plan) = planned.plan {
    ///     println!("{:?}", plan.operators());
    /// }
    /// # Ok(()) }
    /// ```
    fn explain(self) -> Profiled<Self>
    where
        Self: Sized,
    {
        Profiled::new(self, "EXPLAIN")
    }

    /// The statement under `PROFILE`: it runs as usual (a typed write in its transaction),
    /// and the summary's [`plan`](super::Executed::plan) holds the rows and database hits
    /// each step measured.
    ///
    /// ```no_run
    /// # use typher::prelude::*;
    /// # use typher_testkit::movies::*;
    /// # async fn demo(client: &typher::Client) -> typher::Result<()> {
    /// let (titles, summary) = client
    ///     .fetch_all_with_summary(match_(Movie).return_(Movie.title).profile())
    ///     .await?;
    /// # Ok(()) }
    /// ```
    fn profile(self) -> Profiled<Self>
    where
        Self: Sized,
    {
        Profiled::new(self, "PROFILE")
    }
}

/// A statement under `EXPLAIN` or `PROFILE` ([`Statement::explain`],
/// [`Statement::profile`]); its rows decode as the statement's.
pub struct Profiled<Q> {
    inner: Q,
    keyword: &'static str,
    text: std::sync::OnceLock<String>,
}

impl<Q> Profiled<Q> {
    fn new(inner: Q, keyword: &'static str) -> Self {
        Self {
            inner,
            keyword,
            text: std::sync::OnceLock::new(),
        }
    }
}

impl<Q: Statement> Statement for Profiled<Q> {
    type Shape = Q::Shape;
    fn prepare(&self) -> Result<Prepared<'_>> {
        let mut prepared = self.inner.prepare()?;
        let text = self
            .text
            .get_or_init(|| format!("{} {}", self.keyword, prepared.text));
        prepared.query.text = text;
        prepared.text = text;
        // EXPLAIN runs nothing; PROFILE runs the statement as it would run.
        prepared.atomic &= self.keyword == "PROFILE";
        prepared.source = self;
        Ok(prepared)
    }
}

/// The driver query of a rendering plus the values bound to its named parameters; fails
/// naming the first named parameter that has no value.
fn typed<'a>(
    source: &'a dyn Again,
    tree: Option<&'a crate::dsl::ast::QueryAst>,
    compiled: &'a CompiledQuery,
    bound: &'a [(&'static str, Value)],
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
    let params = compiled
        .params()
        .iter()
        .chain(bound.iter().map(|(name, value)| (*name, value)));
    Ok(Prepared {
        query: driver::query(compiled.text(), params),
        columns: Cow::Borrowed(compiled.columns()),
        text: compiled.text(),
        names: compiled
            .params()
            .iter()
            .map(|(name, _)| name)
            .chain(bound.iter().map(|(name, _)| *name))
            .collect(),
        atomic,
        source,
        tree,
    })
}

/// [`typed`] for a statement built from one query tree: run atomically when it writes.
fn from_tree<'a>(
    source: &'a dyn Again,
    tree: &'a crate::dsl::ast::QueryAst,
    compiled: &'a CompiledQuery,
    bound: &'a [(&'static str, Value)],
) -> Result<Prepared<'a>> {
    typed(
        source,
        Some(tree),
        compiled,
        bound,
        tree.writes_atomically(),
    )
}

impl<O, R: Shape, P> Statement for Returning<O, R, P> {
    type Shape = R;
    fn prepare(&self) -> Result<Prepared<'_>> {
        from_tree(self, &self.ast, self.compiled(), self.bound())
    }
}

/// A query that ends in a write runs without `RETURN`; it returns no rows.
impl<S, P: crate::dsl::WriteEnd> Statement for crate::dsl::Query<S, P> {
    type Shape = ByName<()>;
    fn prepare(&self) -> Result<Prepared<'_>> {
        from_tree(self, &self.ast, self.compiled(), &self.bound.0)
    }
}

/// A query ended by `FINISH` runs for what it does; it returns no rows.
impl Statement for crate::dsl::clause::finish::Finished {
    type Shape = ByName<()>;
    fn prepare(&self) -> Result<Prepared<'_>> {
        from_tree(self, &self.ast, self.compiled(), &self.bound.0)
    }
}

impl<R: Shape> Statement for Union<R> {
    type Shape = R;
    fn prepare(&self) -> Result<Prepared<'_>> {
        typed(self, None, self.compiled(), &self.bound.0, false)
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
    params: Vec<(String, Value)>,
    columns: Vec<String>,
    error: Option<Error>,
    _shape: PhantomData<fn() -> R>,
}

/// Raw Cypher whose rows decode as `T`: a struct by column names, or the value of the only
/// column. Chain [`Raw::param`] for parameters, [`Raw::columns`] to decode a tuple.
///
/// ```no_run
/// use typher::Executor;
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
        match crate::dsl::value::to_value(&value) {
            Ok(value) => self.params.push((name.to_owned(), value)),
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
            query: driver::query(&self.text, self.params.iter().map(|(n, v)| (n.as_str(), v))),
            columns: Cow::Borrowed(&self.columns),
            text: &self.text,
            names: self.params.iter().map(|(name, _)| name.as_str()).collect(),
            atomic: false,
            source: self,
            tree: None,
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
    impl Statement for crate::dsl::clause::finish::Finished {}
    impl<S, P: crate::dsl::WriteEnd> Statement for crate::dsl::Query<S, P> {}
    impl<Q: Statement + ?Sized> Statement for &Q {}
    impl<R> Statement for Raw<R> {}
    impl<Q> Statement for Profiled<Q> {}
}
