//! The languages the service speaks, and how one is chosen.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The `localStorage` key where the students' app and the back office
/// keep the language chosen on a device (one key: a device speaks one
/// language).
pub const STORAGE_KEY: &str = "amoe.lang";

/// The cookie that tells the server which language to send a page in
/// before the app starts. It holds the language code only.
pub const COOKIE: &str = "amoe_lang";

/// A language of the service. Arabic is written right to left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    Ar,
    Fr,
    En,
}

/// Text direction of a language, as the HTML `dir` attribute spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

impl Lang {
    /// Every language, in the order the language switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::Fr, Lang::En];

    /// Used when nothing the browser prefers is spoken here: French is the
    /// language of the universities' own platforms.
    pub const FALLBACK: Lang = Lang::Fr;

    /// The BCP 47 code (`ar`, `fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn dir(self) -> Dir {
        match self {
            Lang::Ar => Dir::Rtl,
            Lang::Fr | Lang::En => Dir::Ltr,
        }
    }

    /// Reads a language tag such as `fr`, `fr-MA`, `ar_MA` or `EN-gb` by its
    /// primary subtag. Tags for other languages give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// Chooses the language: the one the student picked before (remembered
    /// by the browser) if it is still valid, else the first of the browser's
    /// preferred languages that the service speaks, else [`Lang::FALLBACK`].
    pub fn negotiate<S: AsRef<str>>(remembered: Option<&str>, preferred: &[S]) -> Lang {
        remembered
            .and_then(Lang::from_tag)
            .or_else(|| {
                preferred
                    .iter()
                    .find_map(|tag| Lang::from_tag(tag.as_ref()))
            })
            .unwrap_or(Lang::FALLBACK)
    }

    /// The language tags of an HTTP `Accept-Language` header, most wanted
    /// first (by `q`, then by order); `q=0` and malformed weights drop the
    /// tag.
    pub fn accepted(header: &str) -> Vec<&str> {
        let mut tags: Vec<(u16, &str)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let mut weight = 1000;
                for parameter in parts {
                    // A parameter that is not `q=…` says nothing of weight.
                    let Some((name, value)) = parameter.split_once('=') else {
                        continue;
                    };
                    if name.trim().eq_ignore_ascii_case("q") {
                        let q: f32 = value
                            .trim()
                            .parse()
                            .ok()
                            .filter(|q| (0.0..=1.0).contains(q))?;
                        if q == 0.0 {
                            return None;
                        }
                        // Above 0, however small, still wanted.
                        weight = ((q * 1000.0).round() as u16).max(1);
                    }
                }
                (!tag.is_empty()).then_some((weight, tag))
            })
            .collect();
        // Stable: equal weights keep the header's order.
        tags.sort_by_key(|tag| std::cmp::Reverse(tag.0));
        tags.into_iter().map(|(_, tag)| tag).collect()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_accept_language_by_weight() {
        assert_eq!(
            Lang::accepted("ar-MA,fr;q=0.8,en;q=0.5"),
            ["ar-MA", "fr", "en"]
        );
        assert_eq!(Lang::accepted("en;q=0.3, fr;q=0.9, de"), ["de", "fr", "en"]);
        assert_eq!(Lang::accepted("fr;q=0, en"), ["en"]);
        assert_eq!(Lang::accepted("fr;q=2, en;q=x, ar"), ["ar"]);
        assert_eq!(
            Lang::accepted("fr;, en;q=0.0001, ar;q=0.5"),
            ["fr", "ar", "en"]
        );
        assert!(Lang::accepted("").is_empty());
        assert_eq!(
            Lang::negotiate(None, &Lang::accepted("de-DE,en-GB;q=0.9,ar;q=0.8")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(Some("ar"), &Lang::accepted("fr")), Lang::Ar);
    }

    #[test]
    fn reads_tags_by_primary_subtag() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("fr-MA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("ar_MA"), Some(Lang::Ar));
        assert_eq!(Lang::from_tag(" EN-gb "), Some(Lang::En));
        assert_eq!(Lang::from_tag("es"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("french"), None);
    }

    #[test]
    fn a_remembered_choice_wins_over_the_browser() {
        assert_eq!(Lang::negotiate(Some("en"), &["ar-MA", "fr"]), Lang::En);
    }

    #[test]
    fn an_invalid_remembered_choice_is_ignored() {
        assert_eq!(Lang::negotiate(Some("xx"), &["ar-MA"]), Lang::Ar);
    }

    #[test]
    fn the_first_spoken_browser_language_is_taken() {
        assert_eq!(Lang::negotiate(None, &["es-ES", "en-US", "fr"]), Lang::En);
    }

    #[test]
    fn french_when_nothing_matches() {
        assert_eq!(Lang::negotiate::<&str>(None, &[]), Lang::Fr);
        assert_eq!(Lang::negotiate(None, &["de", "es"]), Lang::Fr);
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        assert_eq!(Lang::Ar.dir().as_str(), "rtl");
        assert_eq!(Lang::Fr.dir().as_str(), "ltr");
        assert_eq!(Lang::En.dir().as_str(), "ltr");
    }

    #[test]
    fn serialises_as_the_code() {
        assert_eq!(serde_json::to_string(&Lang::Ar).unwrap(), "\"ar\"");
        assert_eq!(serde_json::from_str::<Lang>("\"en\"").unwrap(), Lang::En);
    }
}
