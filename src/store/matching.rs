//! Reads for matchmaking: a need or an achievement by what people type (id or code), and
//! which enterprise × achievement pairs are already linked by an interest or an agreement.
use crate::domain::achievement::Achievement;
use crate::domain::need::Need;
use crate::store::{Store, StoreError, StoreResult};
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;

/// An enterprise × achievement pair that already has an interest or a signed agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairLink {
    pub enterprise_id: String,
    pub achievement_id: String,
    /// The interest's level (咨询 / 有意向 / 深度洽谈), when one was logged.
    pub interest_level: Option<String>,
    /// Codes of the signed (not voided) agreements covering the pair.
    pub agreements: Vec<String>,
}

impl Store {
    /// A need by id or code (`N005`, `n005`).
    pub fn need_by_reference(&self, reference: &str) -> StoreResult<Need> {
        let reference = reference.trim();
        let id: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM need WHERE id = ?1 OR upper(code) = upper(?1)
                 ORDER BY (id = ?1) DESC LIMIT 1",
                [reference],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.need(&id),
            None => Err(StoreError::NotFound {
                what: "need",
                reference: reference.to_string(),
            }),
        }
    }

    /// An achievement by id, code (`A001`, `a001`) or exact title.
    pub fn achievement_by_reference(&self, reference: &str) -> StoreResult<Achievement> {
        let reference = reference.trim();
        let ids: Vec<String> = self
            .conn()
            .prepare(
                "SELECT id FROM achievement WHERE id = ?1 OR upper(code) = upper(?1) OR title = ?1
                 ORDER BY (id = ?1) DESC, (upper(code) = upper(?1)) DESC LIMIT 2",
            )?
            .query_map([reference], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match ids.first() {
            Some(id) => self.achievement(id),
            None => Err(StoreError::NotFound {
                what: "achievement",
                reference: reference.to_string(),
            }),
        }
    }

    /// Every linked enterprise × achievement pair, ordered by the two ids.
    pub fn pair_links(&self) -> StoreResult<Vec<PairLink>> {
        let mut pairs: BTreeMap<(String, String), PairLink> = BTreeMap::new();
        let mut interests = self
            .conn()
            .prepare("SELECT enterprise_id, achievement_id, level FROM interest")?;
        let rows = interests.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (enterprise, achievement, level) = row?;
            link(&mut pairs, enterprise, achievement).interest_level = Some(level);
        }
        let mut agreements = self.conn().prepare(
            "SELECT a.buyer_id, aa.achievement_id, a.code
             FROM agreement a JOIN agreement_achievement aa ON aa.agreement_id = a.id
             WHERE a.status = 'signed' ORDER BY a.code",
        )?;
        let rows = agreements.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (enterprise, achievement, code) = row?;
            link(&mut pairs, enterprise, achievement)
                .agreements
                .push(code);
        }
        Ok(pairs.into_values().collect())
    }
}

fn link(
    pairs: &mut BTreeMap<(String, String), PairLink>,
    enterprise_id: String,
    achievement_id: String,
) -> &mut PairLink {
    pairs
        .entry((enterprise_id.clone(), achievement_id.clone()))
        .or_insert_with(|| PairLink {
            enterprise_id,
            achievement_id,
            interest_level: None,
            agreements: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementInput;
    use crate::domain::interest::InterestInput;
    use crate::domain::need::NeedInput;
    use crate::store::StoreError;
    use crate::store::interests::tests::seeded;

    #[test]
    fn needs_and_achievements_are_found_by_code_in_any_case() {
        let mut s = seeded();
        let need = s
            .create_need(&NeedInput {
                organization: "包头市华美稀土高科有限公司".into(),
                title: "稀土永磁电机能效提升".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(s.need_by_reference("n001").unwrap().id, need.id);
        assert_eq!(s.need_by_reference(&need.id).unwrap().code, "N001");
        assert!(matches!(
            s.need_by_reference("N404"),
            Err(StoreError::NotFound { what: "need", .. })
        ));
        assert_eq!(s.achievement_by_reference("a001").unwrap().code, "A001");
        assert_eq!(
            s.achievement_by_reference("稀土永磁材料").unwrap().code,
            "A001"
        );
        assert!(s.achievement_by_reference("A404").is_err());
    }

    #[test]
    fn interests_and_signed_agreements_link_pairs_voided_ones_do_not() {
        let mut s = seeded();
        assert!(s.pair_links().unwrap().is_empty());
        s.log_interest(&InterestInput {
            enterprise: "包头市华美稀土高科有限公司".into(),
            achievement: "A001".into(),
            level: "有意向".into(),
            ..Default::default()
        })
        .unwrap();
        let agreement = s
            .create_agreement(&AgreementInput {
                buyer: "包头市华美稀土高科有限公司".into(),
                achievements: "A001".into(),
                contract_type: "技术转让".into(),
                contract_amount: "100万".into(),
                tech_amount: "80万".into(),
                ..Default::default()
            })
            .unwrap();
        let links = s.pair_links().unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].interest_level.as_deref(), Some("有意向"));
        assert_eq!(links[0].agreements, vec![agreement.code.clone()]);
        s.void_agreement(&agreement.id, "录入错误").unwrap();
        assert!(s.pair_links().unwrap()[0].agreements.is_empty());
    }
}
