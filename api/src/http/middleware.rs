//! Cross-cutting layers: request log, security headers, limits, panics.

use crate::error::{Error, json_error};
use amoe_domain::messages::ErrorCode;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::time::Instant;

/// Logs method, path, status and duration. Never the query string nor the
/// body: personal data (CIN, birth date) must not reach the logs.
pub async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// Whether the service is reached over HTTPS (its public address says so):
/// then browsers are told to come back over HTTPS only.
#[derive(Clone, Copy)]
pub struct Https(pub bool);

/// Headers on every answer: no content sniffing, no referrer, no powerful
/// feature the app does not use, a window of its own (no opener from
/// another site), and HSTS for a year when the public address is HTTPS.
pub async fn security_headers(
    State(Https(https)): State<Https>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
             serial=(), bluetooth=(), hid=(), midi=(), display-capture=()",
        ),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Refuses query strings longer than the configured limit, and those that
/// are not UTF-8 once percent-decoded (which extractors would otherwise
/// decode lossily into U+FFFD).
pub async fn limit_query(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or_default();
    if query.len() > limit {
        return Error::QueryTooLong { limit }.into_response();
    }
    let plus_as_space = query.replace('+', " ");
    if percent_encoding::percent_decode_str(&plus_as_space)
        .decode_utf8()
        .is_err()
    {
        return Error::InvalidQuery {
            message: "the query string is not UTF-8".into(),
        }
        .into_response();
    }
    next.run(request).await
}

/// A handler that panics answers a JSON 500 (and the panic is logged).
pub fn panic_to_json(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(detail, "handler panicked");
    json_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        Error::Internal.to_string(),
        Vec::new(),
    )
}
