//! The search pack: the texts of one kind of record (achievement titles, organization
//! names), in listing order, with their pinyin syllables made once, in one byte string.
//! `fairdesk search` reads it as one value from the file instead of stepping through
//! every row, and matches syllables made once instead of making every title's again.
//!
//! A text is kept as the numbers of its characters in a table of the distinct ones (a
//! few thousand), two bytes a character; the table gives each character its syllable.
//! That makes a pack of 100,000 titles a third of the size of their UTF-8 and
//! syllables laid side by side, and SQLite reads (and writes) a large value one page,
//! one system call, at a time.
//!
//! Layout (integers little-endian `u32` unless marked):
//!
//! ```text
//! "FDSP" FORMAT count char_count char_table_count syllable_count syllable_len
//! syllable_end[syllable_count]   end of each distinct syllable's letters
//! syllables[syllable_len]        their letters
//! char_table[char_table_count]   (code point, entry): see `UNKNOWN` for the entry
//! text_end[count]                end of record k's characters in `chars`
//! has_han[count]                 u8: 1 when record k's text has a Chinese character
//! chars[char_count]              u16: each character's number in `char_table`
//! ```
//!
//! Matching and ranking are [`OnceSearch`]'s: a pack gives the same hits in the same
//! order as scoring the texts one by one.
use crate::search::Hit;
use crate::search::index::OnceSearch;
use crate::search::key::{CharSyllable, SyllableSeq, char_syllable};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const MAGIC: &[u8; 4] = b"FDSP";

/// The layout's version. Change it whenever the layout or the syllables of a text
/// change (another pinyin table, say): a pack of another format is rebuilt, not read.
pub const FORMAT: u32 = 1;

/// What a character gives (its entry in the character table): nothing, a Chinese
/// character without letters, or a syllable:
/// `SYLLABLE | number << 9 | first letter << 1 | 1 if Chinese`.
const NOTHING: u32 = 1;
const SILENT_HAN: u32 = 2;
const SYLLABLE: u32 = 1 << 31;

/// No syllable, in a table of syllable numbers (there are fewer than 65,535 syllables).
const NO_SYLLABLE: u16 = u16::MAX;

fn entry_is_han(entry: u32) -> bool {
    entry == SILENT_HAN || (entry & SYLLABLE != 0 && entry & 1 == 1)
}

/// The syllable number of a syllable entry.
fn entry_number(entry: u32) -> Option<usize> {
    (entry & SYLLABLE != 0).then_some(((entry >> 9) & 0xFFFF) as usize)
}

/// Collects texts, in listing order, into a pack.
#[derive(Default)]
pub struct PackBuilder {
    texts: Vec<u8>,
    text_end: Vec<usize>,
}

/// A syllable's letters as one number: syllables have at most 7 letters (pinyin has 6),
/// so the number is distinct for every syllable; a longer one is refused (`None`).
fn syllable_key(letters: &[u8]) -> Option<u64> {
    if letters.len() > 7 {
        return None;
    }
    Some(
        letters
            .iter()
            .fold(letters.len() as u64, |key, &b| (key << 8) | u64::from(b)),
    )
}

/// A multiplicative hash for [`syllable_key`]s: SipHash's protection against chosen
/// keys is not needed for a few hundred syllables, and it cost more than the rest of
/// building a pack.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn to_u32(n: usize, too_big: &mut bool) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| {
        *too_big = true;
        0
    })
}

/// The texts as character numbers, with the tables they refer to.
struct Encoded {
    /// The distinct syllables' letters, by number.
    syllables: Vec<Vec<u8>>,
    syllable_numbers: HashMap<u64, u16, BuildHasherDefault<KeyHasher>>,
    /// The distinct characters and their entries, by number.
    char_table: Vec<(char, u32)>,
    /// Each BMP character's number plus one (0: not seen yet), and `HAN_BIT` when it is
    /// Chinese: each character is looked up in the pinyin table once, not each time it
    /// occurs.
    bmp_numbers: Vec<u32>,
    other_numbers: HashMap<char, u16>,
    chars: Vec<u16>,
    text_end: Vec<usize>,
    has_han: Vec<u8>,
    too_big: bool,
}

