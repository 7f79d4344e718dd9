//! Agreements (签约): signed contracts. Never deleted, only voided with a reason.
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::interest::resolve_org;
use crate::domain::lookup::Lookup;
use crate::domain::loose;
use crate::domain::money::Money;
use crate::domain::parse::{
    flag, list, optional_line, optional_term, optional_text, optional_time, required_money,
    required_term,
};
use crate::domain::vocab::{CONTRACT_TYPES, TRANSFER_MODES};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementInput {
    #[serde(default, deserialize_with = "loose::text")]
    pub id: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub code: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub buyer: String,
    /// Optional: derived from the achievements' holder when blank.
    #[serde(default, deserialize_with = "loose::text")]
    pub seller: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub achievements: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contract_type: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub transfer_mode: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub contract_amount: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub tech_amount: String,
    /// Blank means now.
    #[serde(default, deserialize_with = "loose::text")]
    pub signed_at: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub ceremony: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub multi_party: String,
    #[serde(default, deserialize_with = "loose::text")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDraft {
    pub buyer_id: String,
    pub seller_id: String,
    pub achievement_ids: Vec<String>,
    pub contract_type: String,
    pub transfer_mode: Option<String>,
    pub contract_amount: Money,
    pub tech_amount: Money,
    pub signed_at: Option<DateTime<Utc>>,
    pub ceremony: bool,
    pub multi_party: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: String,
    pub code: String,
    pub buyer_id: String,
    pub seller_id: String,
    pub achievement_ids: Vec<String>,
    pub contract_type: String,
    pub transfer_mode: Option<String>,
    pub contract_amount: Money,
    pub tech_amount: Money,
    pub signed_at: DateTime<Utc>,
    pub ceremony: bool,
    pub multi_party: bool,
    pub note: Option<String>,
    /// `signed` or `voided`.
    pub status: String,
    pub void_reason: Option<String>,
    pub desk: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl AgreementInput {
    pub fn validate(&self, lookup: &dyn Lookup, zone: Tz) -> Result<AgreementDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let buyer_id = resolve_org(&mut errors, lookup, "buyer", &self.buyer);
        let mut achievement_ids = Vec::new();
        let mut holders: Vec<String> = Vec::new();
        let references = list(&self.achievements);
        if references.is_empty() {
            errors.push("achievements", Problem::Required);
        }
        for reference in references {
            match lookup.achievement(&reference) {
                Ok(a) => {
                    if !achievement_ids.contains(&a.id) {
                        achievement_ids.push(a.id);
                    }
                    if !holders.contains(&a.holder_id) {
                        holders.push(a.holder_id);
                    }
                }
                Err(p) => errors.push("achievements", p),
            }
        }
        let multi_party = flag(&mut errors, "multi_party", &self.multi_party);
        if holders.len() > 1 && !multi_party {
            errors.push("achievements", Problem::MixedHolders);
        }
        let seller_id = if self.seller.trim().is_empty() {
            holders.first().cloned().unwrap_or_default()
        } else {
            resolve_org(&mut errors, lookup, "seller", &self.seller)
        };
        if !buyer_id.is_empty() && buyer_id == seller_id {
            errors.push(
                "buyer",
                Problem::Other {
                    zh: "受让方不能是成果持有单位本身".into(),
                    en: "the buyer cannot be the achievement's own holder".into(),
                },
            );
        }
        let contract_type = required_term(
            &mut errors,
            "contract_type",
            &self.contract_type,
            &CONTRACT_TYPES,
        );
        let transfer_mode = optional_term(
            &mut errors,
            "transfer_mode",
            &self.transfer_mode,
            &TRANSFER_MODES,
        );
        let contract_amount = required_money(&mut errors, "contract_amount", &self.contract_amount);
        let tech_amount = if self.tech_amount.trim().is_empty() {
            contract_amount
        } else {
            required_money(&mut errors, "tech_amount", &self.tech_amount)
        };
        if let (Some(c), Some(t)) = (contract_amount, tech_amount)
            && t > c
        {
            errors.push("tech_amount", Problem::TechAboveContract);
        }
        let signed_at = optional_time(&mut errors, "signed_at", &self.signed_at, zone);
        let ceremony = flag(&mut errors, "ceremony", &self.ceremony);
        let note = optional_text(&mut errors, "note", &self.note);
        let _ = optional_line(&mut errors, "code", &self.code);
        errors.into_result(AgreementDraft {
            buyer_id,
            seller_id,
            achievement_ids,
            contract_type,
            transfer_mode,
            contract_amount: contract_amount.unwrap_or_default(),
            tech_amount: tech_amount.unwrap_or_default(),
            signed_at,
            ceremony,
            multi_party,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lookup::fake::FakeLookup;

    fn base() -> AgreementInput {
        AgreementInput {
            buyer: "e1".into(),
            achievements: "A001".into(),
            contract_type: "技术转让".into(),
            contract_amount: "300万".into(),
            tech_amount: "120万".into(),
            ..Default::default()
        }
    }

    #[test]
    fn seller_is_the_holder_and_amounts_are_fen() {
        let draft = base()
            .validate(&FakeLookup::sample(), chrono_tz::UTC)
            .unwrap();
        assert_eq!(draft.seller_id, "u1");
        assert_eq!(draft.contract_amount, Money::from_fen(300_000_000));
        assert_eq!(draft.tech_amount, Money::from_fen(120_000_000));
    }

    #[test]
    fn tech_amount_above_contract_is_refused() {
        let input = AgreementInput {
            tech_amount: "1.2亿".into(),
            ..base()
        };
        let errors = input
            .validate(&FakeLookup::sample(), chrono_tz::UTC)
            .unwrap_err();
        assert_eq!(errors.0[0].field, "tech_amount");
        assert_eq!(errors.0[0].problem, Problem::TechAboveContract);
    }

    #[test]
    fn mixed_holders_need_multi_party() {
        let input = AgreementInput {
            achievements: "A001,A003".into(),
            ..base()
        };
        let errors = input
            .clone()
            .validate(&FakeLookup::sample(), chrono_tz::UTC)
            .unwrap_err();
        assert_eq!(errors.0[0].problem, Problem::MixedHolders);
        let ok = AgreementInput {
            multi_party: "true".into(),
            ..input
        };
        assert_eq!(
            ok.validate(&FakeLookup::sample(), chrono_tz::UTC)
                .unwrap()
                .achievement_ids
                .len(),
            2
        );
    }

    #[test]
    fn a_bad_amount_names_the_field() {
        let input = AgreementInput {
            contract_amount: "三百万".into(),
            ..base()
        };
        let errors = input
            .validate(&FakeLookup::sample(), chrono_tz::UTC)
            .unwrap_err();
        assert_eq!(errors.0[0].field, "contract_amount");
    }
}
