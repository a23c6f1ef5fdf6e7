//! University portals vouch for their student with a signed token: the
//! identity is taken from it, the declaration stored as vouched, the token
//! used once; any bad token is a 401 and nothing is stored.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp};
use amoe_api::clock::Clock;
use amoe_api::portal::Portals;
use amoe_domain::messages::{ErrorBody, ErrorCode, PortalIdentity, StatusResponse};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sqlx::Row;
use time::macros::datetime;

crate::on_both_engines!(
    a_vouched_declaration_takes_the_portals_identity_once,
    every_kind_of_bad_token_is_refused_and_stores_nothing,
    a_vouched_declaration_gets_past_squatters,
    an_erasure_leaves_the_roster_its_vouched_twin_is_on,
);

/// The test key pair of docs/embedding.md (never for production).
const UM5_PRIVATE: &str = include_str!("../../../docs/portal-test-key/private.pem");
const UM5_PUBLIC: &str = "MCowBQYDK2VwAyEAEBbXUzbTHlFFKOnRmbDDUDvzNWh63XnD05ol6QQjors=";
/// A P-256 pair, for a portal signing with ES256.
const UIT_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgB7pJQGI9qN+kVN5Z
tK+YRzUkHd+yLTOArUyOGA8JFEuhRANCAAQZxrO2tcCrZBs070WZu/yyVK6w6syE
/DpaJCVXNdpHamQnV2WlWcyPu39hroDAWqP18ot0RfGpKR9X9DUcZ1HN
-----END PRIVATE KEY-----
";
const UIT_PUBLIC: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEGcaztrXAq2QbNO9Fmbv8slSusOrMhPw6WiQlVzXaR2pkJ1dlpVnMj7t/Ya6AwFqj9fKLdEXxqSkfV/Q1HGdRzQ==";
/// A key no portal is configured with.
const FORGER_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDe8wMXvzRnrAcbUJAcNljxlixobKpntFJ1s4SWcfmGe
-----END PRIVATE KEY-----
";

const UM5: &str = "https://ent.um5.ac.ma";
const UIT: &str = "https://ent.uit.ac.ma";
/// The test server's public address (the tokens' audience).
const AUDIENCE: &str = "http://localhost:8080";
/// 2026-10-15 09:00 UTC, the server's time.
const NOW: i64 = 1_792_054_800;

async fn spawn(engine: Engine) -> TestApp {
    TestApp::spawn_configured(engine, |config| {
        config.clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
        config.mail.poll = None;
        config.portals.keys =
            Portals::parse(&format!("{UM5} um5 {UM5_PUBLIC}; {UIT} uit {UIT_PUBLIC}")).unwrap();
    })
    .await
}

fn claims(jti: &str) -> Value {
    json!({
        "iss": UM5, "aud": AUDIENCE, "iat": NOW - 10, "exp": NOW + 290, "jti": jti,
        "cin": "K 345678", "massar": "r130999999", "last_name": "Benali", "first_name": "Yasmine",
        "birth_date": "2005-02-14", "university": "um5",
    })
}

fn sign(claims: &Value, algorithm: Algorithm, private_pem: &str) -> String {
    let key = match algorithm {
        Algorithm::EdDSA => EncodingKey::from_ed_pem(private_pem.as_bytes()),
        _ => EncodingKey::from_ec_pem(private_pem.as_bytes()),
    }
    .unwrap();
    jsonwebtoken::encode(&Header::new(algorithm), claims, &key).unwrap()
}

fn um5_token(claims: &Value) -> String {
    sign(claims, Algorithm::EdDSA, UM5_PRIVATE)
}

async fn declare_vouched(app: &TestApp, form: &Value, token: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/declarations", app.url))
        .header("idempotency-key", key())
        .header("amoe-portal-token", token)
        .json(form)
        .send()
        .await
        .unwrap()
}

async fn identity(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/portal-identity", app.url))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap()
}

async fn stored(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query("SELECT cin, massar, vouched_by FROM declarations ORDER BY received_at, reference")
        .fetch_all(&app.database().await)
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get("cin"), row.get("massar"), row.get("vouched_by")))
        .collect()
}

