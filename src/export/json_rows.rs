//! The rows of the JSON dump, written straight from SQLite's values: each row comes out
//! as the JSON object of its columns (keys in name order, as a `serde_json` map writes
//! them), with no map or `Value` made per row. Rows outside a one-exhibitor scope are
//! left out and personal data is masked as `Masking` asks, deciding from the row's own
//! columns.
use crate::export::ExportError;
use crate::export::masking::{Masking, PERSONAL_FIELDS, mask_changes, mask_value};
use crate::store::scope::ExhibitorScope;
use rusqlite::Row;
use rusqlite::types::ValueRef;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

/// How the rows of one table are written.
pub struct RowPlan<'a> {
    table: &'a str,
    /// Column positions in the order their keys are written.
    order: Vec<usize>,
    /// `"name":` of each column, by position.
    keys: Vec<Vec<u8>>,
    /// The personal field each column holds, if any, by position.
    personal: Vec<Option<&'static str>>,
    position: HashMap<&'a str, usize>,
}

fn json_error(e: serde_json::Error) -> ExportError {
    ExportError::Json(e.to_string())
}

impl<'a> RowPlan<'a> {
    /// The plan for `table`, whose rows are read with `columns` in this order.
    pub fn new(table: &'a str, columns: &'a [String]) -> Result<RowPlan<'a>, ExportError> {
        let mut order: Vec<usize> = (0..columns.len()).collect();
        order.sort_by(|&a, &b| columns[a].cmp(&columns[b]));
        let mut keys = Vec::with_capacity(columns.len());
        for name in columns {
            let mut key = serde_json::to_vec(name).map_err(json_error)?;
            key.push(b':');
            keys.push(key);
        }
        Ok(RowPlan {
            table,
            order,
            keys,
            personal: columns
                .iter()
                .map(|c| PERSONAL_FIELDS.iter().copied().find(|f| f == c))
                .collect(),
            position: columns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect(),
        })
    }

    /// The text of column `name` in `row`: empty when the table has no such column or
    /// it holds no text.
    fn text<'r>(&self, row: &'r Row, name: &str) -> Result<Cow<'r, str>, ExportError> {
        let Some(&i) = self.position.get(name) else {
            return Ok(Cow::Borrowed(""));
        };
        Ok(match value(row, i)? {
            ValueRef::Text(t) => String::from_utf8_lossy(t),
            _ => Cow::Borrowed(""),
        })
    }

    fn consented(&self, row: &Row) -> Result<bool, ExportError> {
        Ok(match self.position.get("contact_consent") {
            Some(&i) => matches!(value(row, i)?, ValueRef::Integer(1)),
            None => false,
        })
    }

    /// Whether `row` belongs to one exhibitor's part of the fair.
    fn in_scope(&self, scope: &ExhibitorScope, row: &Row) -> Result<bool, ExportError> {
        let text = |name: &str| self.text(row, name);
        Ok(match self.table {
            "fair" => true,
            "organization" => scope.organizations.contains(text("id")?.as_ref()),
            "achievement" => scope.achievements.contains(text("id")?.as_ref()),
            "need" => scope.needs.contains(text("id")?.as_ref()),
            "interest" => scope.interests.contains(text("id")?.as_ref()),
            "meeting" => scope.meetings.contains(text("id")?.as_ref()),
            "agreement" => scope.agreements.contains(text("id")?.as_ref()),
            "agreement_achievement" => {
                scope.agreements.contains(text("agreement_id")?.as_ref())
                    && scope
                        .achievements
                        .contains(text("achievement_id")?.as_ref())
            }
            "checkin" => scope
                .organizations
                .contains(text("organization_id")?.as_ref()),
            "audit" => text("entity")? == "fair" || scope.contains_any(&text("entity_id")?),
            _ => false,
        })
    }
}

fn value<'r>(row: &'r Row, i: usize) -> Result<ValueRef<'r>, ExportError> {
    row.get_ref(i)
        .map_err(|e| ExportError::Store(crate::store::StoreError::from(e)))
}

