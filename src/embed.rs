//! Embed mode: the app inside a university portal's iframe (`embed.js`,
//! served by the API; see docs/embedding.md).
//!
//! The frame opens `/embed/declare` or `/embed/status` with the portal's
//! `university` and `lang`. [`start`] reads them before the router starts,
//! keeps them in `sessionStorage` for the frame's session (a reload stays
//! embedded) and replaces the address with the journey's own page. Then the
//! layout drops the header and footer, the university step shows only the
//! portal's university, links that leave the journey open in a new tab, and
//! the page posts its height to the portal so the frame fits its content.
//! A portal that vouches for its student hands the frame a signed identity
//! token by message once the frame says it is ready.

use amoe_domain::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The `sessionStorage` key: the university the portal asked for ("" for
/// none); present only in embed mode.
const STORAGE_KEY: &str = "amoe.embed.university";

/// The frame's settings, shared through context when embedded.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    /// The portal's `data-university`, as given (checked against the list
    /// by the pages that use it).
    pub university: Option<String>,
}

/// Where an embed address leads, and what it asks for: `None` when `path`
/// is not an embed address.
pub fn parse_entry(
    path: &str,
    query: &str,
) -> Option<(&'static str, Option<String>, Option<Lang>)> {
    let journey = match path.trim_end_matches('/') {
        "/embed/declare" | "/embed" => "/declare",
        "/embed/status" => "/status",
        _ => return None,
    };
    let mut university = None;
    let mut lang = None;
    for pair in query.trim_start_matches('?').split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.trim();
        match name {
            "university" if !value.is_empty() => {
                university = Some(value.chars().take(40).collect());
            }
            "lang" => lang = Lang::from_tag(value),
            _ => {}
        }
    }
    Some((journey, university, lang))
}

/// Reads an embed address (before the router starts) or the frame's
/// session. Returns the embed settings and the language the portal asked
/// for on entry.
pub fn start() -> (Option<Embed>, Option<Lang>) {
    // Pages rendered at build time are the service's own, never a frame.
    if cfg!(feature = "ssr") {
        return (None, None);
    }
    let storage = crate::device::session_storage();
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    if let Some((journey, university, lang)) = parse_entry(&path, &query) {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, university.as_deref().unwrap_or_default());
        }
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(journey));
        }
        listen();
        return (Some(Embed { university }), lang);
    }
    let stored = storage.and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored {
        Some(university) => {
            listen();
            let university = Some(university).filter(|u| !u.is_empty());
            (Some(Embed { university }), None)
        }
        None => (None, None),
    }
}

pub fn use_embed() -> Option<Embed> {
    use_context::<Option<Embed>>().flatten()
}

/// Hands `on_token` the identity token the portal sends to this frame (a
/// message from the parent page, never an address: the token carries the
/// student's CIN and birth date), after telling the portal the frame is
/// ready for it.
pub fn on_portal_token(on_token: impl Fn(String) + 'static) {
    let callback = Closure::<dyn Fn(String)>::new(on_token);
    listen_token(&callback);
    // Lives as long as the frame.
    callback.forget();
}

#[wasm_bindgen(inline_js = r##"
export function listen() {
  document.documentElement.classList.add("embedded");
  // The portal sizes the frame to the page: post the height on every change.
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      parent.postMessage({ type: "amoe:height", height }, "*");
    }
  };
  new ResizeObserver(post).observe(document.body);
  // Links that leave the journey open in a new tab, outside the portal.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.getAttribute("href").startsWith("#")) return;
    const url = new URL(link.href, location.href);
    const inJourney = url.origin === location.origin && /^\/(declare|status)(\/|$)/.test(url.pathname);
    if (inJourney) return;
    event.preventDefault();
    event.stopPropagation();
    window.open(url.href, "_blank", "noopener");
  }, true);
}

export function listen_token(callback) {
  // Only the parent page (the portal) may hand a token; the service checks
  // who signed it.
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== parent || !data || data.type !== "amoe:token") return;
    if (typeof data.token === "string" && data.token.length < 8192) callback(data.token);
  });
  parent.postMessage({ type: "amoe:ready" }, "*");
}
"##)]
extern "C" {
    fn listen();
    fn listen_token(callback: &Closure<dyn Fn(String)>);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_addresses_lead_to_their_journey() {
        assert_eq!(
            parse_entry("/embed/declare", "?university=um5&lang=ar"),
            Some(("/declare", Some("um5".into()), Some(Lang::Ar)))
        );
        assert_eq!(
            parse_entry("/embed/status/", "?lang=en"),
            Some(("/status", None, Some(Lang::En)))
        );
        assert_eq!(parse_entry("/embed", ""), Some(("/declare", None, None)));
        assert_eq!(parse_entry("/declare", "?university=um5"), None);
    }

    #[test]
    fn odd_values_are_ignored_or_kept_short() {
        assert_eq!(
            parse_entry("/embed/declare", "?lang=de&university="),
            Some(("/declare", None, None))
        );
        let long = "x".repeat(100);
        let (_, university, _) =
            parse_entry("/embed/declare", &format!("?university={long}")).unwrap();
        assert_eq!(university.unwrap().len(), 40);
    }
}