impl Encoded {
    fn new(text_len: usize) -> Encoded {
        Encoded {
            syllables: Vec::new(),
            syllable_numbers: HashMap::default(),
            char_table: Vec::new(),
            bmp_numbers: vec![0; 0x10000],
            other_numbers: HashMap::new(),
            chars: Vec::with_capacity(text_len / 2),
            text_end: Vec::new(),
            has_han: Vec::new(),
            too_big: false,
        }
    }

    /// `ch`'s entry, made from [`char_syllable`]. Once per distinct character.
    #[cold]
    #[inline(never)]
    fn entry(&mut self, ch: char) -> u32 {
        let (letters, han): (&[u8], bool) = match char_syllable(ch) {
            CharSyllable::Nothing => return NOTHING,
            CharSyllable::SilentHan => return SILENT_HAN,
            CharSyllable::Han(letters) => (letters, true),
            CharSyllable::Letter(b) => (&[b], false),
        };
        let Some(key) = syllable_key(letters) else {
            self.too_big = true;
            return NOTHING;
        };
        let syllables = &mut self.syllables;
        let mut too_big = false;
        let number = *self.syllable_numbers.entry(key).or_insert_with(|| {
            // Fewer than `NO_SYLLABLE` numbers.
            let n = u16::try_from(syllables.len())
                .ok()
                .filter(|&n| n != NO_SYLLABLE)
                .unwrap_or_else(|| {
                    too_big = true;
                    0
                });
            syllables.push(letters.to_vec());
            n
        });
        self.too_big |= too_big;
        SYLLABLE | u32::from(number) << 9 | u32::from(letters[0]) << 1 | u32::from(han)
    }

    /// `ch`'s number in the character table, added when new, and whether it is Chinese.
    fn number(&mut self, ch: char) -> (u16, bool) {
        let code = ch as usize;
        if let Some(&known) = self.bmp_numbers.get(code)
            && known != 0
        {
            return (((known & 0xFFFF) - 1) as u16, known & HAN_BIT != 0);
        }
        self.add(ch)
    }

    #[cold]
    #[inline(never)]
    fn add(&mut self, ch: char) -> (u16, bool) {
        if let Some(&n) = self.other_numbers.get(&ch) {
            let han = self
                .char_table
                .get(usize::from(n))
                .is_some_and(|&(_, e)| entry_is_han(e));
            return (n, han);
        }
        let entry = self.entry(ch);
        let han = entry_is_han(entry);
        // Numbers below `u16::MAX`, so the number plus one fits 16 bits.
        let Some(n) = u16::try_from(self.char_table.len())
            .ok()
            .filter(|&n| n != u16::MAX)
        else {
            self.too_big = true;
            return (0, han);
        };
        self.char_table.push((ch, entry));
        match self.bmp_numbers.get_mut(ch as usize) {
            Some(slot) => *slot = (u32::from(n) + 1) | if han { HAN_BIT } else { 0 },
            None => {
                self.other_numbers.insert(ch, n);
            }
        }
        (n, han)
    }

    fn push(&mut self, text: &str) {
        let mut has_han = false;
        for ch in text.chars() {
            let (n, han) = self.number(ch);
            has_han |= han;
            self.chars.push(n);
        }
        self.text_end.push(self.chars.len());
        self.has_han.push(u8::from(has_han));
    }
}

/// Marks a Chinese character in `Encoded::bmp_numbers`.
const HAN_BIT: u32 = 1 << 16;

impl PackBuilder {
    pub fn new() -> PackBuilder {
        PackBuilder::default()
    }

    pub fn push(&mut self, text: &str) {
        self.push_bytes(text.as_bytes());
    }

    /// A text as the file holds it; one that is not UTF-8 is searched as "".
    pub fn push_bytes(&mut self, text: &[u8]) {
        self.texts.extend_from_slice(text);
        self.text_end.push(self.texts.len());
    }

