//! The keys of all records, stored flat (one array per form, not one allocation per
//! record) so a search walks memory in order: each record's text lower-cased (for
//! Chinese queries) and its pinyin syllables (for ASCII queries), with the way back to
//! the char positions of the original text for highlighting.
use nucleo_matcher::Utf32Str;
use pinyin::ToPinyin;

#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Whether each record's text has a Chinese character.
    pub(crate) has_han: Vec<bool>,
    /// All records' lower-cased texts as chars, concatenated: a query's characters are
    /// looked for here first, walking memory in order, before the matcher runs.
    flat_text: Vec<char>,
    /// Record `k`'s chars are `text_range[k]..text_range[k + 1]` of `flat_text`.
    text_range: Vec<u32>,
    /// Record `k`'s syllables are `syllable_range[k]..syllable_range[k + 1]`.
    syllable_range: Vec<u32>,
    /// Each syllable's first letter, all records concatenated: scanned with one pass.
    initials: Vec<u8>,
    /// Where each syllable's letters start in `letters`; one more entry marks the end.
    letter_start: Vec<u32>,
    /// All syllables' letters (lower-case ASCII). A Chinese character is one syllable
    /// (its plain pinyin); every other letter or digit is a syllable of one.
    letters: Vec<u8>,
    /// For each syllable, the char index in its record's text.
    source_char: Vec<u32>,
}

impl Keys {
    pub fn new() -> Keys {
        Keys {
            syllable_range: vec![0],
            letter_start: vec![0],
            text_range: vec![0],
            ..Keys::default()
        }
    }

    pub fn len(&self) -> usize {
        self.has_han.len()
    }

    pub fn is_empty(&self) -> bool {
        self.has_han.is_empty()
    }

    /// Record `k`'s lower-cased text, for the matcher (a slice of the flat text: no
    /// second copy of every text is kept).
    pub(crate) fn text(&self, k: usize) -> Utf32Str<'_> {
        let from = self.text_range[k] as usize;
        let to = self.text_range[k + 1] as usize;
        Utf32Str::Unicode(&self.flat_text[from..to])
    }

    /// Forgets every record, keeping the memory for the next ones.
    pub fn clear(&mut self) {
        self.has_han.clear();
        self.flat_text.clear();
        self.text_range.truncate(1);
        self.syllable_range.truncate(1);
        self.initials.clear();
        self.letter_start.truncate(1);
        self.letters.clear();
        self.source_char.clear();
    }

    /// Adds one record's searchable text.
    pub fn push(&mut self, text: &str) {
        let has_han = self.push_syllables(text);
        let lower: String = text.chars().flat_map(char::to_lowercase).collect();
        self.flat_text.extend(lower.chars());
        self.text_range.push(self.flat_text.len() as u32);
        self.has_han.push(has_han);
    }

    /// Adds only the syllables of a record's text (what an ASCII query on Chinese text
    /// needs); returns whether the text has a Chinese character. The record is complete
    /// for `match_syllables` but not for text matching.
    pub fn push_syllables(&mut self, text: &str) -> bool {
        let has_han = each_syllable(text, |letters, index| self.push_syllable(letters, index));
        self.syllable_range.push(self.initials.len() as u32);
        has_han
    }

    fn push_syllable(&mut self, letters: &[u8], char_index: usize) {
        let Some(&first) = letters.first() else {
            return;
        };
        self.initials.push(first);
        self.letters.extend_from_slice(letters);
        self.letter_start.push(self.letters.len() as u32);
        self.source_char.push(char_index as u32);
    }

    /// Matches an ASCII query against runs of consecutive syllables of record `k`, each
    /// piece of the query a prefix of its syllable: `xitu` = xi|tu, `xt` = x|t,
    /// `nmgdx` = n|m|g|d|x, `xityc` = xi|t|y|c. Returns the earliest match's first
    /// syllable (counted within the record) and how many syllables it used.
    pub(crate) fn match_syllables(&self, k: usize, query: &[u8]) -> Option<(usize, usize)> {
        let from = self.syllable_range[k] as usize;
        let to = self.syllable_range[k + 1] as usize;
        let record = KeysRecord {
            initials: &self.initials[from..to],
            letters: &self.letters,
            starts: &self.letter_start[from..=to],
        };
        find_run(&record, query)
    }

    /// Where `c` first occurs in record `k`'s lower-cased text.
    pub(crate) fn text_position(&self, k: usize, c: char) -> Option<usize> {
        let from = self.text_range[k] as usize;
        let to = self.text_range[k + 1] as usize;
        self.flat_text[from..to].iter().position(|&x| x == c)
    }

    /// The char positions in record `k`'s text of syllables `start..start + count`.
    pub(crate) fn syllable_chars(&self, k: usize, start: usize, count: usize) -> &[u32] {
        let from = self.syllable_range[k] as usize + start;
        &self.source_char[from..from + count]
    }
}

/// What one character gives a text's syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharSyllable {
    /// A Chinese character: its plain pinyin (never empty).
    Han(&'static [u8]),
    /// A Chinese character without letters in the pinyin table.
    SilentHan,
    /// An ASCII letter or digit, lower-cased: a syllable of one.
    Letter(u8),
    /// Anything else: no syllable.
    Nothing,
}

