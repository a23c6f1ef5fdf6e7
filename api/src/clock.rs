//! The one clock of the API. In production it is the system's; tests hold a
//! manual one and move it (into the next academic year, past a limit's
//! window) while the server runs. It is never set from the environment.

use amoe_domain::Day;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use time::OffsetDateTime;

/// A time as the service writes it, in the database and its answers:
/// RFC 3339 (`2026-10-15T09:00:00Z`). Only a year outside 0 to 9999
/// cannot be written.
pub fn rfc3339(at: OffsetDateTime) -> Result<String, time::error::Format> {
    at.format(&time::format_description::well_known::Rfc3339)
}

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// Unix milliseconds, shared with whoever holds a clone.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A clock that stands at `at` until it is set or advanced.
    pub fn manual(at: OffsetDateTime) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(millis(at))))
    }

    pub fn now(&self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Manual(at) => {
                let ms = at.load(Ordering::SeqCst);
                OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
                    .expect("a manual clock stays within time's range")
            }
        }
    }

    /// Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        millis(self.now())
    }

    /// Unix seconds.
    pub fn now_secs(&self) -> i64 {
        self.now().unix_timestamp()
    }

    /// Today in Morocco.
    pub fn today(&self) -> Day {
        Day::in_morocco(self.now())
    }

    /// Moves a manual clock to `at`. The system clock cannot be set.
    pub fn set(&self, at: OffsetDateTime) {
        match self {
            Clock::System => panic!("the system clock cannot be set"),
            Clock::Manual(now) => now.store(millis(at), Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward.
    pub fn advance(&self, by: std::time::Duration) {
        self.set(self.now() + by);
    }
}

fn millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = Clock::manual(datetime!(2027-08-31 22:30 UTC));
        let shared = clock.clone();
        assert_eq!(clock.today().to_string(), "2027-08-31");
        shared.advance(std::time::Duration::from_secs(3600));
        assert_eq!(clock.today().to_string(), "2027-09-01");
        assert_eq!(clock.now_ms() % 1000, 0);
    }
}
