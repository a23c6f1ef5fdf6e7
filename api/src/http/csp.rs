//! The Content-Security-Policy of the app's pages. Scripts run only from
//! this origin or when they are the exact inline scripts of the built
//! `index.html` (Trunk writes one to start the wasm), hashed at start-up:
//! an injected script, a style attribute or a foreign origin is refused.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for an `index.html` whose text is `html`, which the app's own
/// pages and the university portals at `portals` (checked origins, see
/// `portal::parse_origins`) may frame: any other site is refused.
pub fn policy(html: &str, portals: &[String]) -> String {
    let ancestors: String = std::iter::once("'self'")
        .chain(portals.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    policy_framed_by(html, &ancestors)
}

/// The policy of the back office's pages: no site may frame them (an
/// agent's clicks are never another page's).
pub fn back_office_policy(html: &str) -> String {
    policy_framed_by(html, "'none'")
}

fn policy_framed_by(html: &str, ancestors: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// The text of every `<script>` without a `src` attribute, exactly as the
/// browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        let has_src = tag
            .split(|c: char| c.is_whitespace())
            .any(|attribute| attribute.starts_with("src="));
        (!has_src).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_each_inline_script_and_skips_external_ones() {
        let html = "<head><script type=module>import init from '/a.js';</script>\
                    <script src=/b.js></script><script>x()</script></head>";
        let scripts: Vec<_> = inline_scripts(html).collect();
        assert_eq!(scripts, ["import init from '/a.js';", "x()"]);
        let policy = policy(html, &[]);
        assert_eq!(policy.matches("'sha256-").count(), 2);
        // sha256("x()"), base64: the value a browser computes.
        assert!(
            policy.contains("'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='"),
            "{policy}"
        );
    }

    #[test]
    fn refuses_everything_else() {
        let policy = policy("<p>no scripts</p>", &[]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(policy.contains("object-src 'none'"));
        assert!(policy.ends_with("frame-ancestors 'self'"));
    }

    #[test]
    fn the_allowed_portals_may_frame_the_app() {
        let portals = [
            "https://ent.um5.ac.ma".to_owned(),
            "http://127.0.0.1:9000".to_owned(),
        ];
        let policy = policy("", &portals);
        assert!(
            policy.ends_with("frame-ancestors 'self' https://ent.um5.ac.ma http://127.0.0.1:9000"),
            "{policy}"
        );
    }
}
