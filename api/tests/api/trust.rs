//! The service resists abuse without accounts, on both engines: a campus
//! behind one address is never refused, guesses stop at the CIN, parallel
//! requests cannot overrun a limit, a CIN typed by someone else locks
//! nobody out and shows nobody's years, one e-mail address cannot be
//! mail-bombed.

use crate::declarations::{form, key};
use crate::helpers::{Engine, TestApp, challenge_of, puzzle_size, solve, with_operator};
use amoe_api::clock::Clock;
use amoe_api::db::rate_limits::Limit;
use amoe_domain::messages::operator::ExportResponse;
use amoe_domain::messages::{ErrorBody, ErrorCode, StatusResponse};
use serde_json::{Value, json};
use sqlx::Row;
use std::sync::Arc;
use std::time::Duration;
use time::macros::datetime;
use tokio::task::JoinSet;

crate::on_both_engines!(
    a_campus_behind_one_address_is_never_refused,
    fifty_parallel_wrong_lookups_get_at_most_the_allowance,
    a_failed_lookup_pays_the_cins_allowance_whatever_the_address,
    random_guesses_from_one_address_never_refuse_its_students,
    a_bucket_emptied_meanwhile_refuses_a_match_and_a_miss_alike,
    fifty_parallel_conflicts_count_fifty,
    a_squatted_cin_shows_each_side_only_its_own,
    made_up_declarations_never_bar_the_student_and_the_fund_sets_them_aside,
    an_address_pays_only_for_further_declarations_of_a_cin,
    further_declarations_past_the_allowance_cost_a_proof_of_work,
    one_mailbox_cannot_be_mail_bombed,
    ipv6_clients_count_per_64,
    one_address_cannot_lock_a_students_status_and_many_meet_a_ceiling,
    guesses_at_a_cin_count_per_ipv6_48,
    three_addresses_guessing_cost_the_student_one_puzzle,
    a_spent_mailbox_answers_the_same_for_right_and_wrong_details,
);

/// The lookup matching `form`.
fn lookup_of(form: &Value) -> Value {
    json!({
        "cin": form["cin"], "massar": form["massar"],
        "birth_day": form["birth_day"], "birth_month": form["birth_month"],
        "birth_year": form["birth_year"],
    })
}

fn with(mut value: Value, changes: &[(&str, Value)]) -> Value {
    for (field, new) in changes {
        value[*field] = new.clone();
    }
    value
}

/// A server whose clock stands in the 2026-2027 academic year.
async fn spawn(
    engine: Engine,
    adjust: impl FnOnce(&mut amoe_api::config::Config),
) -> (TestApp, Clock) {
    let clock = Clock::manual(datetime!(2026-10-15 09:00 UTC));
    let app = TestApp::spawn_configured(engine, |config| {
        config.clock = clock.clone();
        config.mail.poll = None;
        with_operator(config);
        adjust(config);
    })
    .await;
    (app, clock)
}

async fn export(app: &TestApp, format: &str) -> reqwest::Response {
    app.operator("export")
        .json(&json!({"format": format}))
        .send()
        .await
        .unwrap()
}

async fn statuses(mut set: JoinSet<u16>) -> std::collections::BTreeMap<u16, usize> {
    let mut counts = std::collections::BTreeMap::new();
    while let Some(status) = set.join_next().await {
        *counts.entry(status.unwrap()).or_default() += 1;
    }
    counts
}

