//! The keys of all records, stored flat (one array per form, not one allocation per
//! record) so a search walks memory in order: each record's text lower-cased, every
//! character as a two-byte number in a table of the distinct characters (a fair has a
//! few thousand). The table gives each character its pinyin syllable (for ASCII
//! queries), so a record's syllables are its characters that have one, and a
//! syllable's place in the original text is its character's: nothing per syllable is
//! stored.
//!
//! A record whose text cannot be laid out that way is kept whole beside the rest
//! ([`Wide`]): a character that lower-cases to several (`İ`), or to a character with
//! another syllable (the Kelvin sign lower-cases to `k`), or a new character once the
//! table holds 65,536.
use nucleo_matcher::Utf32Str;
use pinyin::ToPinyin;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Record flags: the text has a Chinese character.
const HAN: u8 = 1;
/// Record flags: the record is kept in [`Keys::wide`].
const WIDE: u8 = 2;

/// The most characters the table holds (numbers are `u16`).
const TABLE_MAX: usize = 1 << 16;

/// A syllable's first letter as a bit: the digits and the lower-case letters; 0 for
/// anything else.
fn initial_bit(b: u8) -> u64 {
    match b {
        b'0'..=b'9' => 1 << (b - b'0'),
        b'a'..=b'z' => 1 << (10 + b - b'a'),
        _ => 0,
    }
}

/// Every byte as a one-byte slice: the letters of an ASCII letter's or digit's syllable.
static BYTES: [u8; 256] = {
    let mut bytes = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        bytes[i] = i as u8;
        i += 1;
    }
    bytes
};

/// Hashes a character for the table (the default hasher is several times slower, and
/// keys are made for 100,000 records at once).
#[derive(Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The distinct lower-cased characters of all records, each with its syllable.
#[derive(Debug, Clone)]
struct CharTable {
    number: HashMap<char, u16, BuildHasherDefault<CharHasher>>,
    /// The numbers of the ASCII characters seen (lower-cased), found without hashing.
    ascii: [Option<u16>; 128],
    /// By number: the character.
    chars: Vec<char>,
    /// By number: the syllable's letters (empty: no syllable).
    letters: Vec<&'static [u8]>,
    /// By number: the syllable's first letter, 0 when there is none (scanned for the
    /// first letter of an ASCII query; as large as a number can be, so reading it by a
    /// character's number needs no bounds check).
    initial: Box<[u8; TABLE_MAX]>,
    /// By number: whether the character is Chinese.
    han: Vec<bool>,
}

/// A table of initials, all 0, without building it on the stack.
fn zeroed_initials() -> Box<[u8; TABLE_MAX]> {
    match vec![0u8; TABLE_MAX].into_boxed_slice().try_into() {
        Ok(table) => table,
        Err(_) => unreachable!("the vector has TABLE_MAX bytes"),
    }
}

impl Default for CharTable {
    fn default() -> CharTable {
        CharTable {
            number: HashMap::default(),
            ascii: [None; 128],
            chars: Vec::new(),
            letters: Vec::new(),
            initial: zeroed_initials(),
            han: Vec::new(),
        }
    }
}

impl CharTable {
    /// The number of `ch` (as written) whose lower case is `lower`, added if new; `None`
    /// when the table is full or `ch` does not give the syllable `lower` gives.
    fn number(&mut self, ch: char, lower: char) -> Option<u16> {
        if ch.is_ascii() {
            // An ASCII character lower-cases to one ASCII character with its syllable.
            if let Some(n) = self.ascii[lower as usize] {
                return Some(n);
            }
            let n = self.add(lower, char_syllable(lower))?;
            self.ascii[lower as usize] = Some(n);
            return Some(n);
        }
        if ch != lower && char_syllable(ch) != char_syllable(lower) {
            return None;
        }
        if let Some(&n) = self.number.get(&lower) {
            return Some(n);
        }
        self.add(lower, char_syllable(lower))
    }

    fn add(&mut self, lower: char, syllable: CharSyllable) -> Option<u16> {
        if self.chars.len() >= TABLE_MAX {
            return None;
        }
        let n = self.chars.len() as u16;
        let (letters, han): (&'static [u8], bool) = match syllable {
            CharSyllable::Han(letters) => (letters, true),
            CharSyllable::SilentHan => (&[], true),
            CharSyllable::Letter(b) => (&BYTES[b as usize..b as usize + 1], false),
            CharSyllable::Nothing => (&[], false),
        };
        self.number.insert(lower, n);
        self.chars.push(lower);
        self.letters.push(letters);
        self.initial[usize::from(n)] = letters.first().copied().unwrap_or(0);
        self.han.push(han);
        Some(n)
    }
}

