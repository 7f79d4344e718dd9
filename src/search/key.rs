//! One record's search key: its text lower-cased, its full pinyin and its pinyin
//! initials, each with a map back to the char positions of the original text.
use nucleo_matcher::Utf32String;
use pinyin::ToPinyin;

/// The precomputed forms of one record's searchable text.
#[derive(Debug, Clone)]
pub struct SearchKey {
    pub(crate) text: Utf32String,
    pub(crate) pinyin: Utf32String,
    /// For each char of `pinyin`, the char index in the original text it came from.
    pub(crate) pinyin_map: Vec<u32>,
    pub(crate) initials: Utf32String,
    pub(crate) initials_map: Vec<u32>,
    /// Whether the text has any Chinese character (else pinyin forms add nothing).
    pub(crate) has_han: bool,
}

impl SearchKey {
    pub fn new(text: &str) -> SearchKey {
        let lower: String = text.chars().flat_map(char::to_lowercase).collect();
        let mut pinyin = String::new();
        let mut pinyin_map = Vec::new();
        let mut initials = String::new();
        let mut initials_map = Vec::new();
        let mut has_han = false;
        // `to_lowercase` can change the char count only for a few scripts; index by the
        // original chars so highlights land on what is drawn.
        for (index, ch) in text.chars().enumerate() {
            let index = index as u32;
            match ch.to_pinyin() {
                Some(p) => {
                    has_han = true;
                    for c in p.plain().chars() {
                        pinyin.push(c);
                        pinyin_map.push(index);
                    }
                    if let Some(first) = p.plain().chars().next() {
                        initials.push(first);
                        initials_map.push(index);
                    }
                }
                None => {
                    for c in ch.to_lowercase() {
                        pinyin.push(c);
                        pinyin_map.push(index);
                        if c.is_alphanumeric() {
                            initials.push(c);
                            initials_map.push(index);
                        }
                    }
                }
            }
        }
        SearchKey {
            text: Utf32String::from(lower),
            pinyin: Utf32String::from(pinyin),
            pinyin_map,
            initials: Utf32String::from(initials),
            initials_map,
            has_han,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_initials_map_back_to_the_chars() {
        let key = SearchKey::new("稀土A5");
        assert_eq!(key.pinyin.to_string(), "xitua5");
        assert_eq!(key.initials.to_string(), "xta5");
        assert_eq!(key.pinyin_map, vec![0, 0, 1, 1, 2, 3]);
        assert_eq!(key.initials_map, vec![0, 1, 2, 3]);
        assert!(key.has_han);
        assert!(!SearchKey::new("LoRa").has_han);
    }
}