async fn a_campus_behind_one_address_is_never_refused(engine: Engine) {
    let (app, clock) = spawn(engine, |_| {}).await;
    let app = Arc::new(app);
    // 5,000 students on one address over one hour: each declares once,
    // then checks twice. Sixteen at a time, the clock moving 0.72 s per
    // student.
    let mut refused = 0;
    for wave in 0..(5_000 / 16) {
        clock.advance(Duration::from_millis(720 * 16));
        let mut set = JoinSet::new();
        for i in 0..16 {
            let app = app.clone();
            let n = 10_000 + wave * 16 + i;
            set.spawn(async move {
                let form = form(n);
                let declared = app.declare(&key(), &form).await.status().as_u16();
                let first = app.status(&lookup_of(&form)).await.status().as_u16();
                let second = app.status(&lookup_of(&form)).await.status().as_u16();
                [declared, first, second]
            });
        }
        while let Some(answers) = set.join_next().await {
            let answers = answers.unwrap();
            if answers != [201, 200, 200] {
                refused += 1;
                eprintln!("refused: {answers:?}");
            }
        }
    }
    assert_eq!(refused, 0);

    // The same address guesses one student's details 10,000 times: the
    // CIN's allowance (5) is answered, everything else asks for a proof of
    // work.
    let victim = form(10_000);
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    let mut set = JoinSet::new();
    for guess in 0..10_000 {
        let app = app.clone();
        let wrong = with(
            lookup_of(&victim),
            &[("massar", json!(format!("X{guess:09}")))],
        );
        set.spawn(async move { app.status(&wrong).await.status().as_u16() });
        if set.len() >= 32 {
            let status = set.join_next().await.unwrap().unwrap();
            *counts.entry(status).or_default() += 1;
        }
    }
    for (status, count) in statuses(set).await {
        *counts.entry(status).or_default() += count;
    }
    assert_eq!(counts.get(&404), Some(&5), "{counts:?}");
    assert_eq!(counts.get(&428), Some(&9_995), "{counts:?}");
    // Those guesses stopped at the CIN: the campus still checks its status.
    assert_eq!(app.status(&lookup_of(&form(10_001))).await.status(), 200);
    assert_eq!(app.declare(&key(), &form(15_000)).await.status(), 201);
}

async fn fifty_parallel_wrong_lookups_get_at_most_the_allowance(engine: Engine) {
    let (app, _) = spawn(engine, |_| {}).await;
    let app = Arc::new(app);
    let student = form(1);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let mut set = JoinSet::new();
    for n in 0..50 {
        let app = app.clone();
        let wrong = with(
            lookup_of(&student),
            &[("massar", json!(format!("X{n:09}")))],
        );
        set.spawn(async move { app.status(&wrong).await.status().as_u16() });
    }
    let counts = statuses(set).await;
    assert_eq!(counts.get(&404), Some(&5), "{counts:?}");
    assert_eq!(counts.get(&428), Some(&45), "{counts:?}");
}

async fn a_failed_lookup_pays_the_cins_allowance_whatever_the_address(engine: Engine) {
    // The address's allowance of failures (3 a minute) runs out before the
    // CIN's (5 an hour): thirty guesses at once, from one address.
    let (app, clock) = spawn(engine, |config| {
        config.limits.status_per_address = Limit::per(3, 60);
    })
    .await;
    let app = Arc::new(app);
    let student = form(4);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let guess = |n: u32| {
        with(
            lookup_of(&student),
            &[("massar", json!(format!("X{n:09}")))],
        )
    };
    let mut set = JoinSet::new();
    for n in 0..30 {
        let app = app.clone();
        let wrong = guess(n);
        set.spawn(async move { app.status(&wrong).await.status().as_u16() });
    }
    let counts = statuses(set).await;
    assert_eq!(counts.get(&404), Some(&3), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&2), "{counts:?}");
    assert_eq!(counts.get(&428), Some(&25), "{counts:?}");
    // Five of them paid the CIN's allowance, two of those refused by the
    // address only after: a minute later, the address has its three
    // again, but the CIN has nothing left for guesses without a proof of
    // work. Refusals by the address tell a guesser nothing the CIN's
    // limit does not charge for.
    clock.advance(Duration::from_secs(60));
    let mut answers = Vec::new();
    for n in 30..33 {
        answers.push(app.status(&guess(n)).await.status().as_u16());
    }
    assert_eq!(answers, [428, 428, 428]);
    // So, from that address, does the student's own lookup: the CIN's
    // limit asks a match and a miss alike.
    assert_eq!(app.status(&lookup_of(&student)).await.status(), 428);
}

