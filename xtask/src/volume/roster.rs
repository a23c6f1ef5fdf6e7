//! A university's roster of 300,000 enrolled students given to the API at
//! national volume: the largest university's declarations of the current
//! year as its registrar would export them (made-up students to fill it
//! to 300,000), uploaded twice (the first replaces an empty roster and
//! matches every declaration, while students of that university declare;
//! the second changes nothing), timed to the answer and to the end of the
//! matching, with the server's memory at its peak and the declarations'
//! latency meanwhile, and the roster's tables read to show they hold no
//! CIN.

use super::{Engine, OPERATOR_TOKEN, sqlite_path};
use crate::Result;
use crate::process::Cmd;
use std::fmt::Write as _;
use std::path::Path;

/// Students on the roster.
const STUDENTS: usize = 300_000;
const YEAR: &str = "2026-2027";

/// Rows of a query, each its cells.
fn rows(url: &str, sql: &str) -> Result<Vec<Vec<String>>> {
    let out = match Engine::of(url)? {
        Engine::Sqlite => Cmd::new("sqlite3", &["-separator", "|", sqlite_path(url), sql]).output(),
        Engine::Postgres => Cmd::new("psql", &[url, "-At", "-F", "|", "-c", sql]).output(),
    }
    .ok_or_else(|| format!("cannot run {sql}"))?;
    Ok(out
        .lines()
        .map(|line| line.split('|').map(str::to_owned).collect())
        .collect())
}

