//! `POST /api/reexaminations`: a refused student asks, once per decision,
//! for their declaration to be examined again, found as the status page
//! finds it; a corrected typing mistake is written, the request is kept
//! for the fund, its mail goes, and the fund decides as usual.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use crate::status::lookup;
use amoe_domain::messages::{DeclarationStatus, ErrorBody, ErrorCode, Receipt, StatusResponse};
use serde_json::{Value, json};
use sqlx::Row;

crate::on_both_engines!(
    a_refused_student_is_examined_again_once_per_decision,
    a_request_with_wrong_details_or_bad_fields_changes_nothing,
    the_fund_sees_the_requests_first_and_decides_them_as_usual,
    requests_sent_at_once_make_one,
    an_agents_own_correction_wins_over_a_proposal,
);

/// The request of student `n` (the lookup of `form(n)`) for `reference`,
/// details as declared.
fn request(n: u32, reference: &str) -> Value {
    let form = form(n);
    json!({
        "lookup": lookup(n), "reference": reference, "reason": "typo",
        "explanation": "J’ai inversé deux chiffres.",
        "massar": form["massar"], "birth_day": form["birth_day"],
        "birth_month": form["birth_month"], "birth_year": form["birth_year"],
        "last_name": form["last_name"], "first_name": form["first_name"], "email": "",
    })
}

async fn post(app: &TestApp, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/reexaminations", app.url))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn decide(app: &TestApp, reference: &str, decision: Value) {
    let mut row = json!({"reference": reference, "decision_date": "2026-12-01"});
    for (k, v) in decision.as_object().unwrap() {
        row[k] = v.clone();
    }
    let response = app
        .operator("decisions")
        .json(&json!([row]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

async fn code(response: reqwest::Response) -> (u16, ErrorCode) {
    let status = response.status().as_u16();
    let body: ErrorBody = response.json().await.unwrap();
    (status, body.code)
}

async fn mail_ids(app: &TestApp, reference: &str) -> Vec<String> {
    let pool = app.database().await;
    sqlx::query("SELECT id FROM outbox WHERE id LIKE $1 ORDER BY id")
        .bind(format!("{reference}.%"))
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>("id"))
        .collect()
}

async fn a_refused_student_is_examined_again_once_per_decision(engine: Engine) {
    let app = TestApp::spawn_configured(engine, with_operator).await;
    let receipt: Receipt = app.declare(&key(), &form(1)).await.json().await.unwrap();
    let reference = receipt.reference.to_string();
    // Not refused yet: nothing to examine again.
    assert_eq!(
        code(post(&app, &request(1, &reference)).await).await,
        (409, ErrorCode::NotRefused)
    );
    decide(
        &app,
        &reference,
        json!({"decision": "refused", "reason_code": "identity_mismatch"}),
    )
    .await;

    // The Massar code was mistyped: corrected through the request.
    let mut asked = request(1, &reference);
    asked["massar"] = json!("r 130000099");
    asked["reason"] = json!("typo");
    let response = post(&app, &asked).await;
    assert_eq!(response.status(), 200);
    let now: DeclarationStatus = response.json().await.unwrap();
    assert_eq!(now.status.as_str(), "under_reexamination");
    let timeline: Vec<&str> = now.events.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(timeline, ["received", "refused", "under_reexamination"]);
    assert!(
        mail_ids(&app, &reference)
            .await
            .contains(&format!("{reference}.reexamination-1"))
    );

    // Until the fund decides, the details are as declared: a request
    // cannot lock the student out of their own status page.
    let found: StatusResponse = app.status(&lookup(1)).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "under_reexamination");
    let mut corrected = lookup(1);
    corrected["massar"] = json!("R130000099");
    assert_eq!(app.status(&corrected).await.status(), 404);

    // Once per decision.
    assert_eq!(
        code(post(&app, &asked).await).await,
        (409, ErrorCode::ReexaminationAlreadyRequested)
    );
    // The refusal asked about, imported again, changes nothing; a decision
    // dated before the request answers an earlier state.
    decide(
        &app,
        &reference,
        json!({"decision": "refused", "reason_code": "identity_mismatch"}),
    )
    .await;
    let found: StatusResponse = app.status(&lookup(1)).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "under_reexamination");
    let stale = app
        .operator("decisions")
        .json(&json!([{"reference": reference, "decision": "covered", "decision_date": "2026-01-01"}]))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 422);
    let body: Value = stale.json().await.unwrap();
    assert_eq!(body["rows"][0]["code"], "before_reexamination", "{body}");

    // The fund accepts: the correction is made, one mail goes, to the
    // address the declaration held.
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let response = app
        .operator("decisions")
        .json(&json!([{"reference": reference, "decision": "covered", "decision_date": today}]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let found: StatusResponse = app.status(&corrected).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "covered");
    assert_eq!(app.status(&lookup(1)).await.status(), 404);
    let mails = mail_ids(&app, &reference).await;
    assert_eq!(
        mails,
        [
            format!("{reference}.covered-1"),
            format!("{reference}.received"),
            format!("{reference}.reexamination-1"),
            format!("{reference}.refused"),
        ]
    );
    let mut again = request(1, &reference);
    again["lookup"] = corrected.clone();
    again["massar"] = json!("R130000099");
    assert_eq!(
        code(post(&app, &again).await).await,
        (409, ErrorCode::NotRefused)
    );

    // Kept for the fund and audited, the corrected detail with it.
    let pool = app.database().await;
    let row = sqlx::query("SELECT reason, explanation, corrections, applied FROM reexaminations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>("reason"), "typo");
    assert_eq!(row.get::<i64, _>("applied"), 1);
    let corrections: Value = serde_json::from_str(&row.get::<String, _>("corrections")).unwrap();
    assert_eq!(
        corrections,
        json!([{"field": "massar", "before": "R130000001", "after": "R130000099"}])
    );
    let audit = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reexamination'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(audit.get::<i64, _>("n"), 1);
}

async fn a_request_with_wrong_details_or_bad_fields_changes_nothing(engine: Engine) {
    let app = TestApp::spawn_configured(engine, with_operator).await;
    let receipt: Receipt = app.declare(&key(), &form(2)).await.json().await.unwrap();
    let reference = receipt.reference.to_string();
    decide(
        &app,
        &reference,
        json!({"decision": "refused", "reason_code": "not_enrolled"}),
    )
    .await;
    // Another's reference, or a wrong birth year: the lookup's answer.
    let mut wrong = request(2, &reference);
    wrong["lookup"]["birth_year"] = json!("1990");
    assert_eq!(
        code(post(&app, &wrong).await).await,
        (404, ErrorCode::NoMatch)
    );
    let other: Receipt = app.declare(&key(), &form(3)).await.json().await.unwrap();
    let theirs = request(2, &other.reference.to_string());
    assert_eq!(
        code(post(&app, &theirs).await).await,
        (404, ErrorCode::NoMatch)
    );
    // Bad fields: each with the form's code, nothing recorded.
    let mut bad = request(2, &reference);
    bad["reason"] = json!("");
    bad["explanation"] = json!("x".repeat(501));
    bad["birth_day"] = json!("31");
    bad["birth_month"] = json!("2");
    bad["email"] = json!("not an address");
    let response = post(&app, &bad).await;
    assert_eq!(response.status(), 422);
    let body: ErrorBody = response.json().await.unwrap();
    let fields: Vec<String> = body
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.field, f.code))
        .collect();
    assert_eq!(
        fields,
        [
            "reason:reexam_reason_missing",
            "explanation:reexam_explanation_too_long",
            "birth_date:birth_date_not_a_real_date",
            "email:email_invalid",
        ]
    );
    let response = reqwest::Client::new()
        .post(format!("{}/api/reexaminations", app.url))
        .header("content-type", "application/json")
        .body("{\"lookup\": 3}")
        .send()
        .await
        .unwrap();
    assert_eq!(code(response).await, (400, ErrorCode::InvalidJson));
    let found: StatusResponse = app.status(&lookup(2)).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "refused");
    // The right request still goes through.
    assert_eq!(post(&app, &request(2, &reference)).await.status(), 200);

    // An erasure takes the request and every mail of it with the
    // declaration.
    let erased = app
        .operator("erase")
        .json(&json!({"reference": reference, "reason": "the student's request"}))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), 200, "{}", erased.text().await.unwrap());
    let pool = app.database().await;
    let left: i64 = sqlx::query("SELECT COUNT(*) AS n FROM reexaminations")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(left, 0);
    assert!(mail_ids(&app, &reference).await.is_empty());
}