/// One user behind a campus or mobile NAT tries 10,000 made-up CINs at full
/// speed: the address's allowance of failures runs out, and the 100 real
/// students behind the same address then all see their status.
async fn random_guesses_from_one_address_never_refuse_its_students(engine: Engine) {
    let (app, _clock) = spawn(engine, |_| {}).await;
    let app = Arc::new(app);
    let students: Vec<Value> = (0..100).map(|n| form(60_000 + n)).collect();
    for student in &students {
        assert_eq!(app.declare(&key(), student).await.status(), 201);
    }
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    let mut set = JoinSet::new();
    for n in 0..10_000 {
        let app = app.clone();
        // A CIN nobody declared, each once.
        let made_up = lookup_of(&form(70_000 + n));
        set.spawn(async move { app.status(&made_up).await.status().as_u16() });
        if set.len() >= 32 {
            let status = set.join_next().await.unwrap().unwrap();
            *counts.entry(status).or_default() += 1;
        }
    }
    for (status, count) in statuses(set).await {
        *counts.entry(status).or_default() += count;
    }
    // The address's burst of failures (2,000; the clock stands still) was
    // answered, the rest refused.
    assert_eq!(counts.get(&404), Some(&2_000), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&8_000), "{counts:?}");
    let mut served = 0;
    for student in &students {
        if app.status(&lookup_of(student)).await.status() == 200 {
            served += 1;
        }
    }
    assert_eq!(served, 100, "{counts:?}");
}

async fn a_bucket_emptied_meanwhile_refuses_a_match_and_a_miss_alike(engine: Engine) {
    use amoe_api::db::rate_limits::{Take, Taken, take_all};
    let (app, _) = spawn(engine, |_| {}).await;
    let pool = app.database().await;
    let db = amoe_api::db::Db {
        pool: pool.clone(),
        backend: match engine {
            Engine::Sqlite => amoe_api::db::Backend::Sqlite,
            Engine::Postgres => amoe_api::db::Backend::Postgres,
        },
    };
    let now: i64 = 1_800_000_000_000;
    let cin = Limit::per(5, 3600);
    let address = Limit::per(20_000, 3600);
    let tat = |bucket: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query("SELECT tat FROM rate_limits WHERE bucket = $1")
                .bind(bucket)
                .fetch_one(&pool)
                .await
                .unwrap()
                .get::<i64, _>("tat")
        }
    };
    let mut answers = Vec::new();
    for failed in [true, false] {
        // The CIN's bucket has one token left; the address's is full.
        sqlx::query("DELETE FROM rate_limits WHERE bucket LIKE 'test:%'")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO rate_limits (bucket, tat, allowed) VALUES ('test:cin', $1, 1), ('test:address', 0, 1)",
        )
        .bind(now + 4 * 720_000)
        .execute(&pool)
        .await
        .unwrap();
        // Another request holds the address's bucket while this lookup
        // starts: it finds both with tokens, and waits for the address's.
        let mut other = pool.begin().await.unwrap();
        sqlx::query("UPDATE rate_limits SET allowed = 1 WHERE bucket = 'test:address'")
            .execute(&mut *other)
            .await
            .unwrap();
        let waiting = tokio::spawn({
            let db = db.clone();
            async move {
                let takes = [
                    Take {
                        bucket: "test:cin",
                        limit: cin,
                        spend: failed,
                    },
                    Take {
                        bucket: "test:address",
                        limit: address,
                        spend: true,
                    },
                ];
                take_all(&db, &takes, now).await.unwrap()
            }
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The other request empties it, and lets go.
        sqlx::query("UPDATE rate_limits SET tat = $1 WHERE bucket = 'test:address'")
            .bind(now + 36_000_000)
            .execute(&mut *other)
            .await
            .unwrap();
        other.commit().await.unwrap();
        answers.push(waiting.await.unwrap());
        // Refused, the lookup took nothing from the CIN's bucket.
        assert_eq!(tat("test:cin").await, now + 4 * 720_000);
    }
    // The address's bucket refused both, with the same wait: a guess
    // refused there cannot tell whether it was right.
    assert!(
        matches!(answers[0], Taken::Refused { at: 1, .. }),
        "{answers:?}"
    );
    assert_eq!(answers[0], answers[1]);
}

async fn fifty_parallel_conflicts_count_fifty(engine: Engine) {
    let (app, _) = spawn(engine, |config| {
        config.limits.conflicts_per_cin = Limit::per(10, 3600);
    })
    .await;
    let app = Arc::new(app);
    let student = form(2);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let mut set = JoinSet::new();
    for _ in 0..50 {
        let app = app.clone();
        let again = student.clone();
        set.spawn(async move { app.declare(&key(), &again).await.status().as_u16() });
    }
    let counts = statuses(set).await;
    assert_eq!(counts.get(&409), Some(&10), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&40), "{counts:?}");
    // Nothing was stored twice.
    let rows: i64 = count(
        &app.database().await,
        "SELECT COUNT(*) AS n FROM declarations",
    )
    .await;
    assert_eq!(rows, 1);
}

