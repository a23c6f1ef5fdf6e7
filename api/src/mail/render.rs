//! The texts of the e-mails, from `locales/<lang>/mail.ftl` (built into the
//! binary), in the student's language. They carry the reference and what it
//! means, never the CIN or the birth date.

use super::Mail;
use amoe_domain::Lang;
use amoe_domain::declaration::{AcademicYear, Reference, RefusalReason};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;
use time::Date;

/// What happened, that the student is told about.
#[derive(Clone, Debug)]
pub enum Event {
    Received,
    Covered {
        on: Date,
    },
    Refused {
        reason: RefusalReason,
    },
    /// A refused student asked for a re-examination.
    Reexamination,
}

impl Event {
    fn kind(&self) -> &'static str {
        match self {
            Event::Received => "received",
            Event::Covered { .. } => "covered",
            Event::Refused { .. } => "refused",
            Event::Reexamination => "reexamination",
        }
    }
}

/// The mails' own texts, and the app's (for dates written out).
const SOURCES: [(Lang, [&str; 2]); 3] = [
    (
        Lang::Ar,
        [
            include_str!("../../../locales/ar/mail.ftl"),
            include_str!("../../../locales/ar/main.ftl"),
        ],
    ),
    (
        Lang::Fr,
        [
            include_str!("../../../locales/fr/mail.ftl"),
            include_str!("../../../locales/fr/main.ftl"),
        ],
    ),
    (
        Lang::En,
        [
            include_str!("../../../locales/en/mail.ftl"),
            include_str!("../../../locales/en/main.ftl"),
        ],
    ),
];

static BUNDLES: LazyLock<Vec<(Lang, FluentBundle<FluentResource>)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, sources)| {
            let mut bundle =
                FluentBundle::new_concurrent(vec![lang.code().parse().expect("a valid tag")]);
            for source in sources {
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|_| panic!("locales/{lang} parses (tests/locales.rs)"));
                bundle.add_resource(resource).unwrap_or_else(|_| {
                    panic!("locales/{lang} has no duplicate (tests/locales.rs)")
                });
            }
            (*lang, bundle)
        })
        .collect()
});

fn message(lang: Lang, key: &str, args: &FluentArgs) -> String {
    let (_, bundle) = BUNDLES
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language");
    let pattern = bundle
        .get_message(key)
        .and_then(|m| m.value())
        .unwrap_or_else(|| panic!("{key} in locales/{lang}/mail.ftl"));
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, Some(args), &mut errors)
        .into_owned();
    if !errors.is_empty() {
        tracing::error!(key, ?errors, "mail message");
    }
    // In Arabic the isolation marks keep a year, a reference or an address
    // in its own order (2026-2027, not 2027-2026); in French and English
    // nothing needs them, and some clients would show them as noise.
    match lang.dir() {
        amoe_domain::lang::Dir::Rtl => text,
        _ => text.replace(ISOLATES, ""),
    }
}

/// The bidi isolates: LRI, RLI, FSI (Fluent's own, around a placeable)
/// and PDI, which closes each.
const ISOLATES: [char; 4] = ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];

/// HTML text: escaped, and each isolated run a `<bdi>` element.
fn html_text(text: &str) -> String {
    escape(text)
        .replace('\u{2066}', "<bdi dir=\"ltr\">")
        .replace('\u{2067}', "<bdi dir=\"rtl\">")
        .replace('\u{2068}', "<bdi>")
        .replace('\u{2069}', "</bdi>")
}