/// A record kept whole: its lower-cased text and its syllables, as they were made
/// before the table (see the module's note for when).
#[derive(Debug, Clone)]
struct Wide {
    record: u32,
    text: Vec<char>,
    initials: Vec<u8>,
    letters: Vec<u8>,
    /// Syllable `s` is `letters[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    /// Each syllable's char index in the original text.
    source_char: Vec<u32>,
}

impl Wide {
    fn new(record: u32, text: &str) -> (Wide, bool) {
        let mut wide = Wide {
            record,
            text: text.chars().flat_map(char::to_lowercase).collect(),
            initials: Vec::new(),
            letters: Vec::new(),
            starts: vec![0],
            source_char: Vec::new(),
        };
        let has_han = each_syllable(text, |letters, index| {
            let Some(&first) = letters.first() else {
                return;
            };
            wide.initials.push(first);
            wide.letters.extend_from_slice(letters);
            wide.starts.push(wide.letters.len() as u32);
            wide.source_char.push(index as u32);
        });
        (wide, has_han)
    }
}

impl SyllableSeq for Wide {
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

#[derive(Debug, Clone)]
pub struct Keys {
    /// Per record: [`HAN`], [`WIDE`].
    flags: Vec<u8>,
    /// All records' lower-cased texts, each character its number in `table`,
    /// concatenated: a query's characters are looked for here first, walking memory in
    /// order, before the matcher runs. A character's index in its record is its index in
    /// the original text.
    chars: Vec<u16>,
    /// Record `k`'s characters are `text_range[k]..text_range[k + 1]` of `chars`
    /// (empty for a wide record).
    text_range: Vec<u32>,
    /// Per record: the first letters of its syllables as bits ([`initial_bit`]), so an
    /// ASCII query skips a record without its first letter unread.
    initial_bits: Vec<u64>,
    table: CharTable,
    /// The wide records, in record order.
    wide: Vec<Wide>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys::new()
    }
}

/// A character of a query, with its number in the keys' table (`None`: no record but a
/// wide one can have it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct QueryChar {
    pub ch: char,
    number: Option<u16>,
}

impl Keys {
    pub fn new() -> Keys {
        Keys {
            flags: Vec::new(),
            chars: Vec::new(),
            text_range: vec![0],
            initial_bits: Vec::new(),
            table: CharTable::default(),
            wide: Vec::new(),
        }
    }

    /// Keys with room for `records` records of `chars` characters in all, so that
    /// building them never copies what is built (a copy doubles their memory for a
    /// moment).
    pub fn with_capacity(records: usize, chars: usize) -> Keys {
        let mut keys = Keys::new();
        keys.flags.reserve_exact(records);
        keys.text_range.reserve_exact(records);
        keys.initial_bits.reserve_exact(records);
        keys.chars.reserve_exact(chars);
        keys
    }

    pub fn len(&self) -> usize {
        self.flags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// Whether record `k`'s text has a Chinese character.
    pub(crate) fn has_han(&self, k: usize) -> bool {
        self.flags[k] & HAN != 0
    }

    /// The bytes each part of the keys takes (length, not capacity), by name: to see
    /// what weighs what.
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        let wide: usize = self
            .wide
            .iter()
            .map(|w| {
                std::mem::size_of::<Wide>()
                    + 4 * (w.text.len() + w.starts.len() + w.source_char.len())
                    + w.initials.len()
                    + w.letters.len()
            })
            .sum();
        let t = &self.table;
        vec![
            ("flags", self.flags.len()),
            ("chars", 2 * self.chars.len()),
            ("text_range", 4 * self.text_range.len()),
            ("initial_bits", 8 * self.initial_bits.len()),
            (
                "table",
                t.chars.len() * (4 + 16 + 1 + 1) + t.number.capacity() * 8,
            ),
            ("wide", wide),
        ]
    }

    /// Record `k`'s wide keys, if it is wide.
    fn wide(&self, k: usize) -> Option<&Wide> {
        if self.flags[k] & WIDE == 0 {
            return None;
        }
        let at = self
            .wide
            .binary_search_by_key(&(k as u32), |w| w.record)
            .ok()?;
        self.wide.get(at)
    }

