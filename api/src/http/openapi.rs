//! The API's OpenAPI 3.1 description, generated from the handlers and the
//! domain's messages (`GET /api/openapi.json`) as the router is built, so
//! that it cannot drift from the code. Answers that every route can give (a body too large, a
//! wrong query string, a database that does not answer…) are added to
//! every operation here, once.

use amoe_domain::messages::ErrorBody;
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as Document, Ref, ResponseBuilder};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "AMOE",
        description = "The yearly declaration of Moroccan public-university students for their \
                       mandatory health insurance, and its status, without an account. Every \
                       error answer is JSON with a stable `code` (ErrorBody).",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "student", description = "What the app does for a student"),
        (name = "reference", description = "The leaflet's universities and offices"),
        (name = "service", description = "The server itself"),
        (name = "operator", description = "The fund's operators, with `Authorization: Bearer <token>`"),
        (name = "back-office", description = "The fund's agents and the universities' staff, signed in with passkeys"),
        (name = "rosters", description = "The universities' rosters of enrolled students, given by a registrar's token or an operator's"),
    )
)]
struct Api;

/// The description of `routes` (the API's, under `/api`), as served:
/// this document's title, tags and security schemes, and the answers any
/// route may give added to each operation.
pub fn complete(routes: Document) -> Document {
    let mut document = Api::openapi().nest("/api", routes);
    let components = document.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "operator_token",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "An operator's token; the server knows only its SHA-256 \
                     (AMOE_OPERATOR_TOKEN_SHA256)",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        "registrar_token",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "A university registrar's token, for that university's roster only; \
                     the server knows only its SHA-256 (AMOE_REGISTRAR_TOKEN_SHA256)",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        "agent_session",
        SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
            utoipa::openapi::security::ApiKeyValue::with_description(
                "__Host-amoe_agent",
                "A back-office session, opened by signing in with a passkey; \
                 state-changing requests also carry its `X-CSRF-Token`",
            ),
        )),
    );
    for item in document.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            let takes_body = operation.request_body.is_some();
            add_shared_answers(operation, takes_body);
        }
    }
    document
}

fn error(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

/// The answers any operation may give, beside its own.
fn add_shared_answers(operation: &mut Operation, takes_body: bool) {
    let mut shared = vec![
        (
            "400",
            "`invalid_query`, `query_too_long`, `invalid_json` or `idempotency_key_missing`: \
             the request is not one this route reads",
        ),
        (
            "500",
            "`internal`: a fault on the server (details in its logs, never here)",
        ),
        (
            "503",
            "`service_unavailable`: the database does not answer, or the request took \
             more than 30 s",
        ),
    ];
    if takes_body {
        shared.push((
            "413",
            "`payload_too_large`: the body is larger than accepted",
        ));
        shared.push((
            "415",
            "`unsupported_media_type`: the body is not of a type this route reads",
        ));
    }
    for (status, description) in shared {
        operation
            .responses
            .responses
            .entry(status.into())
            .or_insert_with(|| error(description).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described_with_its_answers() {
        let document = complete(super::super::api_routes().into_openapi());
        let json = serde_json::to_value(&document).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        let paths = json["paths"].as_object().unwrap();
        assert!(paths.contains_key("/api/declarations"), "{paths:?}");
        assert!(paths.contains_key("/api/back-office/cases/{reference}/decision"));
        for (path, item) in paths {
            assert!(path.starts_with("/api/"), "{path}");
            for (method, operation) in item.as_object().unwrap() {
                let responses = operation["responses"].as_object().unwrap();
                for status in ["400", "500", "503"] {
                    assert!(responses.contains_key(status), "{method} {path} {status}");
                }
            }
        }
        assert!(json["components"]["schemas"]["DeclarationForm"].is_object());
        assert!(json["components"]["securitySchemes"]["operator_token"].is_object());
    }
}
