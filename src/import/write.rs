//! Writing a checked plan: the new organizations the rows need, then the rows, through the
//! store's `insert_tx` helpers (achievements through `AchievementBatch`, many rows a
//! statement) in one transaction. A crash or Ctrl-C before the commit leaves the file as
//! it was.
use crate::import::plan::{Plan, PlannedRecord};
use crate::import::report::{CreatedOrg, RowProblem};
use crate::store::achievement_batch::AchievementBatch;
use crate::store::import_checks::{ChangeMarker, CodeBatch, CodeTable, change_marker};
use crate::store::{Store, StoreError};

/// What was written: (row, code) per record and the organizations created.
pub struct Written {
    pub imported: Vec<(usize, String)>,
    pub created_orgs: Vec<CreatedOrg>,
}

/// Why writing failed: a row refused at write time (another desk registered the same
/// code or credit code meanwhile), or the store.
pub enum WriteFailure {
    Row(Vec<RowProblem>),
    Store(StoreError),
}

/// Progress while writing: (rows written, rows to write).
pub type WriteProgress<'a> = &'a mut dyn FnMut(usize, usize);

/// The new organizations the planned rows use, in the order of their first row.
pub fn needed_orgs(plan: &Plan) -> Vec<usize> {
    let mut needed: Vec<usize> = plan.rows.iter().filter_map(|r| r.new_org).collect();
    needed.sort_unstable();
    needed.dedup();
    needed.sort_by_key(|&i| plan.new_orgs[i].first_row);
    needed
}

/// `checked_as_of`: the file's marker when the plan's rows were checked; when nothing
/// was written to the file since, the codes the check found free are not looked up again.
pub fn write_plan(
    store: &mut Store,
    mut plan: Plan,
    checked_as_of: Option<ChangeMarker>,
    column_of: &dyn Fn(&str) -> Option<String>,
    progress: WriteProgress,
) -> Result<Written, WriteFailure> {
    let needed = needed_orgs(&plan);
    let total = plan.rows.len();
    let mut failed_row = 0;
    let result = store.write(|tx, ctx| {
        let unchanged = match checked_as_of {
            Some(marker) => change_marker(tx)? == marker,
            None => false,
        };
        let mut created_orgs = Vec::with_capacity(needed.len());
        let mut org_codes = CodeBatch::start(tx, CodeTable::Organization)?;
        for &index in &needed {
            let new = &mut plan.new_orgs[index];
            failed_row = new.first_row;
            new.input.code = org_codes.next(tx)?;
            crate::store::organizations::insert_tx(tx, ctx, &new.input, &new.draft)?;
            created_orgs.push(CreatedOrg {
                name: new.draft.name.clone(),
                code: Some(new.input.code.clone()),
                first_row: new.first_row,
            });
        }
        let table = match plan.rows.first().map(|r| &r.record) {
            Some(PlannedRecord::Organization(..)) | None => CodeTable::Organization,
            Some(PlannedRecord::Achievement(..)) => CodeTable::Achievement,
            Some(PlannedRecord::Need(..)) => CodeTable::Need,
        };
        let mut codes = if table == CodeTable::Organization {
            org_codes
        } else {
            CodeBatch::start(tx, table)?
        };
        let mut imported = Vec::with_capacity(total);
        // Started with the first achievement row (a plan's rows are all of one kind).
        let mut achievements: Option<AchievementBatch> = None;
        for (done, row) in plan.rows.iter_mut().enumerate() {
            failed_row = row.number;
            let code = match &mut row.record {
                PlannedRecord::Organization(input, draft) => {
                    if input.code.trim().is_empty() {
                        input.code = codes.next(tx)?;
                    }
                    crate::store::organizations::insert_tx(tx, ctx, input, draft)?;
                    input.code.clone()
                }
                PlannedRecord::Achievement(input, draft) => {
                    let batch = match &mut achievements {
                        Some(batch) => batch,
                        None => achievements.insert(AchievementBatch::start(tx, unchanged)?),
                    };
                    if input.code.trim().is_empty() {
                        // Rows of the batch may not be written yet: skip their codes too.
                        input.code = loop {
                            let code = codes.next(tx)?;
                            if !batch.is_claimed(&code) {
                                break code;
                            }
                        };
                    }
                    batch.push(tx, ctx, input, draft)?;
                    input.code.clone()
                }
                PlannedRecord::Need(input, draft) => {
                    if input.code.trim().is_empty() {
                        input.code = codes.next(tx)?;
                    }
                    crate::store::needs::insert_tx(tx, ctx, input, draft)?;
                    input.code.clone()
                }
            };
            imported.push((row.number, crate::domain::text::clean_text(&code)));
            if (done + 1).is_multiple_of(500) || done + 1 == total {
                progress(done + 1, total);
            }
        }
        if let Some(batch) = achievements {
            batch.finish(tx, ctx)?;
        }
        Ok(Written {
            imported,
            created_orgs,
        })
    });
    result.map_err(|e| match e {
        StoreError::Invalid(errors) => WriteFailure::Row(
            errors
                .0
                .into_iter()
                .map(|error| RowProblem {
                    row: failed_row,
                    column: column_of(error.field),
                    error,
                })
                .collect(),
        ),
        other => WriteFailure::Store(other),
    })
}