    /// Record `k`'s characters' numbers.
    fn record_chars(&self, k: usize) -> &[u16] {
        let from = self.text_range[k] as usize;
        let to = self.text_range[k + 1] as usize;
        &self.chars[from..to]
    }

    /// A (lower-cased) query character with its number in the table.
    pub(crate) fn query_char(&self, ch: char) -> QueryChar {
        let number = if ch.is_ascii() {
            self.table.ascii[ch as usize]
        } else {
            self.table.number.get(&ch).copied()
        };
        QueryChar { ch, number }
    }

    /// Record `k`'s lower-cased text, for the matcher, made in `buf` (a wide record's
    /// is borrowed).
    pub(crate) fn text<'a>(&'a self, k: usize, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
        if let Some(wide) = self.wide(k) {
            return Utf32Str::Unicode(&wide.text);
        }
        buf.clear();
        let chars = &self.table.chars;
        buf.extend(self.record_chars(k).iter().map(|&n| chars[usize::from(n)]));
        Utf32Str::Unicode(buf)
    }

    /// Forgets every record, keeping the memory (and the character table) for the next
    /// ones.
    pub fn clear(&mut self) {
        self.flags.clear();
        self.chars.clear();
        self.text_range.truncate(1);
        self.initial_bits.clear();
        self.wide.clear();
    }

    /// Adds one record's searchable text.
    pub fn push(&mut self, text: &str) {
        let record = self.flags.len() as u32;
        let start = self.chars.len();
        let mut has_han = false;
        let mut bits = 0;
        let mut fits = true;
        for ch in text.chars() {
            let lower = if ch.is_ascii() {
                ch.to_ascii_lowercase()
            } else {
                let mut lower = ch.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(one), None) => one,
                    _ => {
                        fits = false;
                        break;
                    }
                }
            };
            let Some(n) = self.table.number(ch, lower) else {
                fits = false;
                break;
            };
            has_han |= self.table.han[usize::from(n)];
            bits |= initial_bit(self.table.initial[usize::from(n)]);
            self.chars.push(n);
        }
        let mut flags = 0;
        if !fits {
            self.chars.truncate(start);
            let (wide, wide_han) = Wide::new(record, text);
            self.wide.push(wide);
            has_han = wide_han;
            bits = u64::MAX;
            flags |= WIDE;
        }
        if has_han {
            flags |= HAN;
        }
        self.flags.push(flags);
        self.initial_bits.push(bits);
        self.text_range.push(self.chars.len() as u32);
    }

    /// Adds one record's searchable text (its syllables come with it); returns whether
    /// the text has a Chinese character.
    pub fn push_syllables(&mut self, text: &str) -> bool {
        self.push(text);
        self.has_han(self.len() - 1)
    }

    /// Matches an ASCII query against runs of consecutive syllables of record `k`, each
    /// piece of the query a prefix of its syllable: `xitu` = xi|tu, `xt` = x|t,
    /// `nmgdx` = n|m|g|d|x, `xityc` = xi|t|y|c. Returns the earliest match's first
    /// syllable (counted within the record) and how many syllables it used.
    pub(crate) fn match_syllables(&self, k: usize, query: &[u8]) -> Option<(usize, usize)> {
        if let Some(wide) = self.wide(k) {
            return find_run(wide, query);
        }
        let first = *query.first()?;
        // No syllable starts with anything but a lower-case letter or a digit (0 marks a
        // character without a syllable).
        if self.initial_bits[k] & initial_bit(first) == 0 {
            return None;
        }
        let chars = self.record_chars(k);
        let initial = &self.table.initial;
        // The same search as `find_run`, on the characters that have a syllable.
        let mut syllables_before = 0;
        for (at, &n) in chars.iter().enumerate() {
            let letter = initial[usize::from(n)];
            if letter == first
                && let Some(after) = self.extend(chars, query, at)
            {
                let count = chars[at..after]
                    .iter()
                    .filter(|&&n| initial[usize::from(n)] != 0)
                    .count();
                return Some((syllables_before, count));
            }
            syllables_before += usize::from(letter != 0);
        }
        None
    }

    /// Matches `query` from the first syllable at or after char `at` of `chars`;
    /// returns the char after the last syllable used.
    fn extend(&self, chars: &[u16], query: &[u8], at: usize) -> Option<usize> {
        if query.is_empty() {
            return Some(at);
        }
        let initial = &self.table.initial;
        let mut at = at;
        while initial[usize::from(*chars.get(at)?)] == 0 {
            at += 1;
        }
        let letters = self.table.letters[usize::from(chars[at])];
        let common = query
            .iter()
            .zip(letters)
            .take_while(|(a, b)| a == b)
            .count();
        // The longest shared prefix first, then shorter ones (xian may be xi|an).
        (1..=common)
            .rev()
            .find_map(|n| self.extend(chars, &query[n..], at + 1))
    }

    /// Where `c` first occurs in record `k`'s lower-cased text. `likely`: the record
    /// probably has it (it matched the query's previous keystroke), so it is looked for
    /// one character at a time from the start, which finds an early one soonest.
    pub(crate) fn text_position(&self, k: usize, c: QueryChar, likely: bool) -> Option<usize> {
        if let Some(wide) = self.wide(k) {
            return wide.text.iter().position(|&x| x == c.ch);
        }
        let chars = self.record_chars(k);
        let n = c.number?;
        if likely {
            chars.iter().position(|&x| x == n)
        } else {
            find_number(chars, n)
        }
    }

    /// The char positions in record `k`'s text of syllables `start..start + count`.
    pub(crate) fn syllable_chars(&self, k: usize, start: usize, count: usize) -> Vec<usize> {
        if let Some(wide) = self.wide(k) {
            return wide
                .source_char
                .iter()
                .skip(start)
                .take(count)
                .map(|&c| c as usize)
                .collect();
        }
        let initial = &self.table.initial;
        self.record_chars(k)
            .iter()
            .enumerate()
            .filter(|&(_, &n)| initial[usize::from(n)] != 0)
            .skip(start)
            .take(count)
            .map(|(at, _)| at)
            .collect()
    }
}

