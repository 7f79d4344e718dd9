//! The display codes in use for the kind being merged, and the next free one. A merge
//! that brings in thousands of new records whose codes are taken (two desks numbering
//! their new enterprises from the same place) asks for a free code each time: the
//! numbers in use are kept in order, so the next one is the highest plus one without a
//! look at every code.
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Default)]
pub struct CodesInUse {
    prefix: &'static str,
    all: HashSet<String>,
    /// The numbers of the codes that are the prefix and digits, each with how many codes
    /// give it ("A7" and "A007" both give 7).
    numbers: BTreeMap<u64, usize>,
}

impl CodesInUse {
    /// Codes of a kind whose own codes are `prefix` and digits.
    pub fn new(prefix: &'static str) -> CodesInUse {
        CodesInUse {
            prefix,
            ..CodesInUse::default()
        }
    }

    pub fn contains(&self, code: &str) -> bool {
        self.all.contains(code)
    }

    pub fn insert(&mut self, code: &str) {
        if self.all.insert(code.to_string())
            && let Some(n) = self.number(code)
        {
            *self.numbers.entry(n).or_default() += 1;
        }
    }

    pub fn remove(&mut self, code: &str) {
        if self.all.remove(code)
            && let Some(n) = self.number(code)
            && let Some(count) = self.numbers.get_mut(&n)
        {
            *count -= 1;
            if *count == 0 {
                self.numbers.remove(&n);
            }
        }
    }

    /// The code after the highest one in use, `width` digits at least.
    pub fn next(&self, width: usize) -> String {
        let highest = self.numbers.keys().next_back().copied().unwrap_or(0);
        format!("{}{:0width$}", self.prefix, highest + 1)
    }

    fn number(&self, code: &str) -> Option<u64> {
        let digits = code.strip_prefix(self.prefix)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_code_follows_the_highest_in_use() {
        let mut codes = CodesInUse::new("A");
        for code in ["A001", "A007", "A-X", "B999", "A"] {
            codes.insert(code);
        }
        assert_eq!(codes.next(3), "A008");
        assert_eq!(CodesInUse::new("S").next(2), "S01");
    }

    #[test]
    fn a_freed_code_lowers_the_next_only_when_no_other_code_gives_its_number() {
        let mut codes = CodesInUse::new("O");
        for code in ["O001", "O009", "O9"] {
            codes.insert(code);
        }
        codes.remove("O009");
        assert!(!codes.contains("O009"));
        assert_eq!(codes.next(3), "O010", "O9 still gives 9");
        codes.remove("O9");
        assert_eq!(codes.next(3), "O002");
        codes.remove("O404");
        assert_eq!(codes.next(3), "O002");
        assert_eq!(codes.next(1), "O2");
    }
}
