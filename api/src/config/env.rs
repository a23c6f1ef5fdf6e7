//! The environment reader: each variable is read by one of a few typed
//! readers, and anything it cannot read is refused naming the variable,
//! what was found and what was expected.

use super::ConfigError;
use std::ops::RangeInclusive;

/// Finds a variable's value by its name.
type Lookup<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;

/// Where variables come from: the process's environment, or a test's map.
pub struct Env<'a> {
    lookup: Lookup<'a>,
}

/// How much of a refused value an error message shows.
const SHOWN_CHARS: usize = 80;

impl<'a> Env<'a> {
    /// The process's environment.
    pub fn process() -> Env<'static> {
        Env::from_fn(|name| std::env::var(name).ok())
    }

    /// Variables read from `lookup` (a test's map, say).
    pub fn from_fn(lookup: impl Fn(&str) -> Option<String> + 'a) -> Env<'a> {
        Env {
            lookup: Box::new(lookup),
        }
    }

    /// A variable's value; one that is blank counts as unset.
    pub fn text(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|v| !v.trim().is_empty())
    }

    /// A variable's value, set or not, blank or not: for the few whose
    /// empty value means something (no app to serve).
    pub fn raw(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
    }

    /// A variable read by `parse`; `expected` says what it should be.
    pub fn parsed<T>(
        &self,
        name: &str,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        self.checked(name, |text| parse(text).ok_or_else(|| expected.to_owned()))
    }

    /// A variable read by `parse`, whose error says what is wrong.
    pub fn checked<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        parse(text.trim())
            .map(Some)
            .map_err(|reason| ConfigError::Invalid {
                name: name.to_owned(),
                value: text.chars().take(SHOWN_CHARS).collect(),
                reason,
            })
    }

    /// A secret read by `parse`: an error never shows its value.
    pub fn secret<T>(
        &self,
        name: &str,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        self.parsed(name, expected, parse)
            .map_err(|error| match error {
                ConfigError::Invalid { name, reason, .. } => ConfigError::Invalid {
                    name,
                    value: "(hidden)".into(),
                    reason,
                },
                other => other,
            })
    }

    /// A whole number within `range`, or `default` when unset.
    pub fn whole(
        &self,
        name: &str,
        default: i64,
        range: RangeInclusive<i64>,
    ) -> Result<i64, ConfigError> {
        let expected = if *range.end() == i64::MAX {
            format!("expected a whole number from {}", range.start())
        } else {
            format!(
                "expected a whole number from {} to {}",
                range.start(),
                range.end()
            )
        };
        Ok(self
            .parsed(name, &expected, |text| {
                text.parse().ok().filter(|n| range.contains(n))
            })?
            .unwrap_or(default))
    }

    /// A number of seconds within `range`, or `default` when unset.
    pub fn seconds(
        &self,
        name: &str,
        default: std::time::Duration,
        range: RangeInclusive<i64>,
    ) -> Result<std::time::Duration, ConfigError> {
        let secs = self.whole(name, default.as_secs() as i64, range)?;
        Ok(std::time::Duration::from_secs(secs as u64))
    }

    /// Refuses a variable that is no longer read, naming the one to set.
    /// Refuses any variable of `removed` that is set, saying why it is no
    /// longer read.
    pub fn refuse_removed(&self, removed: &[(&str, &str)]) -> Result<(), ConfigError> {
        match removed.iter().find(|(name, _)| self.text(name).is_some()) {
            None => Ok(()),
            Some((name, why)) => Err(ConfigError::Invalid {
                name: (*name).to_owned(),
                value: "(set)".into(),
                reason: format!("it is no longer read: {why} (see docs/operating.md, \"Limits\")"),
            }),
        }
    }

    pub fn refuse_renamed(&self, renamed: &[(&str, &str)]) -> Result<(), ConfigError> {
        match renamed.iter().find(|(old, _)| self.text(old).is_some()) {
            None => Ok(()),
            Some((old, new)) => Err(ConfigError::Invalid {
                name: (*old).to_owned(),
                value: "(set)".into(),
                reason: format!(
                    "it is no longer read: set {new} instead (see docs/operating.md, \"Limits\")"
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> HashMap<String, String> {
        vars.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_blank_variable_is_unset_and_a_wrong_one_is_named() {
        let vars = env(&[("A", "  "), ("B", "12"), ("C", "twelve"), ("D", "0")]);
        let env = Env::from_fn(|name| vars.get(name).cloned());
        assert_eq!(env.whole("A", 7, 1..=i64::MAX).unwrap(), 7);
        assert_eq!(env.whole("B", 7, 1..=i64::MAX).unwrap(), 12);
        let error = env.whole("C", 7, 1..=100).unwrap_err().to_string();
        assert_eq!(
            error,
            "C is not valid: \"twelve\" (expected a whole number from 1 to 100)"
        );
        assert!(env.whole("D", 7, 1..=100).is_err());
        assert!(env.whole("B", 7, 1..=10).is_err());
        let hidden = env
            .secret("C", "expected hashes", |_| None::<()>)
            .unwrap_err()
            .to_string();
        assert!(!hidden.contains("twelve"), "{hidden}");
    }
}
