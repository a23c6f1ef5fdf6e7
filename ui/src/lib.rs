//! The parts of a screen that the students' app and the back office draw
//! the same way: the language switcher and the page heading (which names
//! the document and takes the focus after a navigation). Each app says
//! them in its own words: it implements [`Words`] over its messages and
//! names its keys in [`Keys`]. They are plain functions rather than
//! components: the students' first load pays for no props builder.

use amoe_domain::Lang;
use leptos::html::H1;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// An app's messages, following the language shown.
pub trait Words: Copy + Send + Sync + 'static {
    /// The language shown (tracked).
    fn lang(&self) -> Lang;
    /// Message `key` in the language shown (tracked).
    fn t(&self, key: &str) -> String;
    /// Shows `lang`.
    fn set_lang(&self, lang: Lang);
}

/// The keys of the messages these parts say.
pub struct Keys {
    /// The service's name, after the page's in the document's title.
    pub service_name: &'static str,
    /// "Error:", before a title while the page shows an error.
    pub error_prefix: &'static str,
    /// The language switcher's label.
    pub switcher_label: &'static str,
    /// Each language's name in itself, in [`Lang::ALL`]'s order.
    pub language_names: [&'static str; 3],
}

impl Keys {
    /// The key of `lang`'s own name.
    pub fn language_name(&self, lang: Lang) -> &'static str {
        let [ar, fr, en] = self.language_names;
        match lang {
            Lang::Ar => ar,
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// The document title of a page: "Page – Service".
pub fn document_title(page: &str, service: &str) -> String {
    format!("{page} – {service}")
}

/// Three buttons, each naming its language in that language, then
/// `after` (a message when a switch failed, say).
pub fn language_switcher<W: Words>(
    words: W,
    keys: &'static Keys,
    after: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <nav class="language-switcher" aria-label=move || words.t(keys.switcher_label)>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    lang=lang.code()
                                    aria-pressed=move || (words.lang() == lang).to_string()
                                    on:click=move |_| words.set_lang(lang)
                                >
                                    {move || words.t(keys.language_name(lang))}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {after}
        </nav>
    }
}

/// False until the first screen has shown: the page the browser loaded
/// keeps the browser's own focus; only later navigations move it.
static SHOWN_ONE: AtomicBool = AtomicBool::new(false);

/// The `<h1>` of a screen: it names the document ("Page – Service", after
/// "Error:" while `error` is true) and, after a navigation inside the app,
/// takes the focus, so that screen-reader and keyboard users start at the
/// top of the new page. `text` follows the language (and the data shown).
pub fn page_heading<W: Words>(
    words: W,
    keys: &'static Keys,
    text: impl Fn() -> String + Copy + Send + Sync + 'static,
    title: impl Fn() -> String + Send + Sync + 'static,
    error: Option<Signal<bool>>,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        let title = document_title(&title(), &words.t(keys.service_name));
        if error.is_some_and(|e| e.get()) {
            document().set_title(&format!("{} {title}", words.t(keys.error_prefix)));
        } else {
            document().set_title(&title);
        }
    });
    Effect::new(move |_| {
        if let Some(h1) = heading.get()
            && SHOWN_ONE.swap(true, Ordering::Relaxed)
        {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 class="heading-xl" id="page-heading" tabindex="-1" node_ref=heading>
            {text}
        </h1>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_service() {
        assert_eq!(
            document_title("Universities", "AMOE"),
            "Universities – AMOE"
        );
    }

    #[test]
    fn each_language_has_its_name() {
        let keys = Keys {
            service_name: "s",
            error_prefix: "e",
            switcher_label: "l",
            language_names: ["ar", "fr", "en"],
        };
        for lang in Lang::ALL {
            assert_eq!(keys.language_name(lang), lang.code());
        }
    }
}
