//! Extractors whose rejections are our JSON errors.

use crate::error::Error;
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
/// 413, bad syntax, wrong types, unknown fields, or anything but an object
/// at the top (serde would read a struct from an array) → 400.
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<mime::Mime>().ok())
            .is_some_and(|mime| {
                mime.type_() == "application"
                    && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
            });
        if !json {
            return Err(Error::UnsupportedMediaType);
        }
        let body = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::PayloadTooLarge
                } else {
                    Error::InvalidJson {
                        message: rejection.body_text(),
                    }
                }
            })?;
        let starts_an_object = body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{');
        if !starts_an_object {
            return Err(Error::InvalidJson {
                message: "the body must be a JSON object".into(),
            });
        }
        serde_json::from_slice(&body)
            .map(Json)
            .map_err(|e| Error::InvalidJson {
                message: e.to_string(),
            })
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

/// The client's address: the TCP peer, or, behind `trusted_proxy_hops`
/// reverse proxies, the address the outermost trusted proxy saw (counted
/// from the right of `X-Forwarded-For`, which a client can only prepend to).
pub struct ClientIp(pub std::net::IpAddr);

impl FromRequestParts<super::ApiContext> for ClientIp {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        ctx: &super::ApiContext,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
            .ok_or(Error::Internal)?;
        Ok(ClientIp(client_ip(
            peer,
            parts.headers.get_all("x-forwarded-for").iter(),
            ctx.config.server.trusted_proxy_hops,
        )))
    }
}

/// See [`ClientIp`]. With `hops` trusted proxies, the last `hops - 1`
/// forwarded entries are those proxies; the one before them is the client.
/// Every entry keeps its place, readable or not (an address with a port
/// reads as the address): dropping the ones that do not parse would shift
/// the count onto entries the client wrote. An unreadable entry in the
/// client's place, or too few entries, falls back to the peer.
pub fn client_ip<'a>(
    peer: std::net::IpAddr,
    forwarded: impl Iterator<Item = &'a axum::http::HeaderValue>,
    hops: usize,
) -> std::net::IpAddr {
    if hops == 0 {
        return peer;
    }
    // Split on the bytes, so that a value that is not UTF-8 spoils only
    // its own entry, not the proxy's beside it.
    let chain: Vec<Option<std::net::IpAddr>> = forwarded
        .flat_map(|value| value.as_bytes().split(|b| *b == b','))
        .map(|entry| std::str::from_utf8(entry).ok().and_then(read_entry))
        .collect();
    chain
        .len()
        .checked_sub(hops)
        .and_then(|i| chain.get(i).copied().flatten())
        .unwrap_or(peer)
}

/// One `X-Forwarded-For` entry: `1.2.3.4`, `2001:db8::1`, `1.2.3.4:5678`
/// or `[2001:db8::1]:5678`.
fn read_entry(entry: &str) -> Option<std::net::IpAddr> {
    let entry = entry.trim();
    entry
        .parse()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> std::net::IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let forged = [HeaderValue::from_static("6.6.6.6")];
        assert_eq!(client_ip(ip("10.0.0.1"), forged.iter(), 0), ip("10.0.0.1"));
    }

    #[test]
    fn behind_proxies_the_client_is_counted_from_the_right() {
        // client 41.0.0.7 -> proxy A (adds 41.0.0.7) -> proxy B (adds A) -> us
        let header = [HeaderValue::from_static("6.6.6.6, 41.0.0.7, 10.0.0.2")];
        assert_eq!(client_ip(ip("10.0.0.3"), header.iter(), 2), ip("41.0.0.7"));
        assert_eq!(client_ip(ip("10.0.0.3"), header.iter(), 1), ip("10.0.0.2"));
        // Fewer addresses than hops: the peer (a misconfiguration, not a pass).
        assert_eq!(client_ip(ip("10.0.0.3"), header.iter(), 5), ip("10.0.0.3"));
    }

    #[test]
    fn unreadable_entries_keep_their_place() {
        // The client wrote "6.6.6.6, junk"; the proxy added 41.0.0.7.
        let header = [HeaderValue::from_static("6.6.6.6, junk, 41.0.0.7")];
        assert_eq!(client_ip(ip("10.0.0.3"), header.iter(), 1), ip("41.0.0.7"));
        assert_eq!(client_ip(ip("10.0.0.3"), header.iter(), 2), ip("10.0.0.3"));
        let split = [
            HeaderValue::from_static("6.6.6.6"),
            HeaderValue::from_static("41.0.0.7:51234, [2001:db8::5]:443"),
        ];
        assert_eq!(client_ip(ip("10.0.0.3"), split.iter(), 2), ip("41.0.0.7"));
        assert_eq!(
            client_ip(ip("10.0.0.3"), split.iter(), 1),
            ip("2001:db8::5")
        );
    }
}
