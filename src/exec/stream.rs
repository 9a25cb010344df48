//! [`RowStream`]: rows handed out one by one, decoded or not.

use super::error::Result;
use futures_util::stream::{BoxStream, Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A lazy stream of rows; see [`Executor::stream`](super::Executor::stream).
pub struct RowStream<T>(BoxStream<'static, Result<T>>);

impl<T> RowStream<T> {
    pub(crate) fn new(inner: impl Stream<Item = Result<T>> + Send + 'static) -> Self {
        Self(inner.boxed())
    }

    /// Rows already read.
    pub(crate) fn read(rows: Vec<T>) -> Self
    where
        T: Send + 'static,
    {
        Self::new(futures_util::stream::iter(rows.into_iter().map(Ok)))
    }
}

impl<T> Stream for RowStream<T> {
    type Item = Result<T>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}
