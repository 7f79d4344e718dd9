//! Fuzzy search over many keys, ranked, narrowing the previous hits as a query grows.
use crate::search::key::{Keys, QueryChar, SyllableSeq, find_run};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// One match: the key's index and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: u32,
    pub score: u32,
}

/// How an atom matched a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// On the lower-cased text (fuzzy).
    Text,
    /// On a run of pinyin syllables: (first syllable, how many).
    Syllables(usize, usize),
}

/// The score of a syllable match: high (it is a contiguous, word-aligned match), better
/// the earlier it starts and the more query characters it covers.
fn syllable_score(start: usize, query_len: usize) -> u16 {
    let prefix = if start == 0 { 100 } else { 0 };
    (CONTIGUOUS_BONUS + 200 + prefix + 4 * query_len as u16).saturating_sub(start.min(150) as u16)
}

/// One query tried on texts one at a time, each text's key made, tried and dropped, so
/// nothing is kept but what matches (for `fairdesk search`, which reads each title once).
pub struct OnceSearch {
    scratch: SearchIndex,
    atoms: Vec<Atom>,
    ascii_only: bool,
}

impl OnceSearch {
    pub fn new(query: &str) -> OnceSearch {
        let atoms = atoms(query);
        let ascii_only = atoms.iter().all(|a| a.ascii.is_some());
        OnceSearch {
            scratch: SearchIndex::new(Keys::new()),
            atoms,
            ascii_only,
        }
    }

    /// The text's score, if it matches (an empty query matches everything with 0).
    pub fn score(&mut self, text: &str) -> Option<u32> {
        if self.atoms.is_empty() {
            return Some(0);
        }
        // A Chinese (non-ASCII) atom needs all its characters in the text.
        let missing = self.atoms.iter().filter(|a| a.ascii.is_none()).any(|a| {
            a.chars
                .iter()
                .any(|c| !text.chars().flat_map(char::to_lowercase).any(|t| t == *c))
        });
        if missing {
            return None;
        }
        let scratch = &mut self.scratch;
        scratch.keys.clear();
        let has_han = scratch.keys.push_syllables(text);
        // ASCII queries on Chinese text only need the syllables.
        if self.ascii_only && has_han {
            return scratch.syllable_score_all(&self.atoms);
        }
        // The table may have grown with this text: look the query's characters up again.
        resolve(&mut self.atoms, &scratch.keys);
        scratch.score(0, &self.atoms)
    }

    /// Whether the query is empty (it matches everything, each with score 0).
    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// Whether every atom is ASCII: then a text with a Chinese character is scored on its
    /// syllables alone ([`OnceSearch::score_syllables`]), as [`OnceSearch::score`] does.
    pub fn is_ascii_only(&self) -> bool {
        self.ascii_only
    }

    /// The first byte of the first atom: a match on syllables starts at a syllable
    /// beginning with it.
    pub(crate) fn first_byte(&self) -> Option<u8> {
        self.atoms.first()?.ascii.as_ref()?.first().copied()
    }

    /// For an ASCII-only query: the score of a text with a Chinese character, from its
    /// syllables (made by `key::each_syllable`); the same as [`OnceSearch::score`] gives.
    pub(crate) fn score_syllables(&self, syllables: &impl SyllableSeq) -> Option<u32> {
        syllable_total(&self.atoms, |q| find_run(syllables, q))
    }

    /// Chinese characters each of which a matching text must contain as they are (no
    /// other character lower-cases to one of them): a text lacking one cannot match.
    pub(crate) fn required_han(&self) -> Vec<char> {
        let mut chars: Vec<char> = self
            .atoms
            .iter()
            .filter(|a| a.ascii.is_none())
            .flat_map(|a| a.chars.iter().copied())
            .filter(|&c| is_unified_han(c))
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }
}

