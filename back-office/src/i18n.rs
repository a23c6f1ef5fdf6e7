//! The back office's words, in ar, fr and en (`locales/*/back-office.ftl`,
//! compiled in with fluent-bundle: agents are few and on good connections,
//! so the three languages ride in the wasm), and the agent's choice among
//! them, remembered on the device as the students' app remembers it.

use amoe_domain::Lang;
use amoe_domain::lang::STORAGE_KEY;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use std::rc::Rc;

pub(crate) const SOURCES: [(Lang, &str); 3] = [
    (Lang::Ar, include_str!("../../locales/ar/back-office.ftl")),
    (Lang::Fr, include_str!("../../locales/fr/back-office.ftl")),
    (Lang::En, include_str!("../../locales/en/back-office.ftl")),
];

struct Bundles(Vec<(Lang, FluentBundle<FluentResource>)>);

impl Bundles {
    fn load() -> Bundles {
        Bundles(
            SOURCES
                .iter()
                .map(|(lang, source)| {
                    let resource = FluentResource::try_new((*source).to_owned())
                        .unwrap_or_else(|(resource, _)| resource);
                    let id: unic_langid::LanguageIdentifier =
                        lang.code().parse().expect("a valid language code");
                    let mut bundle = FluentBundle::new(vec![id]);
                    // Numbers and dates are written by the code, not by
                    // Fluent's functions.
                    let _ = bundle.add_resource(resource);
                    (*lang, bundle)
                })
                .collect(),
        )
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &self
            .0
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language is loaded")
            .1;
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// The language shown, and the messages.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    bundles: StoredValue<Rc<Bundles>, LocalStorage>,
}

impl I18n {
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn t(&self, key: &str) -> String {
        let lang = self.lang.get();
        self.bundles.with_value(|b| b.format(lang, key, None))
    }

    /// A message with its variables (texts or numbers).
    pub fn t_with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let lang = self.lang.get();
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent.set(*name, FluentValue::from(text.clone())),
                Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        self.bundles
            .with_value(|b| b.format(lang, key, Some(&fluent)))
    }

    pub fn set_lang(&self, lang: Lang) {
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        apply_to_document(lang);
        self.lang.set(lang);
    }
}

/// A variable of a message.
pub enum Arg {
    Text(String),
    Number(i64),
}

fn apply_to_document(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir().as_str());
    }
}

/// The agent's language: the one chosen on this device, else the
/// browser's, else French.
fn choose() -> Lang {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let preferred: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::negotiate(stored.as_deref(), &preferred)
}

pub fn provide_i18n() -> I18n {
    let lang = choose();
    apply_to_document(lang);
    let i18n = I18n {
        lang: RwSignal::new(lang),
        bundles: StoredValue::new_local(Rc::new(Bundles::load())),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The keys the shared screen parts say (`amoe_ui`).
pub static KEYS: amoe_ui::Keys = amoe_ui::Keys {
    service_name: "bo-service-name",
    error_prefix: "bo-error-prefix",
    switcher_label: "bo-language-switcher-label",
    language_names: ["bo-language-ar", "bo-language-fr", "bo-language-en"],
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

/// A message as a view that follows the language.
pub fn tr(key: &'static str) -> impl IntoView + Clone {
    let i18n = use_i18n();
    move || i18n.t(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_formats_its_messages() {
        let bundles = Bundles::load();
        for lang in Lang::ALL {
            let title = bundles.format(lang, "bo-service-name", None);
            assert_ne!(title, "bo-service-name", "{lang}");
        }
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(3));
        let found = bundles.format(Lang::En, "bo-search-found", Some(&args));
        assert!(found.contains('3'), "{found}");
        assert_eq!(bundles.format(Lang::Fr, "no-such-key", None), "no-such-key");
    }
}
