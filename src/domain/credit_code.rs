//! 统一社会信用代码 (unified social credit code, GB 32100-2015): normalisation and validation.
use crate::domain::lang::Lang;

/// The 31 characters a credit code may use (I, O, Z, S and V are excluded).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ALPHABET_BYTES: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights 3^(i-1) mod 31 for positions 1..=17.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a credit code was refused. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("must be 18 characters, got {len}")]
    WrongLength { len: usize },
    #[error("character “{ch}” at position {position} is not allowed")]
    BadCharacter { position: usize, ch: char },
    #[error("characters 3–8 must be digits (administrative division code)")]
    RegionNotDigits,
    #[error("wrong check character")]
    CheckCharacter { expected: char, found: char },
}

impl CreditCodeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CreditCodeError::WrongLength { len }, Lang::Zh) => format!("应为18位，实际为{len}位"),
            (CreditCodeError::BadCharacter { position, ch }, Lang::Zh) => {
                format!("第{position}位字符“{ch}”不允许")
            }
            (CreditCodeError::RegionNotDigits, Lang::Zh) => "第3–8位应为行政区划数字".to_string(),
            (CreditCodeError::CheckCharacter { .. }, Lang::Zh) => "校验位错误".to_string(),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// Trims, turns full-width ASCII (U+FF01..U+FF5E) into half-width, drops all inner
