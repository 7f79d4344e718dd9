//! Chinese-aware text features: normalized text, character bigrams, English words and
//! pinyin keys, plus the common phrases of two titles for the reasons shown to people.
use pinyin::ToPinyin;

/// A term (a Han-character bigram, a lone Han character or an English word) as a 64-bit hash,
/// so that indexing 100,000 records allocates no strings per term.
pub type TermKey = u64;

/// Words that describe the request rather than the technology ("we seek a mature result"),
/// and 技术, which every record is; they are left out of the terms so that boilerplate does
/// not look like similarity.
const IGNORED_BIGRAMS: [&str; 17] = [
    "需求", "寻求", "企业", "方面", "成果", "团队", "问题", "面临", "要求", "希望", "优先", "考虑",
    "提供", "实现", "以上", "合作", "技术",
];

/// Phrases too generic to be shown as a reason on their own.
const GENERIC_PHRASES: [&str; 12] = [
    "技术",
    "需求",
    "工艺",
    "制备",
    "系统",
    "技术需求",
    "制备技术",
    "制备工艺",
    "生产",
    "关键",
    "应用",
    "利用",
];

/// Han ideographs (the basic block and extension A) and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

/// Full-width ASCII becomes half-width, ASCII letters lower-case, the ideographic space a
/// space; everything else is kept.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// One piece of normalized text, as [`for_each_token`] splits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Two adjacent Han characters.
    Bigram(char, char),
    /// A Han character with no Han neighbour.
    Single(char),
    /// A run of ASCII letters and digits (not digits alone).
    Word(&'a str),
}

/// Splits normalized text into tokens: every bigram of each Han run (a run of one gives a
/// single character) and every ASCII word; punctuation and spaces separate.
pub fn for_each_token<'a>(text: &'a str, mut f: impl FnMut(Token<'a>)) {
    let mut previous_han: Option<char> = None;
    let mut run_length = 0usize;
    let mut word_start: Option<usize> = None;
    let flush_run = |previous: Option<char>, run: usize, f: &mut dyn FnMut(Token<'a>)| {
        if run == 1
            && let Some(c) = previous
        {
            f(Token::Single(c));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else if let Some(start) = word_start.take() {
            emit_word(&text[start..i], &mut f);
        }
        if is_han(c) {
            if let Some(p) = previous_han {
                f(Token::Bigram(p, c));
            }
            previous_han = Some(c);
            run_length += 1;
        } else {
            flush_run(previous_han, run_length, &mut f);
            previous_han = None;
            run_length = 0;
        }
    }
    if let Some(start) = word_start {
        emit_word(&text[start..], &mut f);
    }
    flush_run(previous_han, run_length, &mut f);
}

fn emit_word<'a>(word: &'a str, f: &mut dyn FnMut(Token<'a>)) {
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        f(Token::Word(word));
    }
}

impl Token<'_> {
    /// A stable hash of the token (FNV-1a, tagged by kind).
    pub fn key(self) -> TermKey {
        let mut hash = Fnv::new();
        match self {
            Token::Bigram(a, b) => {
                hash.write(&[1]);
                hash.write_char(a);
                hash.write_char(b);
            }
            Token::Single(a) => {
                hash.write(&[2]);
                hash.write_char(a);
            }
            Token::Word(w) => {
                hash.write(&[3]);
                hash.write(w.as_bytes());
            }
        }
        hash.finish()
    }

    /// Whether the token says nothing about the technology (see `IGNORED_BIGRAMS`).
    pub fn is_ignored(self) -> bool {
        match self {
            Token::Bigram(a, b) => IGNORED_BIGRAMS.iter().any(|w| {
                let mut chars = w.chars();
                chars.next() == Some(a) && chars.next() == Some(b)
            }),
            _ => false,
        }
    }
}

