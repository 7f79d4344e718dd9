//! Record forms (achievement, organization): one text value per field, validated by
//! the same domain rules as every other way in, with errors shown beside the fields.
//! Nothing typed is lost when saving is refused.
use crate::app::desk::{Command, RecordKind};
use crate::app::views::Snapshot;
use crate::domain::achievement::{Achievement, AchievementInput};
use crate::domain::agreement::AgreementInput;
use crate::domain::error::FieldErrors;
use crate::domain::interest::InterestInput;
use crate::domain::lang::Lang;
use crate::domain::meeting::MeetingInput;
use crate::domain::need::NeedInput;
use crate::domain::organization::OrganizationInput;
use crate::domain::vocab::{
    CONTRACT_TYPES, INTEREST_LEVELS, MATURITY, ORG_KIND_CODES, REGIONS, TECH_FIELDS,
    TRANSFER_MODES, Vocabulary, org_kind_label,
};
use crate::tui::picker::{PickOption, Picker};
use crate::tui::widgets::text_input::TextInput;
use serde_json::{Map, Value};

/// How a field is edited.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Text,
    /// Money as people type it (`12.5万`).
    Money,
    /// One value from a vocabulary.
    Choice(&'static Vocabulary),
    /// Several values from a vocabulary.
    MultiChoice(&'static Vocabulary),
    /// university / institute / enterprise / other.
    OrgKind,
    /// A registered organization (stored as its code).
    Organization,
    /// A shown achievement (stored as its code).
    Achievement,
    /// Several shown achievements (stored as codes, `、`-separated).
    Achievements,
    /// Yes or no.
    Flag,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The field's snake_case name: the input's field and the errors' `field`.
    pub name: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

const fn field(name: &'static str, kind: FieldKind, required: bool) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        required,
    }
}

pub const ACHIEVEMENT_FIELDS: &[FieldSpec] = &[
    field("title", FieldKind::Text, true),
    field("holder", FieldKind::Organization, true),
    field("field", FieldKind::Choice(&TECH_FIELDS), true),
    field("maturity", FieldKind::Choice(&MATURITY), false),
    field("trl", FieldKind::Text, false),
    field(
        "transfer_modes",
        FieldKind::MultiChoice(&TRANSFER_MODES),
        false,
    ),
    field("asking_price", FieldKind::Money, false),
    field("patents", FieldKind::Text, false),
    field("keywords", FieldKind::Text, false),
    field("summary", FieldKind::Text, false),
    field("booth", FieldKind::Text, false),
];

pub const ORGANIZATION_FIELDS: &[FieldSpec] = &[
    field("name", FieldKind::Text, true),
    field("kind", FieldKind::OrgKind, true),
    field("credit_code", FieldKind::Text, false),
    field("region", FieldKind::Choice(&REGIONS), false),
    field("industry", FieldKind::Choice(&TECH_FIELDS), false),
    field("contact_name", FieldKind::Text, false),
    field("contact_phone", FieldKind::Text, false),
    field("contact_email", FieldKind::Text, false),
    field("contact_consent", FieldKind::Flag, false),
    field("note", FieldKind::Text, false),
];

pub const INTEREST_FIELDS: &[FieldSpec] = &[
    field("enterprise", FieldKind::Organization, true),
    field("achievement", FieldKind::Achievement, true),
    field("level", FieldKind::Choice(&INTEREST_LEVELS), true),
    field("note", FieldKind::Text, false),
    field("contact_person", FieldKind::Text, false),
];

pub const MEETING_FIELDS: &[FieldSpec] = &[
    field("enterprise", FieldKind::Organization, true),
    field("achievement", FieldKind::Achievement, true),
    field("table_no", FieldKind::Text, true),
    field("slot_start", FieldKind::Text, true),
];

pub const AGREEMENT_FIELDS: &[FieldSpec] = &[
    field("buyer", FieldKind::Organization, true),
    field("achievements", FieldKind::Achievements, true),
    field("contract_type", FieldKind::Choice(&CONTRACT_TYPES), true),
    field("transfer_mode", FieldKind::Choice(&TRANSFER_MODES), false),
    field("contract_amount", FieldKind::Money, true),
    field("tech_amount", FieldKind::Money, false),
    field("signed_at", FieldKind::Text, false),
    field("ceremony", FieldKind::Flag, false),
    field("multi_party", FieldKind::Flag, false),
    field("note", FieldKind::Text, false),
];

pub const NEED_FIELDS: &[FieldSpec] = &[
    field("organization", FieldKind::Organization, true),
    field("title", FieldKind::Text, true),
    field("field", FieldKind::Choice(&TECH_FIELDS), false),
    field("description", FieldKind::Text, false),
    field("keywords", FieldKind::Text, false),
    field("budget", FieldKind::Money, false),
    field(
        "cooperation_modes",
        FieldKind::MultiChoice(&TRANSFER_MODES),
        false,
    ),
    field("deadline", FieldKind::Text, false),
];

pub struct Form {
    pub kind: RecordKind,
    /// The record being edited, or `None` for a new one.
    pub editing: Option<String>,
    pub specs: &'static [FieldSpec],
    pub values: Vec<TextInput>,
    original: Vec<String>,
    pub focus: usize,
    /// Errors from the last validation.
    pub errors: FieldErrors,
    /// Fields the user has left (their errors show); all after a save attempt.
    touched: Vec<bool>,
    pub picker: Option<Picker>,
}

/// The text of each field of a serialisable input, by field name.
fn values_of<T: serde::Serialize>(input: &T, specs: &[FieldSpec]) -> Vec<String> {
    let object = match serde_json::to_value(input) {
        Ok(Value::Object(o)) => o,
        _ => Map::new(),
    };
    specs
        .iter()
        .map(|s| {
            object
                .get(s.name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

impl Form {
    fn new(
        kind: RecordKind,
        editing: Option<String>,
        specs: &'static [FieldSpec],
        values: Vec<String>,
    ) -> Form {
        Form {
            kind,
            editing,
            specs,
            values: values.iter().map(|v| TextInput::new(v)).collect(),
            original: values,
            focus: 0,
            errors: FieldErrors::default(),
            touched: vec![false; specs.len()],
            picker: None,
        }
    }

    pub fn new_achievement() -> Form {
        let values = values_of(&AchievementInput::default(), ACHIEVEMENT_FIELDS);
        Form::new(RecordKind::Achievement, None, ACHIEVEMENT_FIELDS, values)
    }

    pub fn edit_achievement(snapshot: &Snapshot, a: &Achievement) -> Form {
        let holder = snapshot
            .organization(&a.data.holder_id)
            .map(|o| o.code.clone())
            .unwrap_or_default();
        let values = values_of(&a.data.to_input(&holder), ACHIEVEMENT_FIELDS);
        Form::new(
            RecordKind::Achievement,
            Some(a.id.clone()),
            ACHIEVEMENT_FIELDS,
            values,
        )
    }

    pub fn new_organization() -> Form {
        let input = OrganizationInput {
            kind: "enterprise".into(),
            ..Default::default()
        };
        let values = values_of(&input, ORGANIZATION_FIELDS);
        Form::new(RecordKind::Organization, None, ORGANIZATION_FIELDS, values)
    }

    pub fn edit_organization(snapshot: &Snapshot, index: usize) -> Form {
        let o = &snapshot.organizations[index];
        let values = values_of(&o.data.to_input(), ORGANIZATION_FIELDS);
        Form::new(
            RecordKind::Organization,
            Some(o.id.clone()),
            ORGANIZATION_FIELDS,
            values,
        )
    }

    /// A new interest, optionally for a known enterprise and/or achievement (codes).
    pub fn new_interest(enterprise: &str, achievement: &str) -> Form {
        let input = InterestInput {
            enterprise: enterprise.into(),
            achievement: achievement.into(),
            level: INTEREST_LEVELS.terms[1].zh.into(),
            ..Default::default()
        };
        let values = values_of(&input, INTEREST_FIELDS);
        let mut form = Form::new(RecordKind::Interest, None, INTEREST_FIELDS, values);
        form.focus = first_empty(&form);
        form
    }

    /// A new meeting, optionally for a known pair (codes); the next free slot is
    /// offered as soon as both are known.
    pub fn new_meeting(enterprise: &str, achievement: &str, snapshot: &Snapshot) -> Form {
        let input = MeetingInput {
            enterprise: enterprise.into(),
            achievement: achievement.into(),
            ..Default::default()
        };
        let values = values_of(&input, MEETING_FIELDS);
        let mut form = Form::new(RecordKind::Meeting, None, MEETING_FIELDS, values);
        form.offer_free_slot(snapshot);
        form.focus = first_empty(&form);
        form
    }

    /// A new technology need.
    pub fn new_need() -> Form {
        let values = values_of(&NeedInput::default(), NEED_FIELDS);
        Form::new(RecordKind::Need, None, NEED_FIELDS, values)
    }

    pub fn edit_need(snapshot: &Snapshot, index: usize) -> Form {
        let n = &snapshot.needs[index];
        let org = snapshot
            .organization(&n.data.organization_id)
            .map(|o| o.code.clone())
            .unwrap_or_default();
        let input = NeedInput {
            organization: org,
            title: n.data.title.clone(),
            field: n.data.field.clone().unwrap_or_default(),
            description: n.data.description.clone().unwrap_or_default(),
            keywords: n.data.keywords.join("、"),
            budget: n.data.budget.map(|m| m.format_plain()).unwrap_or_default(),
            cooperation_modes: n.data.cooperation_modes.join("、"),
            deadline: n.data.deadline.map(|d| d.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        let values = values_of(&input, NEED_FIELDS);
        Form::new(RecordKind::Need, Some(n.id.clone()), NEED_FIELDS, values)
    }

    /// A new agreement, optionally for a known buyer and/or achievement (codes), signed
    /// now (in the fair's time zone) unless changed.
    pub fn new_agreement(buyer: &str, achievement: &str, snapshot: &Snapshot) -> Form {
        let input = AgreementInput {
            buyer: buyer.into(),
            achievements: achievement.into(),
            signed_at: snapshot
                .taken_at
                .with_timezone(&snapshot.zone())
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            ceremony: "false".into(),
            multi_party: "false".into(),
            ..Default::default()
        };
        let values = values_of(&input, AGREEMENT_FIELDS);
        let mut form = Form::new(RecordKind::Agreement, None, AGREEMENT_FIELDS, values);
        form.focus = first_empty(&form);
        form
    }

    /// Fills table and slot with the next free ones for the chosen pair, when both are
    /// chosen and the user has not typed a table or slot.
    pub fn offer_free_slot(&mut self, snapshot: &Snapshot) {
        if self.kind != RecordKind::Meeting {
            return;
        }
        let (enterprise, achievement) = (
            self.value("enterprise").to_string(),
            self.value("achievement").to_string(),
        );
        if enterprise.is_empty() || achievement.is_empty() {
            return;
        }
        let table_i = self.index_of("table_no");
        let slot_i = self.index_of("slot_start");
        if self.touched[table_i] || self.touched[slot_i] {
            return;
        }
        if let Some((table, slot)) = snapshot.next_free_slot(&enterprise, &achievement) {
            self.values[table_i].set(&table.to_string());
            self.values[slot_i].set(&slot);
            self.original[table_i] = self.values[table_i].value().to_string();
            self.original[slot_i] = self.values[slot_i].value().to_string();
        }
    }

    fn index_of(&self, name: &str) -> usize {
        self.specs.iter().position(|s| s.name == name).unwrap_or(0)
    }

    /// Whether anything differs from what the form started with.
    pub fn is_dirty(&self) -> bool {
        self.values
            .iter()
            .zip(&self.original)
            .any(|(v, o)| v.value() != o)
    }

    pub fn value(&self, name: &str) -> &str {
        self.specs
            .iter()
            .position(|s| s.name == name)
            .map(|i| self.values[i].value())
            .unwrap_or("")
    }

    /// The form's values as a JSON object of text, read into an input by serde.
    fn object(&self) -> Value {
        let mut object = Map::new();
        for (spec, value) in self.specs.iter().zip(&self.values) {
            object.insert(
                spec.name.to_string(),
                Value::String(value.value().to_string()),
            );
        }
        Value::Object(object)
    }

    /// Validates everything against the snapshot; keeps the errors for display.
    pub fn validate(&mut self, snapshot: &Snapshot) -> bool {
        let object = self.object();
        let zone = snapshot.zone();
        self.errors = match self.kind {
            RecordKind::Achievement => {
                check::<AchievementInput, _>(object, |i| i.validate(snapshot).map(|_| ()))
            }
            RecordKind::Organization => {
                check::<OrganizationInput, _>(object, |i| i.validate().map(|_| ()))
            }
            RecordKind::Interest => {
                check::<InterestInput, _>(object, |i| i.validate(snapshot, zone).map(|_| ()))
            }
            RecordKind::Meeting => {
                check::<MeetingInput, _>(object, |i| i.validate(snapshot, zone).map(|_| ()))
            }
            RecordKind::Agreement => {
                check::<AgreementInput, _>(object, |i| i.validate(snapshot, zone).map(|_| ()))
            }
            RecordKind::Need => check::<NeedInput, _>(object, |i| i.validate(snapshot).map(|_| ())),
        };
        self.errors.is_empty()
    }

    /// The error to show beside field `i`, if it has been left or saving was tried.
    pub fn shown_error(&self, i: usize) -> Option<&crate::domain::error::FieldError> {
        if !self.touched[i] {
            return None;
        }
        self.errors.for_field(self.specs[i].name)
    }

    pub fn focus_next(&mut self, snapshot: &Snapshot) {
        self.touched[self.focus] = true;
        self.focus = (self.focus + 1) % self.specs.len();
        self.validate(snapshot);
    }

    pub fn focus_prev(&mut self, snapshot: &Snapshot) {
        self.touched[self.focus] = true;
        self.focus = (self.focus + self.specs.len() - 1) % self.specs.len();
        self.validate(snapshot);
    }

    /// Tries to save: the command to run, or `None` with every error now shown (and
    /// the focus on the first bad field).
    pub fn submit(&mut self, snapshot: &Snapshot, allow_similar: bool) -> Option<Command> {
        self.touched.iter_mut().for_each(|t| *t = true);
        if !self.validate(snapshot) {
            if let Some(first) = self
                .specs
                .iter()
                .position(|s| self.errors.for_field(s.name).is_some())
            {
                self.focus = first;
            }
            return None;
        }
        let object = self.object();
        match self.kind {
            RecordKind::Achievement => {
                serde_json::from_value(object)
                    .ok()
                    .map(|input| Command::SaveAchievement {
                        id: self.editing.clone(),
                        input,
                    })
            }
            RecordKind::Organization => {
                serde_json::from_value(object)
                    .ok()
                    .map(|input| Command::SaveOrganization {
                        id: self.editing.clone(),
                        input,
                        allow_similar,
                    })
            }
            RecordKind::Interest => serde_json::from_value(object)
                .ok()
                .map(|input| Command::LogInterest { input }),
            RecordKind::Meeting => serde_json::from_value(object)
                .ok()
                .map(|input| Command::BookMeeting { input }),
            RecordKind::Agreement => serde_json::from_value(object)
                .ok()
                .map(|input| Command::SaveAgreement { input }),
            RecordKind::Need => {
                serde_json::from_value(object)
                    .ok()
                    .map(|input| Command::SaveNeed {
                        id: self.editing.clone(),
                        input,
                    })
            }
        }
    }

    /// Errors that came back from the store (a duplicate, a clash) are shown like any
    /// other error.
    pub fn show_errors(&mut self, errors: FieldErrors) {
        self.touched.iter_mut().for_each(|t| *t = true);
        if let Some(first) = self
            .specs
            .iter()
            .position(|s| errors.for_field(s.name).is_some())
        {
            self.focus = first;
        }
        self.errors = errors;
    }

    /// Whether the focused field takes typed text (pickers and flags do not).
    pub fn focus_is_text(&self) -> bool {
        matches!(
            self.specs[self.focus].kind,
            FieldKind::Text | FieldKind::Money
        )
    }

    /// Whether the focused field is chosen from a list.
    pub fn focus_has_picker(&self) -> bool {
        !matches!(
            self.specs[self.focus].kind,
            FieldKind::Text | FieldKind::Money | FieldKind::Flag
        )
    }

    /// Opens the picker for the focused field, if it has one.
    pub fn open_picker(&mut self, snapshot: &Snapshot, lang: Lang) {
        let spec = self.specs[self.focus];
        let current = self.values[self.focus].value().to_string();
        let (options, multi) = match spec.kind {
            FieldKind::Choice(vocab) => (vocab_options(vocab, lang), false),
            FieldKind::MultiChoice(vocab) => (vocab_options(vocab, lang), true),
            FieldKind::OrgKind => (
                ORG_KIND_CODES
                    .iter()
                    .map(|c| PickOption {
                        value: c.to_string(),
                        label: org_kind_label(c, lang).to_string(),
                    })
                    .collect(),
                false,
            ),
            FieldKind::Organization => (
                snapshot
                    .organizations
                    .iter()
                    .filter(|o| o.status == "active")
                    .map(|o| PickOption {
                        value: o.code.clone(),
                        label: format!("{} {}", o.data.name, o.code),
                    })
                    .collect(),
                false,
            ),
            FieldKind::Achievement | FieldKind::Achievements => (
                snapshot
                    .achievements
                    .iter()
                    .filter(|a| &*a.status == "active")
                    .map(|a| PickOption {
                        value: a.code().to_string(),
                        label: format!(
                            "{} {} — {}",
                            a.code(),
                            a.title(),
                            snapshot.org_name(&a.holder_id)
                        ),
                    })
                    .collect(),
                matches!(spec.kind, FieldKind::Achievements),
            ),
            FieldKind::Flag => {
                let now = self.values[self.focus].value() == "true";
                self.values[self.focus].set(if now { "false" } else { "true" });
                return;
            }
            FieldKind::Text | FieldKind::Money => return,
        };
        self.picker = Some(Picker::new(options, multi, &current));
    }

    /// Stores the picker's choice in the focused field and closes it.
    pub fn accept_picker(&mut self, snapshot: &Snapshot) {
        if let Some(picker) = self.picker.take()
            && let Some(value) = picker.accept()
        {
            self.values[self.focus].set(&value);
            self.touched[self.focus] = true;
            self.offer_free_slot(snapshot);
            self.validate(snapshot);
        }
    }

    /// How a field's value is shown (labels for codes and vocabulary values).
    pub fn display_value(&self, i: usize, snapshot: &Snapshot, lang: Lang) -> String {
        let value = self.values[i].value();
        match self.specs[i].kind {
            FieldKind::Choice(vocab) => {
                if value.is_empty() {
                    String::new()
                } else {
                    vocab.label(value, lang)
                }
            }
            FieldKind::MultiChoice(vocab) => crate::domain::parse::list(value)
                .iter()
                .map(|v| vocab.label(v, lang))
                .collect::<Vec<_>>()
                .join("、"),
            FieldKind::OrgKind => {
                if value.is_empty() {
                    String::new()
                } else {
                    org_kind_label(value, lang).to_string()
                }
            }
            FieldKind::Organization => snapshot
                .organizations
                .iter()
                .find(|o| o.code == value)
                .map(|o| format!("{} {}", o.data.name, o.code))
                .unwrap_or_else(|| value.to_string()),
            FieldKind::Achievement => snapshot
                .achievements
                .iter()
                .find(|a| a.code() == value)
                .map(|a| format!("{} {}", a.code(), a.title()))
                .unwrap_or_else(|| value.to_string()),
            FieldKind::Achievements => crate::domain::parse::list(value)
                .iter()
                .map(|code| {
                    snapshot
                        .achievements
                        .iter()
                        .find(|a| a.code() == code)
                        .map(|a| format!("{} {}", a.code(), a.title()))
                        .unwrap_or_else(|| code.clone())
                })
                .collect::<Vec<_>>()
                .join("、"),
            FieldKind::Flag => match (value, lang) {
                ("true", Lang::Zh) => "是".into(),
                ("true", Lang::En) => "yes".into(),
                (_, Lang::Zh) => "否".into(),
                (_, Lang::En) => "no".into(),
            },
            FieldKind::Text | FieldKind::Money => value.to_string(),
        }
    }
}

/// Reads the form's object as an input and validates it; the errors (none when valid).
fn check<T: serde::de::DeserializeOwned, F: FnOnce(T) -> Result<(), FieldErrors>>(
    object: Value,
    validate: F,
) -> FieldErrors {
    match serde_json::from_value::<T>(object) {
        Ok(input) => validate(input).err().unwrap_or_default(),
        Err(_) => FieldErrors::default(),
    }
}

/// The first required field still empty (where typing should start), else the first.
fn first_empty(form: &Form) -> usize {
    form.specs
        .iter()
        .zip(&form.values)
        .position(|(s, v)| s.required && v.is_empty())
        .unwrap_or(0)
}

fn vocab_options(vocab: &Vocabulary, lang: Lang) -> Vec<PickOption> {
    vocab
        .terms
        .iter()
        .map(|t| PickOption {
            value: t.zh.to_string(),
            label: match lang {
                Lang::Zh => t.zh.to_string(),
                Lang::En => format!("{} {}", t.en, t.zh),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot() -> Snapshot {
        let clock = crate::domain::clock::FixedClock::at(chrono::DateTime::UNIX_EPOCH);
        let mut store =
            crate::store::Store::open_in_memory("d", std::sync::Arc::new(clock)).unwrap();
        store
            .create_fair(&crate::domain::fair::FairInput {
                name: "f".into(),
                ..Default::default()
            })
            .unwrap();
        store
            .create_organization(&OrganizationInput {
                name: "内蒙古大学".into(),
                kind: "university".into(),
                ..Default::default()
            })
            .unwrap();
        Snapshot::load(&store).unwrap()
    }

    #[test]
    fn a_refused_save_keeps_every_value_and_shows_every_error() {
        let s = snapshot();
        let mut form = Form::new_achievement();
        form.values[6].set("十二万"); // asking_price
        form.values[4].set("12"); // trl
        assert!(form.submit(&s, false).is_none());
        assert_eq!(form.values[6].value(), "十二万");
        assert!(form.shown_error(0).is_some(), "title is required");
        assert!(form.shown_error(4).is_some(), "trl out of range");
        assert!(form.shown_error(6).is_some(), "bad amount");
        assert_eq!(form.focus, 0, "the first bad field gets the focus");
    }

    #[test]
    fn errors_show_only_after_a_field_is_left() {
        let s = snapshot();
        let mut form = Form::new_achievement();
        form.validate(&s);
        assert!(form.shown_error(0).is_none());
        form.focus_next(&s);
        assert!(form.shown_error(0).is_some());
        assert!(form.shown_error(1).is_none());
    }

    #[test]
    fn a_complete_form_becomes_a_save_command() {
        let s = snapshot();
        let mut form = Form::new_achievement();
        form.values[0].set("胡芪降脂胶囊");
        form.values[1].set("O001");
        form.values[2].set("蒙医药");
        form.values[6].set("12.5万");
        match form.submit(&s, false) {
            Some(Command::SaveAchievement { id: None, input }) => {
                assert_eq!(input.title, "胡芪降脂胶囊");
                assert_eq!(input.asking_price, "12.5万");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn editing_starts_clean_and_becomes_dirty() {
        let s = snapshot();
        let mut form = Form::edit_organization(&s, 0);
        assert!(!form.is_dirty());
        assert_eq!(form.value("name"), "内蒙古大学");
        form.values[0].insert("（本部）");
        assert!(form.is_dirty());
    }
}
