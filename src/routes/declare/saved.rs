//! What the browser keeps of a declaration between visits: the answers as
//! typed, for a while, and once sent, the receipt alone.

use amoe_domain::declaration::{AcademicYear, DeclarationForm};
use amoe_domain::messages::Receipt;
use serde::{Deserialize, Serialize};

/// How long unsent answers stay on the device without a change (a shared
/// computer must not hand one student's CIN, Massar code and birth date,
/// what unlocks the status page, to the next): two hours, in milliseconds.
pub const ANSWERS_KEPT_MS: f64 = 2.0 * 3600.0 * 1000.0;

/// How long answers sent while offline wait for the connection (the app
/// sends them as soon as it is opened online): a week.
pub const PENDING_KEPT_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// The [`Saved`] record on this device as the browser's JSON parser reads
/// it, for the shell and the pages that do without the wizard's state
/// (whose serde code is in the wizard's module).
pub fn saved_on_device() -> Option<wasm_bindgen::JsValue> {
    let text = crate::device::local_storage()?
        .get_item(crate::device::DECLARATION_KEY)
        .ok()??;
    js_sys::JSON::parse(&text).ok()
}

/// The student's university as the answers saved on this device hold it:
/// the one chosen in the wizard, else the one of the last declaration sent
/// (`Saved`'s `form.university`, then `university`, as
/// `Declare::my_university` reads them).
pub fn university_on_device() -> Option<String> {
    let saved = saved_on_device()?;
    let text_at = |object: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(object, &key.into())
            .ok()
            .and_then(|value| value.as_string())
            .filter(|id| !id.is_empty())
    };
    js_sys::Reflect::get(&saved, &"form".into())
        .ok()
        .and_then(|form| text_at(&form, "university"))
        .or_else(|| text_at(&saved, "university"))
}

/// What the browser keeps (in `localStorage`): the answers as typed, and
/// once sent, only the receipt (reference, year, university, names).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// When the answers last changed (Unix milliseconds).
    pub touched_at: f64,
    /// The academic year the answers are for.
    pub year: Option<AcademicYear>,
    pub form: DeclarationForm,
    /// Fixed on the check page for one submission; sent with every retry.
    pub idempotency_key: Option<String>,
    /// Sent while offline: to send again when the connection returns.
    pub pending: bool,
    /// The answer of the server once the declaration is stored.
    pub receipt: Option<Receipt>,
    pub university: Option<String>,
    /// The student's names, for the receipt.
    pub name: Option<String>,
    /// When a university portal vouched for the identity: a fingerprint of
    /// its token ([`fingerprint`]). The device then keeps nothing of the
    /// identity, and answers kept under another token are not the
    /// student's now in the frame.
    pub vouch: Option<String>,
}

