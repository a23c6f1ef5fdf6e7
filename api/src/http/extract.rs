//! Extractors whose rejections are our JSON errors.

use crate::error::Error;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
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

/// `axum::Json`, rejecting with our errors: not JSON → 415, too large →
/// 413, bad syntax, wrong types or unknown fields → 400.
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(Error::UnsupportedMediaType),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(Error::PayloadTooLarge)
            }
            Err(rejection) => Err(Error::InvalidJson {
                message: rejection.body_text(),
            }),
        }
    }
}

/// The `Idempotency-Key` header: a UUID v4 the client fixes for one
/// submission and sends again with every retry of it.
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get("idempotency-key")
            .and_then(|value| value.to_str().ok())
            .and_then(|text| uuid::Uuid::try_parse(text.trim()).ok())
            .filter(|uuid| uuid.get_version_num() == 4)
            .map(|uuid| IdempotencyKey(uuid.hyphenated().to_string()))
            .ok_or(Error::IdempotencyKeyMissing)
    }
}
