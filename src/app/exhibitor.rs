//! An exhibitor's session: the only way the exhibitor view reaches the store. It can
//! check an access code and, once granted, read that one organization's data; it has no
//! way to change anything or to read another organization's records.
use crate::domain::lookup::Lookup;
use crate::store::access::AccessCheck;
use crate::store::exhibitor::ExhibitorData;
use crate::store::{Store, StoreError, StoreResult};

pub struct ExhibitorSession {
    store: Store,
    organization_id: String,
    organization_name: String,
    granted: bool,
}

/// Why a session could not start.
#[derive(Debug)]
pub enum SessionError {
    /// No organization matches (the reference as given).
    Unknown(String),
    /// The organization has no access code yet.
    NoCode(String),
    Store(StoreError),
}

impl ExhibitorSession {
    /// Starts a session for the organization named by `reference` (name, code or credit
    /// code); the exhibitor still has to enter the code.
    pub fn start(store: Store, reference: &str) -> Result<ExhibitorSession, SessionError> {
        let org = Lookup::organization(&store, reference)
            .map_err(|_| SessionError::Unknown(reference.to_string()))?;
        let has_code: bool = store
            .conn()
            .query_row(
                "SELECT count(*) > 0 FROM access_code WHERE organization_id = ?1",
                [&org.id],
                |r| r.get(0),
            )
            .map_err(|e| SessionError::Store(e.into()))?;
        if !has_code {
            return Err(SessionError::NoCode(org.name));
        }
        Ok(ExhibitorSession {
            store,
            organization_id: org.id,
            organization_name: org.name,
            granted: false,
        })
    }

    pub fn organization_name(&self) -> &str {
        &self.organization_name
    }

    pub fn fair_name(&self) -> String {
        self.store
            .fair()
            .ok()
            .flatten()
            .map(|f| f.name)
            .unwrap_or_default()
    }

    pub fn zone(&self) -> chrono_tz::Tz {
        self.store
            .fair()
            .ok()
            .flatten()
            .map(|f| f.zone())
            .unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// Checks the code typed by the exhibitor (audited in the store).
    pub fn login(&mut self, code: &str) -> StoreResult<AccessCheck> {
        let check = self.store.check_access_code(&self.organization_id, code)?;
        self.granted = check == AccessCheck::Granted;
        Ok(check)
    }

    /// The organization's own data; refused before a right code was entered.
    pub fn data(&self) -> StoreResult<Option<ExhibitorData>> {
        if !self.granted {
            return Ok(None);
        }
        self.store.exhibitor_data(&self.organization_id).map(Some)
    }

    /// Changes whenever another desk commits.
    pub fn data_version(&self) -> i64 {
        self.store.data_version().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::interests::tests::seeded;

    #[test]
    fn nothing_is_read_before_the_right_code() {
        let mut store = seeded();
        let org = store.organizations(false).unwrap()[0].clone();
        assert!(matches!(
            ExhibitorSession::start(seeded(), &org.data.name),
            Err(SessionError::NoCode(_))
        ));
        let code = store.issue_access_code(&org.id).unwrap();
        let mut session = ExhibitorSession::start(store, &org.code).unwrap();
        assert!(session.data().unwrap().is_none());
        assert!(matches!(
            session.login("WRONG").unwrap(),
            AccessCheck::Wrong { .. }
        ));
        assert!(session.data().unwrap().is_none());
        assert_eq!(session.login(&code).unwrap(), AccessCheck::Granted);
        let data = session.data().unwrap().unwrap();
        assert_eq!(data.organization.id, org.id);
    }
}
