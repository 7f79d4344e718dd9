//! Organizations: universities, institutes and enterprises alike.
use crate::domain::credit_code::validate_credit_code;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::loose;
use crate::domain::parse::{flag, optional_line, optional_term, optional_text, required_line};
use crate::domain::phone::{normalize_phone, validate_email};
use crate::domain::vocab::{REGIONS, TECH_FIELDS, org_kind_code};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An organization as typed in a form or sent by a script; every field is text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub code: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub name: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub kind: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub credit_code: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub region: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub industry: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contact_name: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contact_phone: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contact_email: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contact_consent: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub note: String,
}

/// A checked organization, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationDraft {
    pub name: String,
    pub kind: String,
    pub credit_code: Option<String>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub contact_consent: bool,
    pub note: Option<String>,
}

/// A stored organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub code: String,
    #[serde(flatten)]
    pub data: OrganizationDraft,
    /// When the contact agreed to share their details with exhibitors.
    pub consent_at: Option<DateTime<Utc>>,
    /// `active` or `withdrawn`.
    pub status: String,
    pub status_reason: Option<String>,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrganizationInput {
    pub fn validate(&self) -> Result<OrganizationDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_line(&mut errors, "name", &self.name);
        let kind = if self.kind.trim().is_empty() {
            "enterprise".to_string()
        } else {
            match org_kind_code(self.kind.trim()) {
                Some(code) => code.to_string(),
                None => {
                    errors.push(
                        "kind",
                        Problem::NotInVocabulary {
                            value: self.kind.trim().to_string(),
                        },
                    );
                    String::new()
                }
            }
        };
        let credit_code = if self.credit_code.trim().is_empty() {
            None
        } else {
            match validate_credit_code(&self.credit_code) {
                Ok(code) => Some(code),
                Err(e) => {
                    errors.push("credit_code", Problem::CreditCode(e));
                    None
                }
            }
        };
        let region = optional_term(&mut errors, "region", &self.region, &REGIONS);
        let industry = optional_term(&mut errors, "industry", &self.industry, &TECH_FIELDS);
        let contact_name = optional_line(&mut errors, "contact_name", &self.contact_name);
        let contact_phone = if self.contact_phone.trim().is_empty() {
            None
        } else {
            match normalize_phone(&self.contact_phone) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push("contact_phone", Problem::Phone(e));
                    None
                }
            }
        };
        let contact_email = if self.contact_email.trim().is_empty() {
            None
        } else {
            match validate_email(&self.contact_email) {
                Ok(e) => Some(e),
                Err(e) => {
                    errors.push("contact_email", Problem::Email(e));
                    None
                }
            }
        };
        let contact_consent = flag(&mut errors, "contact_consent", &self.contact_consent);
        let note = optional_text(&mut errors, "note", &self.note);
        errors.into_result(OrganizationDraft {
            name,
            kind,
            credit_code,
            region,
            industry,
            contact_name,
            contact_phone,
            contact_email,
            contact_consent,
            note,
        })
    }
}

impl OrganizationDraft {
    /// The form's text for each field, so an edit starts from the stored values.
    pub fn to_input(&self) -> OrganizationInput {
        OrganizationInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            credit_code: self.credit_code.clone().unwrap_or_default(),
            region: self.region.clone().unwrap_or_default(),
            industry: self.industry.clone().unwrap_or_default(),
            contact_name: self.contact_name.clone().unwrap_or_default(),
            contact_phone: self.contact_phone.clone().unwrap_or_default(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            contact_consent: self.contact_consent.to_string(),
            note: self.note.clone().unwrap_or_default(),
            ..OrganizationInput::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn input(json: &str) -> OrganizationInput {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_complete_enterprise_validates_and_normalises() {
        let draft = input(
            r#"{"name":" 内蒙古显鸿科技股份有限公司 ","kind":"企业","credit_code":"91350100m000100y43",
                "region":"包头","contact_phone":"138 0000 1234","contact_consent":true}"#,
        )
        .validate()
        .unwrap();
        assert_eq!(draft.name, "内蒙古显鸿科技股份有限公司");
        assert_eq!(draft.kind, "enterprise");
        assert_eq!(draft.credit_code.as_deref(), Some("91350100M000100Y43"));
        assert_eq!(draft.region.as_deref(), Some("包头市"));
        assert_eq!(draft.contact_phone.as_deref(), Some("13800001234"));
        assert!(draft.contact_consent);
    }

    #[test]
    fn a_bad_credit_code_names_the_field() {
        let errors = input(r#"{"name":"某公司","credit_code":"91350100M000100Y4Z"}"#)
            .validate()
            .unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].field, "credit_code");
        assert!(errors.message(Lang::Zh).starts_with("统一社会信用代码："));
        assert!(errors.message(Lang::En).starts_with("credit code: "));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = input(r#"{"name":"","kind":"alien","region":"火星","contact_phone":"12345"}"#)
            .validate()
            .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["name", "kind", "region", "contact_phone"]);
    }

    #[test]
    fn unknown_json_fields_are_refused() {
        let err = serde_json::from_str::<OrganizationInput>(r#"{"nmae":"x"}"#).unwrap_err();
        assert!(err.to_string().contains("nmae"));
    }

    #[test]
    fn to_input_round_trips() {
        let draft = input(r#"{"name":"内蒙古大学","kind":"university","region":"呼和浩特市"}"#)
            .validate()
            .unwrap();
        assert_eq!(draft.to_input().validate().unwrap(), draft);
    }
}
