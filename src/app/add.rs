//! `fairdesk add KIND`: records as JSON (one object, or JSON lines), all in one transaction.
use crate::domain::achievement::AchievementInput;
use crate::domain::agreement::AgreementInput;
use crate::domain::error::FieldErrors;
use crate::domain::interest::InterestInput;
use crate::domain::lang::Lang;
use crate::domain::meeting::MeetingInput;
use crate::domain::need::NeedInput;
use crate::domain::organization::OrganizationInput;
use crate::store::{Store, StoreError, StoreResult};
use serde::de::DeserializeOwned;

/// The kinds of record `add` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Organization,
    Achievement,
    Need,
    Interest,
    Meeting,
    Agreement,
}

/// Why an add wrote nothing: which record (1-based line of input) and what.
#[derive(Debug)]
pub enum AddError {
    Json { record: usize, message: String },
    Invalid { record: usize, errors: FieldErrors },
    Store(StoreError),
    Empty,
}

impl AddError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            AddError::Store(e) => e.is_bad_input(),
            _ => true,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AddError::Json { record, message }, Lang::Zh) => {
                format!("第{record}条记录：JSON 格式错误：{message}")
            }
            (AddError::Json { record, message }, Lang::En) => {
                format!("record {record}: bad JSON: {message}")
            }
            (AddError::Invalid { record, errors }, Lang::Zh) => {
                format!("第{record}条记录：{}", errors.message(lang))
            }
            (AddError::Invalid { record, errors }, Lang::En) => {
                format!("record {record}: {}", errors.message(lang))
            }
            (AddError::Store(e), lang) => e.message(lang),
            (AddError::Empty, lang) => lang
                .pick("标准输入中没有记录", "no record on standard input")
                .to_string(),
        }
    }
}

impl From<StoreError> for AddError {
    fn from(e: StoreError) -> Self {
        AddError::Store(e)
    }
}

/// One added record: its id and its display code (when the kind has one).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Added {
    pub id: String,
    pub code: Option<String>,
}