async fn a_squatted_cin_shows_each_side_only_its_own(engine: Engine) {
    let (app, clock) = spawn(engine, |_| {}).await;
    let victim = form(3);
    assert_eq!(app.declare(&key(), &victim).await.status(), 201);
    // A new academic year opens; someone declares first under the
    // victim's CIN, with made-up details and their own e-mail.
    clock.set(datetime!(2027-09-02 08:00 UTC));
    let squatter = with(
        victim.clone(),
        &[
            ("massar", json!("X123456789")),
            ("birth_year", json!("2001")),
            ("email", json!("squatter@example.ma")),
        ],
    );
    assert_eq!(app.declare(&key(), &squatter).await.status(), 201);

    let seen = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 200);
        let body: StatusResponse = response.json().await.unwrap();
        body.declarations
            .iter()
            .map(|d| d.academic_year.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        seen(app.status(&lookup_of(&squatter)).await).await,
        ["2027-2028"]
    );
    assert_eq!(
        seen(app.status(&lookup_of(&victim)).await).await,
        ["2026-2027"]
    );
    // The victim renews a minute later: not locked out.
    clock.advance(Duration::from_secs(60));
    assert_eq!(app.declare(&key(), &victim).await.status(), 201);
    assert_eq!(
        seen(app.status(&lookup_of(&victim)).await).await,
        ["2027-2028", "2026-2027"]
    );
    assert_eq!(
        seen(app.status(&lookup_of(&squatter)).await).await,
        ["2027-2028"]
    );

    // The fund sees both of this year flagged, in JSON and in CSV.
    let exported: ExportResponse = export(&app, "json").await.json().await.unwrap();
    let flags: Vec<(String, String, bool)> = exported
        .declarations
        .iter()
        .map(|d| {
            (
                d.academic_year.clone(),
                d.massar.clone(),
                d.identity_conflict,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("2026-2027".into(), "R130000003".into(), false),
            ("2027-2028".into(), "X123456789".into(), true),
            ("2027-2028".into(), "R130000003".into(), true),
        ]
    );
    let csv = export(&app, "csv").await.text().await.unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",identity_conflict,vouched_by,set_aside,enrolled,not_on_roster"),
        "{header}"
    );
    assert_eq!(csv.lines().filter(|l| l.contains(",yes,")).count(), 2);

    // And may refuse the squatter's for that reason, which the status
    // page then shows to whoever made it.
    let squatters = &exported.declarations[1].reference;
    let decision = app
        .operator("decisions")
        .json(&json!([{
            "reference": squatters, "decision": "refused",
            "reason_code": "identity_conflict", "decision_date": "2027-09-20",
        }]))
        .send()
        .await
        .unwrap();
    assert_eq!(decision.status(), 200);
    let body: StatusResponse = app
        .status(&lookup_of(&squatter))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        body.declarations[0].refusal_reason,
        Some(amoe_domain::declaration::RefusalReason::IdentityConflict)
    );
}

/// The identity flags of the declarations, by reference.
async fn flags(app: &TestApp) -> std::collections::BTreeMap<String, (bool, bool)> {
    sqlx::query("SELECT reference, identity_conflict, set_aside_at FROM declarations")
        .fetch_all(&app.database().await)
        .await
        .unwrap()
        .iter()
        .map(|row| {
            (
                row.get::<String, _>("reference"),
                (
                    row.get::<i64, _>("identity_conflict") != 0,
                    row.get::<Option<String>, _>("set_aside_at").is_some(),
                ),
            )
        })
        .collect()
}

async fn set_aside(app: &TestApp, reference: &str, aside: bool) -> reqwest::Response {
    app.operator("set-aside")
        .json(&json!({"reference": reference, "set_aside": aside}))
        .send()
        .await
        .unwrap()
}

