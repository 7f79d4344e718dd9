//! What exports write to the file: an audit row whenever a public report is made with
//! full contact details, so the release of personal data is on record.
use crate::store::audit::record_tx;
use crate::store::{Store, StoreResult};
use serde_json::json;

impl Store {
    pub fn record_full_contacts_export(
        &mut self,
        format: &str,
        out: &str,
        organization_id: Option<&str>,
    ) -> StoreResult<()> {
        let fair = self.require_fair()?;
        self.write(|tx, ctx| {
            record_tx(
                tx,
                ctx,
                "fair",
                &fair.uid,
                "export_full_contacts",
                &json!({"format": format, "out": out, "organization_id": organization_id}),
            )
        })
    }
}
