//! `fairdesk check --repair`: the counters the triggers keep (interest, achievement and
//! agreement tallies) emptied and counted again from the records, in one transaction.
//! They are derived data: nothing a user entered is touched.
use crate::store::{Store, StoreResult};

const REBUILD: &str = include_str!("../sql/rebuild_counters.sql");

impl Store {
    /// Recounts every trigger-kept counter from the rows themselves.
    pub fn repair_counters(&mut self) -> StoreResult<()> {
        self.write(|tx, _| {
            tx.execute_batch(REBUILD)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementInput;
    use crate::store::check::recount::compare;
    use crate::store::interests::tests::seeded;

    /// Counters damaged behind the triggers' back are found by the check and put right
    /// by the repair.
    #[test]
    fn damaged_counters_are_found_and_recounted() {
        let mut s = seeded();
        s.create_agreement(&AgreementInput {
            buyer: "包头市华美稀土高科有限公司".into(),
            achievements: "A001".into(),
            contract_type: "技术许可".into(),
            contract_amount: "500万".into(),
            tech_amount: "300万".into(),
            ..Default::default()
        })
        .unwrap();
        let before = s.tallies().unwrap();
        assert!(compare(&s).unwrap().is_empty());
        s.conn()
            .execute_batch(
                "UPDATE achievement_tally SET n = n + 3 WHERE dimension = 'field';
                 UPDATE holder_count SET n = 0;
                 UPDATE agreement_tally SET contract_fen = 1 WHERE dimension = 'region';
                 DELETE FROM agreement_tally WHERE dimension = 'field';
                 UPDATE agreement_tally SET n = n + 2 WHERE dimension = 'hour';
                 UPDATE interest_tally SET n = n + 1;",
            )
            .unwrap();
        let findings = compare(&s).unwrap();
        for expected in [
            "achievements by field",
            "holders",
            "agreements by region",
            "agreements by field",
            "agreements by hour",
        ] {
            assert!(
                findings.iter().any(|f| f.en.contains(expected)),
                "{expected} not found in {findings:?}"
            );
        }
        s.repair_counters().unwrap();
        assert!(compare(&s).unwrap().is_empty());
        assert_eq!(s.tallies().unwrap(), before);
    }
}