async fn made_up_declarations_never_bar_the_student_and_the_fund_sets_them_aside(engine: Engine) {
    let (app, _) = spawn(engine, |_| {}).await;
    let student = form(4);
    // Three made-up declarations under the student's CIN.
    let mut fakes = Vec::new();
    for n in 0..3u32 {
        let fake = with(
            student.clone(),
            &[
                ("massar", json!(format!("X00000000{n}"))),
                ("birth_year", json!("2001")),
                ("email", json!(format!("squat{n}@example.ma"))),
            ],
        );
        let response = app.declare(&key(), &fake).await;
        assert_eq!(response.status(), 201, "fake {n}");
        let receipt: amoe_domain::messages::Receipt = response.json().await.unwrap();
        fakes.push(receipt.reference.to_string());
    }
    // The student's own still gets in, flagged like the fakes.
    let response = app.declare(&key(), &student).await;
    assert_eq!(response.status(), 201);
    let own: amoe_domain::messages::Receipt = response.json().await.unwrap();
    let own = own.reference.to_string();
    let before = flags(&app).await;
    assert_eq!(before.len(), 4);
    assert!(
        before.values().all(|&(flag, aside)| flag && !aside),
        "{before:?}"
    );
    // The student sees their own declaration only; each fake its own.
    let seen: StatusResponse = app.status(&lookup_of(&student)).await.json().await.unwrap();
    assert_eq!(seen.declarations.len(), 1);
    assert_eq!(seen.declarations[0].reference.to_string(), own);

    // The fund sets the fakes aside: no flag remains on the student's.
    for reference in &fakes {
        let response = set_aside(&app, reference, true).await;
        assert_eq!(response.status(), 200);
        let shown: amoe_domain::messages::operator::ShowResponse = response.json().await.unwrap();
        assert!(shown.declarations[0].declaration.set_aside);
    }
    let after = flags(&app).await;
    assert_eq!(after[&own], (false, false), "{after:?}");
    for reference in &fakes {
        assert_eq!(after[reference], (false, true), "{after:?}");
    }
    // Set aside, a fake is on nobody's status page; it stays the fund's.
    let fake0 = with(
        student.clone(),
        &[
            ("massar", json!("X000000000")),
            ("birth_year", json!("2001")),
        ],
    );
    assert_eq!(app.status(&lookup_of(&fake0)).await.status(), 404);
    let found: Value = app
        .operator("show")
        .json(&json!({"cin": student["cin"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found["declarations"].as_array().unwrap().len(), 4);
    // The operators' export hands over the student's only.
    let exported: ExportResponse = export(&app, "json").await.json().await.unwrap();
    let references: Vec<String> = exported
        .declarations
        .iter()
        .map(|d| d.reference.clone())
        .collect();
    assert_eq!(references, std::slice::from_ref(&own));
    // No decision reaches it, nor any mail whoever made it up.
    let decision = app
        .operator("decisions")
        .json(&json!([{
            "reference": fakes[1], "decision": "covered", "decision_date": "2026-10-20",
        }]))
        .send()
        .await
        .unwrap();
    assert_eq!(decision.status(), 422);
    let refused: Value = decision.json().await.unwrap();
    assert_eq!(refused["rows"][0]["code"], "set_aside", "{refused}");
    // Its very details stay declared: sent again, it is a 409.
    let again = with(fake0.clone(), &[("email", json!("again@example.ma"))]);
    assert_eq!(app.declare(&key(), &again).await.status(), 409);
    // Put back (audited), it counts again: both flagged.
    assert_eq!(set_aside(&app, &fakes[0], false).await.status(), 200);
    let back = flags(&app).await;
    assert_eq!(back[&own], (true, false));
    assert_eq!(back[&fakes[0]], (true, false));
    let db = app.database().await;
    let audited = count(
        &db,
        "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('set_aside', 'put_back')",
    )
    .await;
    assert_eq!(audited, 4);
    // Setting aside what is so already records nothing.
    assert_eq!(set_aside(&app, &fakes[1], true).await.status(), 200);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('set_aside', 'put_back')"
        )
        .await,
        4
    );
    assert_eq!(set_aside(&app, "AMOE-2222-222", true).await.status(), 404);
}

/// Each further declaration under a CIN tells right details (`409`) from
/// wrong ones (`201`): past the CIN's allowance, each costs a puzzle,
/// before the details are judged, larger with each.
async fn further_declarations_past_the_allowance_cost_a_proof_of_work(engine: Engine) {
    let (app, _) = spawn(engine, |config| {
        config.limits.declarations_per_email = Limit::per(1_000, 86_400);
        config.limits.proofs = amoe_api::proof::Puzzles {
            base: 1_000,
            steps: 4,
            doublings: 1,
        };
    })
    .await;
    let student = form(45_000);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let guess = |n: u32| with(student.clone(), &[("massar", json!(format!("X{n:09}")))]);
    // Four further declarations from one network: with the first, the
    // allowance.
    for n in 0..4 {
        assert_eq!(app.declare(&key(), &guess(n)).await.status(), 201, "{n}");
    }
    // Then right details and wrong ones alike are asked for a puzzle.
    let right = app.declare(&key(), &student).await;
    let wrong = app.declare(&key(), &guess(4)).await;
    assert_eq!(puzzle_size(&challenge_of(&right)), 1_000);
    assert_eq!(puzzle_size(&challenge_of(&wrong)), 1_000);
    // Solved, a guess is answered, and the next puzzle is larger.
    let mut sizes = Vec::new();
    for n in 10..14 {
        let key = key();
        let challenge = challenge_of(&app.declare(&key, &guess(n)).await);
        sizes.push(puzzle_size(&challenge));
        let answered = app
            .declare_proven(&key, &guess(n), &solve(&challenge))
            .await;
        assert_eq!(answered.status(), 201, "{n}");
    }
    // Twice as large from this network (once, here), and one step larger
    // for each past the allowance from all networks.
    assert_eq!(sizes, [1_000, 4_000, 6_000, 8_000]);
    // The right details, with a solved puzzle, are told they declared.
    let key_right = key();
    let challenge = challenge_of(&app.declare(&key_right, &student).await);
    let answered = app
        .declare_proven(&key_right, &student, &solve(&challenge))
        .await;
    assert_eq!(answered.status(), 409);
    // A status lookup's puzzle proves nothing here.
    let key_other = key();
    assert_eq!(app.declare(&key_other, &guess(20)).await.status(), 428);
    // (The server's own secret and clock, as a status lookup's 428 would
    // set it.)
    let status_puzzle = amoe_api::proof::set(
        &amoe_api::secret::Secret::default(),
        amoe_api::proof::Purpose::Status,
        student["cin"].as_str().unwrap(),
        1_000_000,
        5,
        datetime!(2026-10-15 09:00 UTC).unix_timestamp(),
    );
    let borrowed = solve(&status_puzzle.to_string());
    assert_eq!(
        app.declare_proven(&key_other, &guess(20), &borrowed)
            .await
            .status(),
        428
    );
    // Another CIN from the same address declares freely.
    assert_eq!(app.declare(&key(), &form(45_001)).await.status(), 201);
}

async fn an_address_pays_only_for_further_declarations_of_a_cin(engine: Engine) {
    let (app, _) = spawn(engine, |config| {
        config.limits.declarations_per_address = Limit::per(2, 3600);
        config.limits.declarations_per_email = Limit::per(1_000, 86_400);
    })
    .await;
    // Forty students behind one address declare: never refused.
    for n in 0..40u32 {
        assert_eq!(
            app.declare(&key(), &form(40_000 + n)).await.status(),
            201,
            "{n}"
        );
    }
    // Under one CIN, further declarations pay the address: two pass.
    let student = form(40_000);
    for n in 0..2u32 {
        let other = with(
            student.clone(),
            &[("massar", json!(format!("X00000001{n}")))],
        );
        assert_eq!(app.declare(&key(), &other).await.status(), 201, "{n}");
    }
    // The third is refused, right details or not, before they are judged.
    for attempt in [
        student.clone(),
        with(student.clone(), &[("massar", json!("X000000019"))]),
    ] {
        let response = app.declare(&key(), &attempt).await;
        assert_eq!(response.status(), 429);
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::TooManyRequests);
        assert!(body.fields.is_empty());
    }
    // A CIN's first declaration is never refused because of the address.
    assert_eq!(app.declare(&key(), &form(40_100)).await.status(), 201);
}