async fn back_office(
    app: &TestApp,
    agent: &crate::back_office::Agent,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let url = format!("{}/api/back-office/{path}", app.url);
    let request = match &body {
        Some(body) => app.client.post(url).json(body),
        None => app.client.get(url),
    };
    request
        .header("cookie", &agent.cookie)
        .header("x-csrf-token", &agent.csrf)
        .send()
        .await
        .unwrap()
}

async fn the_fund_sees_the_requests_first_and_decides_them_as_usual(engine: Engine) {
    use amoe_domain::messages::back_office::{Case, Dashboard};
    let clock = amoe_api::clock::Clock::manual(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_configured(engine, |config| {
        with_operator(config);
        config.clock = clock.clone();
    })
    .await;
    let fund = crate::back_office::signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let mut references = Vec::new();
    for n in [4, 5] {
        let receipt: Receipt = app.declare(&key(), &form(n)).await.json().await.unwrap();
        let reference = receipt.reference.to_string();
        let refused = back_office(
            &app,
            &fund,
            &format!("cases/{reference}/decision"),
            Some(json!({"decision": "refused", "reason_code": "not_enrolled"})),
        )
        .await;
        assert_eq!(refused.status(), 200);
        references.push(reference);
    }
    // Student 5 asks first, then student 4 with a corrected first name.
    assert_eq!(post(&app, &request(5, &references[1])).await.status(), 200);
    clock.advance(std::time::Duration::from_secs(300));
    let mut asked = request(4, &references[0]);
    asked["reason"] = json!("enrolled");
    asked["first_name"] = json!("Salmah");
    assert_eq!(post(&app, &asked).await.status(), 200);

    let dashboard: Dashboard = back_office(&app, &fund, "dashboard", None)
        .await
        .json()
        .await
        .unwrap();
    let waiting: Vec<&str> = dashboard
        .reexaminations
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(waiting, [references[1].as_str(), references[0].as_str()]);
    assert_eq!(dashboard.reexaminations_waiting, 2);
    let staff = crate::back_office::signed_in(&app, &clock, "Omar Idrissi", "university:uca").await;
    let theirs: Dashboard = back_office(&app, &staff, "dashboard", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.reexaminations.is_empty() && theirs.reexaminations_waiting == 0);

    let case: Case = back_office(&app, &fund, &format!("cases/{}", references[0]), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        case.declaration.declaration.status.as_str(),
        "under_reexamination"
    );
    let requests = &case.declaration.reexaminations;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].reason, "enrolled");
    assert!(!requests[0].applied);
    assert_eq!(
        serde_json::to_value(&requests[0].corrections).unwrap(),
        json!([{"field": "first_name", "before": "Salma", "after": "Salmah"}])
    );
    // Refused again by an agent, for the same reason the same day: a new
    // decision, with its mail; no correction was asked, none is made.
    let refused = back_office(
        &app,
        &fund,
        &format!("cases/{}/decision", references[1]),
        Some(json!({"decision": "refused", "reason_code": "not_enrolled"})),
    )
    .await;
    assert_eq!(refused.status(), 200, "{}", refused.text().await.unwrap());
    let found: StatusResponse = app.status(&lookup(5)).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "refused");
    assert!(
        mail_ids(&app, &references[1])
            .await
            .contains(&format!("{}.refused-1", references[1]))
    );
    let decided = back_office(
        &app,
        &fund,
        &format!("cases/{}/decision", references[0]),
        Some(json!({"decision": "covered"})),
    )
    .await;
    assert_eq!(decided.status(), 200);
    let mails = mail_ids(&app, &references[0]).await;
    assert_eq!(mails.len(), 4, "{mails:?}");
    assert!(mails.contains(&format!("{}.covered-1", references[0])));
    let dashboard: Dashboard = back_office(&app, &fund, "dashboard", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dashboard.reexaminations_waiting, 0);
    let case: Case = back_office(&app, &fund, &format!("cases/{}", references[0]), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case.declaration.declaration.first_name, "Salmah");
    assert!(case.declaration.reexaminations[0].applied);
}

