//! The universities' rosters of enrolled students over HTTP, on both
//! engines: given by a registrar's token or the university's staff, kept
//! as digests only, matched against the declarations (the student on it
//! wins over made-up declarations), final, and the declarations it does
//! not hold refused in one step.

use crate::back_office::{Agent, signed_in};
use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, with_operator};
use amoe_api::clock::Clock;
use amoe_domain::messages::operator::{ExportResponse, ShowResponse};
use amoe_domain::messages::roster::{RefusedNotEnrolled, RosterReport, RosterState};
use amoe_domain::messages::{ErrorBody, PublicConfig, Receipt};
use serde_json::{Value, json};

crate::on_both_engines!(
    the_student_on_the_roster_wins_over_made_up_declarations,
    a_roster_is_the_universitys_alone_and_a_wrong_file_changes_nothing,
    a_final_roster_flags_the_others_and_the_fund_refuses_them_in_one_step,
);

/// The registrar's token of `um5` on a server configured [`with_registrar`].
const REGISTRAR_TOKEN: &str = "registrar-um5-test-token";

fn with_registrar(config: &mut amoe_api::config::Config) {
    use sha2::Digest;
    with_operator(config);
    config.back_office.registrar_tokens = vec![(
        amoe_domain::declaration::UniversityId::parse("um5").unwrap(),
        sha2::Sha256::digest(REGISTRAR_TOKEN.as_bytes()).into(),
    )];
}

async fn app(engine: Engine) -> (TestApp, Clock, String) {
    let clock = Clock::manual(time::OffsetDateTime::now_utc());
    let app = TestApp::spawn_configured(engine, |config| {
        with_registrar(config);
        config.clock = clock.clone();
    })
    .await;
    let config: PublicConfig = app.get_json("/api/config").await;
    let year = config.academic_year.to_string();
    (app, clock, year)
}

/// A roster row of `form(n)`'s student, as a registrar exports it
/// (`;`-separated, the birth date `DD/MM/YYYY`).
fn row(n: u32) -> String {
    let student = form(n);
    format!(
        "EL AMRANI;Salma;{};{:0>2}/{:0>2}/{};{}\r\n",
        student["massar"].as_str().unwrap(),
        student["birth_day"].as_str().unwrap(),
        student["birth_month"].as_str().unwrap(),
        student["birth_year"].as_str().unwrap(),
        student["cin"].as_str().unwrap().to_lowercase(),
    )
}

/// A registrar's file of `students`: a BOM, French headers in their own
/// order, columns the service does not read.
fn roster(students: &[u32]) -> String {
    let mut file = "\u{feff}Nom;Prénom;CNE;Date de naissance;N° CIN\r\n".to_owned();
    for n in students {
        file.push_str(&row(*n));
    }
    file
}

