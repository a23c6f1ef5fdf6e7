//! `POST /api/status`: a student finds their declarations with CIN, Massar
//! code and birth date; nothing tells an unknown student from a wrong
//! combination; guessing is limited, and past a CIN's allowance costs a
//! proof of work.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, challenge_of, puzzle_size, solve};
use amoe_api::clock::Clock;
use amoe_api::db::rate_limits::Limit;
use amoe_api::proof::Puzzles;
use amoe_domain::messages::{ErrorBody, ErrorCode, Receipt, StatusResponse};
use serde_json::{Value, json};

crate::on_both_engines!(
    the_right_details_show_the_declaration_and_its_timeline,
    unknown_and_wrong_details_get_the_very_same_answer,
    invalid_details_are_field_errors_not_guesses,
    failures_per_cin_cost_a_proof_of_work_then_the_cost_resets,
    attempts_per_address_are_limited,
    behind_a_trusted_proxy_each_client_is_counted_alone,
);

/// The lookup matching `form(n)`.
pub fn lookup(n: u32) -> Value {
    let form = form(n);
    json!({
        "cin": form["cin"], "massar": form["massar"],
        "birth_day": form["birth_day"], "birth_month": form["birth_month"], "birth_year": form["birth_year"],
    })
}

fn with(mut value: Value, field: &str, new: Value) -> Value {
    value[field] = new;
    value
}

async fn the_right_details_show_the_declaration_and_its_timeline(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let receipt: Receipt = app.declare(&key(), &form(1)).await.json().await.unwrap();
    // Typed differently (case, spaces, Arabic-Indic digits): still a match.
    let typed = with(
        with(lookup(1), "cin", json!("ab 100001")),
        "birth_day",
        json!("٧"),
    );
    let response = app.status(&typed).await;
    assert_eq!(response.status(), 200);
    let body: StatusResponse = response.json().await.unwrap();
    assert_eq!(body.declarations.len(), 1);
    let declaration = &body.declarations[0];
    assert_eq!(declaration.reference, receipt.reference);
    assert_eq!(declaration.academic_year, receipt.academic_year);
    assert_eq!(declaration.university, "um5");
    assert_eq!(declaration.status.as_str(), "received");
    assert_eq!(declaration.events.len(), 1);
    assert_eq!(declaration.events[0].at, receipt.received_at);
}

async fn unknown_and_wrong_details_get_the_very_same_answer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(app.declare(&key(), &form(2)).await.status(), 201);
    let wrong_birth = with(lookup(2), "birth_day", json!("8"));
    let wrong_massar = with(lookup(2), "massar", json!("R999999999"));
    let unknown = lookup(3);
    let mut answers = Vec::new();
    for attempt in [wrong_birth, wrong_massar, unknown] {
        let response = app.status(&attempt).await;
        let status = response.status().as_u16();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        answers.push((status, content_type, response.text().await.unwrap()));
    }
    assert_eq!(answers[0].0, 404);
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0], answers[2]);
    let body: ErrorBody = serde_json::from_str(&answers[0].2).unwrap();
    assert_eq!(body.code, ErrorCode::NoMatch);
}

async fn invalid_details_are_field_errors_not_guesses(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let response = app.status(&json!({"cin": "12", "massar": "", "birth_day": "31", "birth_month": "2", "birth_year": "2004"})).await;
    assert_eq!(response.status(), 422);
    let body: ErrorBody = response.json().await.unwrap();
    let codes: Vec<_> = body.fields.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "cin_missing_letters",
            "massar_empty",
            "birth_date_not_a_real_date"
        ]
    );
    // Never in a URL.
    let get = app.get("/api/status").await;
    assert_eq!(get.status(), 405);
}

