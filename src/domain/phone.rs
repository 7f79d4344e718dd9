//! Contact details: mainland phone numbers and e-mail addresses (normalising and masking), and name masking.
use crate::domain::lang::Lang;

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("enter a phone number")]
    Empty,
    #[error("not a phone number (mobile: 11 digits; landline: with area code)")]
    Invalid,
}

impl PhoneError {
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            PhoneError::Empty => ("请输入电话号码", "enter a phone number"),
            PhoneError::Invalid => (
                "电话号码格式不正确（手机11位，座机需带区号）",
                "not a phone number (mobile: 11 digits; landline: with area code)",
            ),
        };
        lang.pick(zh, en).to_string()
    }
}

/// Why an e-mail address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("enter an e-mail address")]
    Empty,
    #[error("not an e-mail address (e.g. name@example.com)")]
    Invalid,
}

impl EmailError {
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            EmailError::Empty => ("请输入电子邮箱", "enter an e-mail address"),
            EmailError::Invalid => (
                "电子邮箱格式不正确（例如 name@example.com）",
                "not an e-mail address (e.g. name@example.com)",
            ),
        };
        lang.pick(zh, en).to_string()
    }
}

/// Full-width ASCII to half-width, ideographic space to space, dash look-alikes to `-`.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        _ => c,
    }
}

/// Longest extension accepted, in digits.
const MAX_EXTENSION: usize = 6;

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_extension(s: &str) -> bool {
    is_digits(s) && s.len() <= MAX_EXTENSION
}

/// 010 and 02X are the three-digit area codes; the others are 03XX–09XX.
fn is_area_code(s: &str) -> bool {
    let b = s.as_bytes();
    is_digits(s)
        && match b.len() {
            3 => s == "010" || s.starts_with("02"),
            4 => b[0] == b'0' && (b'3'..=b'9').contains(&b[1]),
            _ => false,
        }
}

fn is_local_number(s: &str) -> bool {
    is_digits(s) && (7..=8).contains(&s.len()) && !s.starts_with('0')
}

fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && is_digits(s) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Splits off an extension written as `转123`, `分机123`, `ext 123` or `ext. 123`.
fn split_extension(s: &str) -> Result<(&str, Option<&str>), PhoneError> {
    let marker = ["转", "分机", "ext"]
        .iter()
        .filter_map(|m| s.find(m).map(|at| (at, m.len())))
        .min();
    let Some((at, len)) = marker else {
        return Ok((s, None));
    };
    let (main, rest) = (&s[..at], &s[at + len..]);
    let ext = rest
        .trim_start_matches(|c: char| c == '.' || c == ':' || c == '号' || c.is_whitespace())
        .trim_end();
    if is_extension(ext) {
        Ok((main, Some(ext)))
    } else {
        Err(PhoneError::Invalid)
    }
}

/// Removes the first `n` digits from the digit groups, dropping groups that become empty.
fn drop_leading_digits(groups: &mut Vec<String>, mut n: usize) {
    while n > 0 {
        let Some(first) = groups.first_mut() else {
            return;
        };
        if first.len() <= n {
            n -= first.len();
            groups.remove(0);
        } else {
            first.replace_range(..n, "");
            n = 0;
        }
    }
}

fn landline(area: &str, local: &str, ext: Option<&str>) -> String {
    match ext {
        Some(ext) => format!("{area}-{local}-{ext}"),
        None => format!("{area}-{local}"),
    }
}

/// Splits a run of digits without separators: 010 and 02X take three digits, others four.
fn split_unseparated(digits: &str, ext: Option<&str>) -> Option<String> {
    let area_len = if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    };
    let area = digits.get(..area_len)?;
    let local = digits.get(area_len..)?;
    (is_area_code(area) && is_local_number(local)).then(|| landline(area, local, ext))
}

