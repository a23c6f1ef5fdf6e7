//! The only module that talks to the API. Every call answers the domain's
//! own types (shared with the server) or an [`ApiError`].

use amoe_domain::declaration::{DeclarationForm, LookupForm, ReexaminationForm};
use amoe_domain::messages::{
    DeclarationStatus, ErrorBody, OfficesResponse, PortalTokenRequest, PublicConfig, Receipt,
    StatusResponse, UniversitiesResponse,
};
use amoe_domain::{Office, University};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use wasm_bindgen_futures::JsFuture;

/// Why a call failed, as the app needs to tell the student.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, or the server is down.
    Network,
    /// The server answered with one of its JSON errors.
    Server(ErrorBody),
    /// The server answered something this app cannot read.
    Unexpected(u16),
}

pub async fn universities() -> Result<Vec<University>, ApiError> {
    let response: UniversitiesResponse = get("/api/universities").await?;
    Ok(response.universities)
}

pub async fn offices() -> Result<Vec<Office>, ApiError> {
    let response: OfficesResponse = get("/api/offices").await?;
    Ok(response.offices)
}

pub async fn config() -> Result<PublicConfig, ApiError> {
    get("/api/config").await
}

/// A JSON file built with the app and served beside it (a language's
/// messages).
pub async fn built_file<T: DeserializeOwned>(file: &str) -> Result<T, ApiError> {
    get(&format!("/{file}")).await
}

/// What a request that may cost a proof of work answered.
pub enum Answer<T> {
    Done(T),
    /// Wrong details were typed for this CIN too often (or it has many
    /// declarations): the puzzle (`AMOE-Challenge`) whose answer the
    /// request must bring, sent again.
    Puzzle(String),
}

/// Finds a student's declarations (a POST: CIN and birth date stay out of
/// URLs and logs), with the answer to a puzzle if one was asked.
pub async fn status(
    lookup: &LookupForm,
    proof: Option<&str>,
) -> Result<Answer<StatusResponse>, ApiError> {
    let headers: Vec<(&str, &str)> = proof.map(|p| ("AMOE-Proof", p)).into_iter().collect();
    answer(post_json("/api/status", lookup, &headers).await?).await
}

/// Asks for a refused declaration to be examined again (a POST, as the
/// lookup it carries), with the answer to a puzzle if one was asked.
pub async fn reexamine(
    form: &ReexaminationForm,
    proof: Option<&str>,
) -> Result<Answer<DeclarationStatus>, ApiError> {
    let headers: Vec<(&str, &str)> = proof.map(|p| ("AMOE-Proof", p)).into_iter().collect();
    answer(post_json("/api/reexaminations", form, &headers).await?).await
}

/// The puzzle of a `428`, or what the response says.
async fn answer<T: DeserializeOwned>(response: Response) -> Result<Answer<T>, ApiError> {
    if response.status() == 428
        && let Some(puzzle) = response.headers().get("amoe-challenge")
    {
        return Ok(Answer::Puzzle(puzzle));
    }
    read(response).await.map(Answer::Done)
}

/// Sends a declaration under `key`: a retry with the same key gets the
/// same answer, so a declaration is stored once however often it is sent.
/// A university portal's token, when there is one, vouches for it; the
/// answer to a puzzle goes with it if one was asked.
pub async fn declare(
    form: &DeclarationForm,
    key: &str,
    portal_token: Option<&str>,
    proof: Option<&str>,
) -> Result<Answer<Receipt>, ApiError> {
    let mut headers = vec![("Idempotency-Key", key)];
    headers.extend(portal_token.map(|token| ("AMOE-Portal-Token", token)));
    headers.extend(proof.map(|proof| ("AMOE-Proof", proof)));
    answer(post_json("/api/declarations", form, &headers).await?).await
}

/// What a university portal's token vouches for (a `PortalIdentity`, read
/// as the form whose identity fields it names).
pub async fn portal_identity(token: &str) -> Result<DeclarationForm, ApiError> {
    let request = PortalTokenRequest {
        token: token.to_owned(),
    };
    read(post_json("/api/portal-identity", &request, &[]).await?).await
}

/// POSTs `body` as JSON (written by the browser's `JSON.stringify`).
async fn post_json<T: serde::Serialize>(
    url: &str,
    body: &T,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let text = serde_wasm_bindgen::to_value(body)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .ok_or(ApiError::Unexpected(0))?;
    let mut request = Request::post(url).header("Content-Type", "application/json");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request
        .body(text)
        .map_err(|_| ApiError::Unexpected(0))?
        .send()
        .await
        .map_err(|_| ApiError::Network)
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(response).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return json::<T>(response)
            .await
            .map_err(|_| ApiError::Unexpected(status));
    }
    match json::<ErrorBody>(response).await {
        Ok(body) => Err(ApiError::Server(body)),
        Err(_) => Err(ApiError::Unexpected(status)),
    }
}

/// Parses a JSON body with the browser's own `JSON.parse`: serde_json would
/// add about 8 KB (brotli) to the wasm for the same result.
async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ()> {
    let raw: web_sys::Response = response.into();
    let promise = raw.json().map_err(|_| ())?;
    let value = JsFuture::from(promise).await.map_err(|_| ())?;
    serde_wasm_bindgen::from_value(value).map_err(|_| ())
}