async fn requests_sent_at_once_make_one(engine: Engine) {
    let app = TestApp::spawn_configured(engine, with_operator).await;
    let receipt: Receipt = app.declare(&key(), &form(6)).await.json().await.unwrap();
    let reference = receipt.reference.to_string();
    decide(
        &app,
        &reference,
        json!({"decision": "refused", "reason_code": "not_enrolled"}),
    )
    .await;
    let asked = request(6, &reference);
    let (a, b, c) = tokio::join!(post(&app, &asked), post(&app, &asked), post(&app, &asked));
    let mut statuses = [
        a.status().as_u16(),
        b.status().as_u16(),
        c.status().as_u16(),
    ];
    statuses.sort();
    assert_eq!(statuses, [200, 409, 409]);
    let pool = app.database().await;
    let rows: i64 = sqlx::query("SELECT COUNT(*) AS n FROM reexaminations")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(rows, 1);
    let events: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM declaration_events WHERE status = 'under_reexamination'",
    )
    .fetch_one(&pool)
    .await
    .unwrap()
    .get("n");
    assert_eq!(events, 1);
}

async fn an_agents_own_correction_wins_over_a_proposal(engine: Engine) {
    let app = TestApp::spawn_configured(engine, with_operator).await;
    let receipt: Receipt = app.declare(&key(), &form(7)).await.json().await.unwrap();
    let reference = receipt.reference.to_string();
    decide(
        &app,
        &reference,
        json!({"decision": "refused", "reason_code": "identity_mismatch"}),
    )
    .await;
    let mut asked = request(7, &reference);
    asked["massar"] = json!("R130000077");
    asked["first_name"] = json!("Salmah");
    assert_eq!(post(&app, &asked).await.status(), 200);
    // The agent corrects the first name otherwise before accepting.
    let corrected = app
        .operator("correct")
        .json(&json!({"reference": reference, "changes": {"first_name": "Salma Maria"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        corrected.status(),
        200,
        "{}",
        corrected.text().await.unwrap()
    );
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let accepted = app
        .operator("decisions")
        .json(&json!([{"reference": reference, "decision": "covered", "decision_date": today}]))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 200, "{}", accepted.text().await.unwrap());
    let mut lookup_now = lookup(7);
    lookup_now["massar"] = json!("R130000077");
    let found: StatusResponse = app.status(&lookup_now).await.json().await.unwrap();
    assert_eq!(found.declarations[0].status.as_str(), "covered");
    assert_eq!(found.declarations[0].first_name, "Salma Maria");
}
