//! One HTTP request at a time, timed by curl, and the percentiles of
//! such timings: what the volume bench's measures share.

use crate::Result;
use crate::process::Cmd;
use std::path::Path;

/// One HTTP request, timed by curl: (time to the first byte, total), in
/// milliseconds, and the body.
pub fn request(
    method: &str,
    url: &str,
    headers: &[String],
    body: Option<&str>,
    out: &Path,
) -> Result<(f64, f64, u16)> {
    let mut args: Vec<String> = vec![
        "-s".into(),
        "-o".into(),
        out.to_string_lossy().into_owned(),
        "-w".into(),
        "%{time_starttransfer} %{time_total} %{http_code}".into(),
        "-X".into(),
        method.into(),
    ];
    for header in headers {
        args.push("-H".into());
        args.push(header.clone());
    }
    if let Some(body) = body {
        args.push("-H".into());
        args.push("content-type: application/json".into());
        args.push("--data-binary".into());
        args.push(body.into());
    }
    args.push(url.into());
    let text = Cmd::new("curl", &args)
        .output()
        .ok_or_else(|| format!("curl failed on {url}"))?;
    let mut parts = text.split_whitespace();
    let mut next = || -> Result<f64> {
        parts
            .next()
            .and_then(|t| t.parse::<f64>().ok())
            .ok_or_else(|| format!("curl printed {text:?}"))
    };
    Ok((next()? * 1000.0, next()? * 1000.0, next()? as u16))
}

/// The `n`th Idempotency-Key of the bench (a UUID v4's shape).
pub fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// p50 and p95 of `samples` (milliseconds).
pub fn percentiles(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95))
}
