//! Interest (意向): an enterprise's interest in an achievement, at one of three levels.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::lookup::Lookup;
use crate::domain::loose;
use crate::domain::parse::{optional_line, optional_text, optional_time, required_term};
use crate::domain::vocab::INTEREST_LEVELS;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterestInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub enterprise: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub achievement: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub level: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub note: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contact_person: String,
    /// When it was logged; blank means now.
    #[serde(default, deserialize_with = "loose::text")]
    pub logged_at: String,
    /// The desk that logged it; blank means this desk (demo data names its desks).
    #[serde(default, deserialize_with = "loose::text")]
    pub desk: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestDraft {
    pub enterprise_id: String,
    pub achievement_id: String,
    pub level: String,
    pub note: Option<String>,
    pub contact_person: Option<String>,
    pub logged_at: Option<DateTime<Utc>>,
    pub desk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interest {
    pub id: String,
    pub enterprise_id: String,
    pub achievement_id: String,
    pub level: String,
    pub note: Option<String>,
    pub contact_person: Option<String>,
    pub logged_at: DateTime<Utc>,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// 0 for 咨询, 1 for 有意向, 2 for 深度洽谈; levels only ever rise.
pub fn level_rank(level: &str) -> usize {
    INTEREST_LEVELS
        .terms
        .iter()
        .position(|t| t.zh == level)
        .unwrap_or(0)
}

impl InterestInput {
    pub fn validate(&self, lookup: &dyn Lookup, zone: Tz) -> Result<InterestDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let enterprise_id = resolve_org(&mut errors, lookup, "enterprise", &self.enterprise);
        let achievement_id = if self.achievement.trim().is_empty() {
            errors.push("achievement", Problem::Required);
            String::new()
        } else {
            match lookup.achievement(self.achievement.trim()) {
                Ok(a) => a.id,
                Err(p) => {
                    errors.push("achievement", p);
                    String::new()
                }
            }
        };
        let level = if self.level.trim().is_empty() {
            INTEREST_LEVELS.terms[0].zh.to_string()
        } else {
            required_term(&mut errors, "level", &self.level, &INTEREST_LEVELS)
        };
        let note = optional_text(&mut errors, "note", &self.note);
        let contact_person = optional_line(&mut errors, "contact_person", &self.contact_person);
        let logged_at = optional_time(&mut errors, "logged_at", &self.logged_at, zone);
        let desk = optional_line(&mut errors, "desk", &self.desk);
        errors.into_result(InterestDraft {
            enterprise_id,
            achievement_id,
            level,
            note,
            contact_person,
            logged_at,
            desk,
        })
    }
}

/// Resolves a required organization reference, recording the problem under `field`.
pub(crate) fn resolve_org(
    errors: &mut FieldErrors,
    lookup: &dyn Lookup,
    field: &'static str,
    reference: &str,
) -> String {
    if reference.trim().is_empty() {
        errors.push(field, Problem::Required);
        return String::new();
    }
    match lookup.organization(reference.trim()) {
        Ok(org) => org.id,
        Err(p) => {
            errors.push(field, p);
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lookup::fake::FakeLookup;

    #[test]
    fn level_defaults_to_enquiry_and_accepts_english() {
        let mut input = InterestInput {
            enterprise: "e1".into(),
            achievement: "A001".into(),
            ..Default::default()
        };
        let lookup = FakeLookup::sample();
        assert_eq!(
            input.validate(&lookup, chrono_tz::UTC).unwrap().level,
            "咨询"
        );
        input.level = "in-depth talks".into();
        assert_eq!(
            input.validate(&lookup, chrono_tz::UTC).unwrap().level,
            "深度洽谈"
        );
        input.level = "很感兴趣".into();
        assert_eq!(
            input.validate(&lookup, chrono_tz::UTC).unwrap_err().0[0].field,
            "level"
        );
    }

    #[test]
    fn ranks_rise() {
        assert!(level_rank("咨询") < level_rank("有意向"));
        assert!(level_rank("有意向") < level_rank("深度洽谈"));
    }
}
