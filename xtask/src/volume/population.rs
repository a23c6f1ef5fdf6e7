//! The national population the seed writes: names, universities,
//! statuses and refusal reasons in the proportions of a real year, as one
//! SQL script that the database runs over a series of numbers.

use super::Engine;
use amoe_domain::search::fold;
use std::fmt::Write as _;

const YEARS: [(&str, i32); 3] = [
    ("2024-2025", 2024),
    ("2025-2026", 2025),
    ("2026-2027", 2026),
];

/// Family names, each in Latin and in Arabic script (both occur: a
/// student types their name as their documents write it).
const FAMILY: &[(&str, &str)] = &[
    ("Alaoui", "العلوي"),
    ("Bennani", "بناني"),
    ("El Idrissi", "الإدريسي"),
    ("Tazi", "التازي"),
    ("Berrada", "برادة"),
    ("Chraibi", "الشرايبي"),
    ("El Fassi", "الفاسي"),
    ("Benjelloun", "بنجلون"),
    ("Ouazzani", "الوزاني"),
    ("El Amrani", "العمراني"),
    ("Lahlou", "لحلو"),
    ("Kettani", "الكتاني"),
    ("Naciri", "الناصري"),
    ("Bouzidi", "البوزيدي"),
    ("Ait Ali", "آيت علي"),
    ("Ait Ouahmane", "آيت وحمان"),
    ("Ouchen", "أوشن"),
    ("El Mansouri", "المنصوري"),
    ("Benali", "بنعلي"),
    ("Ziani", "الزياني"),
    ("Haddad", "الحداد"),
    ("Sbai", "السباعي"),
    ("Rami", "الرامي"),
    ("Bakkali", "البقالي"),
    ("Hajji", "الحاجي"),
    ("Jaafari", "الجعفري"),
    ("Mouline", "مولين"),
    ("Skalli", "السقلي"),
    ("Filali", "الفيلالي"),
    ("Cherkaoui", "الشرقاوي"),
];

/// Given names, in Latin and in Arabic script.
const GIVEN: &[(&str, &str)] = &[
    ("Sara", "سارة"),
    ("Mohamed", "محمد"),
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Youssef", "يوسف"),
    ("Khadija", "خديجة"),
    ("Omar", "عمر"),
    ("Salma", "سلمى"),
    ("Hamza", "حمزة"),
    ("Imane", "إيمان"),
    ("Ayoub", "أيوب"),
    ("Meryem", "مريم"),
    ("Mehdi", "المهدي"),
    ("Hiba", "هبة"),
    ("Anas", "أنس"),
    ("Oumaima", "أميمة"),
    ("Yassine", "ياسين"),
    ("Nour", "نور"),
    ("Soufiane", "سفيان"),
    ("Aya", "آية"),
    ("Zakaria", "زكرياء"),
];

/// The universities and their share of students, in thousandths (their
/// enrolments' order of size).
const UNIVERSITIES: &[(&str, u64)] = &[
    ("uh2c", 140),
    ("um5", 120),
    ("uca", 110),
    ("usmba", 100),
    ("uiz", 100),
    ("uit", 80),
    ("uae", 75),
    ("ump", 70),
    ("umi", 60),
    ("uh1", 55),
    ("usms", 50),
    ("ucd", 40),
];

