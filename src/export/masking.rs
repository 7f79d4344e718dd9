//! Personal data in exports: contact names, phones and e-mails are masked (`王*明`,
//! `138****1234`, `z***@example.com`) when asked, in public formats by default, and in a
//! one-exhibitor export for every other organization that did not consent to share.
use crate::domain::phone::{mask_email, mask_name, mask_phone};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masking {
    /// Mask everyone's contact details.
    pub all: bool,
    /// In a one-exhibitor export: that exhibitor's id (its own details stay visible).
    pub exhibitor: Option<String>,
}

impl Masking {
    /// Whether the contact details of organization `org_id` are hidden.
    pub fn hides(&self, org_id: &str, consented: bool) -> bool {
        self.all
            || self
                .exhibitor
                .as_deref()
                .is_some_and(|own| own != org_id && !consented)
    }

    /// Whether people named on records (an interest's contact person) are hidden.
    pub fn hides_people(&self) -> bool {
        self.all || self.exhibitor.is_some()
    }
}

/// Masks one stored personal value by what it is: `contact_phone`, `contact_email`, or a
/// person's name (`contact_name`, `contact_person`, `person`).
pub fn mask_value(field: &str, value: &str) -> String {
    match field {
        "contact_phone" => mask_phone(value),
        "contact_email" => mask_email(value),
        _ => mask_name(value),
    }
}

/// The stored columns and audit keys that hold personal data.
pub const PERSONAL_FIELDS: &[&str] = &[
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_person",
    "person",
];

/// Masks the personal values inside an audit row's `changes` (`{field: [old, new]}`).
pub fn mask_changes(changes: &mut serde_json::Value) {
    let Some(fields) = changes.as_object_mut() else {
        return;
    };
    for (field, value) in fields.iter_mut() {
        if !PERSONAL_FIELDS.contains(&field.as_str()) {
            continue;
        }
        let mask = |v: &mut serde_json::Value| {
            if let Some(s) = v.as_str() {
                *v = serde_json::Value::String(mask_value(field, s));
            }
        };
        match value {
            serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
            other => mask(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn who_is_hidden() {
        let all = Masking {
            all: true,
            exhibitor: None,
        };
        assert!(all.hides("o1", true));
        let exhibitor = Masking {
            all: false,
            exhibitor: Some("o1".into()),
        };
        assert!(!exhibitor.hides("o1", false), "its own details stay");
        assert!(!exhibitor.hides("o2", true), "consented details stay");
        assert!(exhibitor.hides("o3", false));
        assert!(!Masking::default().hides("o3", false));
    }

    #[test]
    fn values_and_audit_changes_are_masked() {
        assert_eq!(mask_value("contact_phone", "13812341234"), "138****1234");
        assert_eq!(
            mask_value("contact_email", "zhang@example.com"),
            "z***@example.com"
        );
        assert_eq!(mask_value("contact_name", "王小明"), "王*明");
        let mut changes = json!({"contact_phone": [null, "13812341234"], "name": [null, "甲"]});
        mask_changes(&mut changes);
        assert_eq!(changes["contact_phone"][1], "138****1234");
        assert_eq!(changes["name"][1], "甲");
    }
}
