//! A university's roster of 300,000 enrolled students given to the API at
//! national volume: the largest university's declarations of the current
//! year as its registrar would export them (made-up students to fill it
//! to 300,000), uploaded twice (the first replaces an empty roster and
//! matches every declaration; the second changes nothing), timed, with the
//! server's memory at its peak, and the roster's tables read to show they
//! hold no CIN.

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
    let (first, peak) = super::load::peak_during(pid, put);
    let (seconds, report) = first?;
    println!(
        "roster: first upload {seconds:.1} s (API memory {before:.0} MB before, {peak:.0} MB at its peak): {report}"
    );
    let (again, peak) = super::load::peak_during(pid, put);
    let (seconds, report) = again?;
    println!("roster: the same again {seconds:.1} s (peak {peak:.0} MB): {report}");
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
