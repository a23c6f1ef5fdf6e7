//! `/learn/*`: the official leaflet as four short pages, for a student on a
//! phone. The pages are data ([`Guide::blocks`]): headings, paragraphs and
//! lists of Fluent keys, drawn by one component, so a page costs the app
//! its words (in `locales/`) and almost no code.

use crate::components::page_heading::PageHeading;
use crate::i18n::tr;
use leptos::prelude::*;

/// One page of the guide, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guide {
    WhoDeclares,
    Steps,
    GoodToKnow,
    ClaimForms,
}

/// A piece of a page; every `&str` is a Fluent key.
pub enum Block {
    Heading(&'static str),
    Paragraph(&'static str),
    List(&'static [&'static str]),
    Numbered(&'static [&'static str]),
    /// A link out of the service, shown with its address.
    External(&'static str, &'static str),
}

use Block::*;

impl Guide {
    pub const ALL: [Guide; 4] = [
        Guide::WhoDeclares,
        Guide::Steps,
        Guide::GoodToKnow,
        Guide::ClaimForms,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Guide::WhoDeclares => "/learn/who-declares",
            Guide::Steps => "/learn/steps",
            Guide::GoodToKnow => "/learn/good-to-know",
            Guide::ClaimForms => "/learn/claim-forms",
        }
    }

    /// The Fluent key of the page's title (heading, contents, `<title>`).
    pub fn title(self) -> &'static str {
        match self {
            Guide::WhoDeclares => "learn-who-title",
            Guide::Steps => "learn-steps-title",
            Guide::GoodToKnow => "learn-good-title",
            Guide::ClaimForms => "learn-claims-title",
        }
    }

    pub fn blocks(self) -> &'static [Block] {
        match self {
            Guide::WhoDeclares => &[
                Paragraph("learn-who-lead"),
                Heading("learn-who-covered-title"),
                Paragraph("learn-who-covered"),
                Paragraph("learn-who-law"),
                Heading("learn-who-not-title"),
                Paragraph("learn-who-not"),
                List(&[
                    "learn-scheme-cnops",
                    "learn-scheme-cnss",
                    "learn-scheme-ramed",
                    "learn-scheme-far",
                    "learn-scheme-other",
                ]),
                Paragraph("learn-who-still-declare"),
                Heading("learn-who-where-title"),
                Paragraph("learn-who-where"),
            ],
            Guide::Steps => &[
                Paragraph("learn-steps-lead"),
                Numbered(&[
                    "learn-step-declare",
                    "learn-step-check",
                    "learn-step-mail",
                    "learn-step-outcome",
                ]),
                Heading("learn-steps-covered-title"),
                Paragraph("learn-steps-covered"),
                Heading("learn-steps-refused-title"),
                Paragraph("learn-steps-refused"),
                Heading("learn-steps-follow-title"),
                Paragraph("learn-steps-follow"),
                External(
                    "learn-steps-fund-link",
                    "https://eservices.cnops.org.ma/pcme/www/index.php/pcme/default/services?lang=fr",
                ),
            ],
            Guide::GoodToKnow => &[
                Heading("learn-good-renew-title"),
                Paragraph("learn-good-renew"),
                Heading("learn-good-card-title"),
                Paragraph("learn-good-card"),
                Heading("learn-good-free-title"),
                Paragraph("learn-good-free"),
                Heading("learn-good-care-title"),
                Paragraph("learn-good-care"),
                Heading("learn-good-files-title"),
                Paragraph("learn-good-files"),
            ],
            Guide::ClaimForms => &[
                Paragraph("learn-claims-lead"),
                List(&[
                    "learn-claims-ordinary",
                    "learn-claims-dental",
                    "learn-claims-chronic",
                ]),
                Heading("learn-claims-write-title"),
                Paragraph("learn-claims-write"),
                List(&[
                    "learn-claims-name",
                    "learn-claims-cin",
                    "learn-claims-signature",
                    "learn-claims-total",
                ]),
                Paragraph("learn-claims-nothing-else"),
                Heading("learn-claims-where-title"),
                Paragraph("learn-claims-where"),
            ],
        }
    }
}