async fn failures_per_cin_cost_a_proof_of_work_then_the_cost_resets(engine: Engine) {
    let clock = Clock::manual(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.limits.status_failures_per_cin = Limit::per(3, 3600);
        config.limits.status_failures_per_cin_total = Limit::per(3, 3600);
        config.limits.proofs = Puzzles {
            base: 1_000,
            steps: 3,
            doublings: 2,
        };
    })
    .await;
    assert_eq!(app.declare(&key(), &form(4)).await.status(), 201);

    let wrong = with(lookup(4), "birth_day", json!("8"));
    for _ in 0..3 {
        assert_eq!(app.status(&wrong).await.status(), 404);
    }
    // The allowance spent: not a lockout, a puzzle.
    let asked = app.status(&wrong).await;
    let challenge = challenge_of(&asked);
    assert_eq!(puzzle_size(&challenge), 1_000);
    assert_eq!(asked.headers()["cache-control"], "no-store");
    let body: ErrorBody = asked.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::ProofRequired);
    // The right details get a puzzle of the same size: no answer tells
    // them from wrong ones.
    let right = app.status(&lookup(4)).await;
    let early = solve(&challenge_of(&right));
    // Another student is not affected.
    assert_eq!(app.status(&lookup(5)).await.status(), 404);

    // A solved puzzle answers, and every further failure makes the next
    // one larger: one more step for each, and twice as large for each
    // from this address, up to the ceiling.
    let mut sizes = Vec::new();
    let mut challenge = challenge;
    for _ in 0..4 {
        let proof = solve(&challenge);
        assert_eq!(app.status_proven(&wrong, &proof).await.status(), 404);
        // Once only.
        let again = app.status_proven(&wrong, &proof).await;
        challenge = challenge_of(&again);
        sizes.push(puzzle_size(&challenge));
    }
    assert_eq!(sizes, [4_000, 12_000, 12_000, 12_000]);
    // A puzzle solved early, while puzzles were small, proves nothing now.
    assert_eq!(app.status_proven(&lookup(4), &early).await.status(), 428);
    // A puzzle is for its CIN only, and cannot be made easier.
    let proof = solve(&challenge);
    let other = with(lookup(5), "birth_day", json!("8"));
    assert_eq!(app.status_proven(&other, &proof).await.status(), 404);
    let mut parts: Vec<&str> = proof.split('.').collect();
    parts[1] = "10";
    let easier = parts.join(".");
    assert_eq!(app.status_proven(&wrong, &easier).await.status(), 428);
    // The student, with a solved puzzle, sees the declaration.
    let seen = app.status_proven(&lookup(4), &proof).await;
    assert_eq!(seen.status(), 200);
    // An expired one is a new puzzle.
    let late = challenge_of(&app.status(&lookup(4)).await);
    let late_proof = solve(&late);
    clock.advance(std::time::Duration::from_secs(301));
    assert_eq!(
        app.status_proven(&lookup(4), &late_proof).await.status(),
        428
    );

    // The failures leave the window one every 20 minutes: then no puzzle.
    clock.advance(std::time::Duration::from_secs(7 * 1200));
    assert_eq!(app.status(&lookup(4)).await.status(), 200);
    assert_eq!(app.status(&wrong).await.status(), 404);
}

async fn attempts_per_address_are_limited(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |config| {
        config.limits.status_per_address = Limit::per(5, 3600);
    })
    .await;
    let mut statuses = Vec::new();
    for n in 0..7 {
        statuses.push(app.status(&lookup(100 + n)).await.status().as_u16());
    }
    assert_eq!(statuses, [404, 404, 404, 404, 404, 429, 429]);
    // Without a trusted proxy, a forged X-Forwarded-For changes nothing.
    let forged = app
        .client
        .post(format!("{}/api/status", app.url))
        .header("x-forwarded-for", "41.1.2.3")
        .json(&lookup(200))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 429);
}

async fn behind_a_trusted_proxy_each_client_is_counted_alone(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |config| {
        config.server.trusted_proxy_hops = 1;
        config.limits.status_per_address = Limit::per(2, 3600);
    })
    .await;
    let from = |client: &'static str| {
        app.client
            .post(format!("{}/api/status", app.url))
            .header("x-forwarded-for", client)
            .json(&lookup(300))
            .send()
    };
    let mut statuses = Vec::new();
    for client in ["41.0.0.1", "41.0.0.1", "41.0.0.1", "41.0.0.2"] {
        statuses.push(from(client).await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [404, 404, 429, 404]);
}
