//! Checking every row before anything is written: each row becomes its domain input,
//! validated by the same `XxxInput::validate` as the forms, its organization resolved
//! (or planned as new), and duplicates of registered records or of earlier rows found.
use crate::domain::achievement::{AchievementDraft, AchievementInput};
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::need::{NeedDraft, NeedInput};
use crate::domain::organization::{OrganizationDraft, OrganizationInput};
use crate::domain::text::clean_text;
use crate::import::columns::{ColumnMap, ImportKind};
use crate::import::parties::{HOLDER, NEED_ORGANIZATION, NewOrg, Parties, PartyCells, PartyFields};
use crate::import::report::RowProblem;
use crate::import::sheet::{Sheet, SheetRow};
use crate::store::import_checks::CodeTable;
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

/// A checked record, ready to insert.
#[derive(Debug, Clone)]
pub enum PlannedRecord {
    Organization(OrganizationInput, OrganizationDraft),
    Achievement(AchievementInput, AchievementDraft),
    Need(NeedInput, NeedDraft),
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    pub number: usize,
    pub record: PlannedRecord,
    /// The new organization (index into `Plan::new_orgs`) this row needs, if any.
    pub new_org: Option<usize>,
}

/// The outcome of checking a whole file.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
    pub problems: Vec<RowProblem>,
    /// The rows with problems, as read.
    pub rejected: Vec<SheetRow>,
    pub new_orgs: Vec<NewOrg>,
    /// Data rows read (blank ones not counted).
    pub rows_read: usize,
}

/// Progress while checking: (rows checked, rows in the file).
pub type CheckProgress<'a> = &'a mut dyn FnMut(usize, usize);

/// Keys of the rows accepted so far, to find a row repeating an earlier one.
#[derive(Default)]
struct Seen {
    codes: HashMap<String, usize>,
    keys: HashMap<(String, String), usize>,
    /// The codes registered in the file's table, read at once when the file has more
    /// rows than the table (a first import): one read instead of a lookup per row.
    registered_codes: Option<std::collections::HashSet<String>>,
}

pub fn plan(
    store: &Store,
    sheet: &Sheet,
    map: &ColumnMap,
    progress: CheckProgress,
) -> StoreResult<Plan> {
    let mut parties = Parties::new(store);
    let mut seen = Seen::default();
    let mut plan = Plan::default();
    let data: Vec<&SheetRow> = sheet.rows[map.header_index + 1..]
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    plan.rows_read = data.len();
    let table = match map.kind {
        ImportKind::Achievements => CodeTable::Achievement,
        ImportKind::Organizations => CodeTable::Organization,
        ImportKind::Needs => CodeTable::Need,
    };
    if store.code_rows_bound(table)? <= data.len() as i64 {
        seen.registered_codes = Some(store.codes_in_use(table)?);
    }
    for (done, row) in data.iter().enumerate() {
        let checked = match map.kind {
            ImportKind::Achievements => achievement_row(store, &mut parties, &mut seen, map, row)?,
            ImportKind::Organizations => organization_row(store, &mut seen, map, row)?,
            ImportKind::Needs => need_row(store, &mut parties, &mut seen, map, row)?,
        };
        match checked {
            Ok(planned) => plan.rows.push(planned),
            Err(errors) => {
                plan.problems
                    .extend(errors.0.into_iter().map(|error| RowProblem {
                        row: row.number,
                        column: map.header_of(error.field).map(str::to_string),
                        error,
                    }));
                plan.rejected.push((*row).clone());
            }
        }
        if (done + 1).is_multiple_of(500) || done + 1 == data.len() {
            progress(done + 1, data.len());
        }
    }
    plan.new_orgs = parties.new_orgs;
    Ok(plan)
}

fn duplicate_of_row(row: usize, zh_what: &str, en_what: &str) -> Problem {
    Problem::Other {
        zh: format!("与第{row}行重复（{zh_what}）"),
        en: format!("repeats row {row} ({en_what})"),
    }
}