async fn a_vouched_declaration_takes_the_portals_identity_once(engine: Engine) {
    let app = spawn(engine).await;
    let token = um5_token(&claims("session-1"));
    let response = identity(&app, &token).await;
    assert_eq!(response.status(), 200);
    let vouched: PortalIdentity = response.json().await.unwrap();
    assert_eq!(
        (
            vouched.cin.as_str(),
            vouched.massar.as_str(),
            vouched.birth_day.as_str()
        ),
        ("K345678", "R130999999", "14")
    );
    assert_eq!(vouched.university, "um5");
    // Reading the token does not use it; the declaration does, and takes
    // its identity from it whatever the browser sent.
    assert_eq!(identity(&app, &token).await.status(), 200);
    let response = declare_vouched(&app, &form(1), &token).await;
    assert_eq!(response.status(), 201);
    assert_eq!(
        stored(&app).await,
        [("K345678".into(), "R130999999".into(), "um5".into())]
    );
    let lookup = json!({"cin": "K345678", "massar": "R130999999",
        "birth_day": "14", "birth_month": "2", "birth_year": "2005"});
    let found: StatusResponse = app.status(&lookup).await.json().await.unwrap();
    assert_eq!(found.declarations.len(), 1);
    // Used once: neither read nor used again.
    let again = declare_vouched(&app, &form(2), &token).await;
    assert_eq!(again.status(), 401);
    let body: ErrorBody = again.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::InvalidPortalToken);
    assert_eq!(identity(&app, &token).await.status(), 401);
    // A portal signing with ES256 works the same.
    let uit = sign(
        &json!({"iss": UIT, "aud": AUDIENCE, "iat": NOW, "exp": NOW + 600, "jti": "a",
            "cin": "L123456", "massar": "S130000001", "last_name": "Amrani", "first_name": "Omar",
            "birth_date": "2004-12-01", "university": "uit"}),
        Algorithm::ES256,
        UIT_PRIVATE,
    );
    assert_eq!(declare_vouched(&app, &form(3), &uit).await.status(), 201);
    assert_eq!(stored(&app).await.len(), 2);
}