/// Where `n` first occurs in `chars`: sixteen at a time without a branch (the compiler
/// compares them in one or two vector instructions), then within the sixteen found.
fn find_number(chars: &[u16], n: u16) -> Option<usize> {
    const LANES: usize = 16;
    let mut blocks = chars.chunks_exact(LANES);
    let mut base = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |found, &x| found | (x == n)) {
            return block.iter().position(|&x| x == n).map(|i| base + i);
        }
        base += LANES;
    }
    blocks
        .remainder()
        .iter()
        .position(|&x| x == n)
        .map(|i| base + i)
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
        assert_eq!(keys.syllable_chars(1, 0, 4), vec![0, 1, 3, 4]);
        assert!(keys.has_han(1));
        assert!(!one("LoRa").has_han(1));
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

    /// What the keys must give for record `k`: the same as a record kept whole (the
    /// layout before the character table, still used for wide records).
    fn same_as_whole(keys: &Keys, k: usize, text: &str, queries: &[&[u8]]) {
        let (whole, has_han) = Wide::new(0, text);
        assert_eq!(keys.has_han(k), has_han, "{text:?}");
        let mut buf = Vec::new();
        match keys.text(k, &mut buf) {
            Utf32Str::Unicode(chars) => assert_eq!(chars, whole.text.as_slice(), "{text:?}"),
            Utf32Str::Ascii(_) => panic!("the text is always given as chars"),
        }
        for &c in whole
            .text
            .iter()
            .chain(['稀', 'x', '\u{20000}', ' '].iter())
        {
            for likely in [false, true] {
                assert_eq!(
                    keys.text_position(k, keys.query_char(c), likely),
                    whole.text.iter().position(|&x| x == c),
                    "{text:?} {c:?}"
                );
            }
        }
        for &query in queries {
            let expected = find_run(&whole, query);
            assert_eq!(
                keys.match_syllables(k, query),
                expected,
                "{text:?} {query:?}"
            );
            if let Some((start, count)) = expected {
                let chars: Vec<usize> = whole.source_char[start..start + count]
                    .iter()
                    .map(|&c| c as usize)
                    .collect();
                assert_eq!(keys.syllable_chars(k, start, count), chars, "{text:?}");
            }
        }
    }

    /// Every query made of the text's own syllables (prefixes of one to three in a row),
    /// and a few that are not.
    fn queries_of(text: &str) -> Vec<Vec<u8>> {
        let (whole, _) = Wide::new(0, text);
        let mut queries: Vec<Vec<u8>> = vec![b"x".to_vec(), b"zz".to_vec(), b"a1".to_vec()];
        for s in 0..whole.count() {
            for run in 1..=3.min(whole.count() - s) {
                let mut full = Vec::new();
                let mut initials = Vec::new();
                for t in s..s + run {
                    full.extend_from_slice(whole.letters(t));
                    initials.push(whole.initial(t));
                }
                queries.push(full);
                queries.push(initials);
            }
        }
        queries
    }

    fn check_texts(texts: &[&str]) {
        let mut keys = Keys::new();
        for text in texts {
            keys.push(text);
        }
        assert_eq!(keys.len(), texts.len());
        for (k, text) in texts.iter().enumerate() {
            let queries = queries_of(text);
            let queries: Vec<&[u8]> = queries.iter().map(Vec::as_slice).collect();
            same_as_whole(&keys, k, text, &queries);
        }
    }

    #[test]
    fn edge_texts_give_what_a_whole_record_gives() {
        let long: String = "稀土永磁 LoRa 5G 𠀀 ".repeat(5_000);
        check_texts(&[
            "",
            "稀土 A5",
            // Astral characters: a Chinese one (extension B) and a Deseret letter with case.
            "𠀀𠀁稀土 𐐀𐐨 x",
            // Lower-case to several characters, or to an ASCII letter of another syllable.
            "İstanbul 稀土",
            "\u{212A}elvin 稀土 k",
            "ÉCOLE école Straße ΣΊΣΥΦΟΣ",
            // Mixed scripts.
            "内蒙古 Mongolia Монголия 몽골 モンゴル ١٢٣",
            "   ",
            &long,
            "\u{0}\u{FFFF}\u{10FFFF}",
        ]);
    }

    #[test]
    fn a_full_character_table_keeps_later_records_whole() {
        // 65,536 distinct characters fill the table; the record that overflows it and
        // any later record with a new character are kept whole, the rest stay compact.
        let many: String = (0x1_0000u32..0x2_0400).filter_map(char::from_u32).collect();
        let texts = [
            "稀土永磁 LoRa",
            many.as_str(),
            "稀土 lora",
            "磁 \u{4E01}丁 ding",
            "",
        ];
        check_texts(&texts);
        let mut keys = Keys::new();
        for text in texts {
            keys.push(text);
        }
        assert_eq!(keys.table.chars.len(), TABLE_MAX);
        assert_eq!(
            keys.flags.iter().map(|f| f & WIDE != 0).collect::<Vec<_>>(),
            [false, true, false, true, false]
        );
        assert_eq!(keys.match_syllables(3, b"ding"), Some((1, 1)));
        assert_eq!(keys.match_syllables(0, &[0]), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_what_a_whole_record_gives(
            texts in proptest::collection::vec(
                "[a-zA-Z0-9 稀土永磁内蒙古大学西安行İ\u{212A}𠀀𐐀𐐨éÉß·-]{0,24}",
                1..6,
            ),
            extra in proptest::collection::vec("[a-z0-9]{1,6}", 0..4),
        ) {
            let mut keys = Keys::new();
            for text in &texts {
                keys.push(text);
            }
            for (k, text) in texts.iter().enumerate() {
                let mut queries = queries_of(text);
                queries.extend(extra.iter().map(|q| q.as_bytes().to_vec()));
                let queries: Vec<&[u8]> = queries.iter().map(Vec::as_slice).collect();
                same_as_whole(&keys, k, text, &queries);
            }
        }
    }

    #[test]
    fn a_number_is_found_first_where_it_first_is() {
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100] {
            let chars: Vec<u16> = (0..len as u16).map(|i| i % 20).collect();
            for n in 0..22 {
                assert_eq!(
                    find_number(&chars, n),
                    chars.iter().position(|&x| x == n),
                    "{len} {n}"
                );
            }
        }
    }

    #[test]
    fn ascii_words_match_inside() {
        let keys = one("LoRa 传感器");
        assert_eq!(keys.match_syllables(1, b"lora"), Some((0, 4)));
        assert_eq!(keys.match_syllables(1, b"ora"), Some((1, 3)));
        assert_eq!(keys.match_syllables(1, b"cgq"), Some((4, 3)));
    }
}
