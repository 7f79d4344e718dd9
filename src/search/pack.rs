//! The search pack: the texts of one kind of record (achievement titles, organization
//! names), in listing order, with their pinyin syllables made once, in one byte string.
//! `fairdesk search` reads it as one value from the file and matches it where it lies,
//! instead of stepping through every row and making every title's syllables again.
//!
//! Layout (integers little-endian `u32` unless marked):
//!
//! ```text
//! "FDSP" FORMAT count text_len syllable_count table_count table_len
//! table_end[table_count]   the distinct syllables: end of each one's letters in `table`
//! table[table_len]         their letters
//! text_end[count]          end of record k's text in `texts`
//! syllable_end[count]      end of record k's syllables in `syllables`
//! has_han[count]           u8: 1 when record k's text has a Chinese character
//! texts[text_len]          UTF-8, the records' texts one after another
//! initials[syllable_count]   u8: each syllable's first letter
//! syllables[syllable_count]  u16: each syllable's number in the table
//! ```
//!
//! There are a few hundred distinct syllables (pinyin without tones, and single ASCII
//! letters and digits), so two bytes name one. Matching and ranking are
//! [`OnceSearch`]'s: a pack gives the same hits in the same order as scoring the texts
//! one by one.
use crate::search::Hit;
use crate::search::index::OnceSearch;
use crate::search::key::{CharSyllable, SyllableSeq, char_syllable};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const MAGIC: &[u8; 4] = b"FDSP";

/// The layout's version. Change it whenever the layout or the syllables of a text
/// change (another pinyin table, say): a pack of another format is rebuilt, not read.
pub const FORMAT: u32 = 1;

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

/// What a character of the Basic Multilingual Plane gives, once looked up (`by_char`):
/// not looked up yet, nothing, a Chinese character without letters, or a syllable:
/// `SYLLABLE | number << 9 | first letter << 1 | 1 if Chinese`.
const UNKNOWN: u32 = 0;
const NOTHING: u32 = 1;
const SILENT_HAN: u32 = 2;
const SYLLABLE: u32 = 1 << 31;

/// The syllables of all texts, each a number in a table of the distinct ones.
struct Syllables {
    table: Vec<Vec<u8>>,
    numbers: HashMap<u64, u16, BuildHasherDefault<KeyHasher>>,
    /// Each BMP character's [`char_syllable`] as a number (see `UNKNOWN`): looking a
    /// character up in the pinyin table and the syllable in `numbers` once, not each
    /// time it occurs.
    by_char: Vec<u32>,
    initials: Vec<u8>,
    /// Each syllable's number, two bytes little-endian, as the pack holds them.
    numbered: Vec<u8>,
    ends: Vec<usize>,
    has_han: Vec<u8>,
    too_big: bool,
}

impl Syllables {
    /// Room for the syllables of `text_len` bytes of text (a Chinese character is three
    /// bytes and one syllable).
    fn new(text_len: usize) -> Syllables {
        Syllables {
            table: Vec::new(),
            numbers: HashMap::default(),
            by_char: vec![UNKNOWN; 0x10000],
            initials: Vec::with_capacity(text_len / 2),
            numbered: Vec::with_capacity(text_len),
            ends: Vec::new(),
            has_han: Vec::new(),
            too_big: false,
        }
    }

