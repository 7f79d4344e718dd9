//! The meeting plan: how many tables, how long a slot, which sessions of the day; the
//! slots it makes; and the next free slot for a pair.
use crate::domain::error::{FieldErrors, Problem};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPlan {
    pub tables: u32,
    pub slot_minutes: u32,
    /// Sessions of each fair day: (from, to), local time.
    pub sessions: Vec<(NaiveTime, NaiveTime)>,
}

impl Default for MeetingPlan {
    /// 20 tables, 20-minute slots, 09:00–12:00 and 14:00–17:00.
    fn default() -> MeetingPlan {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        MeetingPlan {
            tables: 20,
            slot_minutes: 20,
            sessions: vec![(t(9, 0), t(12, 0)), (t(14, 0), t(17, 0))],
        }
    }
}

impl MeetingPlan {
    /// Reads a plan as typed: tables, minutes, and sessions like `09:00-12:00, 14:00-17:00`.
    pub fn parse(tables: &str, minutes: &str, sessions: &str) -> Result<MeetingPlan, FieldErrors> {
        let mut errors = FieldErrors::default();
        let tables = crate::domain::parse::optional_int(&mut errors, "tables", tables, 1, 999);
        let minutes =
            crate::domain::parse::optional_int(&mut errors, "slot_minutes", minutes, 5, 240);
        let mut parsed = Vec::new();
        for part in crate::domain::parse::list(sessions) {
            let times: Vec<&str> = part.split(['-', '–', '~', '至']).map(str::trim).collect();
            let read = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
            match times.as_slice() {
                [a, b] if read(a).is_some() && read(b).is_some() && read(a) < read(b) => {
                    parsed.push((read(a).unwrap_or_default(), read(b).unwrap_or_default()))
                }
                _ => errors.push(
                    "sessions",
                    Problem::BadTime {
                        value: part.clone(),
                    },
                ),
            }
        }
        if parsed.is_empty() && errors.for_field("sessions").is_none() {
            errors.push("sessions", Problem::Required);
        }
        parsed.sort();
        errors.into_result(MeetingPlan {
            tables: tables.unwrap_or(20) as u32,
            slot_minutes: minutes.unwrap_or(20) as u32,
            sessions: parsed,
        })
    }

    /// The sessions as people write them: `09:00-12:00、14:00-17:00`.
    pub fn sessions_text(&self) -> String {
        self.sessions
            .iter()
            .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The slot starts of one day, in UTC.
    pub fn slots(&self, day: NaiveDate, zone: Tz) -> Vec<DateTime<Utc>> {
        let step = Duration::minutes(i64::from(self.slot_minutes.max(1)));
        let mut out = Vec::new();
        for (from, to) in &self.sessions {
            let mut t = day.and_time(*from);
            let end = day.and_time(*to);
            while t + step <= end {
                if let Some(local) = zone.from_local_datetime(&t).earliest() {
                    out.push(local.with_timezone(&Utc));
                }
                t += step;
            }
        }
        out
    }
}

/// A booked meeting, as the slot finder needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub table_no: u32,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub enterprise_id: String,
    pub holder_id: String,
}

fn overlaps(a_start: DateTime<Utc>, a_min: u32, b_start: DateTime<Utc>, b_min: u32) -> bool {
    let a_end = a_start + Duration::minutes(i64::from(a_min));
    let b_end = b_start + Duration::minutes(i64::from(b_min));
    a_start < b_end && b_start < a_end
}

/// The first (slot, table) on `days` at or after `not_before` where the table, the
/// enterprise and the holder are all free. Slots before `not_before` are skipped unless
/// every later one is taken (then `None`).
pub fn next_free_slot(
    plan: &MeetingPlan,
    days: &[NaiveDate],
    zone: Tz,
    bookings: &[Booking],
    enterprise_id: &str,
    holder_id: &str,
    not_before: DateTime<Utc>,
) -> Option<(DateTime<Utc>, u32)> {
    for day in days {
        for start in plan.slots(*day, zone) {
            if start < not_before {
                continue;
            }
            let clash = |b: &&Booking| overlaps(start, plan.slot_minutes, b.start, b.minutes);
            let busy: Vec<&Booking> = bookings.iter().filter(clash).collect();
            if busy
                .iter()
                .any(|b| b.enterprise_id == enterprise_id || b.holder_id == holder_id)
            {
                continue;
            }
            if let Some(table) = (1..=plan.tables).find(|t| busy.iter().all(|b| b.table_no != *t)) {
                return Some((start, table));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 12, 10).unwrap()
    }

    #[test]
    fn the_default_plan_has_eighteen_slots_a_day() {
        let slots = MeetingPlan::default().slots(day(), chrono_tz::Asia::Shanghai);
        assert_eq!(slots.len(), 18);
        assert_eq!(slots[0].to_rfc3339(), "2019-12-10T01:00:00+00:00");
    }

    #[test]
    fn plans_parse_as_typed_and_name_bad_fields() {
        let plan = MeetingPlan::parse("12", "30", "14:00-17:00, 09:00–11:30").unwrap();
        assert_eq!(plan.tables, 12);
        assert_eq!(plan.sessions_text(), "09:00-11:30、14:00-17:00");
        let errors = MeetingPlan::parse("0", "20", "9点到12点").unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["tables", "sessions"]);
    }

    #[test]
    fn the_next_free_slot_skips_busy_tables_enterprises_and_holders() {
        let plan = MeetingPlan {
            tables: 2,
            ..MeetingPlan::default()
        };
        let zone = chrono_tz::Asia::Shanghai;
        let slots = plan.slots(day(), zone);
        let booking = |table, slot: usize, e: &str, h: &str| Booking {
            table_no: table,
            start: slots[slot],
            minutes: 20,
            enterprise_id: e.into(),
            holder_id: h.into(),
        };
        let early = slots[0] - Duration::hours(1);
        let bookings = vec![
            booking(1, 0, "e1", "h1"),
            booking(2, 0, "e2", "h2"),
            booking(1, 1, "e3", "h9"),
        ];
        // Slot 0 is full; slot 1 has table 2 free.
        assert_eq!(
            next_free_slot(&plan, &[day()], zone, &bookings, "e9", "h8", early),
            Some((slots[1], 2))
        );
        // e3 is busy in slot 1: slot 2.
        assert_eq!(
            next_free_slot(&plan, &[day()], zone, &bookings, "e3", "h8", early),
            Some((slots[2], 1))
        );
        // Not before slot 5.
        assert_eq!(
            next_free_slot(&plan, &[day()], zone, &bookings, "e9", "h8", slots[5]),
            Some((slots[5], 1))
        );
    }
}
