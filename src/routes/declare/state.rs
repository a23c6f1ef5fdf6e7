//! The wizard's state, shared by its screens (Leptos context): the saved
//! answers (kept in `localStorage` as they are typed), the server's date
//! and rules, and sending, exactly once, even through a lost connection.

use super::saved::{Saved, fingerprint};
use super::steps::Context;
use crate::api::{self, ApiError};
use amoe_domain::declaration::DeclarationForm;
use amoe_domain::messages::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the confirmation shows right after sending (kept in memory only).
#[derive(Clone, Debug, PartialEq)]
pub struct JustSent {
    pub masked_cin: String,
    pub email: String,
}

/// A university portal's token and the identity it vouches for (kept in
/// memory only: the portal hands it again when the frame reloads).
#[derive(Clone, Debug, PartialEq)]
pub struct PortalGrant {
    pub token: String,
    /// The identity fields it vouches for.
    pub identity: DeclarationForm,
}

#[derive(Clone, Copy)]
pub struct Declare {
    /// The portal's vouched identity, in a portal's frame.
    pub portal: RwSignal<Option<PortalGrant>>,
    pub saved: RwSignal<Saved>,
    pub context: RwSignal<Option<Context>>,
    pub sending: RwSignal<bool>,
    /// Solving the proof of work the server asked for.
    pub proving: RwSignal<bool>,
    /// The Fluent key of a problem with the last send.
    pub problem: RwSignal<Option<&'static str>>,
    pub just_sent: RwSignal<Option<JustSent>>,
}

fn load() -> Saved {
    crate::device::local_storage()
        .and_then(|s| s.get_item(crate::device::DECLARATION_KEY).ok().flatten())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .and_then(|value| serde_wasm_bindgen::from_value::<Saved>(value).ok())
        .unwrap_or_default()
        .at(crate::device::now_ms())
}

/// Keeps `saved` on the device (what a portal vouched for stays in
/// memory: [`Saved::to_keep`]).
fn store(saved: &Saved) {
    // Nothing worth keeping: nothing kept, not even an empty record.
    if !saved.has_answers() && saved.receipt.is_none() && !saved.pending {
        if let Some(storage) = crate::device::local_storage() {
            let _ = storage.remove_item(crate::device::DECLARATION_KEY);
        }
        return;
    }
    let saved = Saved {
        touched_at: crate::device::now_ms(),
        ..saved.to_keep()
    };
    let text = serde_wasm_bindgen::to_value(&saved)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string());
    if let (Some(storage), Some(text)) = (crate::device::local_storage(), text) {
        let _ = storage.set_item(crate::device::DECLARATION_KEY, &text);
    }
}

fn new_key() -> String {
    window()
        .crypto()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_default()
}

/// The wizard's state, created the first time a screen asks for it (its
/// code is in the journeys' modules, not in the shell): in the app's own
/// scope ([`crate::AppScope`]), so that it lives as long as the app.
pub fn use_declare() -> Declare {
    if let Some(declare) = use_context::<Declare>() {
        return declare;
    }
    let embedded = crate::embed::use_embed().is_some();
    match use_context::<crate::AppScope>() {
        Some(crate::AppScope(app)) => app.with(|| provide_declare(embedded)),
        None => provide_declare(embedded),
    }
}

fn provide_declare(embedded: bool) -> Declare {
    let declare = Declare {
        portal: RwSignal::new(None),
        saved: RwSignal::new(load()),
        context: RwSignal::new(None),
        sending: RwSignal::new(false),
        problem: RwSignal::new(None),
        just_sent: RwSignal::new(None),
        proving: RwSignal::new(false),
    };
    provide_context(declare);
    // Rendered at build time: no device to keep answers on, no server to
    // ask, and the academic year is the build day's.
    if cfg!(feature = "ssr") {
        return declare;
    }
    Effect::new(move |_| declare.saved.with(store));
    spawn_local(async move {
        let context = match api::config().await {
            Ok(config) => Context::from_config(&config),
            Err(_) => None,
        };
        let context = context.unwrap_or_else(|| Context::offline(crate::device::today()));
        // Unfinished answers of an earlier academic year are for nothing now.
        declare.saved.update(|saved| {
            if saved.year.is_some_and(|year| year != context.year) && saved.receipt.is_none() {
                *saved = Saved::default();
            }
            if saved.year.is_none() {
                saved.year = Some(context.year);
            }
        });
        declare.context.set(Some(context));
        if declare.ready_to_resend() {
            declare.send();
        }
    });
    let handle = window_event_listener(leptos::ev::online, move |_| {
        if declare.ready_to_resend() {
            declare.send();
        }
    });
    // Lives as long as the app.
    std::mem::forget(handle);
    if embedded {
        crate::embed::on_portal_token(move |token| declare.vouch(token));
    }
    declare
}

impl Declare {
    /// Whether answers sent while offline can be sent again now: not those
    /// a portal vouched for until it has handed its token again (the device
    /// kept no identity of theirs).
    fn ready_to_resend(self) -> bool {
        self.saved
            .with_untracked(|s| s.pending && !s.form.cin.is_empty())
    }

    /// A field of the answers, reactive.
    pub fn field(self, get: fn(&DeclarationForm) -> &String) -> Signal<String> {
        Signal::derive(move || self.saved.with(|s| get(&s.form).clone()))
    }