    /// The pack's bytes; `None` when the texts do not fit the layout (more than 65,535
    /// distinct characters, say).
    pub fn finish(self) -> Option<Vec<u8>> {
        let mut encoded = Encoded::new(self.texts.len());
        let all_utf8 = simdutf8::basic::from_utf8(&self.texts).ok();
        let mut from = 0;
        for &end in &self.text_end {
            let bytes = &self.texts[from..end];
            from = end;
            // Checked all at once in the usual case; a text that is not UTF-8 is "".
            let text = match all_utf8.and_then(|all| all.get(end - bytes.len()..end)) {
                Some(text) => text,
                None => std::str::from_utf8(bytes).unwrap_or(""),
            };
            encoded.push(text);
        }
        let mut too_big = encoded.too_big;
        let mut syllable_end = Vec::with_capacity(encoded.syllables.len());
        let mut syllable_len = 0usize;
        for letters in &encoded.syllables {
            syllable_len += letters.len();
            syllable_end.push(to_u32(syllable_len, &mut too_big));
        }
        let header = [
            FORMAT,
            to_u32(encoded.text_end.len(), &mut too_big),
            to_u32(encoded.chars.len(), &mut too_big),
            to_u32(encoded.char_table.len(), &mut too_big),
            to_u32(encoded.syllables.len(), &mut too_big),
            to_u32(syllable_len, &mut too_big),
        ];
        let text_end: Vec<u32> = encoded
            .text_end
            .iter()
            .map(|&e| to_u32(e, &mut too_big))
            .collect();
        if too_big {
            return None;
        }
        let count = text_end.len();
        let mut out = Vec::with_capacity(
            4 + 4 * header.len()
                + 4 * syllable_end.len()
                + syllable_len
                + 8 * encoded.char_table.len()
                + 5 * count
                + 2 * encoded.chars.len(),
        );
        out.extend_from_slice(MAGIC);
        let words = |out: &mut Vec<u8>, ns: &[u32]| {
            for n in ns {
                out.extend_from_slice(&n.to_le_bytes());
            }
        };
        words(&mut out, &header);
        words(&mut out, &syllable_end);
        for letters in &encoded.syllables {
            out.extend_from_slice(letters);
        }
        for &(ch, entry) in &encoded.char_table {
            words(&mut out, &[ch as u32, entry]);
        }
        words(&mut out, &text_end);
        out.extend_from_slice(&encoded.has_han);
        let start = out.len();
        out.resize(start + 2 * encoded.chars.len(), 0);
        for (bytes, n) in out[start..].chunks_exact_mut(2).zip(&encoded.chars) {
            bytes.copy_from_slice(&n.to_le_bytes());
        }
        Some(out)
    }
}

/// A pack read.
pub struct Pack<'a> {
    /// The distinct syllables' letters, by number.
    syllables: Vec<&'a [u8]>,
    /// The distinct characters, by number.
    char_of: Vec<char>,
    /// Their entries (see `UNKNOWN`), by number.
    entry_of: Vec<u32>,
    text_end: Vec<u32>,
    has_han: &'a [u8],
    /// Every text's characters, by number.
    chars: Vec<u16>,
}

/// Splits `n` bytes off the front of `rest`.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if rest.len() < n {
        return None;
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Some(head)
}

fn u32_at(chunk: &[u8]) -> u32 {
    u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])
}

/// `count` u32s off the front of `rest`: each at most `limit`, none below the one
/// before (record k's range is `array[k - 1]..array[k]`).
fn ends(rest: &mut &[u8], count: usize, limit: u32) -> Option<Vec<u32>> {
    let bytes = take(rest, count.checked_mul(4)?)?;
    let mut out = Vec::with_capacity(count);
    let mut previous = 0;
    for chunk in bytes.chunks_exact(4) {
        let n = u32_at(chunk);
        if n < previous || n > limit {
            return None;
        }
        out.push(n);
        previous = n;
    }
    Some(out)
}

fn read_u32(rest: &mut &[u8]) -> Option<u32> {
    take(rest, 4).map(u32_at)
}