async fn one_mailbox_cannot_be_mail_bombed(engine: Engine) {
    let (app, _) = spawn(engine, |_| {}).await;
    let app = Arc::new(app);
    // 1,000 made-up students, one mailbox, dressed up many ways.
    let mut set = JoinSet::new();
    for n in 0..1_000u32 {
        let app = app.clone();
        let email = match n % 3 {
            0 => format!("victim+{n}@gmail.com"),
            1 => "Vic.Tim@Gmail.com".to_owned(),
            _ => "victim@googlemail.com".to_owned(),
        };
        set.spawn(async move {
            let f = with(form(20_000 + n), &[("email", json!(email))]);
            let response = app.declare(&key(), &f).await;
            let status = response.status().as_u16();
            if status == 429 {
                let body: ErrorBody = response.json().await.unwrap();
                assert_eq!(body.fields[0].code, "email_too_many_declarations");
            }
            status
        });
        if set.len() >= 16 {
            let _ = set.join_next().await;
        }
    }
    let _ = statuses(set).await;
    let pool = app.database().await;
    assert_eq!(
        count(&pool, "SELECT COUNT(*) AS n FROM declarations").await,
        3
    );
    assert_eq!(count(&pool, "SELECT COUNT(*) AS n FROM outbox").await, 3);

    // With the declaration cap lifted, the mail cap still holds.
    let (app, _) = spawn(engine, |config| {
        config.limits.declarations_per_email = Limit::per(1_000, 86_400);
    })
    .await;
    for n in 0..30u32 {
        let f = with(form(30_000 + n), &[("email", json!("victim@example.ma"))]);
        assert_eq!(app.declare(&key(), &f).await.status(), 201);
    }
    let mails: i64 = count(&app.database().await, "SELECT COUNT(*) AS n FROM outbox").await;
    assert_eq!(mails, 10);
}