/// Gives the roster and prints what it took.
pub(super) fn upload(url: &str, base: &str, pid: u32, work: &Path) -> Result {
    let largest = rows(
        url,
        &format!(
            "SELECT university_id FROM declarations WHERE academic_year = '{YEAR}' \
             GROUP BY university_id ORDER BY COUNT(*) DESC LIMIT 1"
        ),
    )?;
    let university = largest
        .first()
        .and_then(|row| row.first())
        .ok_or("no declaration this year")?
        .clone();
    let students = rows(
        url,
        &format!(
            "SELECT cin, massar, birth_date FROM declarations \
             WHERE academic_year = '{YEAR}' AND university_id = '{university}' LIMIT {STUDENTS}"
        ),
    )?;
    let declared = students.len();
    // As a registrar's export: French headers, `;`, DD/MM/YYYY, names.
    let mut file = String::from("\u{feff}Nom;Prénom;CNE;Date de naissance;N° CIN\r\n");
    for row in &students {
        let [cin, massar, birth] = &row[..] else {
            return Err(format!("a row of three cells, not {row:?}"));
        };
        let (year, rest) = birth.split_once('-').unwrap_or_default();
        let (month, day) = rest.split_once('-').unwrap_or_default();
        let _ = write!(file, "NOM;Prénom;{massar};{day}/{month}/{year};{cin}\r\n");
    }
    for n in declared..STUDENTS {
        let _ = write!(file, "NOM;Prénom;R9{n:08};07/03/2005;ZQ{n:06}\r\n");
    }
    let path = work.join("roster.csv");
    std::fs::write(&path, &file).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "\nroster: {STUDENTS} students of {university} ({declared} of them declared this year), a {:.1} MB CSV",
        file.len() as f64 / 1e6
    );
    let put = || -> Result<(f64, String)> {
        let out = work.join("roster-report");
        let text = Cmd::new(
            "curl",
            &[
                "-s",
                "-o",
                &out.to_string_lossy(),
                "-w",
                "%{time_total} %{http_code}",
                "-X",
                "PUT",
                "-H",
                &format!("authorization: Bearer {OPERATOR_TOKEN}"),
                "-H",
                "content-type: text/csv",
                "--data-binary",
                &format!("@{}", path.display()),
                &format!("{base}/api/rosters/{university}/{YEAR}"),
            ],
        )
        .output()
        .ok_or("curl failed on the roster")?;
        let report = std::fs::read_to_string(&out).unwrap_or_default();
        match text.split_whitespace().collect::<Vec<_>>()[..] {
            [seconds, "200"] => Ok((seconds.parse().unwrap_or(0.0), report)),
            _ => Err(format!("the roster got {text}: {report}")),
        }
    };
    let before = super::load::resident_mb(pid);
    // Students of that university declare meanwhile, one after another.
    let declaring = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let declarations = {
        let (declaring, base, university, out) = (
            declaring.clone(),
            base.to_owned(),
            university.clone(),
            work.join("roster-declaration"),
        );
        std::thread::spawn(move || -> Result<Vec<f64>> {
            let mut samples = Vec::new();
            let mut n = 0u32;
            while declaring.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let form = format!(
                    r#"{{"covered":"no","cin":"ZW{n:06}","massar":"R66{n:07}","last_name":"Alaoui","first_name":"Sara","birth_day":"7","birth_month":"3","birth_year":"2005","email":"roster{n}@example.ma","university":"{university}","sworn":true,"lang":"fr"}}"#
                );
                let (_, total, code) = super::curl::request(
                    "POST",
                    &format!("{base}/api/declarations"),
                    &[format!(
                        "idempotency-key: {}",
                        super::curl::uuid(900_000 + n)
                    )],
                    Some(&form),
                    &out,
                )?;
                if code != 201 {
                    return Err(format!(
                        "a declaration during the roster's upload got {code}"
                    ));
                }
                samples.push(total);
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Ok(samples)
        })
    };
    // Its declarations are matched after the answer, off the request: the
    // seconds from `started` until they are.
    let matched = |started: std::time::Instant| -> Result<f64> {
        loop {
            let state = Cmd::new(
                "curl",
                &[
                    "-s",
                    "-H",
                    &format!("authorization: Bearer {OPERATOR_TOKEN}"),
                    &format!("{base}/api/rosters/{university}/{YEAR}"),
                ],
            )
            .output()
            .unwrap_or_default();
            if state.contains("\"matching\":false") {
                return Ok(started.elapsed().as_secs_f64());
            }
            if started.elapsed().as_secs() > 1_800 {
                return Err(format!("the roster's matching did not finish: {state}"));
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
    };
    let started = std::time::Instant::now();
    let (first, peak) = super::load::peak_during(pid, || -> Result<(f64, String, f64)> {
        let (seconds, report) = put()?;
        Ok((seconds, report, matched(started)?))
    });
    declaring.store(false, std::sync::atomic::Ordering::Relaxed);
    let mut samples = declarations
        .join()
        .map_err(|_| "the declaring thread panicked")??;
    let (seconds, report, all) = first?;
    println!(
        "roster: first upload answered in {seconds:.1} s, its declarations matched {all:.1} s after it began (API memory {before:.0} MB before, {peak:.0} MB at its peak): {report}"
    );
    if !samples.is_empty() {
        let most = samples.iter().copied().fold(0.0, f64::max);
        let (p50, p95) = super::curl::percentiles(&mut samples);
        println!(
            "roster: {} declarations of {university} meanwhile, each 201: p50 {p50:.1} ms, p95 {p95:.1} ms, slowest {most:.0} ms",
            samples.len()
        );
    }
    let started = std::time::Instant::now();
    let (again, peak) = super::load::peak_during(pid, || -> Result<(f64, String, f64)> {
        let (seconds, report) = put()?;
        Ok((seconds, report, matched(started)?))
    });
    let (seconds, report, all) = again?;
    println!(
        "roster: the same again answered in {seconds:.1} s, matched {all:.1} s after it began (peak {peak:.0} MB): {report}"
    );
    // What the database holds of it: digests of 32 hex digits, no CIN.
    let held = rows(
        url,
        &format!(
            "SELECT COUNT(*), SUM(CASE WHEN length(digest) = 32 THEN 1 ELSE 0 END) \
             FROM roster_entries WHERE university_id = '{university}'"
        ),
    )?;
    let sample = students
        .first()
        .and_then(|row| row.first())
        .cloned()
        .unwrap_or_default();
    let named = rows(
        url,
        &format!("SELECT COUNT(*) FROM roster_entries WHERE digest LIKE '%{sample}%'"),
    )?;
    println!(
        "roster: the database holds {} entries, {} of them a 32-hex-digit digest; entries naming a CIN of the file ({sample}): {}",
        held[0][0], held[0][1], named[0][0]
    );
    Ok(())
}
