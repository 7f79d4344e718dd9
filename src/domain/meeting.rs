//! Meetings (洽谈): a booked 1:1 talk at a table in a time slot.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::interest::resolve_org;
use crate::domain::lookup::Lookup;
use crate::domain::loose;
use crate::domain::parse::{optional_int, optional_time};
use crate::domain::vocab::meeting_status_code;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub enterprise: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub achievement: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub table_no: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub slot_start: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub slot_minutes: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub enterprise_id: String,
    pub achievement_id: String,
    /// The achievement's holder, who sits at the table too.
    pub holder_id: String,
    pub table_no: u32,
    pub slot_start: DateTime<Utc>,
    pub slot_minutes: u32,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    #[serde(flatten)]
    pub data: MeetingDraft,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MeetingInput {
    pub fn validate(&self, lookup: &dyn Lookup, zone: Tz) -> Result<MeetingDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let enterprise_id = resolve_org(&mut errors, lookup, "enterprise", &self.enterprise);
        let (achievement_id, holder_id) = if self.achievement.trim().is_empty() {
            errors.push("achievement", Problem::Required);
            (String::new(), String::new())
        } else {
            match lookup.achievement(self.achievement.trim()) {
                Ok(a) => (a.id, a.holder_id),
                Err(p) => {
                    errors.push("achievement", p);
                    (String::new(), String::new())
                }
            }
        };
        let table_no = match optional_int(&mut errors, "table_no", &self.table_no, 1, 999) {
            Some(n) => n as u32,
            None => {
                if errors.for_field("table_no").is_none() {
                    errors.push("table_no", Problem::Required);
                }
                0
            }
        };
        let slot_start = optional_time(&mut errors, "slot_start", &self.slot_start, zone);
        if slot_start.is_none() && errors.for_field("slot_start").is_none() {
            errors.push("slot_start", Problem::Required);
        }
        let slot_minutes = optional_int(&mut errors, "slot_minutes", &self.slot_minutes, 5, 240)
            .map(|n| n as u32)
            .unwrap_or(20);
        let status = if self.status.trim().is_empty() {
            "booked".to_string()
        } else {
            match meeting_status_code(self.status.trim()) {
                Some(s) => s.to_string(),
                None => {
                    errors.push(
                        "status",
                        Problem::NotInVocabulary {
                            value: self.status.trim().to_string(),
                        },
                    );
                    String::new()
                }
            }
        };
        match slot_start {
            Some(slot_start) => errors.into_result(MeetingDraft {
                enterprise_id,
                achievement_id,
                holder_id,
                table_no,
                slot_start,
                slot_minutes,
                status,
            }),
            None => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lookup::fake::FakeLookup;

    #[test]
    fn a_booking_carries_the_holder() {
        let input = MeetingInput {
            enterprise: "e1".into(),
            achievement: "A003".into(),
            table_no: "7".into(),
            slot_start: "2019-12-10 09:20".into(),
            ..Default::default()
        };
        let draft = input
            .validate(&FakeLookup::sample(), chrono_tz::Asia::Shanghai)
            .unwrap();
        assert_eq!(draft.holder_id, "i1");
        assert_eq!(draft.slot_minutes, 20);
        assert_eq!(draft.status, "booked");
    }

    #[test]
    fn missing_table_and_slot_are_named() {
        let input = MeetingInput {
            enterprise: "e1".into(),
            achievement: "A003".into(),
            ..Default::default()
        };
        let errors = input
            .validate(&FakeLookup::sample(), chrono_tz::UTC)
            .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["table_no", "slot_start"]);
    }
}
