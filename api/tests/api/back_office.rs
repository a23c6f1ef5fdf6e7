//! The back office over HTTP on both engines: invitations, sessions (their
//! end when idle, at sign-out and at revocation), CSRF, every route with
//! the wrong role, search, decisions (two agents at once), corrections,
//! imports and the dashboard. The passkey ceremonies themselves run in
//! Chromium with a virtual authenticator (`tests/e2e/back-office.test.mjs`);
//! here a session is opened as a sign-in opens one, by writing its row.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use amoe_api::clock::Clock;
use amoe_domain::messages::back_office::{
    Case, Dashboard, Invitation, Revoked, SearchResponse, Session, SetAsideOthers,
};
use amoe_domain::messages::operator::ImportReport;
use amoe_domain::messages::{ErrorBody, ErrorCode, Receipt};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

crate::on_both_engines!(
    an_enrolment_link_works_once_and_for_a_day,
    every_route_refuses_the_signed_out_and_the_wrong_role,
    a_state_change_without_the_csrf_token_changes_nothing,
    two_agents_deciding_at_once_make_one_decision_and_one_mail,
    search_forgives_accents_and_arabic_forms_and_finds_cins_and_references,
    a_correction_and_an_import_are_audited_with_the_agent_name,
    sessions_end_when_idle_at_sign_out_and_at_revocation,
    the_dashboard_counts_the_year_and_a_university_sees_its_own,
    passkey_ceremonies_are_limited_per_address,
    a_case_shows_only_its_own_audit_and_searches_are_audited_without_the_cin,
    made_up_declarations_of_a_cin_are_set_aside_at_once,
);

