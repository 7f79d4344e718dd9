//! `fairdesk add KIND --each`: one record a line, each saved in its own transaction as
//! it arrives, the way a desk or a scanner feeds records one at a time. A record is
//! acknowledged (its id printed) only after its transaction has committed, so a record
//! whose id was printed survives any crash; a retried line with the same `id` is one
//! record.
use crate::app::add::{AddError, Added, Kind, add_json};
use crate::store::Store;
use std::io::BufRead;

/// What happened to the records of a stream.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EachTally {
    pub saved: usize,
    pub failed: usize,
    /// Whether some failure was in running rather than in the input.
    pub runtime_failure: bool,
}

/// Reads `input` line by line; every non-blank line is one record, written in its own
/// transaction. `outcome` hears each record (1-based line number) right after its
/// commit, or its error; a bad line does not stop the others.
pub fn add_each(
    store: &mut Store,
    kind: Kind,
    input: impl BufRead,
    mut outcome: impl FnMut(usize, Result<Vec<Added>, AddError>),
) -> std::io::Result<EachTally> {
    let mut tally = EachTally::default();
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let result = add_json(store, kind, &line).map_err(|e| renumber(e, index + 1));
        match &result {
            Ok(_) => tally.saved += 1,
            Err(e) => {
                tally.failed += 1;
                tally.runtime_failure |= !e.is_bad_input();
            }
        }
        outcome(index + 1, result);
    }
    Ok(tally)
}

/// An error of a one-record add names record 1; in a stream it is the line's number.
fn renumber(error: AddError, line: usize) -> AddError {
    match error {
        AddError::Json { message, .. } => AddError::Json {
            record: line,
            message,
        },
        AddError::Invalid { errors, .. } => AddError::Invalid {
            record: line,
            errors,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    #[test]
    fn each_line_is_saved_alone_and_a_bad_line_names_itself() {
        let mut s = store();
        let input = "{\"name\":\"甲公司\"}\n\n{\"name\":\"\"}\n{\"name\":\"乙公司\"}\n";
        let mut heard = Vec::new();
        let tally = add_each(&mut s, Kind::Organization, input.as_bytes(), |line, r| {
            heard.push((
                line,
                r.map(|a| a.len())
                    .map_err(|e| e.message(crate::domain::lang::Lang::Zh)),
            ));
        })
        .unwrap();
        assert_eq!(tally.saved, 2);
        assert_eq!(tally.failed, 1);
        assert_eq!(heard[0], (1, Ok(1)));
        assert_eq!(heard[1].0, 3);
        assert!(heard[1].1.as_ref().unwrap_err().starts_with("第3条记录"));
        assert_eq!(s.organizations(true).unwrap().len(), 2);
    }

    #[test]
    fn a_retried_line_with_its_id_is_one_record() {
        let mut s = store();
        let line = "{\"id\":\"0190a1b2-0000-7000-8000-0000000000aa\",\"name\":\"甲公司\"}\n";
        let twice = format!("{line}{line}");
        let tally = add_each(&mut s, Kind::Organization, twice.as_bytes(), |_, _| {}).unwrap();
        assert_eq!(tally.saved, 2);
        assert_eq!(s.organizations(true).unwrap().len(), 1);
    }
}
