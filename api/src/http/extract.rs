//! Extractors whose rejections are our JSON errors.

use crate::error::Error;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// `axum::extract::Query`, rejecting with [`Error::InvalidQuery`] (a string
/// that is not UTF-8 once decoded, a value of the wrong type, …).
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|rejection| Error::InvalidQuery {
                message: rejection.body_text(),
            })
    }
}