/// The term keys of a piece of normalized text, ignored words left out.
pub fn term_keys(text: &str) -> Vec<TermKey> {
    let mut keys = Vec::new();
    for_each_token(text, |t| {
        if !t.is_ignored() {
            keys.push(t.key());
        }
    });
    keys
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_char(&mut self, c: char) {
        let mut buffer = [0u8; 4];
        self.write(c.encode_utf8(&mut buffer).as_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The toneless pinyin of a text with the syllables run together (`稀土` → `xitu`); ASCII
/// letters and digits are kept, everything else dropped. Homophones share a key, and a
/// keyword typed in pinyin finds its characters.
pub fn pinyin_key(text: &str) -> String {
    let mut key = String::new();
    for c in text.chars() {
        if let Some(p) = c.to_pinyin() {
            key.push_str(p.plain());
        } else if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        }
    }
    key
}

/// The longest runs of Han characters (two or more) that two texts share, longest first,
/// without overlaps and without phrases too generic to mean anything; at most `max`.
pub fn common_phrases(a: &str, b: &str, max: usize) -> Vec<String> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut used_a = vec![false; a.len()];
    let mut found = Vec::new();
    while found.len() < max {
        let Some((start, length)) = longest_common_run(&a, &b, &used_a) else {
            break;
        };
        used_a[start..start + length]
            .iter_mut()
            .for_each(|u| *u = true);
        let phrase: String = a[start..start + length].iter().collect();
        let phrase = strip_generic_ends(&phrase);
        if phrase.chars().count() >= 2 && !GENERIC_PHRASES.contains(&phrase.as_str()) {
            found.push(phrase);
        }
    }
    found
}

/// The longest run of Han characters in `a` (not yet used) that also occurs in `b`.
fn longest_common_run(a: &[char], b: &[char], used_a: &[bool]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    // lengths[j + 1]: length of the common run ending at a[i] and b[j].
    let mut previous = vec![0usize; b.len() + 1];
    for i in 0..a.len() {
        let mut current = vec![0usize; b.len() + 1];
        for j in 0..b.len() {
            if !used_a[i] && is_han(a[i]) && a[i] == b[j] {
                current[j + 1] = previous[j] + 1;
                let length = current[j + 1];
                if length >= 2 && best.is_none_or(|(_, l)| length > l) {
                    best = Some((i + 1 - length, length));
                }
            }
        }
        previous = current;
    }
    best
}

/// `高性能钕铁硼技术` → `高性能钕铁硼`: a trailing "technology/process" adds nothing.
fn strip_generic_ends(phrase: &str) -> String {
    let mut p = phrase;
    for suffix in ["技术需求", "技术", "需求", "工艺"] {
        if let Some(rest) = p.strip_suffix(suffix)
            && rest.chars().count() >= 2
        {
            p = rest;
        }
    }
    p.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |t| {
            out.push(match t {
                Token::Bigram(a, b) => format!("{a}{b}"),
                Token::Single(a) => a.to_string(),
                Token::Word(w) => w.to_string(),
            })
        });
        out
    }

    #[test]
    fn normalizes_full_width_and_case() {
        assert_eq!(normalize("ＶＯＣｓ在线监测"), "vocs在线监测");
        assert_eq!(normalize("NB-IoT\u{3000}计量"), "nb-iot 计量");
    }

    #[test]
    fn han_runs_give_bigrams_and_english_gives_words() {
        assert_eq!(tokens("储氢合金"), vec!["储氢", "氢合", "合金"]);
        assert_eq!(
            tokens("基于nb-iot的智能计量"),
            vec!["基于", "nb", "iot", "的智", "智能", "能计", "计量"]
        );
        // a lone Han character is kept; digits alone are not words
        assert_eq!(tokens("镁、2019年tmr"), vec!["镁", "年", "tmr"]);
    }

    #[test]
    fn request_words_are_left_out_of_terms() {
        let keys = term_keys("储氢技术需求");
        assert_eq!(keys.len(), 3, "储氢, 氢技 and 术需 stay; 技术 and 需求 go");
        assert!(!keys.contains(&Token::Bigram('需', '求').key()));
        assert!(!keys.contains(&Token::Bigram('技', '术').key()));
    }

    #[test]
    fn keys_are_stable_and_distinct() {
        assert_eq!(Token::Word("vocs").key(), Token::Word("vocs").key());
        assert_ne!(
            Token::Bigram('稀', '土').key(),
            Token::Bigram('土', '稀').key()
        );
        assert_ne!(Token::Single('镁').key(), Token::Word("镁").key());
    }

    #[test]
    fn pinyin_keys_join_syllables_and_match_homophones() {
        assert_eq!(pinyin_key("稀土"), "xitu");
        assert_eq!(pinyin_key("钕铁硼"), pinyin_key("钕铁棚"));
        assert_eq!(pinyin_key("TMR饲喂"), "tmrsiwei");
    }

    #[test]
    fn common_phrases_are_longest_first_and_not_generic() {
        assert_eq!(
            common_phrases("稀土储氢合金性能提升需求", "稀土储氢合金性能提升技术", 2),
            vec!["稀土储氢合金性能提升"]
        );
        assert_eq!(
            common_phrases(
                "碳化硅陶瓷低成本烧结技术需求",
                "碳化硅陶瓷低成本制备工艺",
                3
            ),
            vec!["碳化硅陶瓷低成本"]
        );
        assert!(common_phrases("风电制氢技术需求", "光伏组件制备技术", 3).is_empty());
    }
}