/// Calls `each` with every position of `n` in `chars`, in order. Blocks without it are
/// passed over by a comparison the compiler does many at a time.
fn each_position(chars: &[u16], n: u16, mut each: impl FnMut(usize)) {
    const BLOCK: usize = 64;
    for (b, block) in chars.chunks(BLOCK).enumerate() {
        if block.iter().fold(false, |seen, &x| seen | (x == n)) {
            for (i, &x) in block.iter().enumerate() {
                if x == n {
                    each(b * BLOCK + i);
                }
            }
        }
    }
}

/// One record's syllables, made from its characters.
struct RecordSyllables<'p> {
    /// Each syllable's number.
    numbers: &'p [u16],
    syllables: &'p [&'p [u8]],
}

impl SyllableSeq for RecordSyllables<'_> {
    fn count(&self) -> usize {
        self.numbers.len()
    }

    fn initial(&self, s: usize) -> u8 {
        self.letters(s).first().copied().unwrap_or(0)
    }

    fn letters(&self, s: usize) -> &[u8] {
        self.syllables
            .get(usize::from(self.numbers[s]))
            .copied()
            .unwrap_or(&[])
    }
}

impl<'a> Pack<'a> {
    /// Reads a pack; `None` unless it is a well-formed pack of this [`FORMAT`] (then it
    /// must be rebuilt from the rows).
    pub fn parse(bytes: &'a [u8]) -> Option<Pack<'a>> {
        let mut rest = bytes;
        if take(&mut rest, 4)? != MAGIC || read_u32(&mut rest)? != FORMAT {
            return None;
        }
        let count = read_u32(&mut rest)? as usize;
        let char_count = read_u32(&mut rest)?;
        let char_table_count = read_u32(&mut rest)? as usize;
        let syllable_count = read_u32(&mut rest)? as usize;
        let syllable_len = read_u32(&mut rest)?;
        let syllable_end = ends(&mut rest, syllable_count, syllable_len)?;
        let letters = take(&mut rest, syllable_len as usize)?;
        let mut syllables = Vec::with_capacity(syllable_count);
        let mut from = 0usize;
        for &end in &syllable_end {
            let syllable = &letters[from..end as usize];
            // Every syllable has a first letter.
            syllable.first()?;
            syllables.push(syllable);
            from = end as usize;
        }
        let table = take(&mut rest, char_table_count.checked_mul(8)?)?;
        let mut char_of = Vec::with_capacity(char_table_count);
        let mut entry_of = Vec::with_capacity(char_table_count);
        for pair in table.chunks_exact(8) {
            char_of.push(char::from_u32(u32_at(&pair[..4]))?);
            let entry = u32_at(&pair[4..]);
            let known = matches!(entry, NOTHING | SILENT_HAN)
                || entry_number(entry).is_some_and(|n| n < syllables.len());
            if !known {
                return None;
            }
            entry_of.push(entry);
        }
        let text_end = ends(&mut rest, count, char_count)?;
        let has_han = take(&mut rest, count)?;
        let numbers = take(&mut rest, (char_count as usize).checked_mul(2)?)?;
        if !rest.is_empty() {
            return None;
        }
        let mut chars = vec![0u16; char_count as usize];
        for (n, b) in chars.iter_mut().zip(numbers.chunks_exact(2)) {
            *n = u16::from_le_bytes([b[0], b[1]]);
        }
        let largest = chars.iter().copied().max();
        if largest.is_some_and(|n| usize::from(n) >= char_of.len()) {
            return None;
        }
        Some(Pack {
            syllables,
            char_of,
            entry_of,
            text_end,
            has_han,
            chars,
        })
    }

    pub fn len(&self) -> usize {
        self.text_end.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_end.is_empty()
    }

    /// Record `k`'s characters, by number.
    fn chars_of(&self, k: usize) -> &[u16] {
        let from = if k == 0 {
            0
        } else {
            self.text_end[k - 1] as usize
        };
        &self.chars[from..self.text_end[k] as usize]
    }

    /// Appends record `k`'s text to `out`.
    pub fn text_into(&self, k: usize, out: &mut String) {
        out.extend(
            self.chars_of(k)
                .iter()
                .map(|&n| self.char_of[usize::from(n)]),
        );
    }

    /// Record `k`'s text.
    pub fn text(&self, k: usize) -> String {
        let mut text = String::new();
        self.text_into(k, &mut text);
        text
    }

    /// The records matching `query`, best first, ties in listing order: the same as
    /// scoring each text with [`OnceSearch::score`] in turn.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut once = OnceSearch::new(query);
        let mut hits: Vec<Hit> = Vec::new();
        if once.is_empty() {
            hits.extend((0..self.len() as u32).map(|index| Hit { index, score: 0 }));
            return hits;
        }
        if once.is_ascii_only() {
            self.search_ascii(&mut once, &mut hits);
        } else {
            self.search_text(&mut once, &mut hits);
        }
        hits.sort_unstable_by_key(|h| (u64::from(u32::MAX - h.score) << 32) | u64::from(h.index));
        hits
    }