/// A CJK unified ideograph: it has no case, and no other character lower-cases to it.
fn is_unified_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// The summed syllable score of every (ASCII) atom, each matched by `find` (its first
/// syllable and how many), if all match.
fn syllable_total(atoms: &[Atom], find: impl Fn(&[u8]) -> Option<(usize, usize)>) -> Option<u32> {
    let mut total = 0u32;
    for atom in atoms {
        let ascii = atom.ascii.as_ref()?;
        let (start, _) = find(ascii)?;
        total += u32::from(syllable_score(start, ascii.len()));
    }
    Some(total)
}

/// Added to the score of a contiguous match.
const CONTIGUOUS_BONUS: u16 = 200;

/// Whether `needle` occurs in `haystack` as it is (no gap).
fn contains_run(haystack: Utf32Str<'_>, needle: Utf32Str<'_>) -> bool {
    fn run<H: Copy, N: Copy>(h: &[H], n: &[N], same: impl Fn(H, N) -> bool) -> bool {
        n.is_empty()
            || h.windows(n.len())
                .any(|w| w.iter().zip(n).all(|(&a, &b)| same(a, b)))
    }
    match (haystack, needle) {
        (Utf32Str::Unicode(h), Utf32Str::Unicode(n)) => run(h, n, |a, b| a == b),
        (Utf32Str::Unicode(h), Utf32Str::Ascii(n)) => run(h, n, |a, b| a == char::from(b)),
        (Utf32Str::Ascii(h), Utf32Str::Ascii(n)) => run(h, n, |a, b| a == b),
        (Utf32Str::Ascii(h), Utf32Str::Unicode(n)) => run(h, n, |a, b| char::from(a) == b),
    }
}

pub struct SearchIndex {
    keys: Keys,
    matcher: Matcher,
    /// One record's text as chars, made for the matcher.
    text: Vec<char>,
    /// Whether the records scored now are likely hits (the previous keystroke's hits,
    /// or rows being highlighted): a query's characters are then looked for from the
    /// start of each text, where they mostly are.
    likely_hits: bool,
    /// The last query and the keys it matched (in key order), to narrow from.
    last: Option<(String, Vec<u32>)>,
}

fn config() -> Config {
    let mut config = Config::DEFAULT;
    // Text and query are lower-cased up front; skipping case folding and Unicode
    // normalisation in the matcher keeps Chinese matching several times faster.
    config.ignore_case = false;
    config.normalize = false;
    config.prefer_prefix = true;
    config
}

/// One space-separated part of a query, lower-cased.
struct Atom {
    chars: Vec<char>,
    /// `chars` with their numbers in the keys' table (see [`resolve`]).
    numbers: Vec<QueryChar>,
    /// The same text as bytes when it is all ASCII: the matcher compares an ASCII needle
    /// only in that form.
    ascii: Option<Vec<u8>>,
}

impl Atom {
    fn needle(&self) -> Utf32Str<'_> {
        match &self.ascii {
            Some(bytes) => Utf32Str::Ascii(bytes),
            None => Utf32Str::Unicode(&self.chars),
        }
    }
}

/// A lower-cased query split into its space-separated atoms.
fn atoms(query: &str) -> Vec<Atom> {
    query
        .split_whitespace()
        .map(|a| {
            let chars: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
            let ascii = chars
                .iter()
                .all(char::is_ascii)
                .then(|| chars.iter().map(|&c| c as u8).collect());
            Atom {
                chars,
                ascii,
                numbers: Vec::new(),
            }
        })
        .collect()
}

/// Looks each atom's characters up in `keys`' table.
fn resolve(atoms: &mut [Atom], keys: &Keys) {
    for atom in atoms {
        atom.numbers = atom.chars.iter().map(|&c| keys.query_char(c)).collect();
    }
}

impl SearchIndex {
    pub fn new(keys: Keys) -> SearchIndex {
        SearchIndex {
            keys,
            matcher: Matcher::new(config()),
            text: Vec::new(),
            likely_hits: false,
            last: None,
        }
    }

