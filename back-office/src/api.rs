//! The back office's calls to the API (`/api/back-office/…`). The session
//! cookie rides with each call (same origin); a state-changing one also
//! carries the session's CSRF token.

use amoe_domain::University;
use amoe_domain::messages::back_office::{
    Case, Challenge, Dashboard, DecideRequest, EnrolStart, Finish, SearchRequest, SearchResponse,
    Session,
};
use amoe_domain::messages::operator::{Changes, FileErrorBody, ImportReport, RowError};
use amoe_domain::messages::roster::{
    RefuseNotEnrolled, RefusedNotEnrolled, RosterFinal, RosterReport, RosterState,
};
use amoe_domain::messages::{ErrorBody, ErrorCode, PublicConfig, UniversitiesResponse};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, or the server is down.
    Network,
    /// One of the server's JSON errors.
    Server(ErrorBody),
    /// An answer this app cannot read (its HTTP status).
    Unexpected(u16),
}

impl ApiError {
    /// The session has ended (or there was none).
    pub fn signed_out(&self) -> bool {
        matches!(self, ApiError::Server(body) if body.code == ErrorCode::Unauthorized && body.fields.is_empty())
    }

    /// The code of the first field error, if the server named one.
    pub fn field_code(&self) -> Option<&str> {
        match self {
            ApiError::Server(body) => body.fields.first().map(|f| f.code.as_str()),
            _ => None,
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| ApiError::Unexpected(status));
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Server(body)),
        Err(_) => Err(ApiError::Unexpected(status)),
    }
}

async fn send(request: RequestBuilder, body: Option<String>) -> Result<Response, ApiError> {
    let sent = match body {
        Some(body) => {
            request
                .header("Content-Type", "application/json")
                .body(body)
                .map_err(|_| ApiError::Unexpected(0))?
                .send()
                .await
        }
        None => request.send().await,
    };
    sent.map_err(|_| ApiError::Network)
}

fn json<T: serde::Serialize>(body: &T) -> Option<String> {
    serde_json::to_string(body).ok()
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    read(send(Request::get(url), None).await?).await
}

/// A POST; with `csrf`, a state-changing one.
async fn post<B: serde::Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    csrf: Option<&str>,
) -> Result<T, ApiError> {
    let mut request = Request::post(url);
    if let Some(csrf) = csrf {
        request = request.header("X-CSRF-Token", csrf);
    }
    read(send(request, json(body)).await?).await
}

pub async fn session() -> Result<Session, ApiError> {
    get("/api/back-office/session").await
}

pub async fn enrol_start(token: &str) -> Result<Challenge, ApiError> {
    let request = EnrolStart {
        token: token.to_owned(),
    };
    post("/api/back-office/enrol/start", &request, None).await
}

pub async fn enrol_finish(finish: &Finish) -> Result<Session, ApiError> {
    post("/api/back-office/enrol/finish", finish, None).await
}

pub async fn sign_in_start() -> Result<Challenge, ApiError> {
    post(
        "/api/back-office/sign-in/start",
        &serde_json::json!({}),
        None,
    )
    .await
}

pub async fn sign_in_finish(finish: &Finish) -> Result<Session, ApiError> {
    post("/api/back-office/sign-in/finish", finish, None).await
}

pub async fn sign_out(csrf: &str) -> Result<(), ApiError> {
    let response = send(
        Request::post("/api/back-office/sign-out").header("X-CSRF-Token", csrf),
        None,
    )
    .await?;
    if response.ok() {
        Ok(())
    } else {
        read::<()>(response).await
    }
}

pub async fn search(request: &SearchRequest) -> Result<SearchResponse, ApiError> {
    post("/api/back-office/search", request, None).await
}

/// The search's declarations as a CSV file.
pub async fn export(request: &SearchRequest) -> Result<Vec<u8>, ApiError> {
    let response = send(Request::post("/api/back-office/export"), json(request)).await?;
    if response.ok() {
        response.binary().await.map_err(|_| ApiError::Network)
    } else {
        read::<()>(response).await.map(|()| Vec::new())
    }
}

pub async fn case(reference: &str) -> Result<Case, ApiError> {
    get(&format!("/api/back-office/cases/{reference}")).await
}

/// Records a decision: the case as it is now, and whether the same
/// decision had been recorded before (nothing changed, no second mail).
pub async fn decide(
    reference: &str,
    decision: &DecideRequest,
    csrf: &str,
) -> Result<(Case, bool), ApiError> {
    let response = send(
        Request::post(&format!("/api/back-office/cases/{reference}/decision"))
            .header("X-CSRF-Token", csrf),
        json(decision),
    )
    .await?;
    let unchanged = response.headers().get("x-amoe-unchanged").is_some();
    read(response).await.map(|case| (case, unchanged))
}