/// Refusal reasons, in hundredths of the refusals.
const REASONS: &[(&str, u64)] = &[
    (r#"{"reason":"covered_elsewhere","scheme":"cnss"}"#, 30),
    (r#"{"reason":"covered_elsewhere","scheme":"cnops"}"#, 15),
    (r#"{"reason":"not_enrolled"}"#, 25),
    (r#"{"reason":"identity_mismatch"}"#, 12),
    (r#"{"reason":"over_age"}"#, 10),
    (r#"{"reason":"identity_conflict"}"#, 5),
    (r#"{"reason":"other","text":"Dossier incomplet"}"#, 3),
];

/// Pairs `(key, value)` as SQL `VALUES` rows, quoted.
fn values(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    rows.into_iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| format!("'{}'", cell.replace('\'', "''")))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// The seed as one SQL script for `engine`: `per_year` declarations in
/// each of the three years, `now` (Unix seconds) the time of the mails.
pub(super) fn script(engine: Engine, per_year: u64, now: i64) -> String {
    let pg = engine == Engine::Postgres;
    let mut sql = String::new();
    let names: Vec<(String, String)> = FAMILY
        .iter()
        .flat_map(|(latin, arabic)| [*latin, *arabic])
        .flat_map(|last| {
            GIVEN.iter().flat_map(move |(latin, arabic)| {
                // Latin with Latin, Arabic with Arabic.
                let first = if last.is_ascii() { *latin } else { *arabic };
                Some((last.to_owned(), first.to_owned()))
            })
        })
        .collect();
    let n_names = names.len();
    // The names, each with its folded form as the API writes it
    // (`cases::folded_name`); the upgrade splits it into words.
    let name_rows = names.iter().enumerate().map(|(k, (last, first))| {
        vec![
            k.to_string(),
            last.clone(),
            first.clone(),
            format!(" {}", fold(&format!("{last} {first}"))),
        ]
    });
    let mut from = 0;
    let university_rows = UNIVERSITIES.iter().map(|(id, share)| {
        let row = vec![id.to_string(), from.to_string(), (from + share).to_string()];
        from += share;
        row
    });
    let mut from = 0;
    let reason_rows = REASONS.iter().map(|(json, share)| {
        let row = vec![
            json.to_string(),
            from.to_string(),
            (from + share).to_string(),
        ];
        from += share;
        row
    });
    if pg {
        sql.push_str("SET synchronous_commit = off;\n");
    } else {
        sql.push_str(
            "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = OFF;\nPRAGMA cache_size = -400000;\n",
        );
    }
    let temp = if pg { "TEMPORARY" } else { "TEMP" };
    let _ = writeln!(
        sql,
        "CREATE {temp} TABLE seed_names (k BIGINT, last_name TEXT, first_name TEXT, folded TEXT);\n\
         INSERT INTO seed_names VALUES {};\n\
         CREATE {temp} TABLE seed_universities (id TEXT, lo BIGINT, hi BIGINT);\n\
         INSERT INTO seed_universities VALUES {};\n\
         CREATE {temp} TABLE seed_reasons (json TEXT, lo BIGINT, hi BIGINT);\n\
         INSERT INTO seed_reasons VALUES {};",
        values(name_rows),
        values(university_rows),
        values(reason_rows),
    );
    // Every value a function of g, the declaration's number (1…), through
    // h, a multiplicative hash of it.
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let base32 = (0..7)
        .rev()
        .map(|digit| format!("substr('{alphabet}', ((g >> {}) & 31) + 1, 1)", digit * 5))
        .collect::<Vec<_>>()
        .join(" || ");
    for (y, (year, start)) in YEARS.iter().enumerate() {
        let current = y == YEARS.len() - 1;
        let offset = y as u64 * per_year;
        let series = if pg {
            format!("(SELECT i + {offset} AS g FROM generate_series(1, {per_year}) AS s(i)) AS s")
        } else {
            format!(
                "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {per_year}) \
                 SELECT i + {offset} AS g FROM s) AS s"
            )
        };
        // Days after the 1st of September: most in the first weeks.
        let received = if pg {
            format!(
                "to_char(timestamp '{start}-09-01' + (((h / 17) % 1000) * ((h / 17) % 1000) / 10000) * interval '1 day' \
                 + ((h / 3) % 86400) * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            )
        } else {
            format!(
                "strftime('%Y-%m-%dT%H:%M:%SZ', '{start}-09-01', \
                 '+' || (((h / 17) % 1000) * ((h / 17) % 1000) / 10000) || ' days', \
                 '+' || ((h / 3) % 86400) || ' seconds')"
            )
        };
        // Past years decided; the current one under way.
        let status = if current {
            "CASE WHEN (h / 7) % 1000 < 350 THEN 'received' WHEN (h / 7) % 1000 < 600 \
             THEN 'under_verification' WHEN (h / 7) % 1000 < 930 THEN 'covered' ELSE 'refused' END"
        } else {
            "CASE WHEN (h / 7) % 1000 < 905 THEN 'covered' ELSE 'refused' END"
        };
        let _ = writeln!(
            sql,
            "INSERT INTO declarations (reference, academic_year, cin, massar, last_name, first_name, \
               birth_date, email, phone, university_id, establishment, lang, status, idempotency_key, \
               request_hash, received_at, decided_on, refusal_reason, identity_conflict, vouched_by, \
               name_folded) \
             SELECT 'AMOE-' || {base32}, '{year}', 'ZS' || CAST(1000000 + g AS TEXT), \
               'R' || CAST(100000000 + g AS TEXT), n.last_name, n.first_name, \
               CAST({birth} + (h / 11) % 8 AS TEXT) || '-0' || CAST(1 + (h / 19) % 9 AS TEXT) || '-1' || CAST((h / 23) % 10 AS TEXT), \
               's' || CAST(g AS TEXT) || '@example.ma', NULL, u.id, NULL, \
               CASE (h / 29) % 3 WHEN 0 THEN 'ar' WHEN 1 THEN 'fr' ELSE 'en' END, \
               st, 'seed-' || CAST(g AS TEXT), '', rec, \
               CASE WHEN st IN ('covered', 'refused') THEN substr(rec, 1, 10) END, \
               CASE WHEN st = 'refused' THEN (SELECT json FROM seed_reasons r WHERE (h / 31) % 100 >= r.lo AND (h / 31) % 100 < r.hi) END, \
               CASE WHEN (h / 37) % 1000 < 3 THEN 1 ELSE 0 END, \
               CASE WHEN (h / 41) % 5 = 0 THEN u.id ELSE '' END, n.folded \
             FROM (SELECT g, h, {status} AS st, {received} AS rec FROM \
                   (SELECT g, (g * 2654435761) % 4294967291 AS h FROM {series}) AS hashed) AS d \
             JOIN seed_names n ON n.k = d.h % {n_names} \
             JOIN seed_universities u ON (d.h / 1601) % 1000 >= u.lo AND (d.h / 1601) % 1000 < u.hi;",
            birth = start - 20,
        );
    }
    let epoch = if pg {
        "CAST(EXTRACT(EPOCH FROM CAST(received_at AS timestamptz)) AS BIGINT)"
    } else {
        "CAST(strftime('%s', received_at) AS INTEGER)"
    };
    let _ = writeln!(
        sql,
        "INSERT INTO declaration_events (reference, position, status, at) \
           SELECT reference, 0, 'received', received_at FROM declarations WHERE idempotency_key LIKE 'seed-%';\n\
         INSERT INTO declaration_events (reference, position, status, at) \
           SELECT reference, 1, status, received_at FROM declarations \
           WHERE idempotency_key LIKE 'seed-%' AND status <> 'received';\n\
         INSERT INTO cin_years (cin, academic_year) \
           SELECT cin, academic_year FROM declarations WHERE idempotency_key LIKE 'seed-%';\n\
         INSERT INTO outbox (id, recipient, subject, body_text, body_html, created_at, attempts, \
           next_attempt_at, claimed_until, sent_at, last_error) \
           SELECT reference || '.received', email, 'AMOE', 'Votre déclaration a été reçue.', \
             '<p>Votre déclaration a été reçue.</p>', {now} - ({epoch} % 2592000), \
             1, 0, NULL, \
             CASE WHEN substr(reference, 11, 1) = '0' THEN NULL ELSE {now} - ({epoch} % 2592000) END, NULL \
           FROM declarations WHERE academic_year = '2026-2027' AND substr(reference, 12, 1) IN ('0', '1');\n\
         INSERT INTO audit_log (id, at, actor, action, detail) \
           SELECT 'seed-' || reference, received_at, 'seed', 'case', '{{\"reference\":\"' || reference || '\"}}' \
           FROM declarations WHERE idempotency_key LIKE 'seed-%' AND substr(reference, 12, 1) NOT IN ('0', '1', '2');"
    );
    // PostgreSQL's autovacuum gathers the planner's statistics soon after
    // such a load; the seed does it at once. SQLite plans without any, as
    // the API leaves it.
    if pg {
        sql.push_str("ANALYZE;\n");
    }
    sql
}
