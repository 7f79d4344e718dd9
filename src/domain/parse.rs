//! Turning what people type (in a form field or a JSON value) into checked values.
//!
//! Every helper records its problem under the field's name and returns `None`, so a
//! record's validation collects all of its errors in one pass.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::money::Money;
use crate::domain::text::clean_text;
use crate::domain::vocab::Vocabulary;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Longest single-line text field, in characters.
pub const MAX_LINE: usize = 200;
/// Longest free-text field (summary, description, note), in characters.
pub const MAX_TEXT: usize = 4000;

/// A cleaned single-line value, `None` when blank.
pub fn optional_line(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<String> {
    let value = clean_text(raw);
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > MAX_LINE {
        errors.push(field, Problem::TooLong { max: MAX_LINE });
        return None;
    }
    Some(value)
}

/// A cleaned single-line value that must be present.
pub fn required_line(errors: &mut FieldErrors, field: &'static str, raw: &str) -> String {
    let before = errors.0.len();
    match optional_line(errors, field, raw) {
        Some(v) => v,
        None => {
            if errors.0.len() == before {
                errors.push(field, Problem::Required);
            }
            String::new()
        }
    }
}

/// A cleaned multi-line value, `None` when blank.
pub fn optional_text(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<String> {
    let value = crate::domain::text::clean_multiline(raw);
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > MAX_TEXT {
        errors.push(field, Problem::TooLong { max: MAX_TEXT });
        return None;
    }
    Some(value)
}

/// Splits a list typed as `a, b、c；d` (or joined from a JSON array) into cleaned items.
pub fn list(raw: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for part in raw.split([',', '，', '、', ';', '；', '\n', '|']) {
        let item = clean_text(part);
        if !item.is_empty() && !items.contains(&item) {
            items.push(item);
        }
    }
    items
}

/// A list of items each of which must be in `vocab`; returns canonical values.
pub fn vocab_list(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    vocab: &Vocabulary,
) -> Vec<String> {
    let mut out = Vec::new();
    for item in list(raw) {
        match vocab.canonical(&item) {
            Some(v) => {
                if !out.iter().any(|o: &String| o == v) {
                    out.push(v.to_string());
                }
            }
            None => {
                errors.push(field, Problem::NotInVocabulary { value: item });
                return Vec::new();
            }
        }
    }
    out
}

/// One vocabulary value, `None` when blank.
pub fn optional_term(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    vocab: &Vocabulary,
) -> Option<String> {
    let value = clean_text(raw);
    if value.is_empty() {
        return None;
    }
    match vocab.canonical(&value) {
        Some(v) => Some(v.to_string()),
        None => {
            errors.push(field, Problem::NotInVocabulary { value });
            None
        }
    }
}

/// One vocabulary value that must be present.
pub fn required_term(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    vocab: &Vocabulary,
) -> String {
    if clean_text(raw).is_empty() {
        errors.push(field, Problem::Required);
        return String::new();
    }
    optional_term(errors, field, raw, vocab).unwrap_or_default()
}

/// An amount of money, `None` when blank.
pub fn optional_money(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<Money> {
    if raw.trim().is_empty() {
        return None;
    }
    match Money::parse(raw) {
        Ok(m) => Some(m),
        Err(e) => {
            errors.push(field, Problem::Money(e));
            None
        }
    }
}

/// An amount of money that must be present.
pub fn required_money(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<Money> {
    if raw.trim().is_empty() {
        errors.push(field, Problem::Required);
        return None;
    }
    optional_money(errors, field, raw)
}

/// A whole number in `min..=max`, `None` when blank.
pub fn optional_int(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    min: i64,
    max: i64,
) -> Option<i64> {
    let value = clean_text(raw);
    if value.is_empty() {
        return None;
    }
    match value.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            errors.push(field, Problem::OutOfRange { min, max });
            None
        }
    }
}

/// `true`/`false` as people write them; blank is `false`.
pub fn flag(errors: &mut FieldErrors, field: &'static str, raw: &str) -> bool {
    match clean_text(raw).to_lowercase().as_str() {
        "" | "false" | "0" | "no" | "n" | "否" | "不同意" => false,
        "true" | "1" | "yes" | "y" | "是" | "同意" => true,
        other => {
            errors.push(
                field,
                Problem::NotInVocabulary {
                    value: other.to_string(),
                },
            );
            false
        }
    }
}

/// A calendar date, `None` when blank. Accepts `2019-12-10`, `2019/12/10`, `2019年12月10日`.
pub fn optional_date(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
) -> Option<NaiveDate> {
    let value = clean_text(raw);
    if value.is_empty() {
        return None;
    }
    let normalised = value.replace(['/', '.', '年', '月'], "-").replace('日', "");
    match NaiveDate::parse_from_str(&normalised, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(field, Problem::BadDate { value });
            None
        }
    }
}

/// A moment, `None` when blank. Accepts RFC 3339 (`2019-12-10T15:30:00+08:00`) or a local
/// `2019-12-10 15:30[:00]` read in the fair's time zone.
pub fn optional_time(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    zone: Tz,
) -> Option<DateTime<Utc>> {
    let value = clean_text(raw);
    if value.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(&value) {
        return Some(t.with_timezone(&Utc));
    }
    let local = value.replace('T', " ").replace('/', "-");
    let parsed = NaiveDateTime::parse_from_str(&local, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&local, "%Y-%m-%d %H:%M"));
    match parsed
        .ok()
        .and_then(|n| zone.from_local_datetime(&n).earliest())
    {
        Some(t) => Some(t.with_timezone(&Utc)),
        None => {
            errors.push(field, Problem::BadTime { value });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::TRANSFER_MODES;

    #[test]
    fn list_splits_on_chinese_and_ascii_separators() {
        assert_eq!(
            list("永磁，钕铁硼、 晶界扩散;永磁"),
            vec!["永磁", "钕铁硼", "晶界扩散"]
        );
        assert!(list("  ").is_empty());
    }

    #[test]
    fn vocab_list_reports_the_unknown_item() {
        let mut errors = FieldErrors::default();
        assert_eq!(
            vocab_list(
                &mut errors,
                "transfer_modes",
                "转让、Licensing",
                &TRANSFER_MODES
            ),
            vec!["转让", "许可"]
        );
        assert!(errors.is_empty());
        vocab_list(&mut errors, "transfer_modes", "转让、赠送", &TRANSFER_MODES);
        assert_eq!(
            errors.0[0].problem,
            Problem::NotInVocabulary {
                value: "赠送".into()
            }
        );
    }

    #[test]
    fn local_time_is_read_in_the_fair_zone() {
        let mut errors = FieldErrors::default();
        let t = optional_time(
            &mut errors,
            "signed_at",
            "2019-12-10 15:30",
            chrono_tz::Asia::Shanghai,
        );
        assert_eq!(
            t.map(|t| t.to_rfc3339()),
            Some("2019-12-10T07:30:00+00:00".into())
        );
        let t = optional_time(
            &mut errors,
            "signed_at",
            "2019-12-10T15:30:00+08:00",
            chrono_tz::UTC,
        );
        assert_eq!(
            t.map(|t| t.to_rfc3339()),
            Some("2019-12-10T07:30:00+00:00".into())
        );
        assert!(errors.is_empty());
        assert!(optional_time(&mut errors, "signed_at", "下午三点", chrono_tz::UTC).is_none());
        assert_eq!(errors.0[0].field, "signed_at");
    }

    #[test]
    fn dates_accept_chinese_forms() {
        let mut errors = FieldErrors::default();
        let d = optional_date(&mut errors, "deadline", "2020年6月30日");
        assert_eq!(d, NaiveDate::from_ymd_opt(2020, 6, 30));
        assert!(optional_date(&mut errors, "deadline", "明年").is_none());
        assert_eq!(errors.0.len(), 1);
    }

    #[test]
    fn required_line_reports_missing_once() {
        let mut errors = FieldErrors::default();
        assert_eq!(required_line(&mut errors, "title", "  \t "), "");
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].problem, Problem::Required);
    }
}
