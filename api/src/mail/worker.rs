//! Sends the outbox: over SMTP when configured, else as `.eml` files (the
//! default on one machine). Retries with a growing delay; marks each mail
//! sent once it has left, so a restart sends what is left, once.

use crate::db::Db;
use crate::db::outbox;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How a mail leaves.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `<id>.eml` file per mail in this directory.
    Files(PathBuf),
}

impl Transport {
    /// SMTP from a URL such as `smtps://user:password@host` or
    /// `smtp://host:587?tls=required` (lettre's syntax); else files.
    pub fn new(smtp_url: Option<&str>, outbox_dir: PathBuf) -> Result<Transport, String> {
        match smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| Transport::Smtp(builder.build()))
                .map_err(|e| format!("AMOE_SMTP_URL is not valid: {e}")),
            None => Ok(Transport::Files(outbox_dir)),
        }
    }
}

pub struct Worker {
    pub db: Db,
    pub transport: Transport,
    pub from: Mailbox,
    pub poll: Duration,
    pub wake: Arc<Notify>,
    pub clock: crate::clock::Clock,
    pub lease: Duration,
}

/// `text` with every e-mail address in it (a run of characters with an
/// `@`, between spaces, brackets, quotes or punctuation), and the
/// recipient's mailbox name wherever it stands alone, replaced by
/// `[address]`.
pub fn without_addresses(text: &str, recipient: &str) -> String {
    let words = without_words_with_at(text);
    let mailbox = recipient
        .rsplit_once('@')
        .map_or(recipient, |(local, _)| local)
        .trim_matches('"');
    if mailbox.len() < 3 {
        return words;
    }
    // ASCII case aside, as servers write it back.
    let mut out = String::with_capacity(words.len());
    let mut rest = words.as_str();
    while !rest.is_empty() {
        let found = rest.char_indices().map(|(i, _)| i).find(|&i| {
            rest.as_bytes()
                .get(i..i + mailbox.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(mailbox.as_bytes()))
        });
        match found {
            Some(i) => {
                out.push_str(&rest[..i]);
                out.push_str("[address]");
                rest = &rest[i + mailbox.len()..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// `text` with each run of characters holding an `@` replaced.
fn without_words_with_at(text: &str) -> String {
    let separator = |c: char| c.is_whitespace() || "<>()[]{},;\"'`".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str("[address]");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if separator(c) {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Seconds to wait before the next attempt after `attempts` failures:
/// 30 s, 1 min, 2 min… up to 6 hours.
pub fn backoff(attempts: i64) -> i64 {
    (30_i64 << attempts.clamp(0, 20)).min(6 * 3600)
}

impl Worker {
    /// Runs until the task is dropped: sends what is due, then waits to be
    /// woken (a new mail) or for the next poll.
    pub async fn run(self) {
        loop {
            if let Err(e) = self.send_due().await {
                tracing::warn!(error = %e, "outbox");
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(self.poll) => {}
            }
        }
    }

    /// Sends every due mail; returns how many left.
    pub async fn send_due(&self) -> Result<usize, sqlx::Error> {
        let queued = outbox::claim_due(
            &self.db.pool,
            self.clock.now_secs(),
            self.lease.as_secs() as i64,
            50,
        )
        .await?;
        let mut sent = 0;
        for item in queued {
            match self.send(&item.mail).await {
                Ok(()) => {
                    let recorded =
                        outbox::mark_sent(&self.db.pool, &item.mail.id, self.clock.now_secs())
                            .await?;
                    if !recorded {
                        // Erased meanwhile: what can be taken back goes.
                        if let Transport::Files(dir) = &self.transport {
                            let _ =
                                tokio::fs::remove_file(dir.join(format!("{}.eml", item.mail.id)))
                                    .await;
                        }
                        continue;
                    }
                    tracing::info!(id = item.mail.id, "mail sent");
                    sent += 1;
                }
                Err(error) => {
                    // A server's refusal usually names the mailbox: it goes
                    // neither in the logs nor in the outbox.
                    let error = without_addresses(&error, &item.mail.recipient);
                    let attempts = item.attempts + 1;
                    tracing::warn!(id = item.mail.id, attempts, error, "mail not sent");
                    outbox::mark_failed(
                        &self.db.pool,
                        &item.mail.id,
                        attempts,
                        self.clock.now_secs() + backoff(attempts),
                        &error,
                    )
                    .await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, mail: &super::Mail) -> Result<(), String> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let domain = self.from.email.domain().to_owned();
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .message_id(Some(format!("<{}@{domain}>", mail.id)))
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Files(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                // Written aside, then renamed: a reader never sees half a mail,
                // and a second attempt replaces rather than adds.
                let path = dir.join(format!("{}.eml", mail.id));
                let partial = dir.join(format!(".{}.eml.partial", mail.id));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn waits_longer_after_each_failure_up_to_six_hours() {
        let waits: Vec<_> = (1..=5).map(super::backoff).collect();
        assert_eq!(waits, [60, 120, 240, 480, 960]);
        assert_eq!(super::backoff(40), 6 * 3600);
    }

    #[test]
    fn a_refusal_keeps_its_reason_not_the_address() {
        let refused = "permanent error (550): 5.1.1 <salma.elamrani+amoe@gmail.com>: \
                       Recipient address rejected: User unknown in virtual mailbox table";
        let kept = super::without_addresses(refused, "salma.elamrani+amoe@gmail.com");
        assert_eq!(
            kept,
            "permanent error (550): 5.1.1 <[address]>: Recipient address rejected: \
             User unknown in virtual mailbox table"
        );
        assert_eq!(
            super::without_addresses("to=\"a@b.ma\", x", "a@b.ma"),
            "to=\"[address]\", x"
        );
        assert_eq!(
            super::without_addresses("connection refused", "salma@x.ma"),
            "connection refused"
        );
        // The mailbox's name alone, as some servers write it back.
        assert_eq!(
            super::without_addresses("550 <Salma.ElAmrani>: unknown user", "salma.elamrani@x.ma"),
            "550 <[address]>: unknown user"
        );
    }
}