/// Checks an explicit display code: free in the store and not used by an earlier row.
fn check_code(
    store: &Store,
    seen: &Seen,
    table: CodeTable,
    code: &str,
    errors: &mut FieldErrors,
) -> StoreResult<()> {
    let code = clean_text(code);
    if code.is_empty() {
        return Ok(());
    }
    let taken = match &seen.registered_codes {
        Some(codes) => codes.contains(&code),
        None => store.code_taken(table, &code)?,
    };
    if taken {
        errors.push("code", Problem::Duplicate { existing: code });
    } else if let Some(&row) = seen.codes.get(&code) {
        errors.push("code", duplicate_of_row(row, "编号相同", "same code"));
    }
    Ok(())
}

fn party_cells(map: &ColumnMap, row: &SheetRow, fields: PartyFields) -> PartyCells {
    PartyCells {
        name: map.get(row, fields.name).into_owned(),
        credit_code: map.get(row, fields.credit_code).into_owned(),
        kind: map.get(row, fields.kind).into_owned(),
        region: map.get(row, fields.region).into_owned(),
    }
}

/// Resolves the row's organization; on failure its errors are kept and validation's own
/// complaint about the (then empty) reference is dropped.
fn resolve_party(
    parties: &mut Parties,
    map: &ColumnMap,
    row: &SheetRow,
    fields: PartyFields,
    errors: &mut FieldErrors,
) -> StoreResult<Option<String>> {
    Ok(
        match parties.resolve(&party_cells(map, row, fields), fields, row.number)? {
            Ok(id) => Some(id),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        },
    )
}

fn merge_validation<D>(
    errors: &mut FieldErrors,
    result: Result<D, FieldErrors>,
    party_failed: bool,
    party_field: &str,
) -> Option<D> {
    match result {
        Ok(draft) => Some(draft),
        Err(e) => {
            errors.0.extend(
                e.0.into_iter()
                    .filter(|f| !(party_failed && f.field == party_field)),
            );
            None
        }
    }
}