/// Writes the rows of one table of the dump, keeping what the audit rows need to know
/// of the organizations (their consent) from one table to the next.
pub struct DumpRows<'m> {
    pub scope: Option<&'m ExhibitorScope>,
    pub masking: &'m Masking,
    /// Organizations that consented to share their contact details, by id.
    consent: HashMap<String, bool>,
}

/// What is masked in one row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mask {
    Nothing,
    /// The personal columns.
    Personal,
    /// The personal values inside an audit row's `changes`.
    Changes,
}

impl<'m> DumpRows<'m> {
    pub fn new(scope: Option<&'m ExhibitorScope>, masking: &'m Masking) -> DumpRows<'m> {
        DumpRows {
            scope,
            masking,
            consent: HashMap::new(),
        }
    }

    /// Writes `row` as a JSON object, after `separator`; returns whether it was written
    /// (it is left out when outside the scope).
    pub fn write<W: Write>(
        &mut self,
        plan: &RowPlan,
        row: &Row,
        separator: &[u8],
        out: &mut W,
    ) -> Result<bool, ExportError> {
        if let Some(scope) = self.scope
            && !plan.in_scope(scope, row)?
        {
            return Ok(false);
        }
        let masking = self.masking;
        let mask = match plan.table {
            "organization" => {
                let id = plan.text(row, "id")?;
                let consented = plan.consented(row)?;
                self.consent.insert(id.to_string(), consented);
                if masking.hides(&id, consented) {
                    Mask::Personal
                } else {
                    Mask::Nothing
                }
            }
            "interest" | "checkin" if masking.hides_people() => Mask::Personal,
            "audit" if masking.all || masking.exhibitor.is_some() => {
                let entity_id = plan.text(row, "entity_id")?;
                let consented = self
                    .consent
                    .get(entity_id.as_ref())
                    .copied()
                    .unwrap_or(false);
                let hide = masking.all
                    || (masking.exhibitor.as_deref() != Some(entity_id.as_ref())
                        && !(plan.text(row, "entity")? == "organization" && consented));
                if hide { Mask::Changes } else { Mask::Nothing }
            }
            _ => Mask::Nothing,
        };
        let io = |e: std::io::Error| ExportError::Json(e.to_string());
        out.write_all(separator).map_err(io)?;
        out.write_all(b"{").map_err(io)?;
        for (n, &i) in plan.order.iter().enumerate() {
            if n > 0 {
                out.write_all(b",").map_err(io)?;
            }
            out.write_all(&plan.keys[i]).map_err(io)?;
            let v = value(row, i)?;
            match (v, mask) {
                (ValueRef::Text(t), Mask::Personal) if plan.personal[i].is_some() => {
                    let field = plan.personal[i].unwrap_or_default();
                    let masked = mask_value(field, &String::from_utf8_lossy(t));
                    serde_json::to_writer(&mut *out, &masked).map_err(json_error)?;
                }
                (ValueRef::Text(t), Mask::Changes) if plan.keys[i] == b"\"changes\":" => {
                    let text = String::from_utf8_lossy(t);
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(mut changes) => {
                            mask_changes(&mut changes);
                            serde_json::to_writer(&mut *out, &changes.to_string())
                        }
                        Err(_) => serde_json::to_writer(&mut *out, text.as_ref()),
                    }
                    .map_err(json_error)?;
                }
                (v, _) => write_value(v, out)?,
            }
        }
        out.write_all(b"}").map_err(io)?;
        Ok(true)
    }
}

/// One stored value as JSON, as `serde_json` writes the `Value` it would be read into:
/// text as a string (invalid UTF-8 replaced), a blob as an array of its bytes, a
/// non-finite real as `null`.
fn write_value<W: Write>(v: ValueRef<'_>, out: &mut W) -> Result<(), ExportError> {
    match v {
        ValueRef::Null => out
            .write_all(b"null")
            .map_err(|e| ExportError::Json(e.to_string())),
        ValueRef::Integer(i) => serde_json::to_writer(out, &i).map_err(json_error),
        ValueRef::Real(f) => serde_json::to_writer(out, &f).map_err(json_error),
        ValueRef::Text(t) => {
            serde_json::to_writer(out, String::from_utf8_lossy(t).as_ref()).map_err(json_error)
        }
        ValueRef::Blob(b) => serde_json::to_writer(out, b).map_err(json_error),
    }
}
