//! What can sit on top of a list: forms, details, dialogs and the help. They stack: a
//! confirm dialog sits over the form it is about, and closing it returns to the form.
use crate::app::desk::RecordKind;
use crate::tui::form::Form;
use crate::tui::widgets::text_input::TextInput;

pub enum Overlay {
    Help,
    Form(Box<Form>),
    Details(Details),
    Confirm(Confirm),
    Withdraw(WithdrawDialog),
    CheckIn(CheckInDialog),
    Similar(SimilarDialog),
    Duplicate(DuplicateDialog),
    /// A newly issued access code, shown once.
    Code(CodeDialog),
    /// Voiding an agreement: the reason, and what changes in the totals.
    Void(VoidDialog),
    /// Correcting an agreement's amounts.
    Correct(CorrectDialog),
    /// Suggested matches with their reasons.
    Suggestions(SuggestionList),
}

pub struct SuggestionList {
    pub recommendations: crate::app::recommend::Recommendations,
    pub selected: usize,
}

pub struct VoidDialog {
    pub id: String,
    pub label: String,
    /// "签约 21 → 20，合同成交额 …" as shown before confirming.
    pub effect: String,
    pub reason: TextInput,
    pub missing: bool,
}

pub struct CorrectDialog {
    pub id: String,
    pub label: String,
    pub contract: TextInput,
    pub tech: TextInput,
    /// 0: contract amount, 1: technology amount.
    pub focus: usize,
}

/// A record's details, found again by id after every refresh.
pub struct Details {
    pub kind: RecordKind,
    pub id: String,
    /// First line shown (the details scroll).
    pub scroll: usize,
    /// The record's audit history, once loaded (agreements show it).
    pub history: Option<Vec<crate::store::audit::AuditEntry>>,
    /// The record's interests (achievements and organizations), once loaded.
    pub interests: Option<Vec<crate::domain::interest::Interest>>,
    /// An achievement's whole record, once loaded.
    pub achievement: Option<Box<crate::domain::achievement::Achievement>>,
}

/// What a confirm dialog does on "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Close the dirty form below, losing its changes.
    DiscardForm,
    /// Quit although a form has unsaved changes.
    Quit,
    /// Cancel this meeting (by id).
    CancelMeeting(String),
    /// Issue a new access code for this organization (by id).
    IssueCode(String),
}

pub struct CodeDialog {
    pub label: String,
    pub code: String,
}

pub struct Confirm {
    pub action: ConfirmAction,
}

/// Withdrawing an achievement or organization asks for a reason.
pub struct WithdrawDialog {
    pub kind: RecordKind,
    pub id: String,
    pub label: String,
    pub reason: TextInput,
    /// Set when Enter was pressed with no reason.
    pub missing: bool,
}

/// Checking in a visiting enterprise: person and badge are optional.
pub struct CheckInDialog {
    pub organization_id: String,
    pub label: String,
    pub person: TextInput,
    pub badge: TextInput,
    /// 0: person, 1: badge.
    pub focus: usize,
}

/// A new organization's name looks like registered ones.
pub struct SimilarDialog {
    /// (id, code, name)
    pub candidates: Vec<(String, String, String)>,
    pub selected: usize,
}

/// The credit code belongs to a registered organization.
pub struct DuplicateDialog {
    pub id: String,
    pub code: String,
    pub name: String,
}