    /// Scores record `k`'s text with `OnceSearch::score`.
    fn score_text(&self, once: &mut OnceSearch, k: usize, scratch: &mut String) -> Option<u32> {
        scratch.clear();
        self.text_into(k, scratch);
        once.score(scratch)
    }

    /// An ASCII query: texts with Chinese characters on their syllables, the others
    /// (all-ASCII names) as `OnceSearch` scores them. A match on syllables starts at a
    /// syllable whose first letter is the query's: texts without one are passed over.
    fn search_ascii(&self, once: &mut OnceSearch, hits: &mut Vec<Hit>) {
        let first = once.first_byte().unwrap_or(0);
        // By character number (every u16 a valid index, so no bounds checks): whether
        // its syllable starts with the query's first letter, and its syllable's number.
        let mut starts = vec![false; 1 << 16].into_boxed_slice();
        let mut syllable_of = vec![NO_SYLLABLE; 1 << 16].into_boxed_slice();
        for (n, &entry) in self.entry_of.iter().enumerate() {
            if let Some(s) = entry_number(entry) {
                starts[n] = ((entry >> 1) & 0xFF) as u8 == first;
                syllable_of[n] = s as u16;
            }
        }
        let starts: &[bool; 1 << 16] = (&*starts).try_into().unwrap_or(&[false; 1 << 16]);
        let syllable_of: &[u16; 1 << 16] = (&*syllable_of)
            .try_into()
            .unwrap_or(&[NO_SYLLABLE; 1 << 16]);
        let mut numbers: Vec<u16> = Vec::new();
        let mut scratch = String::new();
        for k in 0..self.len() {
            let chars = self.chars_of(k);
            let score = if self.has_han[k] == 0 {
                self.score_text(once, k, &mut scratch)
            } else if chars.iter().any(|&n| starts[usize::from(n)]) {
                numbers.clear();
                numbers.extend(
                    chars
                        .iter()
                        .map(|&n| syllable_of[usize::from(n)])
                        .filter(|&s| s != NO_SYLLABLE),
                );
                once.score_syllables(&RecordSyllables {
                    numbers: &numbers,
                    syllables: &self.syllables,
                })
            } else {
                None
            };
            if let Some(score) = score {
                hits.push(Hit {
                    index: k as u32,
                    score,
                });
            }
        }
    }