    /// `ch`'s entry (see `UNKNOWN`), made from [`char_syllable`].
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
        let table = &mut self.table;
        let mut too_big = false;
        let number = *self.numbers.entry(key).or_insert_with(|| {
            let n = u16::try_from(table.len()).unwrap_or_else(|_| {
                too_big = true;
                0
            });
            table.push(letters.to_vec());
            n
        });
        self.too_big |= too_big;
        SYLLABLE | u32::from(number) << 9 | u32::from(letters[0]) << 1 | u32::from(han)
    }

    /// Adds every text's syllables (text k is `texts[ends[k - 1]..ends[k]]`): the same
    /// as `key::each_syllable` makes. One loop over local vectors, the hot path of
    /// rebuilding a pack.
    fn push_all(&mut self, texts: &str, ends: &[usize]) {
        let mut initials = std::mem::take(&mut self.initials);
        let mut numbered = std::mem::take(&mut self.numbered);
        let mut syllable_ends = Vec::with_capacity(ends.len());
        let mut has_han = Vec::with_capacity(ends.len());
        let mut from = 0;
        for &end in ends {
            let text = texts.get(from..end).unwrap_or("");
            from = end;
            let mut han = false;
            for ch in text.chars() {
                let code = ch as usize;
                let mut entry = self.by_char.get(code).copied().unwrap_or(UNKNOWN);
                if entry == UNKNOWN {
                    entry = self.entry(ch);
                    if let Some(slot) = self.by_char.get_mut(code) {
                        *slot = entry;
                    }
                }
                if entry & SYLLABLE != 0 {
                    han |= entry & 1 == 1;
                    initials.push((entry >> 1) as u8);
                    let [low, high] = ((entry >> 9) as u16).to_le_bytes();
                    numbered.push(low);
                    numbered.push(high);
                } else if entry == SILENT_HAN {
                    han = true;
                }
            }
            syllable_ends.push(initials.len());
            has_han.push(u8::from(han));
        }
        self.initials = initials;
        self.numbered = numbered;
        self.ends = syllable_ends;
        self.has_han = has_han;
    }
}

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

    /// The texts, each one checked: all at once when they are all UTF-8 (the usual
    /// case), else one by one, leaving out what is not.
    fn checked_texts(&self) -> (std::borrow::Cow<'_, str>, std::borrow::Cow<'_, [usize]>) {
        use std::borrow::Cow;
        if let Ok(texts) = simdutf8::basic::from_utf8(&self.texts) {
            let boundaries = self.text_end.iter().all(|&e| texts.is_char_boundary(e));
            if boundaries {
                return (Cow::Borrowed(texts), Cow::Borrowed(&self.text_end));
            }
        }
        let mut texts = String::with_capacity(self.texts.len());
        let mut ends = Vec::with_capacity(self.text_end.len());
        let mut from = 0;
        for &end in &self.text_end {
            if let Ok(text) = std::str::from_utf8(&self.texts[from..end]) {
                texts.push_str(text);
            }
            ends.push(texts.len());
            from = end;
        }
        (Cow::Owned(texts), Cow::Owned(ends))
    }

    /// The pack's bytes; `None` when the texts are too large for the layout.
    pub fn finish(self) -> Option<Vec<u8>> {
        let (texts, text_end) = self.checked_texts();
        let mut syllables = Syllables::new(texts.len());
        syllables.push_all(&texts, &text_end);
        let mut too_big = syllables.too_big;
        let mut table_end = Vec::with_capacity(syllables.table.len());
        let mut table_len = 0usize;
        for letters in &syllables.table {
            table_len += letters.len();
            table_end.push(to_u32(table_len, &mut too_big));
        }
        let text_end: Vec<u32> = text_end.iter().map(|&e| to_u32(e, &mut too_big)).collect();
        let syllable_end: Vec<u32> = syllables
            .ends
            .iter()
            .map(|&e| to_u32(e, &mut too_big))
            .collect();
        let header = [
            FORMAT,
            to_u32(text_end.len(), &mut too_big),
            to_u32(texts.len(), &mut too_big),
            to_u32(syllables.initials.len(), &mut too_big),
            to_u32(syllables.table.len(), &mut too_big),
            to_u32(table_len, &mut too_big),
        ];
        if too_big {
            return None;
        }
        let count = text_end.len();
        let mut out = Vec::with_capacity(
            4 + 4 * header.len()
                + 4 * table_end.len()
                + table_len
                + 9 * count
                + texts.len()
                + syllables.initials.len()
                + syllables.numbered.len(),
        );
        out.extend_from_slice(MAGIC);
        let words = |out: &mut Vec<u8>, ns: &[u32]| {
            for n in ns {
                out.extend_from_slice(&n.to_le_bytes());
            }
        };
        words(&mut out, &header);
        words(&mut out, &table_end);
        for letters in &syllables.table {
            out.extend_from_slice(letters);
        }
        words(&mut out, &text_end);
        words(&mut out, &syllable_end);
        out.extend_from_slice(&syllables.has_han);
        out.extend_from_slice(texts.as_bytes());
        out.extend_from_slice(&syllables.initials);
        out.extend_from_slice(&syllables.numbered);
        Some(out)
    }
}

/// A pack read in place.
pub struct Pack<'a> {
    /// The distinct syllables' letters, by number.
    table: Vec<&'a [u8]>,
    text_end: Vec<u32>,
    syllable_end: Vec<u32>,
    has_han: &'a [u8],
    texts: &'a str,
    initials: &'a [u8],
    /// Two bytes a syllable.
    syllables: &'a [u8],
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

/// `count` u32s off the front of `rest`: each at most `limit`, none below the one
/// before (record k's range is `array[k - 1]..array[k]`).
fn ends(rest: &mut &[u8], count: usize, limit: u32) -> Option<Vec<u32>> {
    let bytes = take(rest, count.checked_mul(4)?)?;
    let mut out = Vec::with_capacity(count);
    let mut previous = 0;
    for chunk in bytes.chunks_exact(4) {
        let n = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        if n < previous || n > limit {
            return None;
        }
        out.push(n);
        previous = n;
    }
    Some(out)
}

