//! Tracing for queries: one span per query with its text and parameter names (never their
//! values), then how it ended: rows and time, or the error's code.

use super::error::Error;
use super::statement::Prepared;
use std::time::Instant;
use tracing::field::Empty;
use tracing::Span;

/// The span of one running query.
pub(crate) struct QueryLog {
    span: Span,
    started: Instant,
}

impl QueryLog {
    /// Opens the span of `prepared`.
    pub(crate) fn start(prepared: &Prepared<'_>) -> Self {
        let span = tracing::debug_span!(
            target: "typher::query",
            "query",
            statement = prepared.text,
            params = ?prepared.names,
            rows = Empty,
            elapsed_ms = Empty,
        );
        Self {
            span,
            started: Instant::now(),
        }
    }

    /// The span, to instrument the query's work with.
    pub(crate) fn span(&self) -> &Span {
        &self.span
    }

    /// Records how the query ended, `rows` counting what it returned.
    pub(crate) fn end<T>(&self, result: &Result<T, Error>, rows: impl FnOnce(&T) -> usize) {
        match result {
            Ok(value) => self.finished(rows(value)),
            Err(error) => self.failed(error),
        }
    }

    /// The query returned `rows` rows.
    pub(crate) fn finished(&self, rows: usize) {
        let elapsed_ms = self.elapsed_ms();
        self.span.record("rows", rows);
        tracing::debug!(target: "typher::query", parent: &self.span, rows, elapsed_ms, "query finished");
    }

    /// The query failed: logs the server's code or the kind of error, never a message that
    /// could quote a value.
    pub(crate) fn failed(&self, error: &Error) {
        let elapsed_ms = self.elapsed_ms();
        tracing::debug!(
            target: "typher::query",
            parent: &self.span,
            code = error.code().unwrap_or_else(|| error.kind()),
            elapsed_ms,
            "query failed"
        );
    }

    fn elapsed_ms(&self) -> u64 {
        let elapsed_ms = self.started.elapsed().as_millis() as u64;
        self.span.record("elapsed_ms", elapsed_ms);
        elapsed_ms
    }
}