/// "1 December 2026", written out in the student's language.
fn written_date(lang: Lang, date: Date) -> String {
    let month_name = message(
        lang,
        &format!("month-{}", date.month() as u8),
        &FluentArgs::new(),
    );
    let mut args = FluentArgs::new();
    args.set("day", date.day().to_string());
    args.set("month", month_name);
    args.set("year", date.year().to_string());
    message(lang, "date-long", &args)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The e-mail telling `recipient` about `event` on their declaration.
pub fn render(
    event: &Event,
    reference: &Reference,
    year: AcademicYear,
    lang: Lang,
    recipient: &str,
    public_url: &str,
) -> Mail {
    let kind = event.kind();
    let mut args = FluentArgs::new();
    args.set("reference", reference.to_string());
    args.set("year", year.to_string());
    args.set(
        "link",
        format!("{}/status", public_url.trim_end_matches('/')),
    );
    match event {
        Event::Received | Event::Reexamination => {}
        Event::Covered { on } => args.set("date", written_date(lang, *on)),
        Event::Refused { reason } => {
            let mut reason_args = FluentArgs::new();
            if let RefusalReason::Other { text } = reason {
                reason_args.set("text", text.clone());
            }
            args.set(
                "reason",
                message(
                    lang,
                    &format!("mail-reason-{}", reason.code()),
                    &reason_args,
                ),
            );
        }
    }
    let subject = message(lang, &format!("mail-{kind}-subject"), &args);
    let body = message(lang, &format!("mail-{kind}-body"), &args);
    let signature = message(lang, "mail-signature", &FluentArgs::new());
    let text = format!("{body}\n\n-- \n{signature}\n");
    let paragraphs: String = body
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", html_text(p).replace('\n', "<br>")))
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <title>{title}</title></head><body>{paragraphs}<p><small>{signature}</small></p></body></html>",
        code = lang.code(),
        dir = lang.dir().as_str(),
        title = escape(&subject.replace(ISOLATES, "")),
        signature = html_text(&signature),
    );
    Mail {
        id: format!("{reference}.{kind}"),
        recipient: recipient.to_owned(),
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amoe_domain::declaration::Scheme;
    use time::macros::date;

    fn all_events() -> Vec<Event> {
        vec![
            Event::Received,
            Event::Reexamination,
            Event::Covered {
                on: date!(2026 - 12 - 01),
            },
            Event::Refused {
                reason: RefusalReason::CoveredElsewhere {
                    scheme: Some(Scheme::Cnss),
                },
            },
            Event::Refused {
                reason: RefusalReason::OverAge,
            },
            Event::Refused {
                reason: RefusalReason::NotEnrolled,
            },
            Event::Refused {
                reason: RefusalReason::IdentityMismatch,
            },
            Event::Refused {
                reason: RefusalReason::IdentityConflict,
            },
            Event::Refused {
                reason: RefusalReason::Other {
                    text: "Dossier <incomplet>".into(),
                },
            },
        ]
    }

    #[test]
    fn every_event_renders_in_every_language() {
        let reference = Reference::from_random(1234);
        for lang in Lang::ALL {
            for event in all_events() {
                let mail = render(
                    &event,
                    &reference,
                    AcademicYear::starting(2026),
                    lang,
                    "s@example.ma",
                    "https://amoe.example/",
                );
                assert!(
                    mail.subject.contains(&reference.to_string()),
                    "{lang} {event:?}"
                );
                assert!(plain(&mail.text).contains("2026-2027"), "{lang} {event:?}");
                assert!(
                    plain(&mail.text).contains("https://amoe.example/status"),
                    "{lang} {event:?}"
                );
                assert!(mail.html.contains(&format!("lang=\"{lang}\"")), "{lang}");
                if lang == Lang::Ar {
                    // The year keeps its order in an Arabic client.
                    assert!(
                        mail.text.contains("\u{2068}2026-2027\u{2069}"),
                        "{}",
                        mail.text
                    );
                    assert!(mail.html.contains("<bdi>2026-2027</bdi>"), "{}", mail.html);
                } else {
                    assert!(!mail.text.contains('\u{2068}'));
                }
                assert_eq!(mail.id, format!("{reference}.{}", event.kind()));
                // A request's mail exists once per round (`ids_of`).
                let ids = super::super::ids_of(&reference.to_string(), 1);
                assert!(
                    ids.contains(&mail.id) || ids.contains(&super::super::round_id(&mail.id, 1))
                );
            }
        }
    }

    fn plain(text: &str) -> String {
        text.replace(ISOLATES, "")
    }

    #[test]
    fn dates_are_written_out_and_html_is_escaped() {
        let reference = Reference::from_random(1);
        let covered = Event::Covered {
            on: date!(2026 - 12 - 01),
        };
        let fr = render(
            &covered,
            &reference,
            AcademicYear::starting(2026),
            Lang::Fr,
            "x@y.ma",
            "http://l",
        );
        assert!(fr.text.contains("1 décembre 2026"), "{}", fr.text);
        let ar = render(
            &covered,
            &reference,
            AcademicYear::starting(2026),
            Lang::Ar,
            "x@y.ma",
            "http://l",
        );
        assert!(plain(&ar.text).contains("1 دجنبر 2026"), "{}", ar.text);
        assert!(ar.html.contains("dir=\"rtl\""));
        let other = Event::Refused {
            reason: RefusalReason::Other {
                text: "Dossier <incomplet>".into(),
            },
        };
        let en = render(
            &other,
            &reference,
            AcademicYear::starting(2026),
            Lang::En,
            "x@y.ma",
            "http://l",
        );
        assert!(en.html.contains("Dossier &lt;incomplet&gt;"));
        assert!(en.text.contains("Dossier <incomplet>"));
    }
}