/// whitespace (ideographic space included) and upper-cases ASCII letters.
pub fn normalize_credit_code(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn value_of(c: char) -> Option<u32> {
    let b = u8::try_from(c).ok()?;
    ALPHABET_BYTES
        .iter()
        .position(|&a| a == b)
        .and_then(|p| u32::try_from(p).ok())
}

fn alphabet_char(index: u32) -> Option<char> {
    ALPHABET_BYTES
        .get(usize::try_from(index).ok()?)
        .map(|&b| char::from(b))
}

/// The check character for the first 17 characters of a code (normalised first);
/// `None` unless they are exactly 17 characters from [`ALPHABET`].
pub fn compute_check_char(first17: &str) -> Option<char> {
    let normalized = normalize_credit_code(first17);
    let mut count = 0usize;
    let mut sum = 0u32;
    for (c, weight) in normalized.chars().zip(WEIGHTS.iter()) {
        sum += value_of(c)? * weight;
        count += 1;
    }
    if count != 17 || normalized.chars().count() != 17 {
        return None;
    }
    let check = (31 - sum % 31) % 31;
    alphabet_char(check)
}

/// Returns the normalised code when it is a valid 统一社会信用代码.
pub fn validate_credit_code(input: &str) -> Result<String, CreditCodeError> {
    let code = normalize_credit_code(input);
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::WrongLength { len: chars.len() });
    }
    if let Some((i, &ch)) = chars
        .iter()
        .enumerate()
        .find(|(_, c)| value_of(**c).is_none())
    {
        return Err(CreditCodeError::BadCharacter {
            position: i + 1,
            ch,
        });
    }
    if !chars[2..8].iter().all(char::is_ascii_digit) {
        return Err(CreditCodeError::RegionNotDigits);
    }
    let prefix: String = chars[..17].iter().collect();
    let expected = compute_check_char(&prefix).ok_or(CreditCodeError::BadCharacter {
        position: 1,
        ch: chars[0],
    })?;
    let found = chars[17];
    if expected != found {
        return Err(CreditCodeError::CheckCharacter { expected, found });
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for &weight in &WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
        assert_eq!(ALPHABET.len(), 31);
        for banned in ['I', 'O', 'Z', 'S', 'V'] {
            assert!(!ALPHABET.contains(banned));
        }
    }

    #[test]
    fn known_codes() {
        assert_eq!(
            validate_credit_code("91350100M000100Y43"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("91350100M000100Y4Z"),
            Err(CreditCodeError::BadCharacter {
                position: 18,
                ch: 'Z'
            })
        );
        assert_eq!(
            validate_credit_code("91350100M000100Y44"),
            Err(CreditCodeError::CheckCharacter {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(compute_check_char("91350100M000100Y4"), Some('3'));
    }

    #[test]
    fn normalises_case_width_and_spaces() {
        assert_eq!(
            validate_credit_code("  91350100m000100y43 "),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("９１３５０１００Ｍ０００１００Ｙ４３"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("9135 0100 m000 100y 43"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("\u{3000}９１３５０１００ｍ０００１００ｙ４３\u{3000}"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(normalize_credit_code(" ａb c "), "ABC");
    }

    #[test]
    fn refusals() {
        assert_eq!(
            validate_credit_code(""),
            Err(CreditCodeError::WrongLength { len: 0 })
        );
        assert_eq!(
            validate_credit_code("91350100M000100Y4"),
            Err(CreditCodeError::WrongLength { len: 17 })
        );
        assert_eq!(
            validate_credit_code("中国350100M000100Y43"),
            Err(CreditCodeError::BadCharacter {
                position: 1,
                ch: '中'
            })
        );
        assert_eq!(
            validate_credit_code("9135010OM000100Y43"),
            Err(CreditCodeError::BadCharacter {
                position: 8,
                ch: 'O'
            })
        );
        assert_eq!(
            validate_credit_code("913501A0M000100Y43"),
            Err(CreditCodeError::RegionNotDigits)
        );
        assert_eq!(compute_check_char("91350100M000100Y"), None);
        assert_eq!(compute_check_char("91350100M000100Y4Z"), None);
        assert_eq!(compute_check_char("91350100M000100YI"), None);
    }

    #[test]
    fn messages() {
        assert_eq!(
            CreditCodeError::WrongLength { len: 17 }.message(Lang::Zh),
            "应为18位，实际为17位"
        );
        assert_eq!(
            CreditCodeError::BadCharacter {
                position: 5,
                ch: 'O'
            }
            .message(Lang::Zh),
            "第5位字符“O”不允许"
        );
        assert_eq!(
            CreditCodeError::RegionNotDigits.message(Lang::Zh),
            "第3–8位应为行政区划数字"
        );
        assert_eq!(
            CreditCodeError::CheckCharacter {
                expected: '3',
                found: '4'
            }
            .message(Lang::Zh),
            "校验位错误"
        );
        assert_eq!(
            CreditCodeError::WrongLength { len: 17 }.message(Lang::En),
            "must be 18 characters, got 17"
        );
    }

    fn alphabet_char_strategy() -> impl Strategy<Value = char> {
        (0u32..31).prop_map(|i| alphabet_char(i).unwrap_or('0'))
    }

    fn valid_code() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(alphabet_char_strategy(), 2),
            proptest::collection::vec(proptest::char::range('0', '9'), 6),
            proptest::collection::vec(alphabet_char_strategy(), 9),
        )
            .prop_map(|(a, region, b)| {
                let prefix: String = a.into_iter().chain(region).chain(b).collect();
                let check = compute_check_char(&prefix).expect("17 alphabet characters");
                format!("{prefix}{check}")
            })
    }

    proptest! {
        #[test]
        fn generated_codes_are_valid_and_single_substitutions_are_caught(code in valid_code()) {
            prop_assert_eq!(validate_credit_code(&code), Ok(code.clone()));
            prop_assert_eq!(validate_credit_code(&code.to_lowercase()), Ok(code.clone()));
            let chars: Vec<char> = code.chars().collect();
            for pos in 0..18 {
                for replacement in ALPHABET.chars() {
                    if replacement == chars[pos] {
                        continue;
                    }
                    let mut changed = chars.clone();
                    changed[pos] = replacement;
                    let changed: String = changed.into_iter().collect();
                    prop_assert!(
                        validate_credit_code(&changed).is_err(),
                        "{} (from {}) was accepted", changed, code
                    );
                }
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = validate_credit_code(&s);
            let _ = compute_check_char(&s);
        }
    }
}