async fn ipv6_clients_count_per_64(engine: Engine) {
    let (app, _) = spawn(engine, |config| {
        config.server.trusted_proxy_hops = 1;
        config.limits.status_per_address = Limit::per(3, 3600);
    })
    .await;
    let from = |client: &'static str, n: u32| {
        app.client
            .post(format!("{}/api/status", app.url))
            .header("x-forwarded-for", client)
            .json(&lookup_of(&form(40_000 + n)))
            .send()
    };
    let mut answers = Vec::new();
    for (n, client) in [
        "2a01:cb00:1:2::1",
        "2a01:cb00:1:2::2",
        "2a01:cb00:1:2:ffff::3",
        "2a01:cb00:1:2::4",
        "2a01:cb00:1:3::1",
    ]
    .into_iter()
    .enumerate()
    {
        answers.push(from(client, n as u32).await.unwrap().status().as_u16());
    }
    assert_eq!(answers, [404, 404, 404, 429, 404]);
}

/// An IPv6 guesser has a /48's 65,536 /64s: at one CIN, they share one
/// allowance, and one doubling puzzle.
async fn guesses_at_a_cin_count_per_ipv6_48(engine: Engine) {
    let (app, _) = spawn(engine, |config| config.server.trusted_proxy_hops = 1).await;
    let student = form(52);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let wrong = with(lookup_of(&student), &[("birth_day", json!("9"))]);
    let mut answers = Vec::new();
    for n in 0..6 {
        let response = app
            .client
            .post(format!("{}/api/status", app.url))
            .header("x-forwarded-for", format!("2a01:cb00:7:{n:x}::1"))
            .json(&wrong)
            .send()
            .await
            .unwrap();
        answers.push(response.status().as_u16());
    }
    assert_eq!(answers, [404, 404, 404, 404, 404, 428]);
}