fn achievement_row(
    store: &Store,
    parties: &mut Parties,
    seen: &mut Seen,
    map: &ColumnMap,
    row: &SheetRow,
) -> StoreResult<Result<PlannedRow, FieldErrors>> {
    let mut errors = FieldErrors::default();
    let holder = resolve_party(parties, map, row, HOLDER, &mut errors)?;
    let get = |field: &str| map.get(row, field).into_owned();
    let input = AchievementInput {
        code: get("code"),
        title: get("title"),
        holder: holder.clone().unwrap_or_default(),
        field: get("field"),
        maturity: get("maturity"),
        trl: get("trl"),
        patents: get("patents"),
        transfer_modes: get("transfer_modes"),
        asking_price: get("asking_price"),
        summary: get("summary"),
        keywords: get("keywords"),
        booth: get("booth"),
        ..AchievementInput::default()
    };
    let draft = merge_validation(
        &mut errors,
        input.validate(&*parties),
        holder.is_none(),
        "holder",
    );
    check_code(
        store,
        seen,
        CodeTable::Achievement,
        &input.code,
        &mut errors,
    )?;
    let Some(draft) = draft.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let key = (draft.holder_id.clone(), draft.title.clone());
    // A holder the file brings has no achievements yet.
    let registered = if parties.new_org_index(&key.0).is_some() {
        None
    } else {
        store.achievement_code_by_holder_title(&key.0, &key.1)?
    };
    if let Some(code) = registered {
        errors.push(
            "title",
            Problem::Duplicate {
                existing: format!("{code} {}", draft.title),
            },
        );
    } else if let Some(&earlier) = seen.keys.get(&key) {
        errors.push(
            "title",
            duplicate_of_row(earlier, "同一持有单位的同名成果", "same title and holder"),
        );
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    seen.keys.insert(key, row.number);
    remember_code(seen, &input.code, row.number);
    let new_org = parties.new_org_index(&draft.holder_id);
    Ok(Ok(PlannedRow {
        number: row.number,
        record: PlannedRecord::Achievement(input, draft),
        new_org,
    }))
}

fn remember_code(seen: &mut Seen, code: &str, row: usize) {
    let code = clean_text(code);
    if !code.is_empty() {
        seen.codes.insert(code, row);
    }
}

fn need_row(
    store: &Store,
    parties: &mut Parties,
    seen: &mut Seen,
    map: &ColumnMap,
    row: &SheetRow,
) -> StoreResult<Result<PlannedRow, FieldErrors>> {
    let mut errors = FieldErrors::default();
    let organization = resolve_party(parties, map, row, NEED_ORGANIZATION, &mut errors)?;
    let get = |field: &str| map.get(row, field).into_owned();
    let input = NeedInput {
        code: get("code"),
        organization: organization.clone().unwrap_or_default(),
        title: get("title"),
        field: get("field"),
        description: get("description"),
        keywords: get("keywords"),
        budget: get("budget"),
        cooperation_modes: get("cooperation_modes"),
        deadline: get("deadline"),
        ..NeedInput::default()
    };
    let draft = merge_validation(
        &mut errors,
        input.validate(&*parties),
        organization.is_none(),
        "organization",
    );
    check_code(store, seen, CodeTable::Need, &input.code, &mut errors)?;
    let Some(draft) = draft.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let key = (draft.organization_id.clone(), draft.title.clone());
    // An organization the file brings has no needs yet.
    let registered = if parties.new_org_index(&key.0).is_some() {
        None
    } else {
        store.need_code_by_org_title(&key.0, &key.1)?
    };
    if let Some(code) = registered {
        errors.push(
            "title",
            Problem::Duplicate {
                existing: format!("{code} {}", draft.title),
            },
        );
    } else if let Some(&earlier) = seen.keys.get(&key) {
        errors.push(
            "title",
            duplicate_of_row(earlier, "同一单位的同名需求", "same title and organization"),
        );
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    seen.keys.insert(key, row.number);
    remember_code(seen, &input.code, row.number);
    let new_org = parties.new_org_index(&draft.organization_id);
    Ok(Ok(PlannedRow {
        number: row.number,
        record: PlannedRecord::Need(input, draft),
        new_org,
    }))
}

fn organization_row(
    store: &Store,
    seen: &mut Seen,
    map: &ColumnMap,
    row: &SheetRow,
) -> StoreResult<Result<PlannedRow, FieldErrors>> {
    let mut errors = FieldErrors::default();
    let get = |field: &str| map.get(row, field).into_owned();
    let input = OrganizationInput {
        code: get("code"),
        name: get("name"),
        kind: get("kind"),
        credit_code: get("credit_code"),
        region: get("region"),
        industry: get("industry"),
        contact_name: get("contact_name"),
        contact_phone: get("contact_phone"),
        contact_email: get("contact_email"),
        contact_consent: get("contact_consent"),
        note: get("note"),
        ..OrganizationInput::default()
    };
    let input = OrganizationInput {
        kind: if input.kind.trim().is_empty() {
            crate::import::parties::guess_kind(&input.name).to_string()
        } else {
            input.kind
        },
        ..input
    };
    let draft = merge_validation(&mut errors, input.validate(), false, "");
    check_code(
        store,
        seen,
        CodeTable::Organization,
        &input.code,
        &mut errors,
    )?;
    let Some(draft) = draft.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    if let Some(credit) = &draft.credit_code {
        if let Some(found) = store.organization_with_credit_code(credit)? {
            errors.push(
                "credit_code",
                Problem::Duplicate {
                    existing: format!("{}（{}）", found.name, found.code),
                },
            );
        } else if let Some(&earlier) = seen.keys.get(&(String::new(), credit.clone())) {
            errors.push(
                "credit_code",
                duplicate_of_row(earlier, "统一社会信用代码相同", "same credit code"),
            );
        }
    }
    if let Some(found) = store.organizations_named(&draft.name)?.into_iter().next() {
        errors.push(
            "name",
            Problem::Duplicate {
                existing: format!("{}（{}）", found.name, found.code),
            },
        );
    } else if let Some(&earlier) = seen.keys.get(&(draft.name.clone(), String::new())) {
        errors.push(
            "name",
            duplicate_of_row(earlier, "单位名称相同", "same name"),
        );
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if let Some(credit) = &draft.credit_code {
        seen.keys
            .insert((String::new(), credit.clone()), row.number);
    }
    seen.keys
        .insert((draft.name.clone(), String::new()), row.number);
    remember_code(seen, &input.code, row.number);
    Ok(Ok(PlannedRow {
        number: row.number,
        record: PlannedRecord::Organization(input, draft),
        new_org: None,
    }))
}