async fn app(engine: Engine) -> (TestApp, Clock) {
    let clock = Clock::manual(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_configured(engine, |config| {
        with_operator(config);
        config.clock = clock.clone();
    })
    .await;
    (app, clock)
}

async fn invite(app: &TestApp, name: &str, role: &str) -> reqwest::Response {
    app.operator("agents")
        .json(&json!({"name": name, "role": role}))
        .send()
        .await
        .unwrap()
}

/// An agent signed in: its cookie and CSRF token.
pub struct Agent {
    id: String,
    pub cookie: String,
    pub csrf: String,
}

/// Invites an agent and opens a session for it, as a sign-in does.
pub async fn signed_in(app: &TestApp, clock: &Clock, name: &str, role: &str) -> Agent {
    let invitation: Invitation = invite(app, name, role).await.json().await.unwrap();
    let secret = format!("session-{}", key());
    let csrf = format!("csrf-{}", key());
    let hash: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let now = clock.now_secs();
    let db = app.database().await;
    sqlx::query(
        "INSERT INTO agent_sessions (id_hash, agent_id, csrf, created_at, seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(hash)
    .bind(&invitation.agent.id)
    .bind(&csrf)
    .bind(now)
    .execute(&db)
    .await
    .unwrap();
    Agent {
        id: invitation.agent.id,
        cookie: format!("__Host-amoe_agent={secret}"),
        csrf,
    }
}

async fn call(
    app: &TestApp,
    agent: Option<&Agent>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let url = format!("{}/api/back-office/{path}", app.url);
    let mut request = match method {
        "GET" => app.client.get(url),
        _ => app.client.post(url),
    };
    if let Some(agent) = agent {
        request = request
            .header("cookie", &agent.cookie)
            .header("x-csrf-token", &agent.csrf);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn declare(app: &TestApp, form: &Value) -> String {
    let response = app.declare(&key(), form).await;
    assert_eq!(response.status(), 201);
    let receipt: Receipt = response.json().await.unwrap();
    receipt.reference.to_string()
}

async fn error(response: reqwest::Response) -> (u16, ErrorBody) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn mails(app: &TestApp, reference: &str) -> i64 {
    let db = app.database().await;
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE id LIKE $1")
        .bind(format!("{reference}.%"))
        .fetch_one(&db)
        .await
        .unwrap()
}

async fn an_enrolment_link_works_once_and_for_a_day(engine: Engine) {
    let (app, clock) = app(engine).await;
    // Wrong roles and names are refused, each named.
    let (status, body) = error(invite(&app, "S", "university:nowhere").await).await;
    assert_eq!((status, body.code), (422, ErrorCode::InvalidFields));
    let fields: Vec<_> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "agent_name_invalid"),
            ("role", "unknown_university")
        ]
    );
    assert_eq!(invite(&app, "Samira Alaoui", "admin").await.status(), 422);
    // Without an operator's token, nobody invites.
    let anonymous = app
        .client
        .post(format!("{}/api/operator/agents", app.url))
        .json(&json!({"name": "Samira Alaoui", "role": "fund"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    let invitation: Invitation = invite(&app, "Samira Alaoui", "fund")
        .await
        .json()
        .await
        .unwrap();
    let (prefix, token) = invitation.link.split_once('#').unwrap();
    assert!(prefix.ends_with("/back-office/enrol"), "{prefix}");
    // The link's secret is not stored.
    let db = app.database().await;
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM agent_invitations")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_ne!(stored, token);

    let start = |token: String| {
        let app = &app;
        async move {
            call(
                app,
                None,
                "POST",
                "enrol/start",
                Some(json!({"token": token})),
            )
            .await
        }
    };
    let response = start(token.to_owned()).await;
    assert_eq!(response.status(), 200);
    let challenge: Value = response.json().await.unwrap();
    assert_eq!(challenge["name"], "Samira Alaoui");
    let options = &challenge["options"]["publicKey"];
    assert!(options["challenge"].as_str().is_some_and(|c| c.len() >= 32));
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "required"
    );

    // A wrong secret, and a ceremony nobody started, are refused.
    let (status, body) = error(start("not-the-secret".into()).await).await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (401, "invitation_invalid")
    );
    let finish = call(
        &app,
        None,
        "POST",
        "enrol/finish",
        Some(json!({"ceremony": "made-up", "credential": {"id": "x", "rawId": "eA", "type": "public-key",
            "response": {"attestationObject": "eA", "clientDataJSON": "eA"}}})),
    )
    .await;
    assert_eq!(error(finish).await.1.fields[0].code, "ceremony_expired");

    // After 24 hours the link no longer works.
    clock.advance(std::time::Duration::from_secs(24 * 3600 + 1));
    let (status, body) = error(start(token.to_owned()).await).await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (401, "invitation_invalid")
    );

    // Nor does the link of a revoked agent.
    let invitation: Invitation = invite(&app, "Karim Idrissi", "fund")
        .await
        .json()
        .await
        .unwrap();
    let revoked = app
        .operator("agents/revoke")
        .json(&json!({"agent": invitation.agent.id}))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let token = invitation.link.split_once('#').unwrap().1.to_owned();
    assert_eq!(start(token).await.status(), 401);
}

async fn every_route_refuses_the_signed_out_and_the_wrong_role(engine: Engine) {
    let (app, clock) = app(engine).await;
    let um5 = declare(&app, &form(1)).await;
    let mut other = form(2);
    other["university"] = json!("uca");
    let uca = declare(&app, &other).await;
    let staff = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;

    let decision = json!({"decision": "covered"});
    let routes: [(&str, String, Option<Value>); 10] = [
        ("GET", "session".into(), None),
        ("POST", "sign-out".into(), None),
        ("POST", "search".into(), Some(json!({"query": ""}))),
        ("POST", "export".into(), Some(json!({"query": ""}))),
        ("GET", "dashboard".into(), None),
        ("GET", format!("cases/{um5}"), None),
        (
            "POST",
            format!("cases/{um5}/decision"),
            Some(decision.clone()),
        ),
        (
            "POST",
            format!("cases/{um5}/correction"),
            Some(json!({"last_name": "Bennis"})),
        ),
        ("POST", "decisions".into(), Some(json!([]))),
        ("POST", "decisions?dry_run=true".into(), Some(json!([]))),
    ];
    for (method, path, body) in &routes {
        let (status, error_body) = error(call(&app, None, method, path, body.clone()).await).await;
        assert_eq!(
            (status, error_body.code),
            (401, ErrorCode::Unauthorized),
            "{method} {path}"
        );
        // A cookie that names no session is the same.
        let stranger = Agent {
            id: String::new(),
            cookie: "__Host-amoe_agent=forged".into(),
            csrf: "forged".into(),
        };
        let status = call(&app, Some(&stranger), method, path, body.clone())
            .await
            .status();
        assert_eq!(status, 401, "{method} {path} with a forged cookie");
    }
    // A university's staff may not decide, correct or import…
    for (method, path, body) in &routes[6..] {
        let (status, error_body) =
            error(call(&app, Some(&staff), method, path, body.clone()).await).await;
        assert_eq!(
            (status, error_body.code),
            (403, ErrorCode::Forbidden),
            "{method} {path}"
        );
    }
    // …nor see another university's declarations, in any way.
    let (status, _) =
        error(call(&app, Some(&staff), "GET", &format!("cases/{uca}"), None).await).await;
    assert_eq!(status, 404);
    let found: SearchResponse = call(
        &app,
        Some(&staff),
        "POST",
        "search",
        Some(json!({"query": "", "university": "uca"})),
    )
    .await
    .json()
    .await
    .unwrap();
    let references: Vec<_> = found.found.iter().map(|f| f.reference.as_str()).collect();
    assert_eq!(references, [um5.as_str()]);
    let csv = call(
        &app,
        Some(&staff),
        "POST",
        "export",
        Some(json!({"query": ""})),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(csv.contains(&um5) && !csv.contains(&uca), "{csv}");
    let case: Case = call(&app, Some(&staff), "GET", &format!("cases/{um5}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(case.declaration.declaration.reference, um5);
    // Nothing changed.
    assert_eq!(case.declaration.declaration.status.as_str(), "received");
    assert_eq!(mails(&app, &um5).await, 1);
}

async fn a_state_change_without_the_csrf_token_changes_nothing(engine: Engine) {
    let (app, clock) = app(engine).await;
    let reference = declare(&app, &form(1)).await;
    let agent = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    for csrf in [None, Some("wrong")] {
        let mut request = app
            .client
            .post(format!(
                "{}/api/back-office/cases/{reference}/decision",
                app.url
            ))
            .header("cookie", &agent.cookie)
            .json(&json!({"decision": "covered"}));
        if let Some(csrf) = csrf {
            request = request.header("x-csrf-token", csrf);
        }
        let (status, body) = error(request.send().await.unwrap()).await;
        assert_eq!((status, body.code), (403, ErrorCode::Forbidden));
        assert_eq!(body.fields[0].code, "csrf_token");
    }
    let case: Case = call(
        &app,
        Some(&agent),
        "GET",
        &format!("cases/{reference}"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(case.declaration.declaration.status.as_str(), "received");
    assert_eq!(mails(&app, &reference).await, 1);
}

async fn two_agents_deciding_at_once_make_one_decision_and_one_mail(engine: Engine) {
    let (app, clock) = app(engine).await;
    let reference = declare(&app, &form(1)).await;
    let samira = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let karim = signed_in(&app, &clock, "Karim Idrissi", "fund").await;
    // A refusal that the domain reads as incomplete is refused, naming why.
    let (status, body) = error(
        call(
            &app,
            Some(&samira),
            "POST",
            &format!("cases/{reference}/decision"),
            Some(json!({"decision": "refused", "reason_code": "other"})),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body.fields[0].code, "reason_text_missing");

    let path = format!("cases/{reference}/decision");
    let (a, b) = tokio::join!(
        call(
            &app,
            Some(&samira),
            "POST",
            &path,
            Some(json!({"decision": "covered"}))
        ),
        call(
            &app,
            Some(&karim),
            "POST",
            &path,
            Some(json!({"decision": "refused", "reason_code": "not_enrolled"}))
        ),
    );
    let statuses = [a.status().as_u16(), b.status().as_u16()];
    assert!(
        statuses.contains(&200) && statuses.contains(&409),
        "{statuses:?}"
    );
    let loser = if a.status() == 409 { a } else { b };
    let body: ErrorBody = loser.json().await.unwrap();
    assert_eq!(body.fields[0].code, "already_decided");
    assert_eq!(
        mails(&app, &reference).await,
        2,
        "received, and one decision"
    );

    // The winner's decision again is recorded once: no second mail.
    let case: Case = call(
        &app,
        Some(&samira),
        "GET",
        &format!("cases/{reference}"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let again = match case.declaration.declaration.status.as_str() {
        "covered" => json!({"decision": "covered"}),
        _ => json!({"decision": "refused", "reason_code": "not_enrolled"}),
    };
    let response = call(&app, Some(&karim), "POST", &path, Some(again)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-amoe-unchanged"], "1");
    assert_eq!(mails(&app, &reference).await, 2);
    // The case shows the decision, its mail and who decided.
    let case: Case = response.json().await.unwrap();
    assert_eq!(case.declaration.mails.len(), 2);
    assert!(
        case.audit.iter().any(|e| e.action == "decision"
            && (e.actor.starts_with("Samira Alaoui [") || e.actor.starts_with("Karim Idrissi ["))),
        "{:?}",
        case.audit
    );
}

async fn search_forgives_accents_and_arabic_forms_and_finds_cins_and_references(engine: Engine) {
    let (app, clock) = app(engine).await;
    let mut hajar = form(1);
    hajar["last_name"] = json!("Lahlou Benkirane");
    hajar["first_name"] = json!("Hajar");
    let hajar = declare(&app, &hajar).await;
    let mut arabic = form(2);
    arabic["last_name"] = json!("العَلَوي");
    arabic["first_name"] = json!("أمينة");
    let arabic = declare(&app, &arabic).await;
    let mut accent = form(3);
    accent["last_name"] = json!("Chérif");
    accent["first_name"] = json!("Hélène");
    let accent = declare(&app, &accent).await;
    let agent = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let search = |query: &'static str| {
        let (app, agent) = (&app, &agent);
        async move {
            let response: SearchResponse = call(
                app,
                Some(agent),
                "POST",
                "search",
                Some(json!({"query": query})),
            )
            .await
            .json()
            .await
            .unwrap();
            response
                .found
                .into_iter()
                .map(|f| f.reference)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("benkir").await, [hajar.as_str()]);
    assert_eq!(search("HAJAR lahlou").await, [hajar.as_str()]);
    assert_eq!(search("علوي امينه").await, [arabic.as_str()]);
    assert_eq!(search("helene cherif").await, [accent.as_str()]);
    assert_eq!(search("AB100003").await, [accent.as_str()]);
    assert_eq!(search("ab 100 001").await, [hajar.as_str()]);
    assert!(
        search("irane").await.is_empty(),
        "words match from their start"
    );
    let by_reference = hajar.to_lowercase();
    let found: SearchResponse = call(
        &app,
        Some(&agent),
        "POST",
        "search",
        Some(json!({"query": by_reference})),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(found.total, 1);
    // Filters, and wrong ones named.
    let found: SearchResponse = call(&app, Some(&agent), "POST", "search",
        Some(json!({"query": "", "identity_conflict": false, "vouched": false, "status": "received"})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.total, 3);
    let (status, body) = error(
        call(&app, Some(&agent), "POST", "search",
            Some(json!({"query": "", "since": "yesterday", "academic_year": "2026", "university": "x"}))).await,
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<_> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["university", "academic_year", "since"]);
    let (status, _) = error(
        call(
            &app,
            Some(&agent),
            "POST",
            "search",
            Some(json!({"query": 12})),
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
}

async fn made_up_declarations_of_a_cin_are_set_aside_at_once(engine: Engine) {
    let (app, clock) = app(engine).await;
    let student = form(40);
    let kept = declare(&app, &student).await;
    let mut fakes = Vec::new();
    for n in 0..3 {
        let mut fake = student.clone();
        fake["massar"] = json!(format!("X00000000{n}"));
        fake["email"] = json!(format!("squat{n}@example.ma"));
        fakes.push(declare(&app, &fake).await);
    }
    // One of them is with the operators already: it is decided first.
    let db = app.database().await;
    sqlx::query("UPDATE declarations SET status = 'under_verification' WHERE reference = $1")
        .bind(&fakes[2])
        .execute(&db)
        .await
        .unwrap();
    let path = format!("cases/{kept}/set-aside-others");
    // A university's staff read only.
    let staff = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;
    assert_eq!(
        call(&app, Some(&staff), "POST", &path, None).await.status(),
        403
    );
    let agent = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let response = call(&app, Some(&agent), "POST", &path, None).await;
    assert_eq!(response.status(), 200);
    let done: SetAsideOthers = response.json().await.unwrap();
    assert_eq!(done.set_aside, 2);
    assert!(done.case.declaration.declaration.identity_conflict);
    assert!(!done.case.declaration.declaration.set_aside);
    let (status, body) = error(
        call(
            &app,
            Some(&agent),
            "POST",
            &format!("cases/{}/set-aside", fakes[2]),
            Some(json!({"set_aside": true})),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (409, "under_verification")
    );
    // Decided (refused), it is set aside; the student's is clear.
    let refused = call(
        &app,
        Some(&agent),
        "POST",
        &format!("cases/{}/decision", fakes[2]),
        Some(json!({"decision": "refused", "reason_code": "identity_conflict"})),
    )
    .await;
    assert_eq!(refused.status(), 200);
    let aside = call(
        &app,
        Some(&agent),
        "POST",
        &format!("cases/{}/set-aside", fakes[2]),
        Some(json!({"set_aside": true})),
    )
    .await;
    assert_eq!(aside.status(), 200);
    let case: Case = call(&app, Some(&agent), "GET", &format!("cases/{kept}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(!case.declaration.declaration.identity_conflict);
    // Each made-up one is set aside, and its case names the step.
    for fake in &fakes[..2] {
        let case: Case = call(&app, Some(&agent), "GET", &format!("cases/{fake}"), None)
            .await
            .json()
            .await
            .unwrap();
        assert!(case.declaration.declaration.set_aside, "{fake}");
        assert!(!case.declaration.declaration.identity_conflict, "{fake}");
        assert!(
            case.audit.iter().any(|e| e.action == "set_aside_others"),
            "{fake}"
        );
    }
    // Nothing left to set aside: nothing done, nothing audited.
    let again: SetAsideOthers = call(&app, Some(&agent), "POST", &path, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again.set_aside, 0);
    // From a made-up one's case (a stale page): nothing.
    let (status, body) = error(
        call(
            &app,
            Some(&agent),
            "POST",
            &format!("cases/{}/set-aside-others", fakes[0]),
            None,
        )
        .await,
    )
    .await;
    assert_eq!((status, body.fields[0].code.as_str()), (409, "set_aside"));
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'set_aside_others'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

async fn a_correction_and_an_import_are_audited_with_the_agent_name(engine: Engine) {
    let (app, clock) = app(engine).await;
    let reference = declare(&app, &form(1)).await;
    let agent = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let path = format!("cases/{reference}/correction");
    let (status, body) = error(
        call(
            &app,
            Some(&agent),
            "POST",
            &path,
            Some(json!({"cin": "12"})),
        )
        .await,
    )
    .await;
    assert_eq!((status, body.fields[0].field.as_str()), (422, "cin"));
    let case: Case = call(
        &app,
        Some(&agent),
        "POST",
        &path,
        Some(json!({"last_name": "Bennis"})),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(case.declaration.declaration.last_name, "Bennis");
    assert_eq!(case.declaration.corrections[0].field, "last_name");
    assert!(
        case.declaration.corrections[0]
            .actor
            .starts_with("Samira Alaoui [")
    );
    // The corrected name is what a search finds.
    let found: SearchResponse = call(
        &app,
        Some(&agent),
        "POST",
        "search",
        Some(json!({"query": "bennis"})),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(found.total, 1);

    let file = |decision: &str| {
        format!(
            "reference,decision,reason_code,reason_text,decision_date\n{reference},{decision},,,2026-11-30\n"
        )
    };
    let import = |body: String, dry_run: bool| {
        let (app, agent) = (&app, &agent);
        async move {
            app.client
                .post(format!(
                    "{}/api/back-office/decisions?dry_run={dry_run}",
                    app.url
                ))
                .header("cookie", &agent.cookie)
                .header("x-csrf-token", &agent.csrf)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let bad = import(file("maybe"), true).await;
    assert_eq!(bad.status(), 422);
    let report: Value = bad.json().await.unwrap();
    assert_eq!(report["rows"][0]["code"], "decision_unknown");
    let dry: ImportReport = import(file("covered"), true).await.json().await.unwrap();
    assert_eq!((dry.applied, dry.dry_run), (1, true));
    let done: ImportReport = import(file("covered"), false).await.json().await.unwrap();
    assert_eq!((done.applied, done.dry_run), (1, false));
    let case: Case = call(
        &app,
        Some(&agent),
        "GET",
        &format!("cases/{reference}"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let actions: Vec<_> = case.audit.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"correct") && actions.contains(&"decision"),
        "{actions:?}"
    );
    assert!(
        case.audit
            .iter()
            .filter(|e| e.action != "show")
            .all(|e| e.actor.starts_with("Samira Alaoui ["))
    );
}

async fn sessions_end_when_idle_at_sign_out_and_at_revocation(engine: Engine) {
    let (app, clock) = app(engine).await;
    let agent = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let session: Session = call(&app, Some(&agent), "GET", "session", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (session.agent.name.as_str(), session.agent.role.as_str()),
        ("Samira Alaoui", "fund")
    );
    assert_eq!(session.csrf, agent.csrf);

    // Used within the idle time, it lasts; idle for longer, it ends.
    clock.advance(std::time::Duration::from_secs(25 * 60));
    assert_eq!(
        call(&app, Some(&agent), "GET", "session", None)
            .await
            .status(),
        200
    );
    clock.advance(std::time::Duration::from_secs(25 * 60));
    assert_eq!(
        call(&app, Some(&agent), "GET", "session", None)
            .await
            .status(),
        200
    );
    clock.advance(std::time::Duration::from_secs(31 * 60));
    assert_eq!(
        call(&app, Some(&agent), "GET", "session", None)
            .await
            .status(),
        401
    );

    // Sign-out ends it and clears the cookie.
    let agent = signed_in(&app, &clock, "Karim Idrissi", "fund").await;
    let out = call(&app, Some(&agent), "POST", "sign-out", None).await;
    assert_eq!(out.status(), 204);
    let cookie = out.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("__Host-amoe_agent=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    assert_eq!(
        call(&app, Some(&agent), "GET", "session", None)
            .await
            .status(),
        401
    );

    // Revocation ends every session of the agent at once.
    let first = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;
    let db = app.database().await;
    sqlx::query("INSERT INTO agent_sessions (id_hash, agent_id, csrf, created_at, seen_at) VALUES ('second', $1, 'x', $2, $2)")
        .bind(&first.id)
        .bind(clock.now_secs())
        .execute(&db)
        .await
        .unwrap();
    let revoked: Revoked = app
        .operator("agents/revoke")
        .json(&json!({"agent": first.id}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(revoked.sessions_ended, 2);
    assert_eq!(
        call(&app, Some(&first), "GET", "session", None)
            .await
            .status(),
        401
    );
    let unknown = app
        .operator("agents/revoke")
        .json(&json!({"agent": "nobody"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);
    let audit = app.audit::<Value>().await;
    let actions: Vec<_> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        actions.contains(&"revoke".to_owned()) && actions.contains(&"sign_out".to_owned()),
        "{actions:?}"
    );
}

async fn the_dashboard_counts_the_year_and_a_university_sees_its_own(engine: Engine) {
    let (app, clock) = app(engine).await;
    declare(&app, &form(1)).await;
    declare(&app, &form(2)).await;
    let mut other = form(3);
    other["university"] = json!("uca");
    let refused = declare(&app, &other).await;
    let fund = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let response = call(
        &app,
        Some(&fund),
        "POST",
        &format!("cases/{refused}/decision"),
        Some(json!({"decision": "refused", "reason_code": "not_enrolled"})),
    )
    .await;
    assert_eq!(response.status(), 200);
    let dashboard: Dashboard = call(&app, Some(&fund), "GET", "dashboard", None)
        .await
        .json()
        .await
        .unwrap();
    let counts = |list: &[amoe_domain::messages::back_office::Count]| {
        list.iter()
            .map(|c| (c.key.clone(), c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(dashboard.per_day.iter().map(|c| c.count).sum::<i64>(), 3);
    assert_eq!(
        counts(&dashboard.by_status),
        [("received".into(), 2), ("refused".into(), 1)]
    );
    assert_eq!(
        counts(&dashboard.by_university),
        [("uca".into(), 1), ("um5".into(), 2)]
    );
    assert_eq!(counts(&dashboard.refusals), [("not_enrolled".into(), 1)]);
    assert!(dashboard.outbox.is_some(), "the fund sees the outbox");
    let staff = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;
    let dashboard: Dashboard = call(&app, Some(&staff), "GET", "dashboard", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(counts(&dashboard.by_university), [("um5".into(), 2)]);
    assert!(dashboard.refusals.is_empty() && dashboard.outbox.is_none());
}

async fn passkey_ceremonies_are_limited_per_address(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |config| {
        config.limits.passkeys_per_address = amoe_api::db::rate_limits::Limit::per(3, 3600);
    })
    .await;
    for _ in 0..3 {
        let response = call(&app, None, "POST", "sign-in/start", Some(json!({}))).await;
        assert_eq!(response.status(), 200);
        let challenge: Value = response.json().await.unwrap();
        assert_eq!(
            challenge["options"]["publicKey"]["userVerification"],
            "required"
        );
    }
    let response = call(&app, None, "POST", "sign-in/start", Some(json!({}))).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let (status, body) = error(
        call(
            &app,
            None,
            "POST",
            "enrol/start",
            Some(json!({"token": "x"})),
        )
        .await,
    )
    .await;
    assert_eq!((status, body.code), (429, ErrorCode::TooManyRequests));
    // Three challenges wait on the server, no more.
    let db = app.database().await;
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webauthn_ceremonies")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(kept, 3);
}

async fn a_case_shows_only_its_own_audit_and_searches_are_audited_without_the_cin(engine: Engine) {
    let (app, clock) = app(engine).await;
    // One CIN, two universities (another Massar code: an identity
    // conflict, which the service accepts and flags).
    let own = declare(&app, &form(7)).await;
    let mut elsewhere = form(7);
    elsewhere["massar"] = json!("R139999999");
    elsewhere["university"] = json!("uca");
    let elsewhere = declare(&app, &elsewhere).await;
    // An operator's lookup by CIN names both references in its audit
    // entry.
    let shown = app
        .operator("show")
        .json(&json!({"cin": "AB100007"}))
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);

    // The university's staff read their own case: its audit entries say
    // who did what and when, and name no other declaration.
    let staff = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;
    let text = call(&app, Some(&staff), "GET", &format!("cases/{own}"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !text.contains(&elsewhere),
        "another university's reference: {text}"
    );
    let case: Case = serde_json::from_str(&text).unwrap();
    assert!(case.audit.iter().any(|e| e.action == "show"));
    assert!(case.audit.iter().all(|e| e.detail.is_null()));

    // A search is audited: how it searched and how many it found, never
    // the CIN typed.
    let fund = signed_in(&app, &clock, "Samira Alaoui", "fund").await;
    let found: SearchResponse = call(
        &app,
        Some(&fund),
        "POST",
        "search",
        Some(json!({"query": "ab100007"})),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(found.total, 2);
    let audit = app.audit::<Value>().await;
    let search = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "search")
        .expect("the search is in the audit log");
    assert!(
        search["actor"]
            .as_str()
            .unwrap()
            .starts_with("Samira Alaoui [")
    );
    assert_eq!(search["detail"]["criteria"]["by"], "cin");
    assert_eq!(search["detail"]["found"], 2);
    assert!(!audit.to_string().contains("AB100007"), "{audit}");

    // A decision's answer (the case as it now is) is not a second reading
    // in the log: the decision is the entry.
    let shows = |audit: &Value| {
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "show")
            .count()
    };
    let before = shows(&app.audit::<Value>().await);
    let decided = call(
        &app,
        Some(&fund),
        "POST",
        &format!("cases/{own}/decision"),
        Some(json!({"decision": "covered"})),
    )
    .await;
    assert_eq!(decided.status(), 200);
    let audit = app.audit::<Value>().await;
    assert_eq!(shows(&audit), before);
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "decision")
    );
}
