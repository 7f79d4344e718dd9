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
//! syllables[syllable_count]  u16: each syllable's number in the table
//! ```
//!
//! There are a few hundred distinct syllables (pinyin without tones, and single ASCII
//! letters and digits), so two bytes name one. Matching and ranking are
//! [`OnceSearch`]'s: a pack gives the same hits in the same order as scoring the texts
//! one by one.
use crate::search::Hit;
use crate::search::index::OnceSearch;
use crate::search::key::{SyllableSeq, each_syllable};
use std::collections::HashMap;

const MAGIC: &[u8; 4] = b"FDSP";

/// The layout's version. Change it whenever the layout or the syllables of a text
/// change (another pinyin table, say): a pack of another format is rebuilt, not read.
pub const FORMAT: u32 = 1;

/// Collects texts, in listing order, into a pack.
#[derive(Default)]
pub struct PackBuilder {
    texts: Vec<u8>,
    text_end: Vec<u32>,
    syllable_end: Vec<u32>,
    has_han: Vec<u8>,
    /// Each syllable's number in `table`.
    syllables: Vec<u16>,
    table: Vec<Vec<u8>>,
    numbers: HashMap<Vec<u8>, u16>,
    /// A size no longer fits the layout.
    too_big: bool,
}

fn to_u32(n: usize, too_big: &mut bool) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| {
        *too_big = true;
        0
    })
}

impl PackBuilder {
    pub fn new() -> PackBuilder {
        PackBuilder::default()
    }

    pub fn push(&mut self, text: &str) {
        let (table, numbers, syllables) = (&mut self.table, &mut self.numbers, &mut self.syllables);
        let mut too_big = false;
        let has_han = each_syllable(text, |letters, _| {
            let number = match numbers.get(letters) {
                Some(&n) => n,
                None => {
                    let n = u16::try_from(table.len()).unwrap_or_else(|_| {
                        too_big = true;
                        0
                    });
                    table.push(letters.to_vec());
                    numbers.insert(letters.to_vec(), n);
                    n
                }
            };
            syllables.push(number);
        });
        self.texts.extend_from_slice(text.as_bytes());
        let text_end = to_u32(self.texts.len(), &mut too_big);
        let syllable_end = to_u32(self.syllables.len(), &mut too_big);
        self.text_end.push(text_end);
        self.syllable_end.push(syllable_end);
        self.has_han.push(u8::from(has_han));
        self.too_big |= too_big;
    }

    /// The pack's bytes; `None` when the texts are too large for the layout.
    pub fn finish(self) -> Option<Vec<u8>> {
        let mut too_big = self.too_big;
        let mut table_end = Vec::with_capacity(self.table.len());
        let mut table_len = 0usize;
        for letters in &self.table {
            table_len += letters.len();
            table_end.push(to_u32(table_len, &mut too_big));
        }
        let header = [
            FORMAT,
            to_u32(self.text_end.len(), &mut too_big),
            to_u32(self.texts.len(), &mut too_big),
            to_u32(self.syllables.len(), &mut too_big),
            to_u32(self.table.len(), &mut too_big),
            to_u32(table_len, &mut too_big),
        ];
        if too_big {
            return None;
        }
        let count = self.text_end.len();
        let mut out = Vec::with_capacity(
            4 + 4 * header.len()
                + 4 * table_end.len()
                + table_len
                + 9 * count
                + self.texts.len()
                + 2 * self.syllables.len(),
        );
        out.extend_from_slice(MAGIC);
        let words = |out: &mut Vec<u8>, ns: &[u32]| {
            for n in ns {
                out.extend_from_slice(&n.to_le_bytes());
            }
        };
        words(&mut out, &header);
        words(&mut out, &table_end);
        for letters in &self.table {
            out.extend_from_slice(letters);
        }
        words(&mut out, &self.text_end);
        words(&mut out, &self.syllable_end);
        out.extend_from_slice(&self.has_han);
        out.extend_from_slice(&self.texts);
        for n in &self.syllables {
            out.extend_from_slice(&n.to_le_bytes());
        }
        Some(out)
    }
}

/// A pack read in place.
pub struct Pack<'a> {
    /// The distinct syllables' letters, by number.
    table: Vec<&'a [u8]>,
    /// Their first letters, by number.
    table_initials: Vec<u8>,
    text_end: Vec<u32>,
    syllable_end: Vec<u32>,
    has_han: &'a [u8],
    texts: &'a str,
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
        self.numbers.len() / 2
    }

    fn initial(&self, s: usize) -> u8 {
        self.pack
            .table_initials
            .get(self.number(s))
            .copied()
            .unwrap_or(0)
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
        let table_initials = table.iter().map(|l| l[0]).collect();
        let text_end = ends(&mut rest, count, text_len)?;
        let syllable_end = ends(&mut rest, count, syllable_count)?;
        let has_han = take(&mut rest, count)?;
        let texts = simdutf8::basic::from_utf8(take(&mut rest, text_len as usize)?).ok()?;
        if !text_end.iter().all(|&e| texts.is_char_boundary(e as usize)) {
            return None;
        }
        let syllables = take(&mut rest, (syllable_count as usize).checked_mul(2)?)?;
        if !rest.is_empty() {
            return None;
        }
        Some(Pack {
            table,
            table_initials,
            text_end,
            syllable_end,
            has_han,
            texts,
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
    /// others (all-ASCII names) as `OnceSearch` scores them.
    fn search_ascii(&self, once: &mut OnceSearch, hits: &mut Vec<Hit>) {
        for k in 0..self.len() {
            let score = if self.has_han[k] != 0 {
                once.score_syllables(&self.syllables_of(k))
            } else {
                once.score(self.text(k))
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
    fn an_empty_pack_finds_nothing() {
        let bytes = pack_bytes(&[]);
        let pack = Pack::parse(&bytes).unwrap();
        assert!(pack.is_empty());
        assert!(pack.search("xitu").is_empty());
        assert!(pack.search("").is_empty());
    }
}
