//! The fair itself: one file holds one fair.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::loose;
use crate::domain::parse::{optional_date, optional_line, required_line};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FairInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub name: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub venue: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub starts_on: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub ends_on: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub organizer: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fair {
    /// Identifies the fair across desk files, so a merge can refuse a different fair.
    pub uid: String,
    pub name: String,
    pub venue: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub organizer: Option<String>,
    pub timezone: String,
}

impl Fair {
    /// The fair's time zone; Shanghai when the stored name is unknown.
    pub fn zone(&self) -> Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Asia::Shanghai)
    }
}

/// The checked fields of a fair (without its uid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FairDraft {
    pub name: String,
    pub venue: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub organizer: Option<String>,
    pub timezone: String,
}

impl FairInput {
    pub fn validate(&self) -> Result<FairDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_line(&mut errors, "name", &self.name);
        let venue = optional_line(&mut errors, "venue", &self.venue);
        let starts_on = optional_date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = optional_date(&mut errors, "ends_on", &self.ends_on);
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.push(
                "ends_on",
                Problem::Other {
                    zh: "结束日期早于开始日期".into(),
                    en: "ends before it starts".into(),
                },
            );
        }
        let organizer = optional_line(&mut errors, "organizer", &self.organizer);
        let timezone = match self.timezone.trim() {
            "" => DEFAULT_TIMEZONE.to_string(),
            tz => match tz.parse::<Tz>() {
                Ok(_) => tz.to_string(),
                Err(_) => {
                    errors.push(
                        "timezone",
                        Problem::NotInVocabulary {
                            value: tz.to_string(),
                        },
                    );
                    String::new()
                }
            },
        };
        errors.into_result(FairDraft {
            name,
            venue,
            starts_on,
            ends_on,
            organizer,
            timezone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_shanghai_and_checks_dates() {
        let draft = FairInput {
            name: "对接会".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(draft.timezone, "Asia/Shanghai");
        let errors = FairInput {
            name: "对接会".into(),
            starts_on: "2019-12-10".into(),
            ends_on: "2019-12-09".into(),
            timezone: "Mars/Olympus".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["ends_on", "timezone"]);
    }
}
