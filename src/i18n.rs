//! Languages: which one to show, its Fluent messages, and `<html lang dir>`.
//!
//! The messages of one language live in `locales/<code>/main.ftl`; Trunk
//! copies them into the build and the app fetches only the language it
//! shows. The choice follows the browser on a first visit and is remembered
//! in `localStorage` once the student picks one.

use amoe_domain::Lang;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// The `localStorage` key that remembers the student's choice.
pub const STORAGE_KEY: &str = "amoe.lang";

pub type Bundle = FluentBundle<FluentResource>;

/// Where the built app serves a language's messages.
pub fn locale_url(lang: Lang) -> String {
    format!("/locales/{}/main.ftl", lang.code())
}

/// Builds the bundle of `lang` from the text of its `.ftl` file. Any syntax
/// error or duplicate message is an error: a broken file must not ship.
pub fn build_bundle(lang: Lang, source: String) -> Result<Bundle, String> {
    let resource = FluentResource::try_new(source)
        .map_err(|(_, errors)| format!("{lang}: {} syntax error(s): {errors:?}", errors.len()))?;
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().expect("language codes are valid");
    let mut bundle = FluentBundle::new(vec![id]);
    bundle
        .add_resource(resource)
        .map_err(|errors| format!("{lang}: {errors:?}"))?;
    Ok(bundle)
}

/// Formats message `key`, or `None` when the bundle has no such message.
pub fn format(bundle: &Bundle, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        leptos::logging::error!("message {key}: {errors:?}");
    }
    Some(text.into_owned())
}

/// The language state, shared through Leptos context (`use_i18n`).
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    bundle: RwSignal<Option<Rc<Bundle>>, LocalStorage>,
}

impl I18n {
    /// The language shown (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Whether the messages of a language have arrived (reactive).
    pub fn is_ready(&self) -> bool {
        self.bundle.with(Option::is_some)
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

    pub fn t_with(&self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        self.bundle.with(|bundle| {
            let Some(bundle) = bundle else {
                return String::new();
            };
            let args = (!args.is_empty()).then(|| {
                let mut fluent_args = FluentArgs::new();
                for (name, value) in args {
                    fluent_args.set(*name, value.clone());
                }
                fluent_args
            });
            format(bundle, key, args.as_ref()).unwrap_or_else(|| {
                leptos::logging::error!("missing message: {key}");
                key.to_owned()
            })
        })
    }

    /// Switches to `lang` once its messages have arrived, and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        let i18n = *self;
        spawn_local(async move { i18n.load(lang, true).await });
    }

    async fn load(self, lang: Lang, remember: bool) {
        match fetch_bundle(lang).await {
            Ok(bundle) => {
                apply_to_document(lang);
                self.lang.set(lang);
                self.bundle.set(Some(Rc::new(bundle)));
                if remember {
                    store(lang);
                }
            }
            Err(error) => {
                leptos::logging::warn!("cannot load the {lang} messages: {error}");
                if !self.is_ready() {
                    show_boot_error();
                }
            }
        }
    }
}

/// Chooses the language, starts loading its messages and shares the state.
/// `asked` is the language a portal asks for in embed mode: it wins over
/// the remembered one, and the student can still switch.
pub fn provide_i18n(asked: Option<Lang>) -> I18n {
    let lang = asked.unwrap_or_else(|| Lang::negotiate(stored().as_deref(), &browser_languages()));
    apply_to_document(lang);
    let i18n = I18n {
        lang: RwSignal::new(lang),
        bundle: RwSignal::new_local(None),
    };
    provide_context(i18n);
    spawn_local(async move { i18n.load(lang, false).await });
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The text of message `key`, following the language. Every use shares one
/// concrete type, so the wasm holds its rendering code once, not per key.
pub fn tr(key: &'static str) -> impl IntoView + Clone {
    let i18n = use_i18n();
    move || i18n.t(key)
}

async fn fetch_bundle(lang: Lang) -> Result<Bundle, String> {
    let response = gloo_net::http::Request::get(&locale_url(lang))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let source = response.text().await.map_err(|e| e.to_string())?;
    build_bundle(lang, source)
}

fn apply_to_document(lang: Lang) {
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

/// `index.html` carries a message in the three languages for the one case
/// where no messages could be loaded at all.
fn show_boot_error() {
    if let Some(element) = document().get_element_by_id("boot-error") {
        let _ = element.remove_attribute("hidden");
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be refused (privacy settings, some embedded frames).
    window().local_storage().ok().flatten()
}

fn stored() -> Option<String> {
    local_storage()?.get_item(STORAGE_KEY).ok().flatten()
}

fn store(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn browser_languages() -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(source: &str) -> Bundle {
        build_bundle(Lang::En, source.to_owned()).unwrap()
    }

    #[test]
    fn formats_messages_with_variables() {
        let b = bundle("hello = Hello { $name }!\n");
        let mut args = FluentArgs::new();
        args.set("name", "Amina");
        let text = format(&b, "hello", Some(&args)).unwrap();
        // Fluent isolates placeables for bidirectional text.
        assert_eq!(text, "Hello \u{2068}Amina\u{2069}!");
    }

    #[test]
    fn a_missing_message_is_none() {
        assert_eq!(format(&bundle("a = A\n"), "b", None), None);
    }

    #[test]
    fn a_broken_file_is_refused() {
        assert!(build_bundle(Lang::Fr, "this is not fluent".into()).is_err());
        assert!(build_bundle(Lang::Fr, "a = A\na = B\n".into()).is_err());
    }

    #[test]
    fn each_language_has_its_own_file() {
        assert_eq!(locale_url(Lang::Ar), "/locales/ar/main.ftl");
    }
}