fn read_u32(rest: &mut &[u8]) -> Option<u32> {
    let b = take(rest, 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// One record's syllables in a pack.
struct PackedSyllables<'p, 'a> {
    pack: &'p Pack<'a>,
    initials: &'a [u8],
    /// Two bytes a syllable.
    numbers: &'a [u8],
}

impl PackedSyllables<'_, '_> {
    fn number(&self, s: usize) -> usize {
        usize::from(u16::from_le_bytes([
            self.numbers[2 * s],
            self.numbers[2 * s + 1],
        ]))
    }
}

impl SyllableSeq for PackedSyllables<'_, '_> {
    fn count(&self) -> usize {
        self.initials.len()
    }

    fn initial(&self, s: usize) -> u8 {
        self.initials[s]
    }

    fn letters(&self, s: usize) -> &[u8] {
        self.pack.table.get(self.number(s)).copied().unwrap_or(&[])
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
        let text_len = read_u32(&mut rest)?;
        let syllable_count = read_u32(&mut rest)?;
        let table_count = read_u32(&mut rest)? as usize;
        let table_len = read_u32(&mut rest)?;
        let table_end = ends(&mut rest, table_count, table_len)?;
        let table_letters = take(&mut rest, table_len as usize)?;
        let mut table = Vec::with_capacity(table_count);
        let mut from = 0usize;
        for &end in &table_end {
            let letters = &table_letters[from..end as usize];
            // Every syllable has a first letter.
            letters.first()?;
            table.push(letters);
            from = end as usize;
        }
        let text_end = ends(&mut rest, count, text_len)?;
        let syllable_end = ends(&mut rest, count, syllable_count)?;
        let has_han = take(&mut rest, count)?;
        let texts = simdutf8::basic::from_utf8(take(&mut rest, text_len as usize)?).ok()?;
        if !text_end.iter().all(|&e| texts.is_char_boundary(e as usize)) {
            return None;
        }
        let initials = take(&mut rest, syllable_count as usize)?;
        let syllables = take(&mut rest, (syllable_count as usize).checked_mul(2)?)?;
        if !rest.is_empty() {
            return None;
        }
        Some(Pack {
            table,
            text_end,
            syllable_end,
            has_han,
            texts,
            initials,
            syllables,
        })
    }

    pub fn len(&self) -> usize {
        self.text_end.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_end.is_empty()
    }

    /// Where record `k`'s part of an array of ends starts and ends.
    fn range(ends: &[u32], k: usize) -> (usize, usize) {
        let from = if k == 0 { 0 } else { ends[k - 1] as usize };
        (from, ends[k] as usize)
    }

    /// Record `k`'s text.
    pub fn text(&self, k: usize) -> &'a str {
        let (from, to) = Pack::range(&self.text_end, k);
        self.texts.get(from..to).unwrap_or("")
    }

    fn syllables_of(&self, k: usize) -> PackedSyllables<'_, 'a> {
        let (from, to) = Pack::range(&self.syllable_end, k);
        PackedSyllables {
            pack: self,
            initials: &self.initials[from..to],
            numbers: &self.syllables[2 * from..2 * to],
        }
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

    /// An ASCII query: texts with Chinese characters on their stored syllables, the
    /// others (all-ASCII names) as `OnceSearch` scores them. A match on syllables starts
    /// at a syllable whose first letter is the query's: texts without one are passed
    /// over by a byte search through all texts' initials.
    fn search_ascii(&self, once: &mut OnceSearch, hits: &mut Vec<Hit>) {
        let first = once.first_byte().unwrap_or(0);
        let mut starts = memchr::memchr_iter(first, self.initials).peekable();
        for k in 0..self.len() {
            let (from, to) = Pack::range(&self.syllable_end, k);
            let has_first = loop {
                match starts.peek() {
                    Some(&at) if at < from => {
                        starts.next();
                    }
                    Some(&at) => break at < to,
                    None => break false,
                }
            };
            let score = if self.has_han[k] == 0 {
                once.score(self.text(k))
            } else if has_first {
                once.score_syllables(&self.syllables_of(k))
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
    /// can match; those are found by a byte search over all texts, then scored.
    fn search_text(&self, once: &mut OnceSearch, hits: &mut Vec<Hit>) {
        let required = once.required_han();
        let Some((first, others)) = required.split_first() else {
            for k in 0..self.len() {
                if let Some(score) = once.score(self.text(k)) {
                    hits.push(Hit {
                        index: k as u32,
                        score,
                    });
                }
            }
            return;
        };
        let encode = |c: &char| c.to_string();
        let first = encode(first);
        let others: Vec<memchr::memmem::Finder<'static>> = others
            .iter()
            .map(|c| memchr::memmem::Finder::new(encode(c).as_bytes()).into_owned())
            .collect();
        let mut k = 0usize;
        let mut last: Option<usize> = None;
        for at in memchr::memmem::find_iter(self.texts.as_bytes(), first.as_bytes()) {
            while k < self.len() && (self.text_end[k] as usize) <= at {
                k += 1;
            }
            if k >= self.len() || last == Some(k) {
                continue;
            }
            last = Some(k);
            let text = self.text(k);
            if others.iter().any(|f| f.find(text.as_bytes()).is_none()) {
                continue;
            }
            if let Some(score) = once.score(text) {
                hits.push(Hit {
                    index: k as u32,
                    score,
                });
            }
        }
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
            (pack.text(0), pack.text(1), pack.text(2)),
            ("稀土", "", "稀土永磁")
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
