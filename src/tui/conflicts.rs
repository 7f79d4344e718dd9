//! The merge-conflict review overlay (opened with `c` on the dashboard): its state, its
//! keys and what they do. Deciding asks for confirmation; a confirmed decision waits in
//! `pending` until the event loop carries it out on the store.
use crate::store::conflicts::Conflict;
use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the organizer decides about a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep the record as the merge left it (the later edit).
    Keep,
    /// Make the set-aside version the record again.
    Reverse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAction {
    Open,
    Close,
    Up,
    Down,
    Decide(Decision),
    Confirm,
    Cancel,
}

/// How the last decision went, for the overlay's bottom line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewNote {
    Done(Decision),
    AlreadyDecided,
    /// The store's message, in the user's language.
    Failed(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConflictReview {
    pub open: bool,
    pub selected: usize,
    /// A decision asked for, waiting for `y`.
    pub confirming: Option<Decision>,
    /// A confirmed decision (conflict id) for the event loop.
    pub pending: Option<(String, Decision)>,
    pub note: Option<ReviewNote>,
}

impl ConflictReview {
    pub fn apply(&mut self, action: ConflictAction, conflicts: &[Conflict]) {
        let last = conflicts.len().saturating_sub(1);
        match action {
            ConflictAction::Open => {
                self.open = true;
                self.selected = self.selected.min(last);
                self.note = None;
            }
            ConflictAction::Close => {
                self.open = false;
                self.confirming = None;
            }
            ConflictAction::Up => {
                self.selected = self.selected.saturating_sub(1);
                self.confirming = None;
            }
            ConflictAction::Down => {
                self.selected = (self.selected + 1).min(last);
                self.confirming = None;
            }
            ConflictAction::Decide(decision) => match conflicts.get(self.selected) {
                Some(c) if c.is_open() => {
                    self.confirming = Some(decision);
                    self.note = None;
                }
                Some(_) => self.note = Some(ReviewNote::AlreadyDecided),
                None => {}
            },
            ConflictAction::Confirm => {
                if let (Some(decision), Some(c)) =
                    (self.confirming.take(), conflicts.get(self.selected))
                {
                    self.pending = Some((c.id.clone(), decision));
                }
            }
            ConflictAction::Cancel => self.confirming = None,
        }
    }

    /// Keeps the selection in range after the list changed.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

/// The keys of the overlay: while a decision waits for confirmation, `y` confirms and
/// any other key cancels. Ctrl-C always quits.
pub fn resolve_key(key: KeyEvent, review: &ConflictReview) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let a = |c| Some(Action::Conflicts(c));
    if review.confirming.is_some() {
        return match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => a(ConflictAction::Confirm),
            _ => a(ConflictAction::Cancel),
        };
    }
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('c') => a(ConflictAction::Close),
        KeyCode::Up | KeyCode::Char('k') => a(ConflictAction::Up),
        KeyCode::Down | KeyCode::Char('j') => a(ConflictAction::Down),
        KeyCode::Char('a') => a(ConflictAction::Decide(Decision::Keep)),
        KeyCode::Char('x') => a(ConflictAction::Decide(Decision::Reverse)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::merge::spec::Entity;

    fn conflict(id: &str, status: &str) -> Conflict {
        Conflict {
            id: id.into(),
            entity: Entity::Achievement,
            entity_id: "a".into(),
            code: Some("A001".into()),
            name: "稀土".into(),
            enterprise_id: None,
            achievement_id: None,
            status: status.into(),
            current_desk: "desk-1".into(),
            current_at: String::new(),
            set_aside_desk: "desk-2".into(),
            set_aside_at: String::new(),
            detected_at: String::new(),
            differences: Vec::new(),
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_decision_waits_for_yes_and_is_handed_to_the_loop() {
        let list = vec![conflict("c1", "open"), conflict("c2", "kept")];
        let mut r = ConflictReview::default();
        r.apply(ConflictAction::Open, &list);
        let Some(Action::Conflicts(x)) = resolve_key(press('x'), &r) else {
            panic!("x reverses");
        };
        r.apply(x, &list);
        assert_eq!(r.confirming, Some(Decision::Reverse));
        // Any other key cancels.
        let Some(Action::Conflicts(other)) = resolve_key(press('n'), &r) else {
            panic!("a key while confirming");
        };
        r.apply(other, &list);
        assert_eq!((r.confirming, r.pending.clone()), (None, None));
        r.apply(ConflictAction::Decide(Decision::Keep), &list);
        let Some(Action::Conflicts(yes)) = resolve_key(press('y'), &r) else {
            panic!("y confirms");
        };
        r.apply(yes, &list);
        assert_eq!(r.pending, Some(("c1".to_string(), Decision::Keep)));
        r.apply(ConflictAction::Down, &list);
        r.apply(ConflictAction::Down, &list);
        assert_eq!(r.selected, 1);
        r.apply(ConflictAction::Decide(Decision::Reverse), &list);
        assert_eq!(r.note, Some(ReviewNote::AlreadyDecided));
        assert_eq!(
            resolve_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), &r),
            Some(Action::Quit)
        );
    }
}
