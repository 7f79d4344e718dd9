//! How validation resolves references (by id, code or name) without knowing the store.
use crate::domain::error::Problem;

/// An organization a reference resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRef {
    pub id: String,
    pub name: String,
    /// `university` / `institute` / `enterprise` / `other`.
    pub kind: String,
}

/// An achievement a reference resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementRef {
    pub id: String,
    pub code: String,
    pub title: String,
    pub holder_id: String,
}

/// Implemented by the store; tests implement it over a few in-memory rows.
pub trait Lookup {
    /// Resolves an organization by id, credit code, code or exact name.
    fn organization(&self, reference: &str) -> Result<OrgRef, Problem>;
    /// Resolves an achievement by id, code or exact title.
    fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem>;
}

#[cfg(test)]
pub mod fake {
    //! A lookup over a handful of rows, for validation tests.
    use super::*;

    #[derive(Default)]
    pub struct FakeLookup {
        pub orgs: Vec<OrgRef>,
        pub achievements: Vec<AchievementRef>,
    }

    impl FakeLookup {
        pub fn sample() -> FakeLookup {
            let org = |id: &str, name: &str, kind: &str| OrgRef {
                id: id.into(),
                name: name.into(),
                kind: kind.into(),
            };
            let ach = |id: &str, code: &str, holder: &str| AchievementRef {
                id: id.into(),
                code: code.into(),
                title: format!("成果{code}"),
                holder_id: holder.into(),
            };
            FakeLookup {
                orgs: vec![
                    org("u1", "内蒙古大学", "university"),
                    org("i1", "中科院包头稀土研发中心", "institute"),
                    org("e1", "包头市华美稀土高科有限公司", "enterprise"),
                ],
                achievements: vec![
                    ach("a1", "A001", "u1"),
                    ach("a2", "A002", "u1"),
                    ach("a3", "A003", "i1"),
                ],
            }
        }
    }

    impl Lookup for FakeLookup {
        fn organization(&self, reference: &str) -> Result<OrgRef, Problem> {
            self.orgs
                .iter()
                .find(|o| o.id == reference || o.name == reference)
                .cloned()
                .ok_or(Problem::NotFound {
                    reference: reference.into(),
                })
        }
        fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem> {
            self.achievements
                .iter()
                .find(|a| a.id == reference || a.code == reference)
                .cloned()
                .ok_or(Problem::NotFound {
                    reference: reference.into(),
                })
        }
    }
}