/// Normalises a mainland phone number.
///
/// Mobiles (`1[3-9]` and nine more digits, with optional `+86`, `86` or `0086`) are stored
/// as their 11 digits; landlines as `0471-1234567`, or `0471-1234567-123` with an extension.
pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let converted: String = input.chars().map(half_width).collect();
    let lowered = converted.trim().to_ascii_lowercase();
    if lowered.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (main, ext) = split_extension(&lowered)?;
    let main = main.trim();

    let plus = main.starts_with('+');
    let body = main.strip_prefix('+').unwrap_or(main);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return Err(PhoneError::Invalid);
    }
    let mut groups: Vec<String> = body
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    let digits: String = groups.concat();

    // Country code.
    let international = if plus {
        if !digits.starts_with("86") {
            return Err(PhoneError::Invalid);
        }
        drop_leading_digits(&mut groups, 2);
        true
    } else if digits.starts_with("0086") {
        drop_leading_digits(&mut groups, 4);
        true
    } else if digits.len() == 13 && digits.starts_with("861") {
        drop_leading_digits(&mut groups, 2);
        true
    } else {
        false
    };
    let mut digits: String = groups.concat();

    // Mobile, possibly with the old long-distance 0 in front.
    if ext.is_none() {
        if is_mobile(&digits) {
            return Ok(digits);
        }
        if !international
            && digits.len() == 12
            && digits.starts_with('0')
            && is_mobile(&digits[1..])
        {
            return Ok(digits[1..].to_string());
        }
    }

    // Landline; from abroad the area code is written without its 0.
    if international && !digits.starts_with('0') {
        if let Some(first) = groups.first_mut() {
            first.insert(0, '0');
        }
        digits.insert(0, '0');
    }
    if !digits.starts_with('0') {
        return Err(PhoneError::Invalid);
    }

    if groups.len() >= 2 && is_area_code(&groups[0]) {
        let area = &groups[0];
        let rest = &groups[1..];
        let joined = rest.concat();
        if is_local_number(&joined) {
            return Ok(landline(area, &joined, ext));
        }
        if ext.is_none() && rest.len() >= 2 {
            let (last, local_groups) = rest.split_last().ok_or(PhoneError::Invalid)?;
            let local = local_groups.concat();
            if is_extension(last) && is_local_number(&local) {
                return Ok(landline(area, &local, Some(last)));
            }
        }
        return Err(PhoneError::Invalid);
    }

    if let Some(found) = split_unseparated(&digits, ext) {
        return Ok(found);
    }
    // `04711234567-123`: the last group is the extension.
    if ext.is_none()
        && groups.len() >= 2
        && let Some((last, first_groups)) = groups.split_last()
        && is_extension(last)
        && let Some(found) = split_unseparated(&first_groups.concat(), Some(last))
    {
        return Ok(found);
    }
    Err(PhoneError::Invalid)
}

/// Replaces every ASCII digit but the last `keep` with `*`.
fn mask_digits_keep_last(s: &str, keep: usize) -> String {
    let total = s.bytes().filter(u8::is_ascii_digit).count();
    let mut seen = 0usize;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + keep <= total {
                    return '*';
                }
            }
            c
        })
        .collect()
}

/// Masks a normalised number: `13800001234` → `138****1234`, `0471-1234567` → `0471-***4567`
/// (area code, extension and the last four digits of the local number stay).
pub fn mask_phone(normalized: &str) -> String {
    if is_mobile(normalized) {
        return format!("{}****{}", &normalized[..3], &normalized[7..]);
    }
    if let Some((area, rest)) = normalized.split_once('-') {
        let (local, ext) = match rest.split_once('-') {
            Some((local, ext)) => (local, Some(ext)),
            None => (rest, None),
        };
        let masked = mask_digits_keep_last(local, 4);
        return match ext {
            Some(ext) => format!("{area}-{masked}-{ext}"),
            None => format!("{area}-{masked}"),
        };
    }
    mask_digits_keep_last(normalized, 4)
}

fn is_invisible_or_control(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}'
        )
}

/// Checks an e-mail address and returns it trimmed, with full-width ASCII made half-width
/// and the domain lower-cased.
pub fn validate_email(input: &str) -> Result<String, EmailError> {
    let converted: String = input.trim().chars().map(half_width).collect();
    let s = converted.trim();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if s.chars().any(is_invisible_or_control) || s.len() > 254 {
        return Err(EmailError::Invalid);
    }
    let (local, domain) = s.split_once('@').ok_or(EmailError::Invalid)?;
    let domain = domain.to_lowercase();
    let domain_ok = domain.contains('.')
        && !domain.contains('@')
        && domain.split('.').all(|label| !label.is_empty());
    if local.is_empty() || local.len() > 64 || !domain_ok {
        return Err(EmailError::Invalid);
    }
    Ok(format!("{local}@{domain}"))
}