    /// Sets a field as it is typed (saved at once).
    pub fn setter(self, set: fn(&mut DeclarationForm, String)) -> Callback<String> {
        Callback::new(move |value| self.saved.update(|s| set(&mut s.form, value)))
    }

    /// The student's university: the one chosen in the wizard, or the one
    /// of the last declaration sent from this device.
    pub fn my_university(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.saved.with(|s| {
                Some(s.form.university.clone())
                    .filter(|id| !id.is_empty())
                    .or_else(|| s.university.clone())
            })
        })
    }

    /// Removes everything the service stored on this device: the answers,
    /// the receipt, the remembered CIN, the chosen language.
    pub fn clear(self) {
        let year = self.saved.with_untracked(|s| s.year);
        self.saved.set(Saved {
            year,
            ..Saved::default()
        });
        crate::i18n::forget_for_server();
        if let Some(storage) = crate::device::local_storage() {
            let keys: Vec<String> = (0..storage.length().unwrap_or(0))
                .filter_map(|i| storage.key(i).ok().flatten())
                .filter(|key| key.starts_with("amoe."))
                .collect();
            for key in keys {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// What the start page shows of the context: the server's, or until it
    /// arrives (and on a page drawn at build time) the device's, so that
    /// the page is whole at once. Checking answers waits for the server's.
    pub fn shown_context(self) -> Context {
        self.context
            .get()
            .unwrap_or_else(|| Context::offline(crate::device::today()))
    }

    /// Reads a portal's token and, when the service accepts it, fills in
    /// (and locks) the identity it vouches for.
    pub fn vouch(self, token: String) {
        spawn_local(async move {
            match api::portal_identity(&token).await {
                Ok(identity) => {
                    let vouch = fingerprint(&token);
                    self.saved.update(|s| {
                        // Answers kept under another portal token are
                        // another student's (a shared computer): none of
                        // them is shown or sent for this one.
                        if s.vouch.as_ref().is_some_and(|kept| *kept != vouch) {
                            *s = Saved {
                                year: s.year,
                                ..Saved::default()
                            };
                        }
                        s.vouch = Some(vouch);
                        s.form.take_identity(&identity);
                    });
                    self.portal.set(Some(PortalGrant { token, identity }));
                    if self.ready_to_resend() {
                        self.send();
                    }
                }
                Err(_) => {
                    // What an earlier token vouched for goes with it.
                    self.saved.update(|s| {
                        if s.vouch.is_some() {
                            s.form = s.form.without_identity();
                        }
                    });
                    self.portal.set(None);
                    self.problem.set(Some("portal-token-refused"));
                }
            }
        });
    }

    /// Sends the answers once: a second click while sending does nothing;
    /// the key is fixed for this submission, so a retry after a lost answer
    /// is recognised; offline, the declaration waits for the connection.
    pub fn send(self) {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        self.problem.set(None);
        self.saved.update(|s| {
            s.pending = true;
            if s.idempotency_key.is_none() {
                s.idempotency_key = Some(new_key());
            }
        });
        let (form, key) = self.saved.with_untracked(|s| {
            (
                s.form.clone(),
                s.idempotency_key.clone().unwrap_or_default(),
            )
        });
        let token = self
            .portal
            .with_untracked(|p| p.as_ref().map(|p| p.token.clone()));
        spawn_local(async move {
            let answer = crate::proof::with_proof(self.proving, |proof| {
                let (form, key, token) = (form.clone(), key.clone(), token.clone());
                async move { api::declare(&form, &key, token.as_deref(), proof.as_deref()).await }
            })
            .await;
            match answer {
                Ok(api::Answer::Done(receipt)) => {
                    let masked_cin = amoe_domain::student::Cin::parse(&form.cin)
                        .map(|cin| cin.masked())
                        .unwrap_or_default();
                    self.just_sent.set(Some(JustSent {
                        masked_cin,
                        email: form.email.trim().to_owned(),
                    }));
                    self.saved.update(|s| *s = std::mem::take(s).sent(receipt));
                }
                Ok(api::Answer::Puzzle(_)) => {
                    self.saved.update(|s| s.pending = false);
                    self.problem.set(Some("proof-too-long"));
                }
                Err(ApiError::Network) => self.problem.set(Some("offline-waiting")),
                Err(error) => {
                    let code = match &error {
                        ApiError::Server(body) => Some((body.code, body.fields.first())),
                        _ => None,
                    };
                    let key = match code {
                        Some((ErrorCode::AlreadyDeclared, _)) => "send-already-declared",
                        Some((ErrorCode::TooManyRequests, Some(_))) => "send-email-limit",
                        Some((ErrorCode::TooManyRequests, None)) => "send-too-many",
                        Some((ErrorCode::InvalidPortalToken, _)) => "portal-token-refused",
                        _ => "error-server",
                    };
                    // Declared already: the answers (what unlocks a status
                    // page) leave the device now.
                    let ends = matches!(code, Some((ErrorCode::AlreadyDeclared, _)));
                    self.saved.update(|s| {
                        s.pending = false;
                        if ends {
                            *s = std::mem::take(s).without_answers();
                        }
                    });
                    self.problem.set(Some(key));
                }
            }
            self.sending.set(false);
        });
    }
}