/// A fingerprint of a portal's token (64-bit FNV-1a, in hex): it tells two
/// tokens apart and says nothing of the identity in them, whose signature
/// no one but the portal can make.
pub fn fingerprint(token: &str) -> String {
    let hash = token.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

impl Saved {
    /// Answers are being typed (a receipt from an earlier declaration may
    /// be there too).
    pub fn has_answers(&self) -> bool {
        self.form != DeclarationForm::default()
    }

    /// After success: the answers go (CIN, Massar code, birth date, e-mail,
    /// phone), the receipt stays.
    pub fn sent(self, receipt: Receipt) -> Saved {
        Saved {
            year: Some(receipt.academic_year),
            university: Some(self.form.university.clone()),
            name: Some(format!(
                "{} {}",
                self.form.first_name.trim(),
                self.form.last_name.trim()
            )),
            receipt: Some(receipt),
            vouch: self.vouch.clone(),
            ..Saved::default()
        }
    }

    /// The answers go (the declaration cannot be made, or they were left
    /// too long); a receipt stays.
    pub fn without_answers(self) -> Saved {
        Saved {
            year: self.year,
            receipt: self.receipt,
            university: self.university,
            name: self.name,
            vouch: self.vouch,
            ..Saved::default()
        }
    }

    /// What is left of the saved state at `now` (Unix milliseconds): unsent
    /// answers untouched for [`ANSWERS_KEPT_MS`] are forgotten, and those
    /// waiting for the connection after [`PENDING_KEPT_MS`].
    pub fn at(self, now: f64) -> Saved {
        let kept = if self.pending {
            PENDING_KEPT_MS
        } else {
            ANSWERS_KEPT_MS
        };
        if self.has_answers() && now - self.touched_at > kept {
            self.without_answers()
        } else {
            self
        }
    }

    /// What the device may keep: everything, or, when a portal vouched for
    /// the identity, nothing of it (neither in the answers nor as the
    /// receipt's name).
    pub fn to_keep(&self) -> Saved {
        if self.vouch.is_none() {
            return self.clone();
        }
        Saved {
            form: self.form.without_identity(),
            name: None,
            ..self.clone()
        }
    }

    /// A receipt from an earlier academic year: time to renew.
    pub fn needs_renewal(&self, current: AcademicYear) -> bool {
        self.receipt
            .as_ref()
            .is_some_and(|r| r.academic_year < current)
    }
}

#[cfg(test)]
mod tests {
    use super::super::steps::tests::identity;
    use super::*;

    #[test]
    fn answers_left_alone_are_forgotten_unless_they_wait_to_be_sent() {
        let saved = Saved {
            form: identity(),
            touched_at: 1_000.0,
            ..Saved::default()
        };
        assert_eq!(saved.clone().at(1_000.0 + ANSWERS_KEPT_MS), saved);
        let later = saved.clone().at(2_000.0 + ANSWERS_KEPT_MS);
        assert_eq!(later.form, DeclarationForm::default());
        let pending = Saved {
            pending: true,
            ..saved.clone()
        };
        let day = 24.0 * 3600.0 * 1000.0;
        assert_eq!(pending.clone().at(6.0 * day), pending);
        assert_eq!(pending.at(8.0 * day).form, DeclarationForm::default());
        // Renewal answers beside an earlier receipt expire too.
        let renewing = Saved {
            receipt: Some(Receipt {
                reference: amoe_domain::declaration::Reference::from_random(0),
                academic_year: AcademicYear::starting(2025),
                status: amoe_domain::declaration::Status::Received,
                received_at: "2025-10-01T10:00:00Z".into(),
            }),
            ..saved
        };
        let later = renewing.at(2_000.0 + ANSWERS_KEPT_MS);
        assert_eq!(later.form, DeclarationForm::default());
        assert!(later.receipt.is_some());
    }

    #[test]
    fn once_sent_only_the_receipt_stays() {
        let saved = Saved {
            form: identity(),
            idempotency_key: Some("k".into()),
            ..Saved::default()
        };
        assert!(saved.has_answers());
        let receipt = Receipt {
            reference: amoe_domain::declaration::Reference::from_random(0),
            academic_year: AcademicYear::starting(2025),
            status: amoe_domain::declaration::Status::Received,
            received_at: "2025-10-01T10:00:00Z".into(),
        };
        let kept = saved.sent(receipt);
        assert!(!kept.has_answers());
        assert_eq!(kept.form, DeclarationForm::default());
        assert_eq!(kept.idempotency_key, None);
        assert_eq!(kept.name.as_deref(), Some("Salma El Amrani"));
        let text = serde_json::to_string(&kept).unwrap();
        for secret in ["AB123456", "R130123456", "2004", "\"7\""] {
            assert!(!text.contains(secret), "{secret} kept in {text}");
        }
        assert!(kept.needs_renewal(AcademicYear::starting(2026)));
        assert!(!kept.needs_renewal(AcademicYear::starting(2025)));
    }

    #[test]
    fn nothing_a_portal_vouched_for_is_kept() {
        let saved = Saved {
            form: DeclarationForm {
                email: "salma@example.ma".into(),
                university: "um5".into(),
                ..identity()
            },
            name: Some("Salma El Amrani".into()),
            ..Saved::default()
        };
        assert_eq!(saved.to_keep(), saved);
        let kept = Saved {
            vouch: Some(fingerprint("a portal's token")),
            ..saved.clone()
        }
        .to_keep();
        let text = serde_json::to_string(&kept).unwrap();
        for vouched in ["AB123456", "R130123456", "2004", "Amrani", "Salma\""] {
            assert!(!text.contains(vouched), "{vouched} kept in {text}");
        }
        // What the student answered stays, to finish on their return.
        assert_eq!(kept.form.email, "salma@example.ma");
        assert_eq!(kept.form.covered, "no");
        assert_eq!(kept.form.university, "um5");
        // Once sent, nothing vouched stays with the receipt either.
        let receipt = Receipt {
            reference: amoe_domain::declaration::Reference::from_random(0),
            academic_year: AcademicYear::starting(2025),
            status: amoe_domain::declaration::Status::Received,
            received_at: "2025-10-01T10:00:00Z".into(),
        };
        let sent = Saved {
            vouch: Some(fingerprint("t")),
            ..saved
        }
        .sent(receipt)
        .to_keep();
        assert_eq!(sent.name, None);
        assert_ne!(fingerprint("t"), fingerprint("u"));
    }
}