/// `zhang@example.com` → `z***@example.com`.
pub fn mask_email(e: &str) -> String {
    let (local, domain) = match e.split_once('@') {
        Some((local, domain)) => (local, Some(domain)),
        None => (e, None),
    };
    let first: String = local.chars().take(1).collect();
    match domain {
        Some(domain) => format!("{first}***@{domain}"),
        None => format!("{first}***"),
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii() || (c.is_alphabetic() && (c as u32) < 0x0250)
}

/// Masks a person's name: `王明` → `王*`, `王小明` → `王*明`, `欧阳小明` → `欧**明`;
/// Latin names keep each word's first letter: `Zhang Wei` → `Z*** W***`.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    if name.chars().all(is_latin) {
        return name
            .split_whitespace()
            .map(|word| {
                let first: String = word.chars().take(1).collect();
                format!("{first}***")
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.as_slice() {
        [] => String::new(),
        [_] => "*".to_string(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => {
            let stars = "*".repeat(middle.len());
            format!("{first}{stars}{last}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str) -> Result<String, PhoneError> {
        Ok(s.to_string())
    }

    #[test]
    fn mobiles() {
        assert_eq!(normalize_phone("13800001234"), ok("13800001234"));
        assert_eq!(normalize_phone(" 138 0000 1234 "), ok("13800001234"));
        assert_eq!(normalize_phone("138-0000-1234"), ok("13800001234"));
        assert_eq!(normalize_phone("１３８００００１２３４"), ok("13800001234"));
        assert_eq!(normalize_phone("+86 138 0000 1234"), ok("13800001234"));
        assert_eq!(normalize_phone("+8613800001234"), ok("13800001234"));
        assert_eq!(
            normalize_phone("＋８６－１３８００００１２３４"),
            ok("13800001234")
        );
        assert_eq!(normalize_phone("8613800001234"), ok("13800001234"));
        assert_eq!(normalize_phone("0086 13800001234"), ok("13800001234"));
        assert_eq!(normalize_phone("013800001234"), ok("13800001234"));
        assert_eq!(normalize_phone("19912345678"), ok("19912345678"));
    }

    #[test]
    fn landlines() {
        assert_eq!(normalize_phone("0471-1234567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("(0471)1234567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("（0471）1234567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("0471 1234 567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("04711234567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("010-12345678"), ok("010-12345678"));
        assert_eq!(normalize_phone("01012345678"), ok("010-12345678"));
        assert_eq!(normalize_phone("02112345678"), ok("021-12345678"));
        assert_eq!(normalize_phone("0471-12345678"), ok("0471-12345678"));
        assert_eq!(
            normalize_phone("０４７１－１２３４５６７"),
            ok("0471-1234567")
        );
        assert_eq!(normalize_phone("+86 471 1234567"), ok("0471-1234567"));
        assert_eq!(normalize_phone("0086-10-12345678"), ok("010-12345678"));
    }

    #[test]
    fn extensions() {
        assert_eq!(normalize_phone("0471-1234567转123"), ok("0471-1234567-123"));
        assert_eq!(normalize_phone("0471-1234567-123"), ok("0471-1234567-123"));
        assert_eq!(
            normalize_phone("0471-1234567 ext 123"),
            ok("0471-1234567-123")
        );
        assert_eq!(
            normalize_phone("0471-1234567 EXT. 123"),
            ok("0471-1234567-123")
        );
        assert_eq!(
            normalize_phone("04711234567分机123"),
            ok("0471-1234567-123")
        );
        assert_eq!(normalize_phone("04711234567-123"), ok("0471-1234567-123"));
        assert_eq!(normalize_phone("(010)12345678转8"), ok("010-12345678-8"));
    }

    #[test]
    fn refusals() {
        assert_eq!(normalize_phone(""), Err(PhoneError::Empty));
        assert_eq!(normalize_phone("  "), Err(PhoneError::Empty));
        for bad in [
            "12345",
            "12800001234",
            "1380000123",
            "138000012345",
            "13800001234转5",
            "abc",
            "0471-123456",
            "0471-123456789",
            "0471-0234567",
            "0123-1234567",
            "047-1234567",
            "+1 415 555 0100",
            "0471-1234567转",
            "0471-1234567转abc",
            "0471-1234567转1234567",
            "4711234567",
            "0471+1234567",
            "138 0000 1234 #",
        ] {
            assert_eq!(normalize_phone(bad), Err(PhoneError::Invalid), "{bad}");
        }
    }

    #[test]
    fn phone_messages() {
        assert_eq!(
            PhoneError::Invalid.message(Lang::Zh),
            "电话号码格式不正确（手机11位，座机需带区号）"
        );
        assert_eq!(
            PhoneError::Invalid.message(Lang::En),
            "not a phone number (mobile: 11 digits; landline: with area code)"
        );
        assert_eq!(PhoneError::Empty.message(Lang::Zh), "请输入电话号码");
    }

    #[test]
    fn masks_phones() {
        assert_eq!(mask_phone("13800001234"), "138****1234");
        assert_eq!(mask_phone("0471-1234567"), "0471-***4567");
        assert_eq!(mask_phone("0471-12345678"), "0471-****5678");
        assert_eq!(mask_phone("0471-1234567-123"), "0471-***4567-123");
        assert_eq!(mask_phone("123"), "123");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("+1 415 555 0100"), "+* *** *** 0100");
    }

    #[test]
    fn emails() {
        assert_eq!(
            validate_email("  Zhang.Wei@Example.COM "),
            Ok("Zhang.Wei@example.com".to_string())
        );
        assert_eq!(
            validate_email("zhang＠example．com"),
            Ok("zhang@example.com".to_string())
        );
        assert_eq!(validate_email(""), Err(EmailError::Empty));
        for bad in [
            "zhang",
            "@example.com",
            "zhang@",
            "zhang@example",
            "zhang@@example.com",
            "zh@ng@example.com",
            "zhang wei@example.com",
            "zhang@example..com",
            "zhang@.com",
            "zhang@example.com.",
            "zhang\u{202E}@example.com",
            "zhang\x1b@example.com",
        ] {
            assert_eq!(validate_email(bad), Err(EmailError::Invalid), "{bad}");
        }
        assert_eq!(
            EmailError::Invalid.message(Lang::En),
            EmailError::Invalid.to_string()
        );
    }

    #[test]
    fn masks_emails_and_names() {
        assert_eq!(mask_email("zhang@example.com"), "z***@example.com");
        assert_eq!(mask_email("张@example.com"), "张***@example.com");
        assert_eq!(mask_email("@example.com"), "***@example.com");
        assert_eq!(mask_email("nonsense"), "n***");
        assert_eq!(mask_name("王明"), "王*");
        assert_eq!(mask_name("王小明"), "王*明");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name(" 王小明 "), "王*明");
        assert_eq!(mask_name("Zhang Wei"), "Z*** W***");
        assert_eq!(mask_name("Émile  Zola"), "É*** Z***");
        assert_eq!(mask_name(""), "");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = normalize_phone(&s);
            let _ = mask_phone(&s);
            let _ = validate_email(&s);
            let _ = mask_email(&s);
            let _ = mask_name(&s);
        }

        #[test]
        fn phone_like_text_never_panics(s in "[-+()（）０-９0-9 转分机ext.]{0,25}") {
            if let Ok(n) = normalize_phone(&s) {
                prop_assert_eq!(normalize_phone(&n), Ok(n.clone()));
            }
        }

        #[test]
        fn mobiles_round_trip(second in 3u8..=9, rest in "[0-9]{9}") {
            let n = format!("1{second}{rest}");
            prop_assert_eq!(normalize_phone(&n), Ok(n.clone()));
            let spaced = format!("+86 {} {} {}", &n[..3], &n[3..7], &n[7..]);
            prop_assert_eq!(normalize_phone(&spaced), Ok(n.clone()));
            let masked = mask_phone(&n);
            prop_assert_eq!(masked.chars().filter(|&c| c == '*').count(), 4);
        }

        #[test]
        fn landlines_round_trip(area in "0[3-9][0-9]{2}|010|02[0-9]", local in "[2-8][0-9]{6,7}") {
            let stored = format!("{area}-{local}");
            prop_assert_eq!(normalize_phone(&format!("{area}{local}")), Ok(stored.clone()));
            prop_assert_eq!(normalize_phone(&format!("({area}) {local}")), Ok(stored.clone()));
            prop_assert_eq!(normalize_phone(&stored), Ok(stored.clone()));
        }
    }
}