/// Splits input into JSON values: one object, an array of objects, or JSON lines.
pub fn parse_records<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, AddError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(AddError::Empty);
    }
    let values: Vec<serde_json::Value> = if trimmed.starts_with('[') {
        serde_json::from_str::<Vec<serde_json::Value>>(trimmed).map_err(|e| AddError::Json {
            record: 1,
            message: e.to_string(),
        })?
    } else {
        let mut values = Vec::new();
        for (index, item) in serde_json::Deserializer::from_str(trimmed)
            .into_iter::<serde_json::Value>()
            .enumerate()
        {
            values.push(item.map_err(|e| AddError::Json {
                record: index + 1,
                message: e.to_string(),
            })?);
        }
        values
    };
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            serde_json::from_value(value).map_err(|e| AddError::Json {
                record: index + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Adds every record in `text` as `kind`, all or nothing.
pub fn add_json(store: &mut Store, kind: Kind, text: &str) -> Result<Vec<Added>, AddError> {
    match kind {
        Kind::Organization => add_organizations(store, &parse_records(text)?),
        Kind::Achievement => add_achievements(store, &parse_records(text)?),
        Kind::Need => add_needs(store, &parse_records(text)?),
        Kind::Interest => add_interests(store, &parse_records(text)?),
        Kind::Meeting => add_meetings(store, &parse_records(text)?),
        Kind::Agreement => add_agreements(store, &parse_records(text)?),
    }
}

/// Validates every input first (so an error names its record), then writes them all in
/// one transaction.
fn validate_all<I, D>(
    inputs: &[I],
    validate: impl Fn(&I) -> Result<D, FieldErrors>,
) -> Result<Vec<D>, AddError> {
    inputs
        .iter()
        .enumerate()
        .map(|(index, input)| {
            validate(input).map_err(|errors| AddError::Invalid {
                record: index + 1,
                errors,
            })
        })
        .collect()
}

/// Runs the inserts in one transaction; an invalid record (found only when writing,
/// e.g. a duplicate) is reported with its number.
fn write_all<I, D>(
    store: &mut Store,
    inputs: &[I],
    drafts: &[D],
    table: Option<&'static str>,
    insert: impl Fn(&rusqlite::Transaction, &crate::store::WriteContext, &I, &D) -> StoreResult<String>,
) -> Result<Vec<Added>, AddError> {
    let mut failed_at = 0;
    let result = store.write(|tx, ctx| {
        let mut added = Vec::with_capacity(inputs.len());
        for (index, (input, draft)) in inputs.iter().zip(drafts).enumerate() {
            failed_at = index + 1;
            let id = insert(tx, ctx, input, draft)?;
            let code = match table {
                Some(table) => Some(tx.query_row(
                    &format!("SELECT code FROM {table} WHERE id = ?1"),
                    [&id],
                    |r| r.get(0),
                )?),
                None => None,
            };
            added.push(Added { id, code });
        }
        Ok(added)
    });
    result.map_err(|e| match e {
        StoreError::Invalid(errors) => AddError::Invalid {
            record: failed_at,
            errors,
        },
        other => AddError::Store(other),
    })
}

pub fn add_organizations(
    store: &mut Store,
    inputs: &[OrganizationInput],
) -> Result<Vec<Added>, AddError> {
    let drafts = validate_all(inputs, |i| i.validate())?;
    write_all(
        store,
        inputs,
        &drafts,
        Some("organization"),
        crate::store::organizations::insert_tx,
    )
}

pub fn add_achievements(
    store: &mut Store,
    inputs: &[AchievementInput],
) -> Result<Vec<Added>, AddError> {
    let drafts = validate_all(inputs, |i| i.validate(store))?;
    write_all(
        store,
        inputs,
        &drafts,
        Some("achievement"),
        crate::store::achievements::insert_tx,
    )
}

pub fn add_needs(store: &mut Store, inputs: &[NeedInput]) -> Result<Vec<Added>, AddError> {
    let drafts = validate_all(inputs, |i| i.validate(store))?;
    write_all(
        store,
        inputs,
        &drafts,
        Some("need"),
        crate::store::needs::insert_tx,
    )
}

pub fn add_interests(store: &mut Store, inputs: &[InterestInput]) -> Result<Vec<Added>, AddError> {
    let zone = store.require_fair()?.zone();
    let drafts = validate_all(inputs, |i| i.validate(store, zone))?;
    write_all(store, inputs, &drafts, None, |tx, ctx, input, draft| {
        crate::store::interests::upsert_tx(tx, ctx, &input.id, draft).map(|(id, _)| id)
    })
}

pub fn add_meetings(store: &mut Store, inputs: &[MeetingInput]) -> Result<Vec<Added>, AddError> {
    let zone = store.require_fair()?.zone();
    let drafts = validate_all(inputs, |i| i.validate(store, zone))?;
    write_all(store, inputs, &drafts, None, |tx, ctx, input, draft| {
        crate::store::meetings::insert_tx(tx, ctx, &input.id, draft)
    })
}

pub fn add_agreements(
    store: &mut Store,
    inputs: &[AgreementInput],
) -> Result<Vec<Added>, AddError> {
    let zone = store.require_fair()?.zone();
    let drafts = validate_all(inputs, |i| i.validate(store, zone))?;
    write_all(
        store,
        inputs,
        &drafts,
        Some("agreement"),
        crate::store::agreements::insert_tx,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    #[test]
    fn json_lines_are_all_or_nothing() {
        let mut s = store();
        let text = r#"{"name":"甲公司","region":"包头市"}
{"name":"乙公司","credit_code":"91350100M000100Y4Z"}"#;
        match add_json(&mut s, Kind::Organization, text) {
            Err(AddError::Invalid { record, errors }) => {
                assert_eq!(record, 2);
                assert_eq!(errors.0[0].field, "credit_code");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            s.organizations(true).unwrap().is_empty(),
            "nothing half-written"
        );
        let added = add_json(
            &mut s,
            Kind::Organization,
            r#"[{"name":"甲公司"},{"name":"乙公司"}]"#,
        )
        .unwrap();
        assert_eq!(added.len(), 2);
        assert_eq!(added[1].code.as_deref(), Some("O002"));
    }

    #[test]
    fn a_duplicate_inside_one_batch_names_its_record_and_writes_nothing() {
        let mut s = store();
        let text = r#"{"name":"甲公司","credit_code":"91350100M000100Y43"}
{"name":"乙公司","credit_code":"91350100M000100Y43"}"#;
        match add_json(&mut s, Kind::Organization, text) {
            Err(AddError::Invalid { record, .. }) => assert_eq!(record, 2),
            other => panic!("unexpected {other:?}"),
        }
        assert!(s.organizations(true).unwrap().is_empty());
    }

    #[test]
    fn bad_json_names_the_record() {
        let mut s = store();
        let err = add_json(&mut s, Kind::Organization, "{\"name\":\"甲\"}\n{oops").unwrap_err();
        assert!(matches!(err, AddError::Json { record: 2, .. }));
        assert!(err.message(Lang::Zh).starts_with("第2条记录"));
    }
}