    /// A query with non-ASCII atoms: only texts holding every Chinese character of it
    /// can match; those are found by their character numbers, then scored.
    fn search_text(&self, once: &mut OnceSearch, hits: &mut Vec<Hit>) {
        let mut scratch = String::new();
        let required = once.required_han();
        let mut numbers = Vec::with_capacity(required.len());
        for c in &required {
            match self.char_of.iter().position(|x| x == c) {
                Some(n) => numbers.push(n as u16),
                // No text holds it: nothing matches.
                None => return,
            }
        }
        let Some((&first, others)) = numbers.split_first() else {
            for k in 0..self.len() {
                if let Some(score) = self.score_text(once, k, &mut scratch) {
                    hits.push(Hit {
                        index: k as u32,
                        score,
                    });
                }
            }
            return;
        };
        let mut k = 0usize;
        let mut last: Option<usize> = None;
        each_position(&self.chars, first, |at| {
            while k < self.len() && (self.text_end[k] as usize) <= at {
                k += 1;
            }
            if k >= self.len() || last == Some(k) {
                return;
            }
            last = Some(k);
            let chars = self.chars_of(k);
            if !others.iter().all(|n| chars.contains(n)) {
                return;
            }
            if let Some(score) = self.score_text(once, k, &mut scratch) {
                hits.push(Hit {
                    index: k as u32,
                    score,
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;

    const TEXTS: &[&str] = &[
        "稀土永磁材料晶界扩散技术",
        "胡芪降脂胶囊",
        "LoRa 物联网传感器",
        "LoRa gateway",
        "奶山羊高效繁育技术",
        "包头稀土研究院",
        "锡林郭勒盟苏尼特乳业有限公司",
        "5G 稀土 xian 西安",
        "ÉCOLE Ⅻ ǅ K",
        "",
        "𠀀𠀁 扩展B区 〇",
    ];

    fn pack_bytes(texts: &[&str]) -> Vec<u8> {
        let mut builder = PackBuilder::new();
        for t in texts {
            builder.push(t);
        }
        builder.finish().unwrap()
    }

    #[test]
    fn a_pack_finds_what_scoring_each_text_finds_in_the_same_order() {
        let bytes = pack_bytes(TEXTS);
        let pack = Pack::parse(&bytes).unwrap();
        assert_eq!(pack.len(), TEXTS.len());
        assert_eq!(pack.text(1), "胡芪降脂胶囊");
        for query in [
            "",
            "稀土",
            "xitu",
            "xt",
            "lora",
            "LoRa 传感",
            "稀土 xt",
            "5g",
            "xian",
            "xia n",
            "土稀",
            "é",
            "école",
            "k",
            "ǆ",
            "ⅻ",
            "稀 磁",
            "不存在",
            "nmg",
            "yxgs",
            "𠀀",
            "kzbqu",
            "ling",
            "扩展",
        ] {
            let expected = SearchIndex::search_once(TEXTS.iter().copied(), query);
            assert_eq!(pack.search(query), expected, "query {query:?}");
        }
        assert!(!pack.search("xitu").is_empty());
    }

    #[test]
    fn anything_but_a_whole_pack_of_this_format_is_refused() {
        let bytes = pack_bytes(TEXTS);
        assert!(Pack::parse(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Pack::parse(&longer).is_none());
        let mut other_format = bytes.clone();
        other_format[4] = other_format[4].wrapping_add(1);
        assert!(Pack::parse(&other_format).is_none());
        assert!(Pack::parse(b"").is_none());
        assert!(Pack::parse(b"not a pack at all, just some bytes").is_none());
        // Every single-byte change leaves either a refusal or a pack that searches
        // without panicking.
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0xA5;
            if let Some(pack) = Pack::parse(&changed) {
                for query in ["", "稀土", "xitu", "lora"] {
                    let _ = pack.search(query);
                }
            }
        }
    }

    #[test]
    fn a_text_that_is_not_utf8_is_searched_as_empty() {
        let mut builder = PackBuilder::new();
        builder.push("稀土");
        builder.push_bytes(b"\xE7\xA8\x80\xFF");
        builder.push("稀土永磁");
        let bytes = builder.finish().unwrap();
        let pack = Pack::parse(&bytes).unwrap();
        assert_eq!(
            [pack.text(0), pack.text(1), pack.text(2)],
            ["稀土", "", "稀土永磁"]
        );
        let texts = ["稀土", "", "稀土永磁"];
        for query in ["", "xt", "稀"] {
            assert_eq!(pack.search(query), SearchIndex::search_once(texts, query));
        }
    }

    #[test]
    fn an_empty_pack_finds_nothing() {
        let bytes = pack_bytes(&[]);
        let pack = Pack::parse(&bytes).unwrap();
        assert!(pack.is_empty());
        assert!(pack.search("xitu").is_empty());
        assert!(pack.search("").is_empty());
    }
}
