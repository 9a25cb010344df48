//! The one module that touches neo4rs: connecting, running, transactions, error mapping.
//!
//! neo4rs 0.9 is a release candidate whose API still moves; everything else in typher goes
//! through the few functions here.

use super::error::Error;
use super::settings::Settings;
use neo4rs::{ConfigBuilder, DetachedRowStream, Graph, Query, Txn};

/// A connected driver plus what error messages need to name, and the secrets they must not.
#[derive(Clone)]
pub(crate) struct Driver {
    graph: Graph,
    /// The address without credentials.
    uri: String,
    user: String,
    /// Passwords to scrub from anything the driver reports.
    secrets: Vec<String>,
}

impl Driver {
    /// Builds the pool; connections open lazily, so [`Driver::ping`] checks reachability.
    pub(crate) fn connect(settings: &Settings) -> Result<Self, Error> {
        let address = settings.address()?;
        let (uri_user, uri_password) = address.credentials().unwrap_or(("", ""));
        let user = match settings.user.as_str() {
            "" => uri_user,
            user => user,
        };
        let password = match settings.password.as_str() {
            "" => uri_password,
            password => password,
        };
        let shown = address.shown();
        let secrets: Vec<String> = [settings.password.as_str(), uri_password]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let scrub = |text: String| scrub(text, &secrets);
        let config = ConfigBuilder::new()
            .uri(shown.as_str())
            .user(user)
            .password(password)
            .db(settings.database.as_str())
            .fetch_size(settings.fetch_size)
            .max_connections(settings.max_connections)
            .connection_timeout(settings.connection_timeout)
            .build()
            .map_err(|e| Error::Config(scrub(format!("invalid settings for {shown}: {e}"))))?;
        let graph = Graph::connect(config).map_err(|e| Error::Connection {
            uri: shown.clone(),
            message: scrub(e.to_string()),
        })?;
        Ok(Self {
            graph,
            uri: shown,
            user: user.to_owned(),
            secrets,
        })
    }

    /// Runs `RETURN 1`, so a bad address or password fails at connect time.
    pub(crate) async fn ping(&self) -> Result<(), Error> {
        let mut rows = self.rows(neo4rs::query("RETURN 1 AS ok")).await?;
        while rows.next().await.map_err(|e| self.error(e))?.is_some() {}
        Ok(())
    }

    /// Runs a query in its own auto-commit transaction; the stream holds a pool connection
    /// until it is exhausted or dropped.
    pub(crate) async fn rows(&self, query: Query) -> Result<DetachedRowStream, Error> {
        self.graph.execute(query).await.map_err(|e| self.error(e))
    }

    /// Begins an explicit transaction on the configured database.
    pub(crate) async fn begin(&self) -> Result<Txn, Error> {
        self.graph.start_txn().await.map_err(|e| self.error(e))
    }

    /// Translates a driver error into typher's, naming the server or user involved and
    /// never a password.
    pub(crate) fn error(&self, error: neo4rs::Error) -> Error {
        match self.translate(error) {
            Error::Connection { uri, message } => Error::Connection {
                uri,
                message: scrub(message, &self.secrets),
            },
            Error::Authentication { user, message } => Error::Authentication {
                user,
                message: scrub(message, &self.secrets),
            },
            Error::Driver(message) => Error::Driver(scrub(message, &self.secrets)),
            other => other,
        }
    }

    fn translate(&self, error: neo4rs::Error) -> Error {
        use neo4rs::Error as E;
        match error {
            E::Neo4j(e) if e.code().starts_with("Neo.ClientError.Security.") => {
                Error::Authentication {
                    user: self.user.clone(),
                    message: format!("{}: {}", e.code(), e.message()),
                }
            }
            E::Neo4j(e) => Error::Server {
                code: e.code().to_owned(),
                message: e.message().to_owned(),
            },
            E::AuthenticationError(message) => Error::Authentication {
                user: self.user.clone(),
                message,
            },
            E::IOError { detail } => Error::Connection {
                uri: self.uri.clone(),
                message: detail.to_string(),
            },
            e @ (E::ConnectionError
            | E::ConnectionTimedOut
            | E::ServerUnavailableError(_)
            | E::IncompleteBoltExchange) => Error::Connection {
                uri: self.uri.clone(),
                message: e.to_string(),
            },
            E::Ignored(_) | E::RequestIgnoredError => Error::Server {
                code: "Neo.ServerError.Ignored".into(),
                message:
                    "the server ignored the request because the transaction had already failed"
                        .into(),
            },
            E::DeserializationError(e) => Error::Decode {
                column: String::new(),
                path: String::new(),
                message: e.to_string(),
            },
            other => Error::Driver(other.to_string()),
        }
    }
}

/// `text` with every secret replaced by `***`.
fn scrub(text: String, secrets: &[String]) -> String {
    secrets
        .iter()
        .fold(text, |text, secret| text.replace(secret.as_str(), "***"))
}

/// Fetches every row of a query run inside `txn`.
pub(crate) async fn txn_rows(
    driver: &Driver,
    txn: &mut Txn,
    query: Query,
) -> Result<Vec<neo4rs::Row>, Error> {
    let mut stream = txn.execute(query).await.map_err(|e| driver.error(e))?;
    let mut rows = Vec::new();
    while let Some(row) = stream
        .next(txn.handle())
        .await
        .map_err(|e| driver.error(e))?
    {
        rows.push(row);
    }
    Ok(rows)
}

/// Commits `txn`.
pub(crate) async fn commit(driver: &Driver, txn: Txn) -> Result<(), Error> {
    txn.commit().await.map(drop).map_err(|e| driver.error(e))
}

/// Rolls `txn` back. A server that already failed the transaction answers `Ignored`: nothing
/// of it persists, which is what a rollback wants, so that counts as success.
pub(crate) async fn rollback(driver: &Driver, txn: Txn) -> Result<(), Error> {
    match txn.rollback().await.map_err(|e| driver.error(e)) {
        Err(Error::Server { code, .. }) if code == "Neo.ServerError.Ignored" => Ok(()),
        other => other,
    }
}
