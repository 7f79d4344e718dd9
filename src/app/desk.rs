//! What the TUI asks of the store, as commands and their outcomes: the one bridge from
//! the screens to the data. Each command is one use case and one transaction.
use crate::domain::achievement::AchievementInput;
use crate::domain::agreement::AgreementInput;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::interest::InterestInput;
use crate::domain::meeting::MeetingInput;
use crate::domain::need::NeedInput;
use crate::domain::organization::{Organization, OrganizationInput};
use crate::domain::similar::probably_same;
use crate::store::audit::AuditEntry;
use crate::store::checkins::CheckinOutcome;
use crate::store::interests::InterestOutcome;
use crate::store::{Store, StoreError};

/// Which kind of record a command is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Achievement,
    Organization,
    Interest,
    Meeting,
    Agreement,
    Need,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Create (`id: None`) or update an achievement.
    SaveAchievement {
        id: Option<String>,
        input: AchievementInput,
    },
    /// Create or update an organization. `allow_similar` skips the similar-name check
    /// (the user saw the candidates and chose to register anyway).
    SaveOrganization {
        id: Option<String>,
        input: OrganizationInput,
        allow_similar: bool,
    },
    Withdraw {
        kind: RecordKind,
        id: String,
        reason: String,
    },
    CheckIn {
        organization_id: String,
        person: String,
        badge: String,
    },
    /// Log an interest; the same pair again raises its level.
    LogInterest {
        input: InterestInput,
    },
    BookMeeting {
        input: MeetingInput,
    },
    SetMeetingStatus {
        id: String,
        status: String,
    },
    /// A held meeting becomes an interest record (深度洽谈) of its pair.
    InterestFromMeeting {
        meeting_id: String,
    },
    /// A new exhibitor access code for an organization; the old one stops working.
    IssueAccessCode {
        organization_id: String,
    },
    SaveAgreement {
        input: AgreementInput,
    },
    VoidAgreement {
        id: String,
        reason: String,
    },
    /// Correct an agreement's two amounts (as typed), audited.
    CorrectAmounts {
        id: String,
        contract_amount: String,
        tech_amount: String,
    },
    /// Read a record's history (for its details).
    History {
        entity: &'static str,
        id: String,
    },
    /// Create or update an enterprise's technology need.
    SaveNeed {
        id: Option<String>,
        input: NeedInput,
    },
    /// Suggestions with reasons: achievements for a need, or enterprises for an
    /// achievement.
    Recommend {
        query: crate::app::recommend::Query,
    },
}

impl Command {
    /// Whether carrying it out may change the file (reads need no reload after).
    pub fn changes_data(&self) -> bool {
        !matches!(self, Command::History { .. } | Command::Recommend { .. })
    }
}

#[derive(Debug)]
pub enum Outcome {
    Saved {
        kind: RecordKind,
        id: String,
        code: String,
    },
    /// The form's values were refused; the form stays open with these errors.
    Invalid(FieldErrors),
    /// A new organization's name looks like these existing ones (id, code, name).
    SimilarNames(Vec<(String, String, String)>),
    /// The credit code is already registered, to this organization (id, code, name).
    DuplicateCreditCode {
        id: String,
        code: String,
        name: String,
    },
    Withdrawn {
        kind: RecordKind,
    },
    CheckedIn(CheckinOutcome),
    InterestLogged {
        outcome: InterestOutcome,
        /// "A001 title — enterprise", for the status line.
        label: String,
        level: String,
    },
    Booked {
        table_no: u32,
        slot_start: chrono::DateTime<chrono::Utc>,
    },
    MeetingStatus {
        status: String,
    },
    /// The code, shown once.
    AccessCode {
        code: String,
    },
    Voided {
        code: String,
    },
    Corrected {
        code: String,
    },
    History(Vec<AuditEntry>),
    Suggestions(crate::app::recommend::Recommendations),
    /// Something failed that the user cannot fix in the form; the message is localized.
    Failed(StoreError),
}

/// How many suggestions a screen asks for.
const SUGGESTIONS: usize = 20;