async fn every_kind_of_bad_token_is_refused_and_stores_nothing(engine: Engine) {
    let app = spawn(engine).await;
    let with = |changes: &[(&str, Value)]| {
        let mut c = claims("bad");
        for (name, value) in changes {
            c[*name] = value.clone();
        }
        c
    };
    let without = |name: &str| {
        let mut c = claims("bad");
        c.as_object_mut().unwrap().remove(name);
        c
    };
    let bad = [
        (
            "forged",
            sign(&claims("f"), Algorithm::EdDSA, FORGER_PRIVATE),
        ),
        (
            "expired",
            um5_token(&with(&[
                ("iat", json!(NOW - 700)),
                ("exp", json!(NOW - 100)),
            ])),
        ),
        (
            "not yet issued",
            um5_token(&with(&[
                ("iat", json!(NOW + 300)),
                ("exp", json!(NOW + 600)),
            ])),
        ),
        (
            "for another service",
            um5_token(&with(&[("aud", json!("https://evil.example"))])),
        ),
        (
            "unknown portal",
            um5_token(&with(&[("iss", json!("https://ent.evil.example"))])),
        ),
        (
            "too long-lived",
            um5_token(&with(&[("exp", json!(NOW + 3600))])),
        ),
        (
            "another university",
            um5_token(&with(&[("university", json!("uit"))])),
        ),
        ("no jti", um5_token(&without("jti"))),
        ("no audience", um5_token(&without("aud"))),
        ("a bad CIN", um5_token(&with(&[("cin", json!("123"))]))),
        (
            "a bad birth date",
            um5_token(&with(&[("birth_date", json!("14/02/2005"))])),
        ),
        (
            "signed by the other portal",
            sign(&with(&[("iss", json!(UIT))]), Algorithm::EdDSA, UM5_PRIVATE),
        ),
        ("not a token", "hello".to_owned()),
        ("tampered", {
            let token = um5_token(&claims("t"));
            let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
            use base64::Engine as _;
            let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let tampered = with(&[("jti", json!("t")), ("cin", json!("AB100001"))]);
            parts[1] = engine.encode(serde_json::to_vec(&tampered).unwrap());
            parts.join(".")
        }),
    ];
    for (case, token) in bad {
        let response = declare_vouched(&app, &form(10), &token).await;
        assert_eq!(response.status(), 401, "{case}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::InvalidPortalToken, "{case}");
        assert_eq!(identity(&app, &token).await.status(), 401, "{case}");
    }
    assert!(stored(&app).await.is_empty());
}

async fn a_vouched_declaration_gets_past_squatters(engine: Engine) {
    let app = spawn(engine).await;
    // Three made-up declarations fill the CIN's year before the student.
    for n in 0..3u32 {
        let squat = json!({
            "covered": "no", "cin": "K345678", "massar": format!("X00000000{n}"),
            "last_name": "X", "first_name": "Y", "birth_day": "1", "birth_month": "1",
            "birth_year": "2001", "email": format!("s{n}@example.ma"), "university": "um5",
            "sworn": true,
        });
        assert_eq!(app.declare(&key(), &squat).await.status(), 201);
    }
    // Unvouched, the student is stored, flagged like the squatters…
    let mut student = form(20);
    student["cin"] = json!("K345678");
    student["massar"] = json!("R130999999");
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    // …vouched for by the university's portal, the student's stands clear.
    let token = um5_token(&claims("session-2"));
    assert_eq!(declare_vouched(&app, &form(20), &token).await.status(), 201);
    let flags: Vec<(String, i64)> = sqlx::query(
        "SELECT vouched_by, identity_conflict FROM declarations ORDER BY received_at, reference",
    )
    .fetch_all(&app.database().await)
    .await
    .unwrap()
    .iter()
    .map(|row| (row.get("vouched_by"), row.get("identity_conflict")))
    .collect();
    assert_eq!(flags.len(), 5);
    assert!(flags.contains(&("um5".into(), 0)), "{flags:?}");
    assert_eq!(
        flags.iter().filter(|(_, f)| *f == 1).count(),
        4,
        "{flags:?}"
    );
}

/// A student declared, then their portal vouched for the same details: two
/// declarations, both on the university's roster. Erasing one at the
/// student's request leaves the roster entry the other is on; erasing both
/// leaves none.
async fn an_erasure_leaves_the_roster_its_vouched_twin_is_on(engine: Engine) {
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
        config.mail.poll = None;
        config.portals.keys = Portals::parse(&format!("{UM5} um5 {UM5_PUBLIC}")).unwrap();
        crate::helpers::with_operator(config);
    })
    .await;
    let mut typed = form(1);
    for (field, value) in [
        ("cin", "K345678"),
        ("massar", "R130999999"),
        ("birth_day", "14"),
        ("birth_month", "2"),
        ("birth_year", "2005"),
    ] {
        typed[field] = json!(value);
    }
    let plain = app.declare(&key(), &typed).await;
    assert_eq!(plain.status(), 201);
    let plain: amoe_domain::messages::Receipt = plain.json().await.unwrap();
    let vouched = declare_vouched(&app, &typed, &um5_token(&claims("twin-1"))).await;
    assert_eq!(vouched.status(), 201, "{}", vouched.text().await.unwrap());
    let given = app
        .client
        .put(format!("{}/api/rosters/um5/2026-2027", app.url))
        .bearer_auth(crate::helpers::OPERATOR_TOKEN)
        .header("content-type", "text/csv")
        .body("cin;massar;birth_date\nK345678;R130999999;14/02/2005\n")
        .send()
        .await
        .unwrap();
    assert_eq!(given.status(), 200);
    let db = app.database().await;
    let marks = || async {
        sqlx::query("SELECT vouched_by, enrolled FROM declarations ORDER BY vouched_by")
            .fetch_all(&db)
            .await
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row.get::<String, _>("vouched_by"),
                    row.get::<i64, _>("enrolled"),
                )
            })
            .collect::<Vec<_>>()
    };
    for _ in 0..200 {
        if marks().await.iter().all(|(_, enrolled)| *enrolled == 1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(marks().await, [("".into(), 1), ("um5".into(), 1)]);
    let entries = || async {
        sqlx::query("SELECT COUNT(*) AS n FROM roster_entries")
            .fetch_one(&db)
            .await
            .unwrap()
            .get::<i64, _>("n")
    };
    let erase = |reference: String| {
        app.operator("erase")
            .json(&json!({"reference": reference, "reason": "asked by the student"}))
            .send()
    };
    assert_eq!(
        erase(plain.reference.to_string()).await.unwrap().status(),
        200
    );
    assert_eq!(entries().await, 1, "the twin is still on the roster");
    assert_eq!(marks().await, [("um5".into(), 1)]);
    let twin: String = sqlx::query("SELECT reference FROM declarations")
        .fetch_one(&db)
        .await
        .unwrap()
        .get("reference");
    assert_eq!(erase(twin).await.unwrap().status(), 200);
    assert_eq!(entries().await, 0);
}
