//! Languages: which one to show, its messages, and `<html lang dir>`.
//!
//! The messages are compiled from `locales/<code>/main.ftl` (`build.rs`,
//! [`crate::messages`]); the browser fetches the student's language's
//! before the app is drawn, and another when the student switches. The
//! choice follows the browser on a first visit and is remembered in
//! `localStorage` once the student picks one.

pub use crate::messages::Arg;
use amoe_domain::Lang;
use amoe_domain::lang::{COOKIE, STORAGE_KEY};
use leptos::prelude::*;

/// The language state, shared through Leptos context (`use_i18n`).
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    /// The language last asked for: shown once its messages are here.
    wanted: RwSignal<Lang>,
    /// Whether the last switch failed (its messages did not arrive).
    failed: RwSignal<bool>,
}

impl I18n {
    /// The language shown (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Whether the last switch failed for want of its messages (reactive).
    pub fn switch_failed(&self) -> bool {
        self.failed.get()
    }

    /// The text of message `key` in the language shown (reactive).
    pub fn t(&self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The text of message `key` with its variables (reactive).
    /// "12 March 2026": the one way the app writes a day out (reactive).
    pub fn long_date(&self, day: amoe_domain::Day) -> String {
        let (d, m, y) = day.parts();
        self.t_with(
            "date-long",
            &[
                ("day", d.to_string().into()),
                ("month", self.t(&format!("month-{m}")).into()),
                ("year", y.to_string().into()),
            ],
        )
    }

    /// [`long_date`](Self::long_date) of an RFC 3339 time or a
    /// `YYYY-MM-DD` day (as given, when it is neither).
    pub fn written_day(&self, when: &str) -> String {
        match amoe_domain::Day::of_timestamp(when) {
            Ok(day) => self.long_date(day),
            Err(_) => when.to_owned(),
        }
    }

    pub fn t_with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        crate::messages::format(self.lang.get(), key, args).unwrap_or_else(|| {
            leptos::logging::error!("missing message: {key}");
            key.to_owned()
        })
    }

    /// Switches to `lang` once its messages are here, and remembers it.
    /// The last choice wins, whichever fetch ends last. Without the
    /// messages (offline before the service worker kept them), the page
    /// stays in its language and says so ([`switch_failed`](Self::switch_failed)).
    pub fn set_lang(&self, lang: Lang) {
        let this = *self;
        this.wanted.set(lang);
        this.failed.set(false);
        leptos::task::spawn_local(async move {
            let loaded = crate::messages::load(lang).await;
            if this.wanted.get_untracked() != lang {
                return;
            }
            if loaded.is_err() {
                this.wanted.set(this.lang.get_untracked());
                this.failed.set(true);
                return;
            }
            apply_to_document(lang);
            this.lang.set(lang);
            store(lang);
            remember_for_server(lang);
        });
    }
}

fn remember_for_server(lang: Lang) {
    set_cookie(lang.code(), 31_536_000);
}

/// Forgets the language for the server too ("clear everything").
pub fn forget_for_server() {
    set_cookie("", 0);
}

fn set_cookie(value: &str, max_age: u32) {
    let Some(document) = html_document() else {
        return;
    };
    let secure = if window().location().protocol().as_deref() == Ok("https:") {
        "; Secure"
    } else {
        ""
    };
    let _ = document.set_cookie(&format!(
        "{COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Lax{secure}"
    ));
}

fn cookie() -> Option<String> {
    let cookies = html_document()?.cookie().ok()?;
    cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE).then(|| value.to_owned())
    })
}

fn html_document() -> Option<web_sys::HtmlDocument> {
    if cfg!(feature = "ssr") {
        return None;
    }
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDocument>(document()).ok()
}

/// The language to show: the one a portal asks for in embed mode (it wins
/// over the remembered one, and the student can still switch), else the
/// remembered one, else the browser's.
pub fn choose(asked: Option<Lang>) -> Lang {
    // The cookie is what the server chose the drawn page by: the same
    // choice, so the page does not change language when the app starts.
    let remembered = stored().or_else(cookie);
    asked.unwrap_or_else(|| Lang::negotiate(remembered.as_deref(), &browser_languages()))
}

/// Shares the language state, showing `lang` (whose messages are here).
/// `remember` tells the server the choice too, unless in a portal's frame,
/// which follows the portal, not the student's own choice.
pub fn provide_i18n(lang: Lang, remember: bool) -> I18n {
    apply_to_document(lang);
    if remember {
        remember_for_server(lang);
    }
    let i18n = I18n {
        lang: RwSignal::new(lang),
        wanted: RwSignal::new(lang),
        failed: RwSignal::new(false),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The keys the shared screen parts say (`amoe_ui`).
pub static KEYS: amoe_ui::Keys = amoe_ui::Keys {
    service_name: "service-name",
    error_prefix: "error-prefix",
    switcher_label: "language-switcher-label",
    language_names: ["language-ar", "language-fr", "language-en"],
};

impl amoe_ui::Words for I18n {
    fn lang(&self) -> Lang {
        I18n::lang(self)
    }

    fn t(&self, key: &str) -> String {
        I18n::t(self, key)
    }

    fn set_lang(&self, lang: Lang) {
        I18n::set_lang(self, lang)
    }
}

/// The text of message `key`, following the language. Every use shares one
/// concrete type, so the wasm holds its rendering code once, not per key.
pub fn tr(key: &'static str) -> impl IntoView + Clone {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// Sets `<html lang dir>` (and the installed app's manifest) to `lang`.
pub fn apply_to_document(lang: Lang) {
    if cfg!(feature = "ssr") {
        return;
    }
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.code());
        let _ = html.set_attribute("dir", lang.dir().as_str());
    }
    // The installed app takes the name and direction of the language.
    if let Ok(Some(link)) = document().query_selector("link[rel=manifest]") {
        let _ = link.set_attribute(
            "href",
            &format!("/locales/{}/manifest.webmanifest", lang.code()),
        );
    }
}

fn stored() -> Option<String> {
    crate::device::local_storage()?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
}

fn store(lang: Lang) {
    if let Some(storage) = crate::device::local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn browser_languages() -> Vec<String> {
    if cfg!(feature = "ssr") {
        return Vec::new();
    }
    let navigator = window().navigator();
    let mut languages: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect();
    if languages.is_empty() {
        languages.extend(navigator.language());
    }
    languages
}
