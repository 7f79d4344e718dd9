//! What one exhibitor (an organization holding achievements) may see: its own
//! achievements, the interest in them, its meetings. Every query here is scoped to the
//! organization in SQL, and contact details come back only where the enterprise agreed
//! to share them.
use crate::domain::achievement::Achievement;
use crate::domain::organization::Organization;
use crate::store::{Store, StoreResult, parse_time};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// An enterprise's contact, present only with its consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedContact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExhibitorInterest {
    pub achievement_code: String,
    pub achievement_title: String,
    pub enterprise: String,
    pub level: String,
    pub note: Option<String>,
    pub logged_at: DateTime<Utc>,
    pub contact: Option<SharedContact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExhibitorMeeting {
    pub achievement_code: String,
    pub achievement_title: String,
    pub enterprise: String,
    pub table_no: u32,
    pub slot_start: DateTime<Utc>,
    pub slot_minutes: u32,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExhibitorData {
    pub organization: Organization,
    pub achievements: Vec<Achievement>,
    pub interests: Vec<ExhibitorInterest>,
    pub meetings: Vec<ExhibitorMeeting>,
}

impl Store {
    /// The exhibitor's view of the fair; nothing of any other organization's results.
    pub fn exhibitor_data(&self, organization_id: &str) -> StoreResult<ExhibitorData> {
        let organization = self.organization(organization_id)?;
        let achievements = self
            .achievements(false)?
            .into_iter()
            .filter(|a| a.data.holder_id == organization_id)
            .collect();
        let mut stmt = self.conn().prepare(
            "SELECT a.code, a.title, e.name, i.level, i.note, i.logged_at, e.contact_consent,
                    e.contact_name, e.contact_phone, e.contact_email
             FROM interest i
             JOIN achievement a ON a.id = i.achievement_id
             JOIN organization e ON e.id = i.enterprise_id
             WHERE a.holder_id = ?1 AND a.status = 'active'
             ORDER BY a.code, i.logged_at",
        )?;
        let interests = stmt
            .query_map([organization_id], |r| {
                let consent: bool = r.get(6)?;
                Ok(ExhibitorInterest {
                    achievement_code: r.get(0)?,
                    achievement_title: r.get(1)?,
                    enterprise: r.get(2)?,
                    level: r.get(3)?,
                    note: r.get(4)?,
                    logged_at: parse_time(&r.get::<_, String>(5)?),
                    contact: if consent {
                        Some(SharedContact {
                            name: r.get(7)?,
                            phone: r.get(8)?,
                            email: r.get(9)?,
                        })
                    } else {
                        None
                    },
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = self.conn().prepare(
            "SELECT a.code, a.title, e.name, m.table_no, m.slot_start, m.slot_minutes, m.status
             FROM meeting m
             JOIN achievement a ON a.id = m.achievement_id
             JOIN organization e ON e.id = m.enterprise_id
             WHERE m.holder_id = ?1
             ORDER BY m.slot_start, m.table_no",
        )?;
        let meetings = stmt
            .query_map([organization_id], |r| {
                Ok(ExhibitorMeeting {
                    achievement_code: r.get(0)?,
                    achievement_title: r.get(1)?,
                    enterprise: r.get(2)?,
                    table_no: r.get(3)?,
                    slot_start: parse_time(&r.get::<_, String>(4)?),
                    slot_minutes: r.get(5)?,
                    status: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ExhibitorData {
            organization,
            achievements,
            interests,
            meetings,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::achievement::AchievementInput;
    use crate::domain::interest::InterestInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::test_support::store;

    #[test]
    fn an_exhibitor_sees_only_its_own_results_and_consented_contacts() {
        let mut s = store();
        let org = |name: &str, kind: &str, consent: bool| OrganizationInput {
            name: name.into(),
            kind: kind.into(),
            contact_name: "王小明".into(),
            contact_phone: "13800001234".into(),
            contact_consent: consent.to_string(),
            ..Default::default()
        };
        let mine = s
            .create_organization(&org("内蒙古大学", "university", false))
            .unwrap();
        let other = s
            .create_organization(&org("内蒙古科技大学", "university", false))
            .unwrap();
        s.create_organization(&org("同意公开企业", "enterprise", true))
            .unwrap();
        s.create_organization(&org("不同意公开企业", "enterprise", false))
            .unwrap();
        for (title, holder) in [("我的成果", "内蒙古大学"), ("别人的成果", "内蒙古科技大学")]
        {
            s.create_achievement(&AchievementInput {
                title: title.into(),
                holder: holder.into(),
                field: "稀土".into(),
                ..Default::default()
            })
            .unwrap();
        }
        for (enterprise, achievement) in [
            ("同意公开企业", "A001"),
            ("不同意公开企业", "A001"),
            ("同意公开企业", "A002"),
        ] {
            s.log_interest(&InterestInput {
                enterprise: enterprise.into(),
                achievement: achievement.into(),
                ..Default::default()
            })
            .unwrap();
        }
        let data = s.exhibitor_data(&mine.id).unwrap();
        assert_eq!(data.achievements.len(), 1);
        assert_eq!(data.achievements[0].data.title, "我的成果");
        assert_eq!(data.interests.len(), 2);
        assert!(
            data.interests
                .iter()
                .all(|i| i.achievement_title == "我的成果")
        );
        let consented = data
            .interests
            .iter()
            .find(|i| i.enterprise == "同意公开企业")
            .unwrap();
        assert_eq!(
            consented.contact.as_ref().unwrap().phone.as_deref(),
            Some("13800001234")
        );
        let refused = data
            .interests
            .iter()
            .find(|i| i.enterprise == "不同意公开企业")
            .unwrap();
        assert!(refused.contact.is_none());
        // Another organization's view holds none of these.
        let theirs = s.exhibitor_data(&other.id).unwrap();
        assert!(
            theirs
                .interests
                .iter()
                .all(|i| i.achievement_title == "别人的成果")
        );
        let text = serde_json::to_string(&theirs).unwrap();
        assert!(!text.contains("我的成果"));
    }
}