/// Runs one command against the store.
pub fn execute(store: &mut Store, command: Command) -> Outcome {
    match command {
        Command::SaveAchievement { id, input } => {
            let result = match id {
                Some(id) => store.update_achievement(&id, &input),
                None => store.create_achievement(&input),
            };
            match result {
                Ok(a) => Outcome::Saved {
                    kind: RecordKind::Achievement,
                    id: a.id,
                    code: a.code,
                },
                Err(e) => failure(e),
            }
        }
        Command::SaveOrganization {
            id,
            input,
            allow_similar,
        } => save_organization(store, id, input, allow_similar),
        Command::Withdraw { kind, id, reason } => {
            let result = match kind {
                RecordKind::Achievement => store.withdraw_achievement(&id, &reason),
                RecordKind::Organization => store.withdraw_organization(&id, &reason),
                RecordKind::Interest
                | RecordKind::Meeting
                | RecordKind::Agreement
                | RecordKind::Need => {
                    return Outcome::Invalid(field_error(
                        "status",
                        Problem::Other {
                            zh: "意向与洽谈不能撤回；洽谈可取消".into(),
                            en: "interest and meetings are not withdrawn; a meeting can be cancelled".into(),
                        },
                    ));
                }
            };
            match result {
                Ok(()) => Outcome::Withdrawn { kind },
                Err(e) => failure(e),
            }
        }
        Command::CheckIn {
            organization_id,
            person,
            badge,
        } => match store.check_in(&organization_id, &person, &badge) {
            Ok(outcome) => Outcome::CheckedIn(outcome),
            Err(e) => failure(e),
        },
        Command::LogInterest { input } => log_interest(store, &input),
        Command::BookMeeting { input } => match store.book_meeting(&input) {
            Ok(m) => Outcome::Booked {
                table_no: m.data.table_no,
                slot_start: m.data.slot_start,
            },
            Err(e) => failure(e),
        },
        Command::SetMeetingStatus { id, status } => match store.set_meeting_status(&id, &status) {
            Ok(m) => Outcome::MeetingStatus {
                status: m.data.status,
            },
            Err(e) => failure(e),
        },
        Command::InterestFromMeeting { meeting_id } => match store.meeting(&meeting_id) {
            Ok(m) => {
                let note = format!("1:1 洽谈，{} 号桌", m.data.table_no);
                log_interest(
                    store,
                    &InterestInput {
                        enterprise: m.data.enterprise_id,
                        achievement: m.data.achievement_id,
                        level: "深度洽谈".into(),
                        note,
                        ..Default::default()
                    },
                )
            }
            Err(e) => failure(e),
        },
        Command::IssueAccessCode { organization_id } => {
            match store.issue_access_code(&organization_id) {
                Ok(code) => Outcome::AccessCode { code },
                Err(e) => failure(e),
            }
        }
        Command::SaveAgreement { input } => match store.create_agreement(&input) {
            Ok(a) => Outcome::Saved {
                kind: RecordKind::Agreement,
                id: a.id,
                code: a.code,
            },
            Err(e) => failure(e),
        },
        Command::VoidAgreement { id, reason } => match store.void_agreement(&id, &reason) {
            Ok(a) => Outcome::Voided { code: a.code },
            Err(e) => failure(e),
        },
        Command::CorrectAmounts {
            id,
            contract_amount,
            tech_amount,
        } => match store.correct_agreement_amounts(&id, &contract_amount, &tech_amount) {
            Ok(a) => Outcome::Corrected { code: a.code },
            Err(e) => failure(e),
        },
        Command::History { entity, id } => {
            match crate::store::audit::history(store.conn(), entity, &id) {
                Ok(entries) => Outcome::History(entries),
                Err(e) => failure(e),
            }
        }
        Command::SaveNeed { id, input } => {
            let result = match id {
                Some(id) => store.update_need(&id, &input),
                None => store.create_need(&input),
            };
            match result {
                Ok(n) => Outcome::Saved {
                    kind: RecordKind::Need,
                    id: n.id,
                    code: n.code,
                },
                Err(e) => failure(e),
            }
        }
        Command::Recommend { query } => {
            match crate::app::recommend::recommend(store, &query, SUGGESTIONS) {
                Ok(r) => Outcome::Suggestions(r),
                Err(e) => Outcome::Invalid(field_error(
                    "achievement",
                    Problem::Other {
                        zh: e.message(crate::domain::lang::Lang::Zh),
                        en: e.message(crate::domain::lang::Lang::En),
                    },
                )),
            }
        }
    }
}