async fn put_roster(app: &TestApp, token: &str, path: &str, body: String) -> reqwest::Response {
    app.client
        .put(format!("{}/api/rosters/{path}", app.url))
        .bearer_auth(token)
        .header("content-type", "text/csv; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Where the roster of `um5` stands, once its declarations' marks follow
/// it (its matching runs right after an upload, off its request).
async fn settled(app: &TestApp, year: &str) -> RosterState {
    for _ in 0..200 {
        let state: RosterState = app
            .client
            .get(format!("{}/api/rosters/um5/{year}", app.url))
            .bearer_auth(REGISTRAR_TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if !state.matching {
            return state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the roster's matching did not finish");
}

async fn declare(app: &TestApp, form: &Value) -> String {
    let response = app.declare(&key(), form).await;
    assert_eq!(response.status(), 201);
    let receipt: Receipt = response.json().await.unwrap();
    receipt.reference.to_string()
}

/// Each declaration of a CIN: (reference, enrolled, identity_conflict).
async fn shown(app: &TestApp, cin: &Value) -> Vec<(String, bool, bool)> {
    let shown: ShowResponse = app
        .operator("show")
        .json(&json!({ "cin": cin }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    shown
        .declarations
        .into_iter()
        .map(|d| {
            let d = d.declaration;
            (d.reference, d.enrolled, d.identity_conflict)
        })
        .collect()
}

fn made_up(n: u32, i: u32) -> Value {
    let mut fake = form(n);
    fake["massar"] = json!(format!("X00000000{i}"));
    fake["birth_year"] = json!("2001");
    fake["email"] = json!(format!("squat{i}@example.ma"));
    fake
}

async fn the_student_on_the_roster_wins_over_made_up_declarations(engine: Engine) {
    let (app, _, year) = app(engine).await;
    let student = form(4);
    // Three made-up declarations under the student's CIN, before the
    // roster.
    let mut fakes = Vec::new();
    for i in 0..3 {
        fakes.push(declare(&app, &made_up(4, i)).await);
    }
    // The university gives its roster: the student and two others.
    let response = put_roster(
        &app,
        REGISTRAR_TOKEN,
        &format!("um5/{year}"),
        roster(&[4, 5, 6]),
    )
    .await;
    assert_eq!(response.status(), 200);
    let report: RosterReport = response.json().await.unwrap();
    assert_eq!(
        (
            report.rows,
            report.students,
            report.added,
            report.removed,
            report.enrolled
        ),
        (3, 3, 3, 0, 0),
        "{report:?}"
    );
    settled(&app, &year).await;
    // The student declares: accepted, on the roster, and unflagged; the
    // fakes are flagged.
    let own = declare(&app, &student).await;
    let all = shown(&app, &student["cin"]).await;
    assert_eq!(all.len(), 4);
    for (reference, enrolled, flagged) in &all {
        if *reference == own {
            assert!(*enrolled && !*flagged, "{all:?}");
        } else {
            assert!(!*enrolled && *flagged, "{all:?}");
        }
    }
    // Set aside, the fakes leave no flag; the student's stays clean.
    for fake in &fakes {
        let response = app
            .operator("set-aside")
            .json(&json!({"reference": fake, "set_aside": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    assert!(
        shown(&app, &student["cin"])
            .await
            .iter()
            .all(|(_, _, flagged)| !flagged)
    );
    // The database holds no CIN, Massar code or birth date of the roster.
    let db = app.database().await;
    let entries: Vec<String> = sqlx::query_scalar("SELECT digest FROM roster_entries")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|d| d.len() == 32));
    let audit: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log")
        .fetch_all(&db)
        .await
        .unwrap();
    for n in [4, 5, 6] {
        let student = form(n);
        for field in ["cin", "massar"] {
            let value = student[field].as_str().unwrap();
            assert!(
                entries
                    .iter()
                    .chain(&audit)
                    .all(|text| !text.to_uppercase().contains(value)),
                "{value} stored"
            );
        }
    }
    // A student's own declaration made before the roster is matched when
    // it comes: the one on it, a made-up one under another CIN not.
    let earlier = declare(&app, &form(7)).await;
    let stranger = declare(&app, &made_up(8, 0)).await;
    let response = put_roster(
        &app,
        REGISTRAR_TOKEN,
        &format!("um5/{year}"),
        roster(&[5, 6, 7, 8]),
    )
    .await;
    let report: RosterReport = response.json().await.unwrap();
    assert_eq!(
        (
            report.students,
            report.added,
            report.removed,
            report.enrolled
        ),
        (4, 2, 1, 1),
        "{report:?}"
    );
    let state = settled(&app, &year).await;
    assert_eq!((state.students, state.enrolled), (4, 1));
    assert_eq!(
        shown(&app, &form(7)["cin"]).await[0],
        (earlier, true, false)
    );
    assert!(!shown(&app, &form(8)["cin"]).await[0].1, "{stranger}");
    // Off the roster now, the student's declaration is as any other: the
    // set-aside fakes still count for nothing.
    assert_eq!(
        shown(&app, &student["cin"])
            .await
            .iter()
            .filter(|d| d.1)
            .count(),
        0
    );
}

async fn error(response: reqwest::Response) -> (u16, ErrorBody) {
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn a_roster_is_the_universitys_alone_and_a_wrong_file_changes_nothing(engine: Engine) {
    let (app, _, year) = app(engine).await;
    let path = format!("um5/{year}");
    let good = roster(&[1, 2]);
    // No token, a wrong one, another university's.
    let anonymous = app
        .client
        .put(format!("{}/api/rosters/{path}", app.url))
        .header("content-type", "text/csv")
        .body(good.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        put_roster(&app, "wrong", &path, good.clone())
            .await
            .status(),
        401
    );
    let (status, body) =
        error(put_roster(&app, REGISTRAR_TOKEN, &format!("uca/{year}"), good.clone()).await).await;
    assert_eq!((status, body.code.as_str()), (403, "forbidden"));
    // An unknown university, a year not open, a body that is not CSV.
    assert_eq!(
        put_roster(
            &app,
            REGISTRAR_TOKEN,
            &format!("nowhere/{year}"),
            good.clone()
        )
        .await
        .status(),
        404
    );
    let (status, body) =
        error(put_roster(&app, REGISTRAR_TOKEN, "um5/2001-2002", good.clone()).await).await;
    assert_eq!(status, 422);
    assert_eq!(body.fields[0].code, "academic_year_not_open");
    let json = app
        .client
        .put(format!("{}/api/rosters/{path}", app.url))
        .bearer_auth(REGISTRAR_TOKEN)
        .json(&json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 415);
    // A dry run names each wrong cell and keeps nothing; nor does an
    // upload of the same file.
    let mut wrong = roster(&[1]);
    wrong.push_str("X;Y;R13;31/02/2004;AB1\r\n");
    for dry_run in ["?dry_run=true", ""] {
        let response = put_roster(
            &app,
            REGISTRAR_TOKEN,
            &format!("{path}{dry_run}"),
            wrong.clone(),
        )
        .await;
        let (status, body): (u16, Value) =
            (response.status().as_u16(), response.json().await.unwrap());
        assert_eq!(status, 422, "{body}");
        let cells: Vec<(u64, &str)> = body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["row"].as_u64().unwrap(), r["column"].as_str().unwrap()))
            .collect();
        assert_eq!(
            cells,
            [(2, "cin"), (2, "massar"), (2, "birth_date")],
            "{body}"
        );
    }
    let missing = put_roster(
        &app,
        REGISTRAR_TOKEN,
        &path,
        "Nom;CNE\r\nA;R130000001\r\n".into(),
    )
    .await;
    assert_eq!(missing.status(), 422);
    // A dry run of a right file says what would change, and changes
    // nothing.
    let response = put_roster(
        &app,
        REGISTRAR_TOKEN,
        &format!("{path}?dry_run=true"),
        good.clone(),
    )
    .await;
    let report: RosterReport = response.json().await.unwrap();
    assert!(report.dry_run && report.added == 2, "{report:?}");
    let state = settled(&app, &year).await;
    assert_eq!((state.students, state.uploaded_at), (0, None));
    // Final before any roster: refused, saying why.
    let (status, body) = error(
        app.client
            .put(format!("{}/api/rosters/{path}/final", app.url))
            .bearer_auth(REGISTRAR_TOKEN)
            .json(&json!({"final": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body.fields[0].code.as_str()), (422, "no_roster"));
    // The operators may give it too; every upload is audited.
    let by_operator = put_roster(&app, crate::helpers::OPERATOR_TOKEN, &path, good).await;
    assert_eq!(by_operator.status(), 200);
    let db = app.database().await;
    let uploads: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'roster_upload'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(uploads, 1);
}

async fn agent_request(
    app: &TestApp,
    agent: &Agent,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    app.client
        .request(method, format!("{}/api/back-office/{path}", app.url))
        .header("cookie", &agent.cookie)
        .header("x-csrf-token", &agent.csrf)
}

async fn a_final_roster_flags_the_others_and_the_fund_refuses_them_in_one_step(engine: Engine) {
    let (app, clock, year) = app(engine).await;
    let staff = signed_in(&app, &clock, "Nadia Bennani", "university:um5").await;
    let fund = signed_in(&app, &clock, "Karim Alaoui", "fund").await;
    let path = format!("rosters/um5/{year}");
    let on = declare(&app, &form(11)).await;
    let off = declare(&app, &form(12)).await;
    let mut elsewhere = form(13);
    elsewhere["university"] = json!("uca");
    let elsewhere = declare(&app, &elsewhere).await;
    // The university's staff give the roster from the back office: a dry
    // run, then for real.
    for dry_run in [true, false] {
        let response = agent_request(
            &app,
            &staff,
            reqwest::Method::PUT,
            &format!("{path}?dry_run={dry_run}"),
        )
        .await
        .header("content-type", "text/csv")
        .body(roster(&[11]))
        .send()
        .await
        .unwrap();
        assert_eq!(response.status(), 200);
        let report: RosterReport = response.json().await.unwrap();
        // What it would match, and what it matches.
        assert_eq!((report.dry_run, report.enrolled), (dry_run, 1));
    }
    settled(&app, &year).await;
    // The fund's agents do not give a university's roster.
    let response = agent_request(&app, &fund, reqwest::Method::PUT, &path)
        .await
        .header("content-type", "text/csv")
        .body(roster(&[11]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    clock.advance(std::time::Duration::from_secs(1));
    // Not final yet: nothing is flagged, nothing may be refused.
    let refuse = format!("{path}/refuse-not-enrolled");
    let refuse_body = |expected: u64| json!({ "expected": expected });
    let response = agent_request(&app, &fund, reqwest::Method::POST, &refuse)
        .await
        .json(&refuse_body(1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let response = agent_request(&app, &staff, reqwest::Method::PUT, &format!("{path}/final"))
        .await
        .json(&json!({"final": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let state: RosterState = response.json().await.unwrap();
    assert!(state.final_at.is_some());
    assert_eq!(
        (
            state.students,
            state.declarations,
            state.enrolled,
            state.not_on_roster_pending
        ),
        (1, 2, 1, 1)
    );
    // The search finds the one off the roster; the export says so.
    let found: Value = agent_request(&app, &fund, reqwest::Method::POST, "search")
        .await
        .json(&json!({"query": "", "not_on_roster": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["found"][0]["reference"], off);
    let enrolled: Value = agent_request(&app, &fund, reqwest::Method::POST, "search")
        .await
        .json(&json!({"query": "", "enrolled": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(enrolled["found"][0]["reference"], on, "{enrolled}");
    let exported: ExportResponse = app
        .operator("export")
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let marks: Vec<(String, bool, bool)> = exported
        .declarations
        .iter()
        .map(|d| (d.reference.clone(), d.enrolled, d.not_on_roster))
        .collect();
    assert!(marks.contains(&(on.clone(), true, false)), "{marks:?}");
    assert!(marks.contains(&(off.clone(), false, true)), "{marks:?}");
    assert!(
        marks.contains(&(elsewhere.clone(), false, false)),
        "{marks:?}"
    );
    // The dashboard shows the share matched.
    let dashboard: Value = agent_request(&app, &fund, reqwest::Method::GET, "dashboard")
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(dashboard["enrolled"], json!([{"key": "um5", "count": 1}]));
    // A declaration received once the roster is complete is not counted
    // among those to refuse: the fund looks at it, or the next roster.
    clock.advance(std::time::Duration::from_secs(5));
    let late = declare(&app, &form(14)).await;
    // The university's staff may not refuse; the fund refuses in one step,
    // one mail each.
    let response = agent_request(&app, &staff, reqwest::Method::POST, &refuse)
        .await
        .json(&refuse_body(1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // A count other than the one shown refuses nothing.
    let response = agent_request(&app, &fund, reqwest::Method::POST, &refuse)
        .await
        .json(&refuse_body(7))
        .send()
        .await
        .unwrap();
    let (status, body) = error(response).await;
    assert_eq!(
        (status, body.fields[0].code.as_str()),
        (409, "roster_changed")
    );
    let response = agent_request(&app, &fund, reqwest::Method::POST, &refuse)
        .await
        .json(&refuse_body(1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let refused: RefusedNotEnrolled = response.json().await.unwrap();
    assert_eq!((refused.refused, refused.remaining), (1, 0));
    let db = app.database().await;
    let statuses: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT reference, status, refusal_reason FROM declarations ORDER BY reference",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    for (reference, status, reason) in &statuses {
        if *reference == off {
            assert_eq!(status, "refused");
            assert!(
                reason
                    .as_deref()
                    .unwrap_or_default()
                    .contains("not_enrolled")
            );
        } else {
            // The late one too: received after the roster was complete.
            assert_eq!(status, "received", "{reference} ({late})");
        }
    }
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE id LIKE $1")
        .bind(format!("{off}.%"))
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(mails, 2, "the receipt and the refusal");
    // Again: nothing left to refuse.
    let again: RefusedNotEnrolled = agent_request(&app, &fund, reqwest::Method::POST, &refuse)
        .await
        .json(&refuse_body(0))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again.refused, 0);
    // A new roster is not complete until the university says so again.
    let response = agent_request(&app, &staff, reqwest::Method::PUT, &path)
        .await
        .header("content-type", "text/csv")
        .body(roster(&[11, 14]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let state = settled(&app, &year).await;
    assert_eq!((state.final_at, state.enrolled), (None, 2));
    // One upload at a time: another under way answers so, and changes
    // nothing.
    let db = app.database().await;
    sqlx::query("UPDATE rosters SET uploading_since = $1")
        .bind(clock.now_secs())
        .execute(&db)
        .await
        .unwrap();
    let (status, body) =
        error(put_roster(&app, REGISTRAR_TOKEN, &format!("um5/{year}"), roster(&[11])).await).await;
    assert_eq!((status, body.fields[0].code.as_str()), (409, "roster_busy"));
    assert_eq!(settled(&app, &year).await.students, 2);
}
