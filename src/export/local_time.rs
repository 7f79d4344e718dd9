//! Stored times shown in the fair's zone. Times are stored as `YYYY-MM-DDTHH:MM:SS.mmmZ`
//! (UTC, [`crate::store::time_text`]); that form is read by position instead of by an
//! RFC 3339 parser, and the last conversion is remembered, since rows written in time
//! order repeat their neighbours' times. Any other text is read as before
//! ([`crate::store::parse_time`]).
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use std::fmt::Write;

/// Converts stored UTC times to local ones in one zone.
pub struct LocalTimes {
    zone: Tz,
    last_stored: String,
    last_local: NaiveDateTime,
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The UTC time of text in exactly the stored form, or `None` for any other text.
fn stored_form(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() != 24
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'.'
        || b[23] != b'Z'
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    date.and_hms_milli_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
        digits(&b[20..23])?,
    )
}

impl LocalTimes {
    pub fn new(zone: Tz) -> LocalTimes {
        LocalTimes {
            zone,
            last_stored: String::new(),
            last_local: NaiveDateTime::default(),
        }
    }

    /// A time as stored, in the zone.
    pub fn local(&mut self, stored: &str) -> NaiveDateTime {
        if stored != self.last_stored || self.last_stored.is_empty() {
            let utc = match stored_form(stored) {
                Some(naive) => naive.and_utc(),
                None => crate::store::parse_time(stored),
            };
            self.last_local = self.of(utc);
            self.last_stored.clear();
            self.last_stored.push_str(stored);
        }
        self.last_local
    }

    /// A time, in the zone.
    pub fn of(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.zone).naive_local()
    }
}

fn push_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `YYYY-MM-DD HH:MM`, as every export shows a time, appended to `out`.
pub fn push_minutes(out: &mut String, t: NaiveDateTime) {
    match u32::try_from(t.year()) {
        Ok(year) if year <= 9999 => {
            push_two(out, year / 100);
            push_two(out, year % 100);
        }
        _ => {
            let _ = write!(out, "{:04}", t.year());
        }
    }
    out.push('-');
    push_two(out, t.month());
    out.push('-');
    push_two(out, t.day());
    out.push(' ');
    push_two(out, t.hour());
    out.push(':');
    push_two(out, t.minute());
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// What the export did before: parse, convert, format.
    fn by_chrono(zone: Tz, stored: &str) -> (NaiveDateTime, String) {
        let t = crate::store::parse_time(stored).with_timezone(&zone);
        let text = format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        );
        (t.naive_local(), text)
    }

    #[test]
    fn stored_times_convert_as_chrono_does_in_any_zone() {
        let zones: Vec<Tz> = [
            "Asia/Shanghai",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Europe/London",
            "America/St_Johns",
        ]
        .iter()
        .map(|z| z.parse().unwrap())
        .collect();
        let mut stored: Vec<String> = Vec::new();
        // Around clock changes (New York 2019-03-10 07:00 UTC, 2019-11-03 06:00 UTC; Lord
        // Howe's half hour), before zones had standard offsets, and at day and year ends.
        let mut t = Utc.with_ymd_and_hms(2019, 3, 10, 5, 0, 0).unwrap();
        for _ in 0..300 {
            stored.push(crate::store::time_text(t));
            t += chrono::Duration::seconds(59);
        }
        for (y, mo, d, h, mi, s) in [
            (2019, 11, 3, 5, 59, 59),
            (2019, 11, 3, 6, 0, 0),
            (2019, 4, 6, 14, 59, 59),
            (2019, 4, 6, 15, 0, 0),
            (1890, 1, 1, 0, 0, 0),
            (1900, 12, 31, 23, 59, 30),
            (2019, 12, 31, 16, 0, 0),
            (2024, 2, 29, 23, 59, 59),
            (1, 1, 1, 0, 0, 0),
            (9999, 12, 31, 23, 59, 59),
        ] {
            stored.push(crate::store::time_text(
                Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap(),
            ));
        }
        // Not in the stored form: read by the RFC 3339 parser, or the epoch as before.
        for odd in [
            "2019-12-10T08:03:00Z",
            "2019-12-10T08:03:00.5+08:00",
            "2019-12-10T08:03:60.000Z",
            "2019-02-30T08:03:00.000Z",
            "2019-12-10 08:03",
            "",
            "x019-12-10T08:03:00.000Z",
            "2019-12-10T08:03:00.000z",
        ] {
            stored.push(odd.to_string());
        }
        for zone in zones {
            let mut times = LocalTimes::new(zone);
            for text in stored.iter().chain(stored.iter().rev()) {
                let local = times.local(text);
                let (expected, expected_text) = by_chrono(zone, text);
                assert_eq!(local, expected, "{text} in {zone}");
                let mut shown = String::new();
                push_minutes(&mut shown, local);
                assert_eq!(shown, expected_text, "{text} in {zone}");
            }
        }
    }
}