fn log_interest(store: &mut Store, input: &InterestInput) -> Outcome {
    match store.log_interest(input) {
        Ok((interest, outcome)) => {
            let achievement = store
                .achievement(&interest.achievement_id)
                .map(|a| format!("{} {}", a.code, a.data.title))
                .unwrap_or_default();
            let enterprise = store
                .organization(&interest.enterprise_id)
                .map(|o| o.data.name)
                .unwrap_or_default();
            Outcome::InterestLogged {
                outcome,
                label: format!("{achievement} — {enterprise}"),
                level: interest.level,
            }
        }
        Err(e) => failure(e),
    }
}

fn failure(e: StoreError) -> Outcome {
    match e {
        StoreError::Invalid(errors) => Outcome::Invalid(errors),
        other => Outcome::Failed(other),
    }
}

fn save_organization(
    store: &mut Store,
    id: Option<String>,
    input: OrganizationInput,
    allow_similar: bool,
) -> Outcome {
    let draft = match input.validate() {
        Ok(d) => d,
        Err(e) => return Outcome::Invalid(e),
    };
    let existing = match store.organizations(true) {
        Ok(all) => all,
        Err(e) => return Outcome::Failed(e),
    };
    if let Some(code) = &draft.credit_code
        && let Some(other) = existing
            .iter()
            .find(|o| o.data.credit_code.as_deref() == Some(code) && Some(&o.id) != id.as_ref())
    {
        return Outcome::DuplicateCreditCode {
            id: other.id.clone(),
            code: other.code.clone(),
            name: other.data.name.clone(),
        };
    }
    if id.is_none() && !allow_similar {
        let similar = similar_names(&existing, &draft.name);
        if !similar.is_empty() {
            return Outcome::SimilarNames(similar);
        }
    }
    let result = match id {
        Some(id) => store.update_organization(&id, &input),
        None => store.create_organization(&input),
    };
    match result {
        Ok(o) => Outcome::Saved {
            kind: RecordKind::Organization,
            id: o.id,
            code: o.code,
        },
        Err(e) => failure(e),
    }
}

/// Registered organizations whose names probably mean the same one: (id, code, name).
pub fn similar_names(existing: &[Organization], name: &str) -> Vec<(String, String, String)> {
    existing
        .iter()
        .filter(|o| o.status == "active" && probably_same(&o.data.name, name))
        .take(5)
        .map(|o| (o.id.clone(), o.code.clone(), o.data.name.clone()))
        .collect()
}

/// A field error for a problem the form shows beside `field`.
pub fn field_error(field: &'static str, problem: Problem) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.push(field, problem);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    fn org(name: &str, credit: &str) -> OrganizationInput {
        OrganizationInput {
            name: name.into(),
            kind: "enterprise".into(),
            credit_code: credit.into(),
            ..Default::default()
        }
    }

    fn save(s: &mut Store, input: OrganizationInput, allow_similar: bool) -> Outcome {
        execute(
            s,
            Command::SaveOrganization {
                id: None,
                input,
                allow_similar,
            },
        )
    }

    #[test]
    fn a_known_credit_code_is_refused_and_offers_the_existing_one() {
        let mut s = store();
        assert!(matches!(
            save(
                &mut s,
                org("包头市华美稀土高科有限公司", "91350100M000100Y43"),
                false
            ),
            Outcome::Saved { .. }
        ));
        match save(&mut s, org("完全不同的名字", "91350100m000100y43"), true) {
            Outcome::DuplicateCreditCode { code, name, .. } => {
                assert_eq!(code, "O001");
                assert_eq!(name, "包头市华美稀土高科有限公司");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(s.organizations(true).unwrap().len(), 1);
    }

    #[test]
    fn a_similar_name_warns_and_can_be_saved_anyway() {
        let mut s = store();
        save(&mut s, org("包头市华美稀土高科有限公司", ""), false);
        match save(&mut s, org("华美稀土高科股份有限公司", ""), false) {
            Outcome::SimilarNames(c) => assert_eq!(c[0].1, "O001"),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(s.organizations(true).unwrap().len(), 1);
        assert!(matches!(
            save(&mut s, org("华美稀土高科股份有限公司", ""), true),
            Outcome::Saved { .. }
        ));
        assert_eq!(s.organizations(true).unwrap().len(), 2);
    }

    #[test]
    fn invalid_input_comes_back_for_the_form() {
        let mut s = store();
        match save(&mut s, org("", "123"), false) {
            Outcome::Invalid(e) => {
                assert!(e.for_field("name").is_some());
                assert!(e.for_field("credit_code").is_some());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
