//! A picker: a filterable list of options (a vocabulary, or the registered
//! organizations) with fuzzy and pinyin matching; one choice or several.
use crate::search::SearchIndex;
use crate::tui::state::Cursor;
use crate::tui::widgets::text_input::TextInput;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// What the form stores (a vocabulary value, an org kind code, an organization code).
    pub value: String,
    /// What the picker shows.
    pub label: String,
}

pub struct Picker {
    pub options: Vec<PickOption>,
    pub multi: bool,
    /// Chosen values (multi-choice) in the order chosen.
    pub chosen: Vec<String>,
    pub filter: TextInput,
    index: SearchIndex,
    /// Option indexes matching the filter, best first.
    pub rows: Vec<usize>,
    pub cursor: Cursor,
}

impl Picker {
    /// A picker over `options`; `current` is the field's value (`a、b` for multi-choice).
    pub fn new(options: Vec<PickOption>, multi: bool, current: &str) -> Picker {
        let index = SearchIndex::from_texts(options.iter().map(|o| o.label.as_str()));
        let chosen: Vec<String> = if multi {
            crate::domain::parse::list(current)
        } else {
            Vec::new()
        };
        let mut picker = Picker {
            options,
            multi,
            chosen,
            filter: TextInput::default(),
            index,
            rows: Vec::new(),
            cursor: Cursor::default(),
        };
        picker.refilter();
        if !multi && let Some(pos) = picker.options.iter().position(|o| o.value == current) {
            picker.cursor.selected = pos;
        }
        picker
    }

    pub fn refilter(&mut self) {
        self.rows = self
            .index
            .search(self.filter.value())
            .into_iter()
            .map(|h| h.index as usize)
            .collect();
        self.cursor = Cursor::default();
    }

    pub fn move_by(&mut self, delta: isize, page: usize) {
        let len = self.rows.len();
        if len == 0 {
            return;
        }
        let c = &mut self.cursor;
        c.selected = (c.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        if c.selected < c.offset {
            c.offset = c.selected;
        } else if c.selected >= c.offset + page.max(1) {
            c.offset = c.selected + 1 - page.max(1);
        }
    }

    pub fn highlighted(&self) -> Option<&PickOption> {
        self.rows
            .get(self.cursor.selected)
            .map(|&i| &self.options[i])
    }

    /// Multi-choice: adds or removes the highlighted option.
    pub fn toggle(&mut self) {
        if let Some(value) = self.highlighted().map(|o| o.value.clone()) {
            match self.chosen.iter().position(|v| *v == value) {
                Some(p) => {
                    self.chosen.remove(p);
                }
                None => self.chosen.push(value),
            }
        }
    }

    /// The value to store when the picker is accepted, or `None` if nothing is chosen.
    pub fn accept(&self) -> Option<String> {
        if self.multi {
            let mut chosen = self.chosen.clone();
            // Enter on an unchosen option with nothing chosen means "this one".
            if chosen.is_empty()
                && let Some(o) = self.highlighted()
            {
                chosen.push(o.value.clone());
            }
            Some(chosen.join("、"))
        } else {
            self.highlighted().map(|o| o.value.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<PickOption> {
        ["稀土", "新材料", "氢能", "储能"]
            .iter()
            .map(|s| PickOption {
                value: s.to_string(),
                label: s.to_string(),
            })
            .collect()
    }

    #[test]
    fn typing_pinyin_filters_and_enter_picks() {
        let mut p = Picker::new(options(), false, "");
        p.filter.insert("qn");
        p.refilter();
        assert_eq!(p.accept().as_deref(), Some("氢能"));
    }

    #[test]
    fn multi_choice_toggles_and_joins() {
        let mut p = Picker::new(options(), true, "稀土");
        assert_eq!(p.chosen, vec!["稀土"]);
        p.move_by(1, 10);
        p.toggle();
        assert_eq!(p.accept().as_deref(), Some("稀土、新材料"));
        p.move_by(-1, 10);
        p.toggle();
        assert_eq!(p.accept().as_deref(), Some("新材料"));
    }

    #[test]
    fn the_current_value_starts_highlighted() {
        let p = Picker::new(options(), false, "氢能");
        assert_eq!(p.highlighted().map(|o| o.value.as_str()), Some("氢能"));
    }
}