pub async fn correct(reference: &str, changes: &Changes, csrf: &str) -> Result<Case, ApiError> {
    post(
        &format!("/api/back-office/cases/{reference}/correction"),
        changes,
        Some(csrf),
    )
    .await
}

/// Sets a declaration aside, or puts it back: the case now, and whether it
/// was so already.
pub async fn set_aside(reference: &str, aside: bool, csrf: &str) -> Result<Case, ApiError> {
    post(
        &format!("/api/back-office/cases/{reference}/set-aside"),
        &amoe_domain::messages::back_office::SetAsideRequest { set_aside: aside },
        Some(csrf),
    )
    .await
}

/// Sets aside every other unvouched declaration of the case's CIN and
/// year: the case kept, and how many were set aside.
pub async fn set_aside_others(
    reference: &str,
    csrf: &str,
) -> Result<amoe_domain::messages::back_office::SetAsideOthers, ApiError> {
    post(
        &format!("/api/back-office/cases/{reference}/set-aside-others"),
        &(),
        Some(csrf),
    )
    .await
}

/// What a file did (a decision file, a roster), or the rows that stopped
/// it (nothing was recorded then).
pub enum Sent<T> {
    Report(T),
    Refused(Vec<RowError>),
}

/// Sends a CSV file with `method` to `url`, as a state-changing call.
async fn send_file<T: DeserializeOwned>(
    method: &str,
    url: &str,
    file: String,
    csrf: &str,
) -> Result<Sent<T>, ApiError> {
    let request = match method {
        "PUT" => Request::put(url),
        _ => Request::post(url),
    };
    let request = request
        .header("X-CSRF-Token", csrf)
        .header("Content-Type", "text/csv")
        .body(file)
        .map_err(|_| ApiError::Unexpected(0))?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.status() == 422 {
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        return match serde_json::from_str::<FileErrorBody>(&text) {
            Ok(body) => Ok(Sent::Refused(body.rows)),
            Err(_) => serde_json::from_str::<ErrorBody>(&text)
                .map(|body| Err(ApiError::Server(body)))
                .unwrap_or(Err(ApiError::Unexpected(422))),
        };
    }
    read(response).await.map(Sent::Report)
}

/// Sends a decision file (CSV); with `dry_run`, only to check it.
pub async fn import(
    file: String,
    dry_run: bool,
    csrf: &str,
) -> Result<Sent<ImportReport>, ApiError> {
    let url = format!("/api/back-office/decisions?dry_run={dry_run}");
    send_file("POST", &url, file, csrf).await
}

fn roster_url(university: &str, year: &str) -> String {
    format!("/api/back-office/rosters/{university}/{year}")
}

pub async fn roster(university: &str, year: &str) -> Result<RosterState, ApiError> {
    get(&roster_url(university, year)).await
}

/// Sends a university's roster (CSV); with `dry_run`, only to check it.
pub async fn give_roster(
    university: &str,
    year: &str,
    file: String,
    dry_run: bool,
    csrf: &str,
) -> Result<Sent<RosterReport>, ApiError> {
    let url = format!("{}?dry_run={dry_run}", roster_url(university, year));
    send_file("PUT", &url, file, csrf).await
}

/// Says the roster is complete, or not any more.
pub async fn roster_final(
    university: &str,
    year: &str,
    complete: bool,
    csrf: &str,
) -> Result<RosterState, ApiError> {
    let request = Request::put(&format!("{}/final", roster_url(university, year)))
        .header("X-CSRF-Token", csrf);
    read(send(request, json(&RosterFinal { complete })).await?).await
}

/// Refuses, as `not_enrolled`, the declarations the final roster does not
/// hold.
pub async fn refuse_not_enrolled(
    university: &str,
    year: &str,
    expected: u64,
    csrf: &str,
) -> Result<RefusedNotEnrolled, ApiError> {
    post(
        &format!("{}/refuse-not-enrolled", roster_url(university, year)),
        &RefuseNotEnrolled { expected },
        Some(csrf),
    )
    .await
}

pub async fn config() -> Result<PublicConfig, ApiError> {
    get("/api/config").await
}

pub async fn dashboard() -> Result<Dashboard, ApiError> {
    get("/api/back-office/dashboard").await
}

pub async fn universities() -> Result<Vec<University>, ApiError> {
    let response: UniversitiesResponse = get("/api/universities").await?;
    Ok(response.universities)
}