#[component]
pub fn WhoDeclares() -> impl IntoView {
    view! { <GuidePage guide=Guide::WhoDeclares /> }
}

#[component]
pub fn Steps() -> impl IntoView {
    view! { <GuidePage guide=Guide::Steps /> }
}

#[component]
pub fn GoodToKnow() -> impl IntoView {
    view! { <GuidePage guide=Guide::GoodToKnow /> }
}

#[component]
pub fn ClaimForms() -> impl IntoView {
    view! { <GuidePage guide=Guide::ClaimForms /> }
}

#[component]
fn GuidePage(guide: Guide) -> impl IntoView {
    view! {
        <p class="caption">{tr("learn-caption")}</p>
        <PageHeading key=guide.title() />
        <Contents current=guide />
        <div class="prose">{guide.blocks().iter().map(block).collect_view()}</div>
        <NextActions />
    }
}

fn block(block: &'static Block) -> AnyView {
    let items = |keys: &'static [&'static str]| {
        keys.iter()
            .map(|key| view! { <li>{tr(key)}</li> })
            .collect_view()
    };
    match block {
        Heading(key) => view! { <h2 class="heading-m">{tr(key)}</h2> }.into_any(),
        Paragraph(key) => view! { <p>{tr(key)}</p> }.into_any(),
        List(keys) => view! { <ul class="list list-bullet">{items(keys)}</ul> }.into_any(),
        Numbered(keys) => view! { <ol class="list list-number">{items(keys)}</ol> }.into_any(),
        External(key, href) => view! {
            <p>
                <a href=*href target="_blank" rel="noopener noreferrer">
                    {tr(key)}
                    <span class="visually-hidden">" " {tr("opens-new-tab")}</span>
                </a>
            </p>
        }
        .into_any(),
    }
}

/// The guide's pages, the current one marked (GOV.UK's "contents list").
#[component]
fn Contents(current: Guide) -> impl IntoView {
    view! {
        <nav class="contents" aria-labelledby="contents-title">
            <h2 class="heading-s" id="contents-title">{tr("learn-contents")}</h2>
            <ol class="contents-list">
                {Guide::ALL
                    .into_iter()
                    .map(|guide| {
                        if guide == current {
                            view! { <li aria-current="page">{tr(guide.title())}</li> }.into_any()
                        } else {
                            view! { <li><a href=guide.path()>{tr(guide.title())}</a></li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// Where a reader goes next: every page ends on the service's actions.
#[component]
fn NextActions() -> impl IntoView {
    view! {
        <aside class="next-actions" aria-labelledby="next-actions-title">
            <h2 class="heading-m" id="next-actions-title">{tr("learn-next")}</h2>
            <ul class="list">
                <li><a href="/declare">{tr("journey-declare-title")}</a></li>
                <li><a href="/status">{tr("journey-status-title")}</a></li>
                <li><a href="/offices">{tr("journey-offices-title")}</a></li>
            </ul>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_page_has_its_own_path_and_title() {
        let paths: HashSet<_> = Guide::ALL.iter().map(|g| g.path()).collect();
        let titles: HashSet<_> = Guide::ALL.iter().map(|g| g.title()).collect();
        assert_eq!(paths.len(), Guide::ALL.len());
        assert_eq!(titles.len(), Guide::ALL.len());
        assert!(paths.iter().all(|p| p.starts_with("/learn/")));
    }

    #[test]
    fn keys_are_not_repeated_across_pages() {
        let mut seen = HashSet::new();
        for guide in Guide::ALL {
            for block in guide.blocks() {
                let keys: Vec<&str> = match block {
                    Heading(k) | Paragraph(k) | External(k, _) => vec![k],
                    List(ks) | Numbered(ks) => ks.to_vec(),
                };
                for key in keys {
                    assert!(seen.insert(key), "{key} is used twice");
                }
            }
        }
    }
}