/// The syllable `ch` gives: the one definition, for the in-memory keys and the search
/// pack alike.
pub(crate) fn char_syllable(ch: char) -> CharSyllable {
    match ch.to_pinyin() {
        Some(p) if p.plain().is_empty() => CharSyllable::SilentHan,
        Some(p) => CharSyllable::Han(p.plain().as_bytes()),
        None if ch.is_ascii_alphanumeric() => CharSyllable::Letter(ch.to_ascii_lowercase() as u8),
        None => CharSyllable::Nothing,
    }
}

/// Calls `each` with the letters of every syllable of `text` and the char index it
/// comes from (see [`char_syllable`]). Returns whether the text has a Chinese character.
pub(crate) fn each_syllable(text: &str, mut each: impl FnMut(&[u8], usize)) -> bool {
    let mut has_han = false;
    for (index, ch) in text.chars().enumerate() {
        match char_syllable(ch) {
            CharSyllable::Han(letters) => {
                has_han = true;
                each(letters, index);
            }
            CharSyllable::SilentHan => has_han = true,
            CharSyllable::Letter(b) => each(&[b], index),
            CharSyllable::Nothing => {}
        }
    }
    has_han
}

/// One record's syllables, in order, as the matcher reads them.
pub(crate) trait SyllableSeq {
    fn count(&self) -> usize;
    /// Syllable `s`'s first letter.
    fn initial(&self, s: usize) -> u8;
    /// Syllable `s`'s letters.
    fn letters(&self, s: usize) -> &[u8];
}

/// The earliest run of consecutive syllables of `seq` matching `query`, each piece of
/// the query a prefix of its syllable (`xitu` = xi|tu, `xt` = x|t, `xityc` =
/// xi|t|y|c): its first syllable and how many it used.
pub(crate) fn find_run(seq: &impl SyllableSeq, query: &[u8]) -> Option<(usize, usize)> {
    let first = *query.first()?;
    let end = seq.count();
    (0..end)
        .filter(|&s| seq.initial(s) == first)
        .find_map(|start| extend(seq, query, start, end).map(|after| (start, after - start)))
}

/// Matches `query` from syllable `at` (before `end`); returns the syllable after it.
fn extend(seq: &impl SyllableSeq, query: &[u8], at: usize, end: usize) -> Option<usize> {
    if query.is_empty() {
        return Some(at);
    }
    if at >= end {
        return None;
    }
    let common = query
        .iter()
        .zip(seq.letters(at))
        .take_while(|(a, b)| a == b)
        .count();
    // The longest shared prefix first, then shorter ones (xian may be xi|an).
    (1..=common)
        .rev()
        .find_map(|n| extend(seq, &query[n..], at + 1, end))
}

/// One record's syllables in [`Keys`].
struct KeysRecord<'a> {
    initials: &'a [u8],
    letters: &'a [u8],
    /// Syllable `s` is `letters[starts[s]..starts[s + 1]]`.
    starts: &'a [u32],
}

impl SyllableSeq for KeysRecord<'_> {
    fn count(&self) -> usize {
        self.initials.len()
    }

    fn initial(&self, s: usize) -> u8 {
        self.initials[s]
    }

    fn letters(&self, s: usize) -> &[u8] {
        &self.letters[self.starts[s] as usize..self.starts[s + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Keys {
        let mut keys = Keys::new();
        keys.push("前一条");
        keys.push(text);
        keys
    }

    #[test]
    fn syllables_map_back_to_the_chars() {
        let keys = one("稀土 A5");
        assert_eq!(keys.match_syllables(1, b"xitua5"), Some((0, 4)));
        assert_eq!(keys.syllable_chars(1, 0, 4), &[0, 1, 3, 4]);
        assert!(keys.has_han[1]);
        assert!(!one("LoRa").has_han[1]);
    }

    #[test]
    fn queries_match_syllable_prefixes_in_a_row() {
        let keys = one("内蒙古大学稀土永磁");
        let m = |q: &[u8]| keys.match_syllables(1, q);
        assert_eq!(m(b"nmgdx"), Some((0, 5)));
        assert_eq!(m(b"xitu"), Some((5, 2)));
        assert_eq!(m(b"xt"), Some((5, 2)));
        assert_eq!(m(b"xityc"), Some((5, 4)));
        assert_eq!(m(b"daxue"), Some((3, 2)));
        assert_eq!(m(b"xtc"), None, "永 sits between 土 and 磁");
        assert_eq!(m(b"menggu"), Some((1, 2)));
        assert_eq!(
            m(b"qian"),
            None,
            "another record's syllables are not reached"
        );
    }

    #[test]
    fn ascii_words_match_inside() {
        let keys = one("LoRa 传感器");
        assert_eq!(keys.match_syllables(1, b"lora"), Some((0, 4)));
        assert_eq!(keys.match_syllables(1, b"ora"), Some((1, 3)));
        assert_eq!(keys.match_syllables(1, b"cgq"), Some((4, 3)));
    }
}
