//! Needs (技术需求): an enterprise's technology need.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::lookup::Lookup;
use crate::domain::loose;
use crate::domain::money::Money;
use crate::domain::parse::{
    list, optional_date, optional_money, optional_term, optional_text, required_line, vocab_list,
};
use crate::domain::vocab::{TECH_FIELDS, TRANSFER_MODES};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub code: String,
    /// The enterprise with the need: id, credit code, code or exact name.
    #[serde(default, deserialize_with = "loose::text")]
    pub organization: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub title: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub field: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub description: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub keywords: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub budget: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub cooperation_modes: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub deadline: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDraft {
    pub organization_id: String,
    pub title: String,
    pub field: Option<String>,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub budget: Option<Money>,
    pub cooperation_modes: Vec<String>,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: String,
    pub code: String,
    #[serde(flatten)]
    pub data: NeedDraft,
    pub status: String,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl NeedInput {
    pub fn validate(&self, lookup: &dyn Lookup) -> Result<NeedDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let organization_id = if self.organization.trim().is_empty() {
            errors.push("organization", Problem::Required);
            String::new()
        } else {
            match lookup.organization(self.organization.trim()) {
                Ok(org) => org.id,
                Err(p) => {
                    errors.push("organization", p);
                    String::new()
                }
            }
        };
        let title = required_line(&mut errors, "title", &self.title);
        let field = optional_term(&mut errors, "field", &self.field, &TECH_FIELDS);
        let description = optional_text(&mut errors, "description", &self.description);
        let keywords = list(&self.keywords);
        let budget = optional_money(&mut errors, "budget", &self.budget);
        let cooperation_modes = vocab_list(
            &mut errors,
            "cooperation_modes",
            &self.cooperation_modes,
            &TRANSFER_MODES,
        );
        let deadline = optional_date(&mut errors, "deadline", &self.deadline);
        errors.into_result(NeedDraft {
            organization_id,
            title,
            field,
            description,
            keywords,
            budget,
            cooperation_modes,
            deadline,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lookup::fake::FakeLookup;

    #[test]
    fn a_need_validates_and_reports_bad_budget() {
        let ok: NeedInput = serde_json::from_str(
            r#"{"organization":"e1","title":"稀土永磁电机能效提升","field":"稀土","budget":"200万",
                "cooperation_modes":"合作开发","deadline":"2020-06-30"}"#,
        )
        .unwrap();
        let draft = ok.validate(&FakeLookup::sample()).unwrap();
        assert_eq!(draft.budget, Some(Money::from_fen(200_000_000)));
        let bad = NeedInput {
            budget: "-3万".into(),
            ..ok
        };
        let errors = bad.validate(&FakeLookup::sample()).unwrap_err();
        assert_eq!(errors.0[0].field, "budget");
    }
}
