//! Reading interests a screen at a time: a large fair has hundreds of thousands, and the
//! desk shows about forty. The list keeps the order (rowids, newest first) and asks for
//! the rows it shows; details ask for one achievement's or one enterprise's interests.
use crate::domain::interest::Interest;
use crate::store::interests::{COLUMNS, from_row};
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

impl Store {
    /// Every interest's rowid, newest first (the order of the interests list).
    pub fn interest_order(&self) -> StoreResult<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT rowid FROM interest ORDER BY logged_at DESC, rowid DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The interests with these rowids (those that still exist), by rowid.
    pub fn interests_by_rowid(&self, rowids: &[i64]) -> StoreResult<HashMap<i64, Interest>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM interest WHERE rowid = ?1"))?;
        let mut found = HashMap::with_capacity(rowids.len());
        for &rowid in rowids {
            let mut rows = stmt.query([rowid])?;
            if let Some(row) = rows.next()? {
                found.insert(rowid, from_row(row)?);
            }
        }
        Ok(found)
    }

    /// One achievement's interests, newest first.
    pub fn interests_in_achievement(&self, achievement_id: &str) -> StoreResult<Vec<Interest>> {
        self.interests_where("achievement_id", achievement_id)
    }

    /// One enterprise's interests, newest first.
    pub fn interests_of_enterprise(&self, enterprise_id: &str) -> StoreResult<Vec<Interest>> {
        self.interests_where("enterprise_id", enterprise_id)
    }

    fn interests_where(&self, column: &str, id: &str) -> StoreResult<Vec<Interest>> {
        // `column` is one of two fixed names, never user text.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM interest WHERE {column} = ?1
             ORDER BY logged_at DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What the interests list's search matches, for every interest, newest first:
    /// `each(rowid, enterprise id, achievement id, level, desk)`, one row at a time (a
    /// large fair has 500,000; the caller keeps them compact).
    pub fn each_interest_key(
        &self,
        each: &mut dyn FnMut(i64, &str, &str, &str, &str),
    ) -> StoreResult<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rowid, enterprise_id, achievement_id, level, desk FROM interest
             ORDER BY logged_at DESC, rowid DESC",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            each(r.get(0)?, text(1)?, text(2)?, text(3)?, text(4)?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::interest::InterestInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::interests::tests::seeded;

    #[test]
    fn pages_follow_the_list_order_and_details_see_their_own() {
        let mut s = seeded();
        s.create_organization(&OrganizationInput {
            name: "包头钢铁（集团）有限责任公司".into(),
            kind: "enterprise".into(),
            region: "包头市".into(),
            ..Default::default()
        })
        .unwrap();
        for enterprise in ["包头市华美稀土高科有限公司", "包头钢铁（集团）有限责任公司"]
        {
            s.log_interest(&InterestInput {
                enterprise: enterprise.into(),
                achievement: "A001".into(),
                level: "咨询".into(),
                ..Default::default()
            })
            .unwrap();
        }
        let all = s.interests().unwrap();
        let order = s.interest_order().unwrap();
        assert_eq!(order.len(), 2);
        let page = s.interests_by_rowid(&order).unwrap();
        let paged: Vec<&str> = order.iter().map(|r| page[r].id.as_str()).collect();
        let listed: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(paged, listed, "the order is the list's: newest first");
        assert!(s.interests_by_rowid(&[9_999]).unwrap().is_empty());

        let achievement = &all[0].achievement_id;
        assert_eq!(s.interests_in_achievement(achievement).unwrap().len(), 2);
        let one = s.interests_of_enterprise(&all[0].enterprise_id).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, all[0].id);

        let mut keys = Vec::new();
        s.each_interest_key(&mut |rowid, _, achievement_id, level, _| {
            keys.push((rowid, achievement_id.to_string(), level.to_string()))
        })
        .unwrap();
        assert_eq!(keys.iter().map(|k| k.0).collect::<Vec<_>>(), order);
        assert_eq!(
            (keys[0].1.as_str(), keys[0].2.as_str()),
            (achievement.as_str(), "咨询")
        );
    }
}