async fn one_address_cannot_lock_a_students_status_and_many_meet_a_ceiling(engine: Engine) {
    let (app, _) = spawn(engine, |config| config.server.trusted_proxy_hops = 1).await;
    let student = form(50);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let from = |client: String, body: Value| {
        app.client
            .post(format!("{}/api/status", app.url))
            .header("x-forwarded-for", client)
            .json(&body)
            .send()
    };
    let wrong = with(lookup_of(&student), &[("birth_day", json!("9"))]);
    let mut answers = Vec::new();
    for _ in 0..7 {
        answers.push(
            from("41.0.0.1".into(), wrong.clone())
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert_eq!(answers, [404, 404, 404, 404, 404, 428, 428]);
    // The student, from another address, is not locked out.
    let right = lookup_of(&student);
    assert_eq!(
        from("41.0.0.2".into(), right.clone())
            .await
            .unwrap()
            .status(),
        200
    );
    // Guesses spread over many addresses meet the CIN's ceiling (15 at once).
    let mut failures = 5;
    for n in 3..10 {
        for _ in 0..5 {
            let status = from(format!("41.0.0.{n}"), wrong.clone())
                .await
                .unwrap()
                .status();
            failures += usize::from(status == 404);
        }
    }
    assert_eq!(failures, 15);
}

/// Five wrong guesses from each of three addresses spend a student's
/// allowance: the student, from a fourth, solves one puzzle and is served;
/// the guessers go on only by solving one per guess, each larger.
async fn three_addresses_guessing_cost_the_student_one_puzzle(engine: Engine) {
    let (app, _) = spawn(engine, |config| {
        config.server.trusted_proxy_hops = 1;
        // Linear only: from one address, puzzles would double too (see
        // the status tests).
        config.limits.proofs = amoe_api::proof::Puzzles {
            base: 5_000,
            steps: 8,
            doublings: 0,
        };
    })
    .await;
    let student = form(51);
    assert_eq!(app.declare(&key(), &student).await.status(), 201);
    let from = |client: &str, body: &Value, proof: Option<&str>| {
        let mut request = app
            .client
            .post(format!("{}/api/status", app.url))
            .header("x-forwarded-for", client)
            .json(body);
        if let Some(proof) = proof {
            request = request.header("amoe-proof", proof);
        }
        request.send()
    };
    let wrong = with(lookup_of(&student), &[("birth_day", json!("9"))]);
    for address in ["41.0.0.1", "41.0.0.2", "41.0.0.3"] {
        for _ in 0..5 {
            assert_eq!(from(address, &wrong, None).await.unwrap().status(), 404);
        }
    }
    let right = lookup_of(&student);
    let asked = from("41.0.0.4", &right, None).await.unwrap();
    let challenge = challenge_of(&asked);
    assert_eq!(puzzle_size(&challenge), 5_000);
    let served = from("41.0.0.4", &right, Some(&solve(&challenge)))
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    // The guessers pay a puzzle per guess, larger each time.
    let mut sizes = Vec::new();
    for _ in 0..10 {
        let challenge = challenge_of(&from("41.0.0.1", &wrong, None).await.unwrap());
        sizes.push(puzzle_size(&challenge) / 5_000);
        let proof = solve(&challenge);
        assert_eq!(
            from("41.0.0.1", &wrong, Some(&proof))
                .await
                .unwrap()
                .status(),
            404
        );
    }
    assert_eq!(sizes, [1, 2, 3, 4, 5, 6, 7, 8, 8, 8]);
    // And the student still gets through, at the ceiling.
    let challenge = challenge_of(&from("41.0.0.4", &right, None).await.unwrap());
    assert_eq!(puzzle_size(&challenge), 40_000);
    let served = from("41.0.0.4", &right, Some(&solve(&challenge)))
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
}

async fn a_spent_mailbox_answers_the_same_for_right_and_wrong_details(engine: Engine) {
    let (app, _) = spawn(engine, |_| {}).await;
    let victim = form(60);
    assert_eq!(app.declare(&key(), &victim).await.status(), 201);
    for n in 0..3u32 {
        let filler = with(form(61 + n), &[("email", json!("guesser@example.ma"))]);
        assert_eq!(app.declare(&key(), &filler).await.status(), 201);
    }
    let mut answers = Vec::new();
    for guess in [
        with(victim.clone(), &[("email", json!("guesser@example.ma"))]),
        with(
            victim.clone(),
            &[
                ("email", json!("guesser@example.ma")),
                ("birth_day", json!("9")),
            ],
        ),
    ] {
        let response = app.declare(&key(), &guess).await;
        let status = response.status().as_u16();
        answers.push((status, response.text().await.unwrap()));
    }
    assert_eq!(answers[0].0, 429);
    assert_eq!(
        answers[0], answers[1],
        "right and wrong details, one answer"
    );
}

/// `SELECT COUNT(*) AS n …` on the server's database.
async fn count(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(pool).await.unwrap().get("n")
}