    /// Builds keys from texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> SearchIndex {
        let mut keys = Keys::new();
        for text in texts {
            keys.push(text);
        }
        SearchIndex::new(keys)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The keys searched.
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys matching `query`, best first (ties keep key order). An empty query
    /// matches everything in key order.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        let mut atoms = atoms(query);
        resolve(&mut atoms, &self.keys);
        if atoms.is_empty() {
            self.last = None;
            return (0..self.keys.len() as u32)
                .map(|index| Hit { index, score: 0 })
                .collect();
        }
        let normalised: String = query.split_whitespace().collect::<Vec<_>>().join(" ");
        // A query that extends the previous one can only match a subset of its hits.
        let candidates: Option<Vec<u32>> = match self.last.take() {
            Some((previous, hits)) if normalised.starts_with(previous.as_str()) => Some(hits),
            _ => None,
        };
        let mut hits = Vec::new();
        match candidates {
            Some(candidates) => {
                self.likely_hits = true;
                for index in candidates {
                    if let Some(score) = self.score(index, &atoms) {
                        hits.push(Hit { index, score });
                    }
                }
            }
            None => {
                self.likely_hits = false;
                for index in 0..self.keys.len() as u32 {
                    if let Some(score) = self.score(index, &atoms) {
                        hits.push(Hit { index, score });
                    }
                }
            }
        }
        self.last = Some((normalised, hits.iter().map(|h| h.index).collect()));
        // Best score first, ties in key order: one packed integer sorts fastest.
        hits.sort_unstable_by_key(|h| (u64::from(u32::MAX - h.score) << 32) | u64::from(h.index));
        hits
    }

    /// The score of key `index` for all atoms (each must match), or `None`.
    fn score(&mut self, index: u32, atoms: &[Atom]) -> Option<u32> {
        let mut total = 0u32;
        for atom in atoms {
            let (score, _) = self.best_form(index, atom)?;
            total += u32::from(score);
        }
        Some(total)
    }

    /// The best score of one atom on key `index`, and how it matched. An ASCII atom on
    /// Chinese text matches pinyin syllables (full pinyin, initials or a mix, and the
    /// text's own letters and digits); anything else matches the text, fuzzily, with a
    /// contiguous match (`稀土` inside `…稀土…`) ranked above a scattered one.
    fn best_form(&mut self, index: u32, atom: &Atom) -> Option<(u16, Form)> {
        let k = index as usize;
        if self.keys.has_han(k)
            && let Some(ascii) = &atom.ascii
        {
            return self.keys.match_syllables(k, ascii).map(|(start, count)| {
                (
                    syllable_score(start, ascii.len()),
                    Form::Syllables(start, count),
                )
            });
        }
        // One character: where it first occurs is all there is to know.
        if let [c] = atom.numbers.as_slice() {
            let at = self.keys.text_position(k, *c, self.likely_hits)?;
            return Some((syllable_score(at, 1), Form::Text));
        }
        // Rare characters rule most records out before the matcher is asked.
        if !atom
            .numbers
            .iter()
            .all(|&c| self.keys.text_position(k, c, self.likely_hits).is_some())
        {
            return None;
        }
        let haystack = self.keys.text(k, &mut self.text);
        let needle = atom.needle();
        let fuzzy = self.matcher.fuzzy_match(haystack, needle)?;
        // The fuzzy score is the best over every alignment, the contiguous one included
        // (`fuzzy_scores_at_least_the_contiguous_match`), so a contiguous match only adds
        // its bonus: the matcher is not asked a second time. Most of its time goes to
        // classifying each Chinese character of the text (letter, digit, case), once per
        // call.
        let score = if contains_run(haystack, needle) {
            fuzzy.saturating_add(CONTIGUOUS_BONUS)
        } else {
            fuzzy
        };
        Some((score, Form::Text))
    }

    /// One query over texts read once (the command line's search): returns (text's
    /// position, score) for the matches, best first.
    pub fn search_once<'a>(texts: impl IntoIterator<Item = &'a str>, query: &str) -> Vec<Hit> {
        let mut once = OnceSearch::new(query);
        let mut hits: Vec<Hit> = texts
            .into_iter()
            .enumerate()
            .filter_map(|(index, text)| {
                once.score(text).map(|score| Hit {
                    index: index as u32,
                    score,
                })
            })
            .collect();
        hits.sort_unstable_by_key(|h| (u64::from(u32::MAX - h.score) << 32) | u64::from(h.index));
        hits
    }

    /// The summed syllable score of every (ASCII) atom on the one record held, if all match.
    fn syllable_score_all(&self, atoms: &[Atom]) -> Option<u32> {
        syllable_total(atoms, |q| self.keys.match_syllables(0, q))
    }

    /// The char positions of the original text of key `index` that `query` matched
    /// (sorted, distinct). Call it only for rows that are drawn.
    pub fn highlight(&mut self, index: u32, query: &str) -> Vec<usize> {
        let mut positions = Vec::new();
        if index as usize >= self.keys.len() {
            return positions;
        }
        let mut atoms = atoms(query);
        resolve(&mut atoms, &self.keys);
        self.likely_hits = true;
        for atom in atoms {
            match self.best_form(index, &atom) {
                Some((_, Form::Syllables(start, count))) => {
                    positions.extend(self.keys.syllable_chars(index as usize, start, count));
                }
                Some((_, Form::Text)) => {
                    let mut indices = Vec::new();
                    let needle = atom.needle();
                    let haystack = self.keys.text(index as usize, &mut self.text);
                    if self
                        .matcher
                        .substring_indices(haystack, needle, &mut indices)
                        .is_none()
                    {
                        indices.clear();
                        self.matcher.fuzzy_indices(haystack, needle, &mut indices);
                    }
                    positions.extend(indices.into_iter().map(|i| i as usize));
                }
                None => {}
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::from_texts([
            "稀土永磁材料晶界扩散技术 内蒙古大学",
            "胡芪降脂胶囊 内蒙古大学",
            "LoRa 物联网传感器 内蒙古显鸿科技股份有限公司",
            "奶山羊高效繁育技术 内蒙古农牧业科学院",
        ])
    }

    fn found(index: &mut SearchIndex, query: &str) -> Vec<u32> {
        index.search(query).iter().map(|h| h.index).collect()
    }

    #[test]
    fn chinese_pinyin_and_initials_all_find_rare_earths() {
        let mut idx = index();
        assert_eq!(found(&mut idx, "稀土")[0], 0);
        assert_eq!(found(&mut idx, "xitu")[0], 0);
        assert_eq!(found(&mut idx, "xt")[0], 0);
        assert!(found(&mut idx, "nmgdx").contains(&1));
        assert_eq!(found(&mut idx, "lora"), vec![2]);
        assert!(found(&mut idx, "不存在的词").is_empty());
    }

    #[test]
    fn empty_query_lists_everything_in_order() {
        let mut idx = index();
        assert_eq!(found(&mut idx, "  "), vec![0, 1, 2, 3]);
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_fresh_search() {
        let mut idx = index();
        for q in ["n", "nm", "nmg", "nmgd", "nmgdx"] {
            let narrowed = found(&mut idx, q);
            let mut fresh = index();
            assert_eq!(narrowed, found(&mut fresh, q), "query {q}");
        }
    }

    #[test]
    fn contiguous_matches_rank_first() {
        let mut idx = SearchIndex::from_texts(["锡林郭勒盟苏尼特乳业有限公司", "包头稀土研究院"]);
        // 锡林郭勒… has x, i, t, u scattered through its pinyin but no 稀土: no match.
        assert_eq!(found(&mut idx, "xitu"), vec![1]);
        assert_eq!(idx.highlight(1, "xitu"), vec![2, 3]);
    }

    #[test]
    fn a_title_ending_with_the_query_ranks_as_contiguous() {
        let mut idx = SearchIndex::from_texts(["稀有金属尾矿土壤修复", "包头稀土"]);
        assert_eq!(found(&mut idx, "稀土"), vec![1, 0]);
        assert_eq!(idx.highlight(1, "稀土"), vec![2, 3]);
    }

    #[test]
    fn atoms_must_all_match() {
        let mut idx = index();
        assert_eq!(found(&mut idx, "内蒙古 胶囊"), vec![1]);
    }

    /// The shortcut in `best_form` rests on two facts about the matcher, checked here on
    /// titles and names built from the generator's vocabulary: our run check finds a
    /// contiguous match wherever the matcher's substring search does (and also at the
    /// very end of a text, where it does not), and its fuzzy score is never below its
    /// substring score.
    #[test]
    fn fuzzy_scores_at_least_the_contiguous_match() {
        use crate::app::generate::words;
        let mut texts: Vec<String> = Vec::new();
        for (i, (_, objects)) in words::OBJECTS.iter().enumerate() {
            for (j, object) in objects.iter().enumerate() {
                for (p, process) in words::PROCESSES.iter().enumerate() {
                    let prefix = words::PREFIXES[(i + j + p) % words::PREFIXES.len()];
                    let suffix = words::SUFFIXES[(j + p) % words::SUFFIXES.len()];
                    texts.push(format!("{prefix}{object}{process}{suffix}"));
                }
            }
        }
        texts.extend(words::UNIVERSITIES.iter().map(|u| u.to_string()));
        texts.extend(words::INSTITUTES.iter().map(|u| u.to_string()));
        texts.extend(
            [
                "LoRa Sensor Network",
                "5G base station",
                "Rare-earth magnets",
                "AI+IoT 平台",
            ]
            .map(String::from),
        );
        let mut idx = SearchIndex::from_texts(texts.iter().map(String::as_str));
        let queries = [
            "稀土",
            "稀土永磁",
            "永磁",
            "钕铁硼",
            "技术",
            "稀磁",
            "土磁体",
            "高效回收",
            "数字平台",
            "内蒙古大学",
            "研究院",
            "lora",
            "5g",
            "net",
            "rare",
            "ai",
            "iot",
        ];
        let mut contiguous = 0;
        let mut scattered = 0;
        for query in queries {
            let mut atoms = atoms(query);
            resolve(&mut atoms, &idx.keys);
            let needle = atoms[0].needle();
            for (k, text) in texts.iter().enumerate() {
                let haystack = idx.keys.text(k, &mut idx.text);
                let fuzzy = idx.matcher.fuzzy_match(haystack, needle);
                let substring = idx.matcher.substring_match(haystack, needle);
                // The matcher's substring search (0.3.1) never tries the last place a
                // needle fits, so a text ending with the query counted as scattered.
                let at_end = text.to_lowercase().ends_with(query);
                assert_eq!(
                    contains_run(haystack, needle),
                    substring.is_some() || at_end,
                    "{query} in {text}"
                );
                if let Some(s) = substring {
                    contiguous += 1;
                    let f = fuzzy.expect("a contiguous match is a fuzzy match");
                    assert!(f >= s, "{query} in {text}: fuzzy {f} < substring {s}");
                } else if fuzzy.is_some() {
                    scattered += 1;
                }
            }
        }
        assert!(
            contiguous > 500 && scattered > 100,
            "{contiguous} / {scattered}"
        );
    }

    #[test]
    fn highlights_map_pinyin_back_to_chinese_chars() {
        let mut idx = index();
        assert_eq!(idx.highlight(0, "xt"), vec![0, 1]);
        assert_eq!(idx.highlight(0, "稀土"), vec![0, 1]);
        assert_eq!(idx.highlight(1, "胶囊"), vec![4, 5]);
    }
}
